"""find_exe(): which app the pytest plugin launches, looked up the way a user expects.

    1. --imhost-exe PATH             given on the command line
    2. $IMHOST_EXE
    3. `imhost` on PATH              e.g. after `cmake --install build/release --prefix ~/.local`
    4. the build tree                when run inside an imhost checkout: <repo>/build/release/app/imhost

The first that is set wins, even when it does not exist: the launch then fails naming it, rather
than quietly running another imhost. When none is found, LaunchError names all four.
"""

import os
import shutil
from typing import Callable, Mapping, Optional

from .errors import LaunchError

BUILD_TREE_EXE = os.path.join("build", "release", "app", "imhost")
# A folder is an imhost checkout when it holds this file (the client's own project file).
CHECKOUT_MARKER = os.path.join("hooks", "clients", "python", "pyproject.toml")


def build_tree_exe(start: str) -> Optional[str]:
    """<checkout>/build/release/app/imhost of the imhost checkout holding `start`, if built."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, BUILD_TREE_EXE)
        if os.path.isfile(os.path.join(folder, CHECKOUT_MARKER)) and os.access(candidate, os.X_OK):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def find_exe(option: Optional[str], environ: Mapping[str, str], start: str,
             which: Callable[[str], Optional[str]] = shutil.which) -> str:
    """The app to launch, or LaunchError naming the four places looked at."""
    if option:
        return option
    if environ.get("IMHOST_EXE"):
        return environ["IMHOST_EXE"]
    on_path = which("imhost")
    if on_path:
        return on_path
    built = build_tree_exe(start)
    if built:
        return built
    raise LaunchError(
        "no imhost to launch. Looked for, in order:\n"
        "  1. --imhost-exe PATH: not given\n"
        "  2. $IMHOST_EXE: not set\n"
        "  3. imhost on PATH: not found (cmake --install puts it in <prefix>/bin)\n"
        f"  4. the build tree ({BUILD_TREE_EXE} of an imhost checkout holding {start}): none")
