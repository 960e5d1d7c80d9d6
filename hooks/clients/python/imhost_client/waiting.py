"""until(): a condition polled with a deadline, for what the API's own POST /api/wait can't
express (a value computed over several replies, a process state)."""

import time
from typing import Callable, TypeVar

T = TypeVar("T")


def until(condition: Callable[[], T], seconds: float = 5.0, what: str = "condition",
          interval: float = 0.01) -> T:
    """Polls `condition` until it returns something truthy (returned), or raises AssertionError
    naming `what` once `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what} not met within {seconds} s")
        time.sleep(interval)
