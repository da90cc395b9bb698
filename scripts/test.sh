#!/usr/bin/env bash
# One command from a fresh clone: installs what is missing and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
swift build --build-tests
# The generator's tests, then the preview server's: the server's tests need the cooperative
# thread pool, which the generator's CPU-bound tests would otherwise keep busy on 2 cores.
swift test --skip-build --filter BriefgenKitTests "$@"
swift test --skip-build --filter BriefgenServeTests "$@"
