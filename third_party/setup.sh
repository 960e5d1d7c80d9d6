#!/usr/bin/env bash
# Sets up everything imhost needs on a Debian 12 machine, then fetches the two upstream
# sources that Debian 12 ships too old (Dear ImGui, cpp-httplib) as signed Debian *source*
# packages into third_party/sources/ (ignored by git). Idempotent, and quick when all is there.
#
#   third_party/setup.sh            apt packages + sources
#   third_party/setup.sh --sources  sources only (no apt)
#
# Why source packages: bookworm's imgui is 1.86 and prebuilt without our IM_ASSERT, and its
# cpp-httplib is 0.11.4 with known CVEs. The private apt config below leaves the system's apt
# untouched; the mirror is read from the machine's own apt sources, never written here.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DEST="$HERE/sources"
STATE="$DEST/.apt"

IMGUI_MIN=1.92
HTTPLIB_MIN=0.30

APT_PACKAGES=(
  cmake g++ make pkg-config ccache dpkg-dev
  libglfw3-dev python3-glad libgl1-mesa-dev libgl1-mesa-dri libxxhash-dev
  nlohmann-json3-dev libstb-dev libcli11-dev libgtest-dev googletest
  xvfb xauth x11-utils python3 python3-pytest python3-pytest-xdist
  python3-venv python3-pip python3-setuptools python3-wheel mypy
  clang libclang-rt-14-dev wrk
)

die() { echo "third_party/setup.sh: $*" >&2; exit 1; }

# --- 1. apt packages --------------------------------------------------------------------------
install_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null || die "apt-get update failed: offline, or no Debian mirror reachable"
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
}

# --- 2. Debian source packages ----------------------------------------------------------------
# The mirror of the system's Debian entry: deb822 'URIs:' first, then one-line sources.list.
debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '/^URIs:/{u=$2} /^Suites:/{ if ($0 !~ /security/ && u != "") { print u; exit } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk '$1=="deb" && $0 !~ /security/ { for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
}

# Checks every file listed in the .dsc's Checksums-Sha256 against its real sha256.
verify_dsc() {
  local dsc=$1 dir
  dir=$(dirname "$dsc")
  awk '/^Checksums-Sha256:/{on=1; next} /^[^ ]/{on=0} on && NF==3 {print $1"  "$3}' "$dsc" \
    | (cd "$dir" && sha256sum --quiet -c -) || die "checksum mismatch in $(basename "$dsc")"
}

fetch_source() {  # name, minimum upstream version, folder
  local name=$1 min=$2 folder=$3 dsc version upstream
  if [ -f "$DEST/$folder/.imhost-version" ]; then
    echo "setup: $name $(cat "$DEST/$folder/.imhost-version") (already fetched)"
    return 0
  fi
  (cd "$STATE/download" && apt-get "${APT_OPTS[@]}" source --download-only "$name" >/dev/null 2>"$STATE/$name.err") \
    || die "could not fetch the Debian source package '$name' (offline? see $STATE/$name.err)"
  dsc=$(ls -t "$STATE/download/${name}_"*.dsc | head -n 1)
  verify_dsc "$dsc"
  version=$(awk '/^Version:/{print $2; exit}' "$dsc")
  upstream=${version%%+*}; upstream=${upstream%%-*}
  dpkg --compare-versions "$upstream" ge "$min" \
    || die "$name $version is older than the minimum $min"
  rm -rf "${DEST:?}/$folder.tmp"
  dpkg-source --no-copy -x "$dsc" "$DEST/$folder.tmp" >/dev/null 2>&1 \
    || die "dpkg-source could not unpack $(basename "$dsc")"
  echo "$version" > "$DEST/$folder.tmp/.imhost-version"
  rm -rf "${DEST:?}/$folder" && mv "$DEST/$folder.tmp" "$DEST/$folder"
  echo "setup: $name $version (fetched, checksums verified)"
}

fetch_sources() {
  if [ -f "$DEST/imgui/.imhost-version" ] && [ -f "$DEST/cpp-httplib/.imhost-version" ]; then
    echo "setup: imgui $(cat "$DEST/imgui/.imhost-version"), cpp-httplib $(cat "$DEST/cpp-httplib/.imhost-version")"
    return 0
  fi
  local mirror
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || die "no Debian mirror found in /etc/apt/sources.list*"
  mkdir -p "$STATE/lists/partial" "$STATE/download"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$STATE/sources.list"
  APT_OPTS=(-o "Dir::Etc::SourceList=$STATE/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
            -o "Dir::State::Lists=$STATE/lists" -o "APT::Sandbox::User=root")
  # apt checks the Release signature and the index hashes of every file it downloads.
  apt-get "${APT_OPTS[@]}" update >/dev/null 2>"$STATE/update.err" \
    || die "offline: could not read the signed source index from $mirror (see $STATE/update.err)"
  fetch_source imgui "$IMGUI_MIN" imgui
  fetch_source cpp-httplib "$HTTPLIB_MIN" cpp-httplib
}

case "${1:-}" in
  --sources) fetch_sources ;;
  "") install_packages; fetch_sources ;;
  *) die "usage: third_party/setup.sh [--sources]" ;;
esac
