#!/bin/sh
# Times `trustward workflows` against `zizmor --offline` on the corpora made by
# make_corpus.py, side by side in one session (hyperfine medians, /usr/bin/time max RSS).
# usage: bench/workflows/bench.sh [trustward-binary]
set -eu
TW=${1:-/work/targets/workflows/release/trustward}
BASE=${BASE:-/tmp/wfcorpus}
[ -d "$BASE-3220" ] || python3 "$(dirname "$0")/make_corpus.py" "$BASE"
for n in 322 3220; do
  hyperfine -N -i --warmup 1 --runs "${RUNS:-5}" \
    -n "trustward $n" "$TW workflows -q $BASE-$n" \
    -n "zizmor $n" "zizmor --offline --no-progress -q --format plain $BASE-$n" \
    --export-json "/tmp/wf-bench-$n.json"
  for i in 1 2 3; do
    /usr/bin/time -f "trustward $n files: %e s, max RSS %M KiB" "$TW" workflows -q "$BASE-$n" >/dev/null 2>/tmp/tw.err || true
    tail -1 /tmp/tw.err
    /usr/bin/time -f "zizmor $n files: %e s, max RSS %M KiB" zizmor --offline --no-progress -q --format plain "$BASE-$n" >/dev/null 2>/tmp/zz.err || true
    tail -1 /tmp/zz.err
  done
done
