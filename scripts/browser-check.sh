#!/usr/bin/env bash
# Loads the example briefing in headless Chromium (scripts/browser_check.py): screenshots at
# desktop and phone widths, axe accessibility checks, no sideways scroll at 375 px, and live
# reload under `briefgen serve`. Installs Debian's chromium and chromium-driver, and Selenium
# with axe-selenium-python from PyPI, when missing. Screenshots go to .build/browser-check/.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" fonts-dejavu-core >/dev/null
fi
python3 -c "import selenium, axe_selenium_python" 2>/dev/null \
  || python3 -m pip install -q --disable-pip-version-check selenium axe-selenium-python
swift build --product briefgen
python3 scripts/browser_check.py .build/debug/briefgen "${1:-.build/browser-check}"
