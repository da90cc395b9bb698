#!/usr/bin/env bash
# Benchmarks briefgen beside Hugo on the mention-dense synthetic briefing, printing a table.
#   bash scripts/bench.sh [ARTICLES] [RUNS]     (default 10000 articles, 3 runs)
# Installs Debian's hugo when missing, builds briefgen in release mode, then runs
# `briefgen-bench compare` and the text benchmark (long paragraphs, a 10 MB article), and
# sets briefgen's search index beside Pagefind's on the compared site (installs Pagefind,
# `pagefind-bin` from PyPI, when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
if ! command -v hugo >/dev/null 2>&1; then
  echo "installing: hugo"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hugo >/dev/null
fi
bash scripts/build-release.sh briefgen briefgen-bench
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(hugo version | cut -d' ' -f1-2)"
stdbuf -oL .build/release/briefgen-bench compare "${1:-10000}" "${2:-3}"
stdbuf -oL .build/release/briefgen-bench text
# Search: briefgen's index (its stage, size, bytes a query fetches) beside Pagefind on the same output.
python3 -c "import pagefind_bin" 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check pagefind-bin
pagefind=$(python3 -c "import os, pagefind_bin; print(os.path.join(os.path.dirname(pagefind_bin.__file__), 'pagefind'))")
python3 scripts/search_bench.py .build/release/briefgen "${TMPDIR:-/tmp}/briefgen-compare-${1:-10000}/briefgen" "$pagefind"
