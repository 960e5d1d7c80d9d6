"""imhost_client against the real imhost: the live_gui fixture, health, status, typed errors,
and the launcher's own life cycle (launch, shutdown, launch failure)."""
import os
import time

import pytest

from imhost_client import (HookClient, LaunchError, NoSuchElement, Unauthorized, UnknownCommand,
                           launch)


def test_live_gui_exposes_the_process(live_gui):
    health = live_gui.health()
    assert health["status"] == "pass", health
    assert health["pid"] == live_gui.pid
    assert live_gui.url.startswith("http://127.0.0.1:")
    assert os.path.isdir(live_gui.workspace)
    assert live_gui.token


def test_frames_keep_coming(live_gui):
    first = live_gui.health()["frame"]["count"]
    deadline = time.monotonic() + 10
    while live_gui.health()["frame"]["count"] <= first:
        assert time.monotonic() < deadline, "no new frame within 10 s"
        time.sleep(0.01)


def test_status_needs_no_token_and_names_the_instance(live_gui):
    status = HookClient(live_gui.url).status()
    assert status["instance_id"] == live_gui.process.port_info.instance_id
    assert status["imgui_version"].startswith("1.9")


def test_typed_errors(live_gui):
    with pytest.raises(Unauthorized):
        HookClient(live_gui.url, "wrong-token").shutdown()
    with pytest.raises(UnknownCommand):
        live_gui.call("GET", "/api/no-such-endpoint")
    with pytest.raises(NoSuchElement):
        live_gui.click("btn_that_does_not_exist_anywhere")
    r = live_gui.request("GET", "/api/no-such-endpoint")
    assert r.status == 404 and r.value["error"] == "unknown command"


def test_keep_alive_sends_every_request_on_one_connection(live_gui):
    client = HookClient(live_gui.url, live_gui.token, keep_alive=True)
    try:
        assert client.health()["status"] == "pass"
        first = client._conn.sock
        assert first is not None
        assert client.status()["instance_id"] and client.state()["project"] is not None
        assert client._conn.sock is first  # the same socket, not a new connection per request
    finally:
        client.close()
    assert client._conn is None


def test_the_old_id_keyword_still_names_the_target(live_gui):
    with pytest.raises(NoSuchElement):
        live_gui.click(id="btn_that_does_not_exist_anywhere")
    with pytest.raises(TypeError):
        live_gui.click("btn_project_new_automated", id="btn_project_new_automated")


def test_launch_shutdown_and_exit_code(imhost_exe):
    gui = launch(imhost_exe)
    try:
        assert gui.client.shutdown() == {"shutting_down": True}
        gui.process.wait(timeout=10)
        assert gui.describe_exit() == "exit code 0", gui.stderr_text()
    finally:
        gui.close()
    assert not os.path.exists(gui.dir)


def test_launch_failure_is_fast_and_says_why(imhost_exe):
    start = time.monotonic()
    with pytest.raises(LaunchError) as failure:
        launch(imhost_exe, extra_args=["--window-size", "banana"])
    assert time.monotonic() - start < 5
    assert "imhost exited before it was healthy (exit code 2)" in str(failure.value)
    assert "--window-size" in str(failure.value)


@pytest.fixture
def imhost_exe(request):
    exe = request.config.getoption("--imhost-exe")
    if not exe:
        pytest.fail("no imhost executable: pass --imhost-exe")
    return exe
