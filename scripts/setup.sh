#!/usr/bin/env bash
# Installs haul's build dependencies (Debian packages) when they are missing, then configures and
# builds into build/. Set HAUL_WERROR=ON to turn warnings into errors (CI does).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make libeigen3-dev libcli11-dev libtomlplusplus-dev doctest-dev
    # cpack -G DEB: dpkg-shlibdeps (dpkg-dev) and file find what the binary links; groff renders
  # the man page and zsh reads the zsh completion in tests/cli/docs_test.sh.
  dpkg-dev file groff-base zsh)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DHAUL_WERROR="${HAUL_WERROR:-OFF}" >/dev/null
cmake --build build -j "$(nproc)"
