"""find_exe(): --imhost-exe, then $IMHOST_EXE, then imhost on PATH, then the build tree of the
checkout the run starts in; the error names all four."""
import os

import pytest

from imhost_client import LaunchError, find_exe
from imhost_client.exe_lookup import BUILD_TREE_EXE, CHECKOUT_MARKER


def nowhere(_name):
    return None


@pytest.fixture
def checkout(tmp_path):
    """A folder that looks like a built imhost checkout."""
    marker = tmp_path / CHECKOUT_MARKER
    marker.parent.mkdir(parents=True)
    marker.write_text("")
    exe = tmp_path / BUILD_TREE_EXE
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    (tmp_path / "tests" / "deep").mkdir(parents=True)
    return tmp_path


def test_the_option_wins_over_everything(checkout):
    assert find_exe("/opt/x/imhost", {"IMHOST_EXE": "/env/imhost"}, str(checkout),
                    which=lambda _: "/usr/bin/imhost") == "/opt/x/imhost"


def test_the_environment_comes_next(checkout):
    assert find_exe(None, {"IMHOST_EXE": "/env/imhost"}, str(checkout),
                    which=lambda _: "/usr/bin/imhost") == "/env/imhost"


def test_then_imhost_on_path(checkout):
    assert find_exe(None, {}, str(checkout), which=lambda name: "/usr/bin/" + name) == \
        "/usr/bin/imhost"


def test_then_the_build_tree_of_the_checkout_holding_the_start_folder(checkout):
    found = find_exe(None, {"IMHOST_EXE": ""}, str(checkout / "tests" / "deep"), which=nowhere)
    assert found == str(checkout / BUILD_TREE_EXE)


def test_a_build_tree_without_the_checkout_marker_is_not_taken(tmp_path):
    exe = tmp_path / BUILD_TREE_EXE
    exe.parent.mkdir(parents=True)
    exe.write_text("")
    exe.chmod(0o755)
    with pytest.raises(LaunchError):
        find_exe(None, {}, str(tmp_path), which=nowhere)


def test_none_found_names_all_four_places(tmp_path):
    with pytest.raises(LaunchError) as error:
        find_exe(None, {}, str(tmp_path), which=nowhere)
    text = str(error.value)
    for place in ("--imhost-exe PATH: not given", "$IMHOST_EXE: not set",
                  "imhost on PATH: not found", os.path.join("build", "release", "app", "imhost"),
                  str(tmp_path)):
        assert place in text, text
