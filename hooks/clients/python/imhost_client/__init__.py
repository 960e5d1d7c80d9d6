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
    verdicts.py     pre-flight, respawn and launch decisions (pure)
    xvfb.py         a private X server when there is no DISPLAY
    waiting.py      until(): a condition polled with a deadline
    pytest_plugin.py  the `live_gui` fixture (load with -p imhost_client.pytest_plugin)
"""

from .client import HookClient, Response, as_target
from .errors import (AmbiguousElement, Busy, ElementClickIntercepted, ElementNotInteractable,
                     Forbidden, GuiNotRunning, HookError, HookTimeout, ImhostError,
                     InvalidArgument, InvalidElementState, InvalidSelector, LaunchError,
                     LengthRequired, NoSuchElement, NoSuchWindow, PayloadTooLarge,
                     PortFileError, StaleElementReference, TransportError,
                     UnableToCaptureScreen, Unauthorized, UnknownCommand, UnknownError,
                     UnknownMethod, UnsupportedMediaType, UnsupportedOperation,
                     error_from_envelope)
from .launcher import GuiProcess, launch
from .port_file import PortFile, parse_port_file, read_port_file
from .waiting import until

__all__ = [
    "until",
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
