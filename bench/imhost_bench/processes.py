"""The programs a benchmark runs: one shared Xvfb, imhost, the floor, and a tiny HTTP client."""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

TOKEN = "bench-token"


class Xvfb:
    """One X server for the whole run (Xvfb -displayfd picks a free display)."""

    def __init__(self):
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1200x24",
             "-nolisten", "tcp"],
            pass_fds=[write_fd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.stop()
            raise RuntimeError("Xvfb did not report a display number (is Xvfb installed?)")
        self.display = ":" + number

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(5)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """Keep-alive JSON client for one server. Raises RuntimeError with the reply on HTTP errors."""

    def __init__(self, port, token=TOKEN, timeout=10):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.headers = {"Authorization": "Bearer " + token}

    def request(self, method, path, body=None):
        headers = dict(self.headers)
        data = None
        if body is not None or method == "POST":
            data = json.dumps(body if body is not None else {}).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=headers)
        reply = self.conn.getresponse()
        payload = reply.read()
        parsed = json.loads(payload) if payload else None
        if reply.status >= 300:
            raise RuntimeError(f"{method} {path} -> {reply.status}: {payload[:300]!r}")
        return parsed

    def close(self):
        self.conn.close()


def health_once(port, timeout=1.0):
    """(HTTP status, JSON) of one GET /api/gui_health on a fresh connection; raises OSError when
    nothing listens yet."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", "/api/gui_health")
        reply = conn.getresponse()
        return reply.status, json.loads(reply.read() or b"null")
    finally:
        conn.close()


class Program:
    """A GUI program under the shared Xvfb with its health port: imhost or the floor."""

    def __init__(self, argv, port, display, workspace=None):
        self.port = port
        self.workspace = workspace
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, env=dict(os.environ, DISPLAY=display), stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, start_new_session=True)
        self.pid = self.proc.pid

    def wait_pass(self, deadline_s=20.0, poll_s=0.0005):
        """Polls health until it says pass; returns the seconds since exec."""
        deadline = self.started + deadline_s
        while time.perf_counter() < deadline:
            try:
                status, body = health_once(self.port)
                if status == 200 and body and body.get("status") == "pass":
                    return time.perf_counter() - self.started
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited {self.proc.returncode} before health pass: "
                                   + self.proc.stderr.read().decode(errors="replace")[-800:])
            time.sleep(poll_s)
        raise RuntimeError(f"no health pass within {deadline_s} s")

    def health(self):
        return health_once(self.port, timeout=5)[1]

    def frame_count(self):
        return self.health()["frame"]["count"]

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc.stderr.close()
        if self.workspace:
            shutil.rmtree(self.workspace, ignore_errors=True)


class Programs:
    """Starts imhost and the floor from one build directory under one Xvfb."""

    def __init__(self, build_dir, display):
        self.imhost_exe = os.path.join(build_dir, "app", "imhost")
        self.floor_exe = os.path.join(build_dir, "bench", "imhost_floor")
        self.display = display
        self._help = None

    def imhost(self, *flags):
        port = free_port()
        workspace = tempfile.mkdtemp(prefix="imhost-bench-")
        argv = [self.imhost_exe, "--hook-port", str(port), "--hook-token", TOKEN,
                "--workspace", workspace, *flags]
        return Program(argv, port, self.display, workspace)

    def floor(self):
        port = free_port()
        return Program([self.floor_exe, str(port)], port, self.display)

    def imhost_has_flag(self, flag):
        if self._help is None:
            self._help = subprocess.run([self.imhost_exe, "--help"], capture_output=True,
                                        text=True).stdout
        return flag in self._help
