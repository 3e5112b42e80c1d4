"""The benchmarked apps as real `streamlit run` servers on free loopback ports.

Every server runs with the repository root as its working directory, so all three read its
`.streamlit/config.toml` (static serving on). Streamlit serves `static/` from next to the main
script (`file_util.get_app_static_dir(main_script_path)` is the script path's parent joined
with `static`, without resolving symlinks). The apps in bench/apps/ are not next to static/, so
each run makes a launch folder in its temp dir with two symlinks, `<app>.py` to the app and
`static` to the repository's static/, and runs the symlink: the server then serves the same
files as for app.py, and the script it runs is the committed file itself, not a copy or a
wrapper that would add its own work to every rerun.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from geo.paths import DATA_ROOT_VARIABLE, REPO_ROOT
from tests.browser.conftest import free_port, wait_until_healthy

APPS = ("app", "baseline", "floor")
"""Corridor Atlas itself, the tutorial-style baseline and the floor, in their default order."""
BENCH_APPS = REPO_ROOT / "bench" / "apps"
STOP_TIMEOUT_S = 10


@dataclass(frozen=True)
class Server:
    name: str
    url: str
    log: Path


def launch_folder(workdir: Path) -> Path:
    """A folder holding each bench app beside a `static` link to the repository's static/."""
    folder = workdir / "launch"
    folder.mkdir(exist_ok=True)
    links = {"static": REPO_ROOT / "static"}
    links |= {path.name: path for path in BENCH_APPS.glob("*.py")}
    for name, target in links.items():
        link = folder / name
        if not link.is_symlink():
            link.symlink_to(target)
    return folder


def script_of(app: str, workdir: Path) -> Path:
    if app == "app":
        return REPO_ROOT / "app.py"
    return launch_folder(workdir) / f"{app}.py"


def command(script: Path, port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        # No file watching: a commit landing mid-run must not reload the code being measured,
        # and no app pays the watcher's bookkeeping after every rerun.
        "--server.fileWatcherType", "none",
    ]  # fmt: skip


@contextmanager
def serving(
    apps: list[str], data_root: Path, workdir: Path, label: str
) -> Iterator[dict[str, Server]]:
    """Start one server per app on `data_root`; stop them all on exit, whatever happened."""
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "CORRIDOR_ATLAS_TILES": "off",
        DATA_ROOT_VARIABLE: str(data_root),
    }
    with ExitStack() as stack:
        servers: dict[str, Server] = {}
        for app in apps:
            port = free_port()
            log = workdir / f"{app}-{label}.log"
            out = stack.enter_context(log.open("wb"))
            process = subprocess.Popen(
                command(script_of(app, workdir), port),
                cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            stack.callback(stop, process)
            servers[app] = Server(app, f"http://127.0.0.1:{port}", log)
            wait_until_healthy(servers[app].url, process)
        yield servers


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
