"""Typed errors of the imhost hook API.

Every error answer of the API is an envelope::

    {"value": {"error": "no such element", "message": "...", "stacktrace": "...", "data": {...}}}

``error_from_envelope`` turns it into the matching ``HookError`` subclass, so a test can write
``except NoSuchElement:`` or ``except GuiNotRunning as e: print(e.phase, e.reason)``.
"""

from typing import Any, Optional


class ImhostError(Exception):
    """Base of every error raised by imhost_client."""


class TransportError(ImhostError):
    """No HTTP answer at all: connection refused, reset, or timed out."""


class PortFileError(ImhostError):
    """The port file is missing, partial, not JSON, or lacks a field."""


class LaunchError(ImhostError):
    """imhost did not reach health `pass` (it exited, or the deadline passed). The message
    carries the reason and the stderr tail."""


class HookError(ImhostError):
    """An error envelope. ``code`` is the API's error code ("no such element", ...)."""

    code: Optional[str] = None  # set on subclasses; None for an unknown code

    def __init__(self, status: int, code: Optional[str], message: str, data: Any = None,
                 stacktrace: str = "") -> None:
        super().__init__(f"{code} (HTTP {status}): {message}")
        self.status = status
        self.code = code
        self.message = message
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.stacktrace = stacktrace or ""


class InvalidArgument(HookError):
    code = "invalid argument"


class InvalidSelector(HookError):
    code = "invalid selector"


class AmbiguousElement(HookError):
    code = "ambiguous element"


class ElementNotInteractable(HookError):
    code = "element not interactable"


class ElementClickIntercepted(HookError):
    code = "element click intercepted"


class InvalidElementState(HookError):
    code = "invalid element state"


class Unauthorized(HookError):
    code = "unauthorized"


class Forbidden(HookError):
    code = "forbidden"


class NoSuchElement(HookError):
    code = "no such element"


class NoSuchWindow(HookError):
    code = "no such window"


class StaleElementReference(HookError):
    code = "stale element reference"


class UnknownCommand(HookError):
    code = "unknown command"


class UnknownMethod(HookError):
    code = "unknown method"


class LengthRequired(HookError):
    code = "length required"


class PayloadTooLarge(HookError):
    code = "payload too large"


class UnsupportedMediaType(HookError):
    code = "unsupported media type"


class HookTimeout(HookError):
    code = "timeout"


class UnableToCaptureScreen(HookError):
    code = "unable to capture screen"


class UnsupportedOperation(HookError):
    code = "unsupported operation"


class UnknownError(HookError):
    code = "unknown error"


class Busy(HookError):
    code = "busy"


class GuiNotRunning(HookError):
    """503: the frame loop is not running. ``phase`` and ``reason`` say why."""

    code = "gui not running"

    @property
    def phase(self) -> Optional[str]:
        return self.data.get("phase")

    @property
    def reason(self) -> Optional[str]:
        return self.data.get("reason")


ERROR_CLASSES: dict[Optional[str], type[HookError]] = {
    cls.code: cls
    for cls in (InvalidArgument, InvalidSelector, AmbiguousElement, ElementNotInteractable,
                ElementClickIntercepted, InvalidElementState, Unauthorized, Forbidden,
                NoSuchElement, NoSuchWindow, StaleElementReference, UnknownCommand,
                UnknownMethod, LengthRequired, PayloadTooLarge, UnsupportedMediaType,
                HookTimeout, UnableToCaptureScreen, UnsupportedOperation, UnknownError, Busy,
                GuiNotRunning)
}


def error_from_envelope(status: int, body: Any, raw: bytes = b"") -> HookError:
    """The HookError for a non-2xx answer. ``body`` is the parsed JSON (or None)."""
    value = body.get("value") if isinstance(body, dict) else None
    if isinstance(value, dict) and isinstance(value.get("error"), str):
        code = value["error"]
        cls = ERROR_CLASSES.get(code, HookError)
        return cls(status, code, str(value.get("message", "")), value.get("data"),
                   str(value.get("stacktrace", "") or ""))
    text = raw.decode("utf-8", "replace")[:500] if isinstance(raw, bytes) else str(raw)[:500]
    return UnknownError(status, "unknown error", f"no error envelope in the answer: {text!r}")
