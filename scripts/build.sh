#!/usr/bin/env bash
# Set up and build the site into site/ (or serve it with: scripts/build.sh serve).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "serve" ]; then
  exec .venv/bin/mkdocs serve
fi
.venv/bin/mkdocs build --strict
echo "Site built in site/ (open site/index.html through any static web server)."
