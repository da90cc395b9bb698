#!/usr/bin/env bash
# One command from a fresh clone: installs what is missing and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
swift build --build-tests
swift test --skip-build "$@"
