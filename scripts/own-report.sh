#!/usr/bin/env bash
# Generates trustward's own report (HTML and Markdown) into docs/report/, from a build of
# this checkout. Usage: scripts/own-report.sh   (run from anywhere in the repository)
# The vulnerability database is whatever `trustward db update` left in the cache (or
# TRUSTWARD_DB); without one the report says "vulns: not checked".
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p trustward
bin="${CARGO_TARGET_DIR:-target}/debug/trustward"
mkdir -p docs/report
# Exit codes 1 (policy violated) and 3 (incomplete) still produce a report.
"$bin" audit . --format html --output docs/report/trustward.html -q || true
"$bin" audit . --format markdown --output docs/report/trustward.md -q || true
"$bin" controls . --format markdown --output docs/report/controls.md -q || true
"$bin" badge . --output docs/report/badge.svg -q || true
echo "wrote docs/report/{trustward.html,trustward.md,controls.md,badge.svg}"
