#!/usr/bin/env bash
# One command from a fresh clone: installs what is missing, builds briefgen, builds the example site into public/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build-release.sh briefgen
.build/release/briefgen build --site . "$@"
echo "to read it: .build/release/briefgen serve   (then open http://127.0.0.1:8000/)"
