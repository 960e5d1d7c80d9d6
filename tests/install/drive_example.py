"""drive_example.py: the example app, built against the installed imhost, started under Xvfb and
driven over plain HTTP (urllib), as a CI script that has no harness would do it.

    python3 drive_example.py <example exe> <work dir> [<installed imhost>]
    (PYTHONPATH holds the installed imhost_client, for its Xvfb launcher only)

Checks, each with a deadline: the port file (url, token, pid) appears; health says `pass`;
/api/status names the app; /api/items lists the example's items; a click on "Count" takes effect
(the bound value goes 0 -> 1) and so does one on the checkbox; the "Fail an assert" click makes
the example's own IM_ASSERT fail, which health (last_assert) and GET /api/errors record with the
file examples/glfw_opengl3/main.cpp, while the app keeps running and answering clicks; POST
/api/shutdown ends it with exit status 0. With an installed imhost, that one too is started
(health `pass`, the sample workspace copied from the assets installed next to it) and shut
down. Exits 1 at the first check that fails, with the app's output.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from imhost_client.xvfb import die_with_parent, shared_display

EXAMPLE_FILE = "examples/glfw_opengl3/main.cpp"
ASSERT_TEXT = "the example's own failing assertion"


class CheckFailed(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)
    print(f"  ok  {what}", flush=True)


def wait_for(predicate, what: str, seconds: float = 20.0):
    """Polls `predicate` until it returns a truthy value: a file and a process give no event."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise CheckFailed(f"{what}: not within {seconds:.0f} s")
        time.sleep(0.01)


class Api:
    def __init__(self, url: str, token: str):
        self.url, self.token = url, token

    def request(self, method: str, path: str, body=None, token: bool = True):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if data is not None else {}
        if method == "POST" and data is None:
            headers["Content-Length"] = "0"
        if token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as reply:
                return reply.status, json.loads(reply.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def value(self, method: str, path: str, body=None):
        status, reply = self.request(method, path, body)
        if status >= 300:
            raise CheckFailed(f"{method} {path}: HTTP {status}: {json.dumps(reply)}")
        return reply["value"]

    def health(self):
        return self.request("GET", "/api/gui_health", token=False)[1]

    def click(self, item_id: str):
        return self.value("POST", "/api/items/click", {"target": {"id": item_id}})

    def wait_value(self, item_id: str, value) -> None:
        self.value("POST", "/api/wait", {"condition": {"type": "value_equals",
                                                       "target": {"id": item_id},
                                                       "value": value},
                                         "timeout_ms": 5000})


def read_port_file(path: str, pid: int):
    try:
        with open(path, encoding="utf-8") as f:
            info = json.load(f)
    except (OSError, ValueError):  # not written yet, or being written
        return None
    return info if info.get("pid") == pid else None


def start(argv: list, work: str):
    """The app under the shared Xvfb, its output in <work>/stdout.txt and stderr.txt."""
    env = dict(os.environ, DISPLAY=shared_display())
    with open(os.path.join(work, "stdout.txt"), "wb") as out, \
            open(os.path.join(work, "stderr.txt"), "wb") as err:
        return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                start_new_session=True, preexec_fn=die_with_parent())


def connect(app, port_file: str) -> Api:
    """Waits for the port file, then for health `pass`."""
    started = time.monotonic()

    def port_file_or_exit():
        if app.poll() is not None:
            raise CheckFailed(f"the app exited with status {app.returncode} at start")
        return read_port_file(port_file, app.pid)

    info = wait_for(port_file_or_exit, "the port file")
    check(True, f"the app wrote its port file: {info['url']}, pid {info['pid']}")
    api = Api(info["url"], info["token"])
    wait_for(lambda: api.health().get("status") == "pass", "health `pass`")
    check(True, f"health `pass` {1000 * (time.monotonic() - started):.0f} ms after exec")
    return api


def shut_down(app, api: Api) -> None:
    status, _ = api.request("POST", "/api/shutdown")
    check(status == 202, f"POST /api/shutdown: HTTP {status}")
    try:
        code = app.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise CheckFailed("the app did not exit within 10 s of POST /api/shutdown")
    check(code == 0, f"the app exited with status {code}")


def drive(exe: str, work: str) -> None:
    port_file = os.path.join(work, "port.json")
    app = start([exe, "--hook-port", "0", "--port-file", port_file], work)
    try:
        api = connect(app, port_file)
        status = api.value("GET", "/api/status")
        check(status.get("app") == "example_glfw_opengl3",
              f"/api/status names the app: {status.get('app')!r}")

        items = api.value("GET", "/api/items")["items"]
        ids = {item.get("id") for item in items}
        check({"btn_count", "chk_details", "btn_fail_assert"} <= ids,
              f"/api/items lists the example's items: {sorted(i for i in ids if i)}")

        check(api.value("GET", "/api/items/value?id=txt_clicks")["value"] == 0, "clicks: 0")
        api.click("btn_count")
        api.wait_value("txt_clicks", 1)
        check(api.value("GET", "/api/items/value?id=txt_clicks")["value"] == 1,
              "a click on Count takes effect (clicks: 1)")
        api.click("chk_details")
        api.wait_value("chk_details", True)
        check(True, "a click on the checkbox ticks it")

        api.click("btn_fail_assert")
        def health_with_assert():
            health = api.health()
            return health if health.get("last_assert") else None

        health = wait_for(health_with_assert, "health's last_assert")
        last = health["last_assert"]
        check(EXAMPLE_FILE in last.get("file", ""),
              f"health's last_assert names {EXAMPLE_FILE}: {last.get('file')}:{last.get('line')}")
        check(ASSERT_TEXT in last.get("message", "") + last.get("expr", ""),
              f"... with the assertion: {last.get('message')!r}")
        check(last.get("panel") == "Example panel", f"... in the panel {last.get('panel')!r}")
        check(health.get("status") == "warn" and health.get("phase") == "running",
              f"health: {health.get('status')} / {health.get('phase')}")
        records = api.value("GET", "/api/errors?since=0")["records"]
        check(any(r.get("kind") == "assert" and EXAMPLE_FILE in r.get("file", "")
                  for r in records), "GET /api/errors has the record")

        frame = health["frame"]["count"]
        api.click("btn_count")
        api.wait_value("txt_clicks", 2)
        check(app.poll() is None and api.health()["frame"]["count"] > frame,
              "the app keeps running: frames go on, and a click still takes effect (clicks: 2)")

        shut_down(app, api)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def run_installed_imhost(imhost: str, work: str) -> None:
    port_file = os.path.join(work, "port.json")
    workspace = os.path.join(work, "workspace")
    app = start([imhost, "--hook-port", "0", "--port-file", port_file, "--workspace", workspace,
                 "--crash-dir", os.path.join(work, "crash")], work)
    try:
        api = connect(app, port_file)
        status = api.value("GET", "/api/status")
        check(status.get("app") == "workbench", f"/api/status names the app: {status.get('app')!r}")
        check(os.path.exists(os.path.join(workspace, "welcome.json")),
              "the sample workspace came from the installed assets")
        shut_down(app, api)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def main() -> int:
    runs = [(drive, sys.argv[1], os.path.join(sys.argv[2], "example"))]
    if len(sys.argv) > 3:
        runs.append((run_installed_imhost, sys.argv[3], os.path.join(sys.argv[2], "imhost")))
    for run, exe, work in runs:
        os.makedirs(work, exist_ok=True)
        print(f"drive_example: {exe}", flush=True)
        try:
            run(exe, work)
        except CheckFailed as failure:
            print(f"FAIL  {failure}")
            for name in ("stderr.txt", "stdout.txt"):
                with open(os.path.join(work, name), encoding="utf-8", errors="replace") as f:
                    print(f"--- {os.path.basename(exe)}'s {name} ---\n{f.read()[-4000:]}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
