#!/usr/bin/env bash
# Builds the named products (default: briefgen) in release mode with Swift's runtime and
# Foundation linked into the binary (`--static-swift-stdlib`): loading and relocating them as
# shared libraries was a sixth of a no-op build's CPU (README, "Performance rounds"). Statically linked
# Foundation needs libcurl for its networking part (FlyingFox imports it); scripts/deps.sh
# installs Debian's libcurl4-openssl-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
for product in "${@:-briefgen}"; do
  swift build -c release --static-swift-stdlib -Xlinker -lcurl --product "$product"
done
