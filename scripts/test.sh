#!/usr/bin/env bash
# The whole test run: install what the tests need, start a real Neo4j (and the other services the
# tests use), run ruff, mypy and every test, then stop the services. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh test
bash scripts/system-deps.sh

export GEOKG_DATA_DIR="${GEOKG_TEST_DATA_DIR:-$PWD/.geokg-test}"
port="${GEOKG_TEST_NEO4J_PORT:-17687}"
export GEOKG_TEST_NEO4J_URL="bolt://127.0.0.1:$port"

stop_services() { .venv/bin/geokg neo4j stop --home "$GEOKG_DATA_DIR/neo4j" || true; }
trap stop_services EXIT
.venv/bin/geokg neo4j start --port "$port" --home "$GEOKG_DATA_DIR/neo4j"

echo "== ruff" >&2
.venv/bin/ruff check .
echo "== mypy" >&2
.venv/bin/mypy
echo "== pytest" >&2
.venv/bin/pytest "$@"
