#!/usr/bin/env bash
# new_user.sh: what a new user of the Python client does, from nothing to a driven imhost.
#
#   new_user.sh PYTHON CLIENT_DIR IMHOST_EXE
#
#   1. a fresh venv (PYTHON -m venv --system-site-packages) and `pip install --no-build-isolation`
#      of the working tree's CLIENT_DIR into it, offline (--no-index): the README's two commands.
#      pip builds in the folder it installs (build/, *.egg-info), so it gets a copy of the
#      client's files, and the working tree stays clean
#   2. in an empty folder outside the repo (no conftest.py, no pytest.ini), a test file that uses
#      live_gui, run with a plain `python -m pytest`: the plugin loads through its entry point
#      (pytest's header lists imhost-client), finds imhost on PATH, and the test drives it
#   3. the same run with no imhost anywhere: the error names the four places it looked
# Everything happens in a temporary folder outside the repo, so the build tree is not found by
# walking up from it. Each failing step prints its output and ends the script with status 1.
set -euo pipefail

python=$1 client=$2 exe=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/imhost-new-user-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project"
venv=$work/venv
fail() {
  echo "new user: FAILED: $*"
  exit 1
}
# Nothing of this build's environment helps the user, nor does the user's run write to it.
unset PYTHONPATH DISPLAY IMHOST_EXE IMHOST_STRICT IMHOST_SUMMARY_DIR IMHOST_ARTIFACTS_DIR

# --- 1. install ----------------------------------------------------------------------------------
"$python" -m venv --system-site-packages "$venv" || fail "python3 -m venv"
mkdir -p "$work/client/imhost_client"
cp "$client/pyproject.toml" "$client/README.md" "$work/client/"
cp "$client"/imhost_client/*.py "$client/imhost_client/py.typed" "$work/client/imhost_client/"
"$venv/bin/pip" install -q --no-index --no-build-isolation "$work/client" >"$work/pip.txt" 2>&1 ||
  { cat "$work/pip.txt"; fail "pip install --no-build-isolation $client"; }
"$venv/bin/python" -c "import imhost_client, sys; sys.exit(not imhost_client.__file__.startswith('$venv/'))" ||
  fail "imhost_client is not imported from the venv"

# --- 2. a first test file, run with a plain python -m pytest ---------------------------------------
cat >"$work/project/test_first.py" <<'EOF'
def test_the_gui_is_healthy_and_answers_a_click(live_gui):
    assert live_gui.health()["status"] == "pass"
    live_gui.click("btn_project_new_automated")
    live_gui.wait_state("/project/name", "project-1")
    assert live_gui.state()["project"]["name"] == "project-1"
EOF
mkdir -p "$work/bin"
ln -s "$exe" "$work/bin/imhost"  # as `cmake --install` leaves it: imhost on PATH
if ! (cd "$work/project" && PATH="$work/bin:$PATH" "$venv/bin/python" -m pytest -p no:cacheprovider \
        >"$work/run.txt" 2>&1); then
  cat "$work/run.txt"
  fail "python -m pytest in a folder with no conftest"
fi
grep -Eq "^plugins: .*imhost-client-" "$work/run.txt" || { cat "$work/run.txt"; fail "the plugin was not loaded through its entry point"; }
grep -q "\[imhost\] launched imhost pid" "$work/run.txt" || { cat "$work/run.txt"; fail "no imhost was launched"; }
grep -q "live: test_first.py: 1 passed, 0 failed, respawns 0" "$work/run.txt" ||
  { cat "$work/run.txt"; fail "no summary line"; }
grep -q "1 passed" "$work/run.txt" || { cat "$work/run.txt"; fail "the test did not pass"; }
sed -n 's/^\(plugins: .*\|\[imhost\] launched.*\|live: .*\)$/  \1/p' "$work/run.txt"

# --- 3. no imhost anywhere: the error names all four places ---------------------------------------
if (cd "$work/project" && PATH=/usr/bin:/bin "$venv/bin/python" -m pytest -p no:cacheprovider \
      >"$work/no-exe.txt" 2>&1); then
  fail "a run with no imhost anywhere passed"
fi
for place in "--imhost-exe PATH: not given" "\$IMHOST_EXE: not set" "imhost on PATH: not found" \
             "the build tree"; do
  grep -qF -- "$place" "$work/no-exe.txt" || { cat "$work/no-exe.txt"; fail "the error does not name: $place"; }
done
echo "new user: installed, the plugin loaded by itself, imhost found on PATH and driven; without it, all four places named"
