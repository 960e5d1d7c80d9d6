"""Fixtures shared by the live files."""
import os
import subprocess
import sys
from typing import Callable

import pytest


@pytest.fixture
def run_pytest_file(request: pytest.FixtureRequest, tmp_path) -> Callable[[str, str], subprocess.CompletedProcess]:
    """run(name, code): `code` written to tmp_path/name and run by pytest in a process of its
    own (the plugin launches its own fresh GUI), with this run's --imhost-exe."""
    def run(name: str, code: str) -> subprocess.CompletedProcess:
        test_file = tmp_path / name
        test_file.write_text(code)
        env = {k: v for k, v in os.environ.items() if k != "IMHOST_SUMMARY_DIR"}
        exe = request.config.getoption("--imhost-exe")
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--rootdir",
             str(tmp_path), str(test_file)] + (["--imhost-exe", exe] if exe else []),
            capture_output=True, text=True, env=env, timeout=120)
    return run
