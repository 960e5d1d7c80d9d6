"""A private X server (Xvfb -displayfd picks a free display), one per Python process."""

import atexit
import ctypes
import os
import select
import signal
import subprocess
from typing import Callable, Optional

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> Callable[[], None]:
    """A preexec_fn: the child gets `sig` when this process dies, so a killed test run leaves no
    stray GUI or X server. (The signal fires when the *thread* that forked exits: launch from
    the main thread.)"""
    parent = os.getpid()

    def preexec() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl
            os._exit(126)

    return preexec


class Xvfb:
    def __init__(self, timeout: float = 10.0) -> None:
        read_fd, write_fd = os.pipe()
        try:
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1200x24",
                 "-nolisten", "tcp", "-noreset"],
                pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
                preexec_fn=die_with_parent(signal.SIGTERM))
        except FileNotFoundError:
            os.close(read_fd)
            os.close(write_fd)
            raise RuntimeError("Xvfb not found (apt install xvfb)") from None
        os.close(write_fd)
        number = b""
        try:
            while b"\n" not in number:
                ready, _, _ = select.select([read_fd], [], [], timeout)
                chunk = os.read(read_fd, 32) if ready else b""
                if not chunk:
                    break
                number += chunk
        finally:
            os.close(read_fd)
        if b"\n" not in number:
            self.stop()
            raise RuntimeError("Xvfb did not start within %.0f s" % timeout)
        self.display = ":" + number.split(b"\n")[0].decode()

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_shared: Optional[Xvfb] = None


def shared_display() -> str:
    """$DISPLAY if set, else this process's private Xvfb (started once, stopped at exit)."""
    global _shared
    if os.environ.get("DISPLAY"):
        return os.environ["DISPLAY"]
    if _shared is None:
        _shared = Xvfb()
        atexit.register(_shared.stop)
    return _shared.display


def shared_xvfb() -> Optional[Xvfb]:
    """The private Xvfb, if one was started."""
    return _shared
