"""The programs a benchmark runs: imhost and the floor under one Xvfb, each with its health port.

The X server and the HTTP client are imhost_client's (installed in build/<dir>/python-venv):
imhost_client.xvfb.Xvfb, and HookClient, kept alive where a section times many requests."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from imhost_client import HookClient, TransportError

TOKEN = "bench-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(port, keep_alive=True, timeout=10.0):
    """A HookClient for the program on `port`; kept alive by default (one connection, one thread),
    so a timed request does not pay a TCP connect."""
    return HookClient(f"http://127.0.0.1:{port}", TOKEN, timeout=timeout, keep_alive=keep_alive)


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
        probe = client(self.port, keep_alive=False, timeout=1.0)  # a fresh connection per poll
        while time.perf_counter() < deadline:
            try:
                body = probe.request("GET", "/api/gui_health").body
                if isinstance(body, dict) and body.get("status") == "pass":
                    return time.perf_counter() - self.started
            except TransportError:  # nothing listens yet
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"exited {self.proc.returncode} before health pass: "
                                   + self.proc.stderr.read().decode(errors="replace")[-800:])
            time.sleep(poll_s)
        raise RuntimeError(f"no health pass within {deadline_s} s")

    def health(self):
        return client(self.port, keep_alive=False, timeout=5.0).health()

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
        self.health_rate_exe = os.path.join(build_dir, "bench", "imhost_health_rate")
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
