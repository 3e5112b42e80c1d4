"""Where the project's data lives: the only module that spells file and folder names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DataPaths:
    """The files of one data set; tests point it at fixture trees."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def layers(self) -> Path:
        return self.root / "layers"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def schemas(self) -> Path:
        # Schemas describe the format, so every data set (fixtures too) uses the project's own.
        return REPO_ROOT / "data" / "schema"

    @property
    def passages(self) -> Path:
        return self.data / "passages.json"

    @property
    def sources(self) -> Path:
        return self.data / "sources.json"

    @property
    def corridors(self) -> Path:
        return self.data / "corridors.json"

    @property
    def conflicts(self) -> Path:
        return self.data / "conflicts.json"

    @property
    def vocabulary(self) -> Path:
        return self.data / "vocabulary.json"

    def layer_files(self) -> list[Path]:
        """Every layer file, sorted so that reports are stable."""
        return sorted(self.layers.glob("*.geojson"))

    def schema(self, name: str) -> Path:
        return self.schemas / f"{name}.schema.json"

    def relative(self, path: Path) -> str:
        """A path as shown in messages: relative to the data set's root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


DEFAULT_PATHS = DataPaths(REPO_ROOT)
BASEMAP = REPO_ROOT / "static" / "basemap" / "countries.geojson"
"""Natural Earth country outlines: what every data set is checked against, and the map's base
layer, which the browser fetches as a static file (so it sits in static/)."""
DATA_ROOT_VARIABLE = "CORRIDOR_ATLAS_DATA"
"""Environment variable naming another data set's root, e.g. a test fixture."""


def data_paths() -> DataPaths:
    """The data set the app serves: the repository's own unless the environment names another."""
    root = os.environ.get(DATA_ROOT_VARIABLE)
    return DataPaths(Path(root)) if root else DEFAULT_PATHS
