"""HookClient: the imhost hook API over HTTP (stdlib only).

    client = HookClient("http://127.0.0.1:8999", token)
    client.health()                       # the /api/gui_health document, also when it is 503
    client.click("btn_project_save")      # a str target means {"id": ...}
    client.set_value({"label": "Model", "window": "Settings"}, "gpt-4")
    client.fault("hard_assert", panel="Context")

``call`` returns the ``value`` of a 2xx answer and raises a typed HookError otherwise
(errors.py). ``request`` never raises for an HTTP status: it returns a Response.

Each request opens its own connection, so a client can be shared by threads and never holds a
socket. ``keep_alive=True`` keeps one connection open instead (one thread at a time): what a
benchmark wants, since a connection costs more than a health request.
"""

import http.client
import json
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence, Union

from .errors import TransportError, error_from_envelope


@dataclass
class Response:
    status: int
    body: Any = None  # parsed JSON, or None
    raw: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def value(self) -> Any:
        return self.body.get("value") if isinstance(self.body, dict) else None


Locator = dict[str, Any]     # {"id": ...}, {"label": ..., "window": ...}, {"ref": ...}, ...
Target = Union[str, Locator]  # what every verb takes: an id, or a locator


def as_target(target: Target) -> Locator:
    """A locator: a str is an id; a dict (id / label+window / path / imgui_id / ref) passes
    through, e.g. {"ref": "Dear ImGui Demo/Basic/Button"}."""
    if isinstance(target, str):
        return {"id": target}
    if isinstance(target, dict):
        return target
    raise TypeError(f"a target is an id string or a locator dict, not {type(target).__name__}")


class HookClient:
    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 10.0,
                 keep_alive: bool = False) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme != "http" or not parsed.hostname:
            raise ValueError(f"not an http:// URL: {url!r}")
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._host = parsed.hostname
        self._port = parsed.port or 80
        self.keep_alive = keep_alive
        self._conn: Optional[http.client.HTTPConnection] = None  # the kept-alive connection

    # --- transport -------------------------------------------------------------------------

    def request(self, method: str, path: str, body: Any = None,
                headers: Optional[dict[str, str]] = None,
                timeout: Optional[float] = None) -> Response:
        """One request. Raises TransportError only when there is no answer."""
        send_headers = {"Host": f"{self._host}:{self._port}"}
        if self.token:
            send_headers["Authorization"] = f"Bearer {self.token}"
        payload = None
        if body is not None or method in ("POST", "PUT", "PATCH"):
            payload = json.dumps({} if body is None else body).encode()
            send_headers["Content-Type"] = "application/json"
            send_headers["Content-Length"] = str(len(payload))
        send_headers.update(headers or {})
        seconds = self.timeout if timeout is None else timeout
        reused = self.keep_alive and self._conn is not None
        try:
            try:
                status, raw, reply_headers = self._exchange(method, path, payload, send_headers,
                                                            seconds)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                if not reused:
                    raise
                # The server closed the idle kept-alive connection before reading this request:
                # sending it again on a new connection cannot run it twice.
                status, raw, reply_headers = self._exchange(method, path, payload, send_headers,
                                                            seconds)
        except (OSError, http.client.HTTPException) as error:
            raise TransportError(f"{method} {self.url}{path}: no answer: {error}") from None
        parsed = None
        if raw and "json" in reply_headers.get("content-type", "json"):
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
        return Response(status, parsed, raw, reply_headers)

    def _exchange(self, method: str, path: str, payload: Optional[bytes],
                  headers: dict[str, str], timeout: float) -> tuple[int, bytes, dict[str, str]]:
        conn = self._conn or http.client.HTTPConnection(self._host, self._port, timeout=timeout)
        self._conn = None
        try:
            conn.timeout = timeout
            if conn.sock is not None:
                conn.sock.settimeout(timeout)
            conn.request(method, path, body=payload, headers=headers)
            answer = conn.getresponse()
            raw = answer.read()
            reply_headers = {k.lower(): v for k, v in answer.getheaders()}
        except BaseException:
            conn.close()
            raise
        if self.keep_alive and not answer.will_close:
            self._conn = conn
        else:
            conn.close()
        return answer.status, raw, reply_headers

    def close(self) -> None:
        """Closes the kept-alive connection, if any (the next request opens a new one)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def call(self, method: str, path: str, body: Any = None,
             timeout: Optional[float] = None) -> Any:
        """The ``value`` of a 2xx answer; a typed HookError otherwise."""
        r = self.request(method, path, body, timeout=timeout)
        if 200 <= r.status < 300:
            return r.value
        raise error_from_envelope(r.status, r.body, r.raw)

    # --- health and status (no token needed) -----------------------------------------------

    def health(self, strict: bool = False, timeout: Optional[float] = None) -> dict[str, Any]:
        """The /api/gui_health document, whatever its HTTP status (503 means `fail`)."""
        r = self.request("GET", "/api/gui_health" + ("?strict=1" if strict else ""),
                         timeout=timeout)
        if not isinstance(r.body, dict):
            raise TransportError(f"/api/gui_health answered HTTP {r.status} without JSON")
        return r.body

    def status(self) -> Any:
        return self.call("GET", "/api/status")

    # --- items and windows ------------------------------------------------------------------

    def windows(self) -> Any:
        return self.call("GET", "/api/windows")

    def items(self, window: Optional[str] = None, visible: Optional[bool] = None) -> Any:
        query: dict[str, str] = {}
        if window is not None:
            query["window"] = window
        if visible is not None:
            query["visible"] = "1" if visible else "0"
        return self.call("GET", "/api/items" + ("?" + urllib.parse.urlencode(query) if query else ""))

    def find(self, target: Target, timeout_ms: Optional[int] = None) -> Any:
        return self.call("POST", "/api/items/find", _with_timeout({"target": as_target(target)},
                                                                  timeout_ms))

    def click(self, target: Target, button: int = 0, double: bool = False,
              timeout_ms: Optional[int] = None) -> Any:
        body = {"target": as_target(target), "button": button, "double": double}
        return self.call("POST", "/api/items/click", _with_timeout(body, timeout_ms))

    def scroll_into_view(self, target: Target, timeout_ms: Optional[int] = None) -> Any:
        """Scrolls the item fully into view (every action does this first); the item then."""
        return self.call("POST", "/api/items/scroll_into_view",
                         _with_timeout({"target": as_target(target)}, timeout_ms))

    def open(self, target: Target, opened: bool = True, timeout_ms: Optional[int] = None) -> Any:
        """Leaves a tree node, collapsing header or menu open (opened=False: closed), clicking it
        only if needed; the reply says {opened, changed}."""
        body = {"target": as_target(target), "open": opened}
        return self.call("POST", "/api/items/open", _with_timeout(body, timeout_ms))

    def menu_click(self, path: str, window: Optional[str] = None, check: Optional[bool] = None,
                   timeout_ms: Optional[int] = None) -> Any:
        """Opens each level of `path` ("Tools/Style Editor") from the menu bar of `window` (None:
        the main menu bar) and clicks the last item; with check=True/False a toggle item is
        clicked only if it is not in that state already. {path, clicked, checked, ...}"""
        body: dict[str, Any] = {"path": path}
        if window is not None:
            body["window"] = window
        if check is not None:
            body["check"] = check
        return self.call("POST", "/api/menu/click", _with_timeout(body, timeout_ms))

    def combo_select(self, target: Target, item: str, timeout_ms: Optional[int] = None) -> Any:
        """Opens the combo, scrolls its list to the entry shown as `item`, clicks it."""
        body = {"target": as_target(target), "item": item}
        return self.call("POST", "/api/combo/select", _with_timeout(body, timeout_ms))

    def keys(self, chords: Sequence[str] = (), text: Optional[str] = None,
             target: Optional[Target] = None, timeout_ms: Optional[int] = None) -> Any:
        """Presses each chord ("Ctrl+A", "Backspace", "Up", "F5") in turn, then types `text`,
        into what has keyboard focus (a click on `target` first, when given)."""
        body: dict[str, Any] = {"keys": list(chords)}
        if text is not None:
            body["text"] = text
        if target is not None:
            body["target"] = as_target(target)
        return self.call("POST", "/api/keys", _with_timeout(body, timeout_ms))

    def drag(self, target: Target, to: Optional[Target] = None,
             delta: Optional[tuple[float, float]] = None, timeout_ms: Optional[int] = None) -> Any:
        """Press on `target`, move over frames onto `to` (a locator) or by `delta` (x, y), and
        release there: drag-and-drop, or a slider's grab dragged."""
        body: dict[str, Any] = {"target": as_target(target)}
        if to is not None:
            body["to"] = as_target(to)
        if delta is not None:
            body["delta"] = {"x": delta[0], "y": delta[1]}
        return self.call("POST", "/api/items/drag", _with_timeout(body, timeout_ms))

    def hover(self, target: Target, ms: int = 0) -> Any:
        """Moves the mouse onto `target` and leaves it there for `ms` (tooltips show)."""
        return self.call("POST", "/api/items/hover", {"target": as_target(target), "ms": ms})

    def open_all(self, window: str, under: Optional[str] = None, opened: bool = True,
                 depth: Optional[int] = None, timeout_ms: int = 60000) -> Any:
        """Every openable item of `window` (or below the ref `under`) opened (or closed), one
        real click at a time, until none is left; {opened|closed: N, items: [refs]}."""
        body: dict[str, Any] = {"window": window, "open": opened, "timeout_ms": timeout_ms}
        if under is not None:
            body["target"] = {"ref": under}
        if depth is not None:
            body["depth"] = depth
        return self.call("POST", "/api/items/open_all", body,
                         timeout=max(self.timeout, timeout_ms / 1000.0 + 5))

    def check_all(self, path: str, window: Optional[str] = None, check: bool = True) -> Any:
        """Every toggle item of the menu at `path` left checked (or not); {changed: [...]}."""
        body: dict[str, Any] = {"path": path, "check": check}
        if window is not None:
            body["window"] = window
        return self.call("POST", "/api/menu/check_all", body, timeout=max(self.timeout, 60))

    def window_action(self, action: str, window: str, x: Optional[float] = None,
                      y: Optional[float] = None) -> Any:
        """A user's title-bar action on `window`: "focus", "collapse", "expand", "close", or
        "move" / "resize" by (x, y) pixels. The window's record afterwards."""
        body: dict[str, Any] = {"window": window}
        if x is not None:
            body["x"], body["y"] = x, y
        return self.call("POST", f"/api/windows/{action}", body)

    def close_popups(self) -> Any:
        """Closes the open popups and menus (Escape, front to back); {closed: [names], ...}."""
        return self.call("POST", "/api/popups/close", {})

    def get_value(self, target: Target) -> Any:
        """The item's value itself (unwrapped from the reply's {"value": ...} when present)."""
        query = urllib.parse.urlencode(as_target(target))
        reply = self.call("GET", "/api/items/value?" + query)
        return reply["value"] if isinstance(reply, dict) and "value" in reply else reply

    def text(self, window: Optional[str] = None, target: Optional[Target] = None,
             rect: Optional[tuple[float, float, float, float]] = None) -> Any:
        """The text the last frame drew, read back from its draw data: {text, lines: [{text, rect,
        runs}], ...} for `window` (None: every window), or inside one item (`target`), or a
        rect (x, y, w, h). For asserting on Text() output: `"Saved" in gui.text("Log")["text"]`."""
        query: dict[str, Any] = dict(as_target(target)) if target is not None else {}
        if window is not None:
            query["window"] = window
        if rect is not None:
            query["rect"] = ",".join(str(v) for v in rect)
        return self.call("GET", "/api/text" + ("?" + urllib.parse.urlencode(query) if query else ""))

    def set_value(self, target: Target, value: Any, via: Optional[str] = None) -> Any:
        """via: None (the API's default, auto), "input" (real typing / clicks) or "binding"."""
        body: dict[str, Any] = {"target": as_target(target), "value": value}
        if via is not None:
            body["via"] = via
        return self.call("POST", "/api/items/value", body)

    def wait(self, condition: dict[str, Any], timeout_ms: int = 5000) -> Any:
        return self.call("POST", "/api/wait", {"condition": condition, "timeout_ms": timeout_ms},
                         timeout=max(self.timeout, timeout_ms / 1000.0 + 5))

    def wait_state(self, pointer: str, value: Any, timeout_ms: int = 5000) -> Any:
        """Wait until the app state at JSON pointer `pointer` equals `value`."""
        return self.wait({"type": "state_equals", "pointer": pointer, "value": value}, timeout_ms)

    def screenshot(self, window: Optional[str] = None) -> bytes:
        """PNG bytes of the last rendered frame (or of one window)."""
        path = "/api/screenshot" + ("?" + urllib.parse.urlencode({"window": window}) if window else "")
        r = self.request("GET", path)
        if r.status == 200 and r.raw.startswith(b"\x89PNG"):
            return r.raw
        raise error_from_envelope(r.status, r.body, r.raw)

    # --- errors, reset, shutdown -----------------------------------------------------------

    def errors(self, since: Optional[int] = None) -> Any:
        return self.call("GET", "/api/errors" + (f"?since={int(since)}" if since is not None else ""))

    def clear_errors(self) -> Any:
        return self.call("POST", "/api/errors/clear")

    def reset(self) -> Any:
        return self.call("POST", "/api/reset")

    def shutdown(self) -> Any:
        return self.call("POST", "/api/shutdown")

    # --- the workbench's endpoints -----------------------------------------------------------

    def state(self) -> Any:
        return self.call("GET", "/api/state")

    def new_project(self, name: Optional[str] = None) -> Any:
        return self.call("POST", "/api/project/new", {} if name is None else {"name": name})

    def switch_project(self, name: str, timeout_ms: Optional[int] = None) -> Any:
        return self.call("POST", "/api/project/switch", _with_timeout({"name": name}, timeout_ms))

    # --- fault injection (imhost --enable-fault-injection) -------------------------------------

    def fault(self, kind: str, **args: Any) -> Any:
        """POST /api/debug/fault {"kind": kind, **args}, e.g. fault("hang", ms=300)."""
        return self.call("POST", "/api/debug/fault", dict(args, kind=kind))


def _with_timeout(body: dict[str, Any], timeout_ms: Optional[int]) -> dict[str, Any]:
    if timeout_ms is not None:
        body["timeout_ms"] = timeout_ms
    return body
