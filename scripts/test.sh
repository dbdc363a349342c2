#!/usr/bin/env bash
# Install what the tests need (Python packages with lychee, Debian's chromium, node and npm, and
# axe-core from tests/package-lock.json) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bash scripts/setup.sh test
npm ci --prefix tests --no-audit --no-fund --loglevel=error >/dev/null
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
