"""Writes static/vendor/: the Leaflet files the map loads, and their manifest.

This tool owns static/vendor/leaflet/ and static/vendor/manifest.json;
it rewrites them whole on every run. Run it with ``python -m tools.vendor_assets``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"
MANIFEST = VENDOR / "manifest.json"


@dataclass(frozen=True)
class Package:
    """One npm package: which of its files the map needs, and where they go."""

    name: str
    version: str
    # The registry's sha512 of the tarball. npm versions are immutable, so a different value
    # means the download is not what was reviewed; stop rather than vendor it.
    integrity: str
    # Path inside the tarball's "package/" folder -> path under static/vendor/<name>/.
    files: dict[str, str]

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


PACKAGES = (
    Package(
        name="leaflet",
        version="1.9.4",
        integrity=(
            "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
        ),
        files={
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.css": "leaflet.css",
            # leaflet.css refers to these by url(images/...), so they sit next to it.
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
            "LICENSE": "LICENSE",
        },
    ),
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_pack(packages: tuple[Package, ...], into: Path) -> list[dict[str, object]]:
    """Download the tarballs with npm itself, so its registry settings and checks apply."""
    # --ignore-scripts: nothing from a downloaded package runs on this machine.
    result = subprocess.run(
        ["npm", "pack", "--json", "--ignore-scripts", *(p.spec for p in packages)],
        cwd=into,
        check=True,
        capture_output=True,
        text=True,
    )
    reports: list[dict[str, object]] = json.loads(result.stdout)
    return reports


def extract(tarball: Path, into: Path) -> Path:
    """Unpack a tarball; the "data" filter refuses links and paths outside ``into``."""
    with tarfile.open(tarball) as archive:
        archive.extractall(into, filter="data")
    return into / "package"


def vendor(package: Package, unpacked: Path, license_id: str) -> dict[str, object]:
    """Copy one package's files into static/vendor/<name>/ and describe them."""
    target = VENDOR / package.name
    # Start from an empty folder, so a file dropped from the list does not linger.
    if target.exists():
        shutil.rmtree(target)
    entries = []
    for source, destination in sorted(package.files.items(), key=lambda item: item[1]):
        out = target / destination
        out.parent.mkdir(parents=True, exist_ok=True)
        # Bytes only: file times and modes from the tarball would not survive git anyway.
        out.write_bytes((unpacked / source).read_bytes())
        entries.append({"path": out.relative_to(VENDOR).as_posix(), "sha256": sha256(out)})
    return {
        "name": package.name,
        "version": package.version,
        "license": license_id,
        "integrity": package.integrity,
        "files": entries,
    }


def main() -> int:
    VENDOR.mkdir(parents=True, exist_ok=True)
    described = []
    with tempfile.TemporaryDirectory(prefix="vendor-assets-") as scratch:
        work = Path(scratch)
        reports = {str(r["name"]): r for r in npm_pack(PACKAGES, work)}
        for package in PACKAGES:
            report = reports[package.name]
            if report["version"] != package.version or report["integrity"] != package.integrity:
                print(
                    f"{package.spec}: npm returned version {report['version']}, "
                    f"integrity {report['integrity']}; expected {package.integrity}",
                    file=sys.stderr,
                )
                return 1
            unpacked = extract(work / str(report["filename"]), work / package.name)
            # The licence id comes from the package's own metadata, not from this file.
            metadata = json.loads((unpacked / "package.json").read_text(encoding="utf-8"))
            described.append(vendor(package, unpacked, str(metadata["license"])))
            print(f"{package.spec}: {len(package.files)} files")
    # Sorted keys, fixed indent and a final newline: re-running gives the same bytes.
    text = json.dumps({"packages": described}, indent=2, sort_keys=True) + "\n"
    MANIFEST.write_text(text, encoding="utf-8")
    print(f"wrote {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
