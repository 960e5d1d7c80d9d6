"""imhost_client: drive and watch a running imhost over its hook API (stdlib only).

    from imhost_client import launch
    gui = launch("/path/to/imhost")          # fresh workspace, port 0, health `pass`
    gui.client.click("btn_project_new_automated")
    print(gui.client.state()["project"]["name"])
    gui.close()

Parts:
    client.py       HookClient: every endpoint; typed errors from errors.py
    port_file.py    the file imhost writes with its URL and token
    launcher.py     GuiProcess / launch(): start, observe, diagnose, stop an imhost
    exe_lookup.py   find_exe(): --imhost-exe, $IMHOST_EXE, imhost on PATH, the build tree
    verdicts.py     pre-flight, respawn and launch decisions (pure)
    xvfb.py         a private X server when there is no DISPLAY
    waiting.py      until(): a condition polled with a deadline
    pytest_plugin.py  the `live_gui` fixture (loaded by itself once the client is installed)

Install it offline: ``pip install --no-build-isolation hooks/clients/python`` (a venv made with
``python3 -m venv --system-site-packages``). Typed: mypy --strict passes, and py.typed says so.
"""

from .client import HookClient, Locator, Response, Target, as_target
from .errors import (AmbiguousElement, Busy, ElementClickIntercepted, ElementNotInteractable,
                     Forbidden, GuiNotRunning, HookError, HookTimeout, ImhostError,
                     InvalidArgument, InvalidElementState, InvalidSelector, LaunchError,
                     LengthRequired, NoSuchElement, NoSuchWindow, PayloadTooLarge,
                     PortFileError, StaleElementReference, TransportError,
                     UnableToCaptureScreen, Unauthorized, UnknownCommand, UnknownError,
                     UnknownMethod, UnsupportedMediaType, UnsupportedOperation,
                     error_from_envelope)
from .exe_lookup import find_exe
from .launcher import Diagnosis, GuiProcess, launch
from .port_file import PortFile, parse_port_file, read_port_file
from .waiting import until

__all__ = [
    "until", "find_exe", "Diagnosis", "Locator", "Target",
    "AmbiguousElement", "Busy", "ElementClickIntercepted", "ElementNotInteractable",
    "Forbidden", "GuiNotRunning", "GuiProcess", "HookClient", "HookError", "HookTimeout",
    "ImhostError", "InvalidArgument", "InvalidElementState", "InvalidSelector",
    "LaunchError", "LengthRequired", "NoSuchElement", "NoSuchWindow", "PayloadTooLarge",
    "PortFile", "PortFileError", "Response", "StaleElementReference", "TransportError",
    "UnableToCaptureScreen", "Unauthorized", "UnknownCommand", "UnknownError",
    "UnknownMethod", "UnsupportedMediaType", "UnsupportedOperation", "as_target",
    "error_from_envelope", "launch", "parse_port_file",
    "read_port_file",
]
