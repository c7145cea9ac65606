#!/usr/bin/env bash
# Vulnerability database and matching benchmarks (figures in docs/PERFORMANCE.md).
# usage: bench/osv/run.sh   (after `cargo build --release -p trustward`)
set -euo pipefail
T=${T:-${CARGO_TARGET_DIR:-target}/release/trustward}
DATA=${DATA:-/work/shared/data/osv}
W=${W:-/tmp/osvbench}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$W"
[ -f "$W/bom-2000.json" ] || python3 "$HERE/gen_sbom.py" "$DATA" "$W/bom-2000.json" 2000
[ -f "$W/bom-550-cargo.json" ] || python3 "$HERE/gen_sbom.py" "$DATA" "$W/bom-550-cargo.json" 550 crates.io
[ -d "$W/synth100" ] || python3 "$HERE/gen_synthetic.py" "$DATA" "$W/synth100" 100

nproc; free -g | head -2
echo "== import all of $DATA (12 ecosystems)"
hyperfine -N -w 1 -r 5 --export-json "$W/import.json" \
  --prepare "rm -rf $W/db" \
  "$T --db $W/db -q db update --mirror file://$DATA --all"
rm -rf "$W/db"; "$T" --db "$W/db" -q db update --mirror "file://$DATA" --all >/dev/null
du -sb "$W/db"; du -sb "$DATA"

echo "== import the synthetic 100x mirror"
rm -rf "$W/db100"
/usr/bin/time -v "$T" --db "$W/db100" -q db update --mirror "file://$W/synth100" --all 2>&1 >/dev/null \
  | grep -E "Elapsed|Maximum resident"
du -sb "$W/db100"; du -sb "$W/synth100"

cd "$W"
echo "== vulns: 2,000 packages (12 ecosystems), 550 crates, one purl; reference: trustward --version"
hyperfine -N -w 3 -r 30 -i --export-json "$W/match.json" \
  "$T --version" \
  "$T --db $W/db -q vulns --purl pkg:npm/lodash@4.17.20" \
  "$T --db $W/db -q vulns --sbom $W/bom-550-cargo.json" \
  "$T --db $W/db -q vulns --sbom $W/bom-2000.json" \
  "$T --db $W/db100 -q vulns --purl pkg:npm/lodash@4.17.20" \
  "$T --db $W/db100 -q vulns --sbom $W/bom-2000.json"
