#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (with AddressSanitizer) and runs each for SECONDS
# (default 300) from the seed corpus in Fuzz/corpus/. Any crash, sanitizer report or input
# taking more than 10 s fails the run; the input is kept in Fuzz/artifacts/ to reproduce it with
#   Fuzz/.build/debug/fuzz-NAME Fuzz/artifacts/NAME/crash-…
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(front-matter raw-text html-extract wiki-links mentions)
bash scripts/deps.sh
(cd Fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -v "ld.gold: warning: Cannot export local symbol" | tail -3)
status=0
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  cp Fuzz/corpus/"$target"/* "$work"/
  mkdir -p Fuzz/artifacts/"$target"
  echo "fuzz-$target: ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=0 Fuzz/.build/debug/fuzz-"$target" "$work" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=3072 -max_len=16384 -print_final_stats=1 -artifact_prefix=Fuzz/artifacts/"$target"/ \
      >"$work.log" 2>&1; then
    status=1
    grep -E "ERROR|==|panic|Fatal|timeout|Test unit written" "$work.log" | head -20
    echo "fuzz-$target FAILED (log: $work.log)" >&2
  else
    grep -E "stat::number_of_executed_units|cov:" "$work.log" | tail -2
    rm -rf "$work" "$work.log"
  fi
done
exit $status
