#!/usr/bin/env bash
# Generates the history benchmark repository: bench/history/gen.sh DIR [COMMITS]
set -euo pipefail
dir=${1:?usage: gen.sh DIR [COMMITS]}
n=${2:-50000}
rm -rf "$dir"
git init -q -b main "$dir"
python3 "$(dirname "$0")/stream.py" "$n" | git -C "$dir" fast-import --quiet
# Pack like a clone would be (deltas), and check out the tree.
git -C "$dir" repack -adq
git -C "$dir" checkout -q -f main
echo "$dir: $(git -C "$dir" rev-list --count main) commits, $(git -C "$dir" tag | wc -l) tags"
