"""until(): a condition polled with a deadline, for what the API's own POST /api/wait can't
express (a value computed over several replies, a process state)."""

import time


def until(condition, seconds=5.0, what="condition", interval=0.01):
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
