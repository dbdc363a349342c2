#!/usr/bin/env bash
# Set up and build the site into site/ (or preview it with: scripts/build.sh serve).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "serve" ]; then
  # --dirty: each save rebuilds only the pages it changed (see content/editors/index.md, Preview)
  exec .venv/bin/mkdocs serve --dirty --no-strict
fi
.venv/bin/mkdocs build --strict
echo "Site built in site/ (open site/index.html through any static web server)."
