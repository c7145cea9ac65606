#!/usr/bin/env bash
# Licence resolution for a tree with N installed npm packages (package-lock.json +
# node_modules/*/package.json with a LICENSE file each), and project licence
# identification per file. Usage: bench/licenses/run.sh [N] [RUNS]
set -euo pipefail
N="${1:-5000}"; RUNS="${2:-5}"
BIN="${TRUSTWARD:-target/release/trustward}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK" "$N" <<'PY'
import json, os, sys
root, n = sys.argv[1], int(sys.argv[2])
lic = ["MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "MIT OR Apache-2.0"]
pkgs = {"": {"name": "bench", "version": "1.0.0"}}
for i in range(n):
    name = f"pkg-{i:05d}"
    pkgs[f"node_modules/{name}"] = {"version": "1.0.%d" % (i % 50)}
    d = os.path.join(root, "node_modules", name)
    os.makedirs(d)
    json.dump({"name": name, "version": "1.0.%d" % (i % 50), "license": lic[i % len(lic)]}, open(os.path.join(d, "package.json"), "w"))
    open(os.path.join(d, "LICENSE"), "w").write("licence text\n")
json.dump({"name": "bench", "lockfileVersion": 3, "packages": pkgs}, open(os.path.join(root, "package-lock.json"), "w"))
PY
cp LICENSE "$WORK/LICENSE"
echo "tree: $N packages in $WORK"
times=()
for _ in $(seq "$RUNS"); do
  s=$(date +%s.%N); "$BIN" licenses "$WORK" --format json > "$WORK/out.json"; e=$(date +%s.%N)
  times+=("$(echo "$e - $s" | bc)")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median licenses (s):", a[int((NR+1)/2)]}'
python3 -c "import json,sys; d=json.load(open('$WORK/out.json')); print('packages', len(d['packages']), 'known', sum(1 for p in d['packages'] if p['license']))"
/usr/bin/time -f "peak RSS %M KiB" "$BIN" licenses "$WORK" --format json > /dev/null
