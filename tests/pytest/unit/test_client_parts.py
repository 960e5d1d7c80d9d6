"""The client's pure parts: port file parsing, typed errors, locators."""

import pytest

from imhost_client import (GuiNotRunning, HookError, NoSuchElement, PortFileError, UnknownError,
                           as_target, error_from_envelope, parse_port_file, read_port_file)

GOOD = '{"url": "http://127.0.0.1:4000", "port": 4000, "pid": 12, "token": "t", "instance_id": "i"}'


def test_port_file_round_trip(tmp_path):
    path = tmp_path / "port.json"
    path.write_text(GOOD)
    info = read_port_file(str(path))
    assert (info.url, info.port, info.pid, info.token, info.instance_id) == \
        ("http://127.0.0.1:4000", 4000, 12, "t", "i")


@pytest.mark.parametrize("text, reason", [
    ("", "not JSON"),
    ('{"url": "http://x"', "not JSON"),
    ("[1]", "not a JSON object"),
    ('{"port": 1, "pid": 1, "token": "t", "instance_id": "i"}', "no str 'url'"),
    ('{"url": "u", "port": "1", "pid": 1, "token": "t", "instance_id": "i"}', "no int 'port'"),
    ('{"url": "u", "port": true, "pid": 1, "token": "t", "instance_id": "i"}', "no int 'port'"),
    ('{"url": "u", "port": 70000, "pid": 1, "token": "t", "instance_id": "i"}', "out of range"),
])
def test_port_file_refuses_bad_text(text, reason):
    with pytest.raises(PortFileError, match=reason):
        parse_port_file(text)


def test_missing_port_file_says_so(tmp_path):
    with pytest.raises(PortFileError, match="cannot open"):
        read_port_file(str(tmp_path / "nope.json"))


def test_error_envelope_becomes_a_typed_error():
    e = error_from_envelope(404, {"value": {"error": "no such element", "message": "no btn_x",
                                            "stacktrace": "", "data": {}}})
    assert isinstance(e, NoSuchElement) and e.status == 404 and e.message == "no btn_x"
    e = error_from_envelope(503, {"value": {"error": "gui not running", "message": "crashed",
                                            "data": {"phase": "crashed", "reason": "boom"}}})
    assert isinstance(e, GuiNotRunning) and (e.phase, e.reason) == ("crashed", "boom")
    e = error_from_envelope(418, {"value": {"error": "teapot", "message": "m"}})
    assert type(e) is HookError and e.code == "teapot"
    e = error_from_envelope(502, None, b"<html>bad gateway</html>")
    assert isinstance(e, UnknownError) and "bad gateway" in e.message


def test_targets():
    assert as_target("btn_save") == {"id": "btn_save"}
    assert as_target({"label": "Save", "window": "Project"}) == {"label": "Save", "window": "Project"}
    with pytest.raises(TypeError):
        as_target(3)
