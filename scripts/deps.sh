#!/usr/bin/env bash
# Installs what briefgen needs to build and is missing: Debian/Ubuntu's cmark-gfm, gumbo (HTML
# parsing for imports and for the tests that check generated pages), jemalloc (the command's
# allocator), libcurl (which a release build's statically linked Foundation needs) and pkg-config.
# Swift itself must already be installed (https://www.swift.org/install/).
set -euo pipefail
need=()
for pkg in libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev libjemalloc-dev libcurl4-openssl-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH: install Swift 6.x first" >&2; exit 1; }
