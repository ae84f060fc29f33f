#!/usr/bin/env bash
# The main job: install geokg, load the small sample into the embedded store, serve the API and explorer.
# Usage: scripts/serve.sh [--host H] [--port P]   (defaults 127.0.0.1:8000)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
echo "loading the sample articles (safe to repeat: unchanged articles are skipped) ..." >&2
.venv/bin/geokg ingest samples/articles.jsonl
exec .venv/bin/geokg serve "$@"
