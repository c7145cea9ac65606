#!/usr/bin/env python3
"""Writes a synthetic OSV mirror N times larger than shared/data/osv: every record is
cloned N-1 times with a renamed id, renamed aliases and renamed package names (so the
clones are distinct advisories for distinct packages), laid out as <Ecosystem>/all.zip.

usage: gen_synthetic.py SRC_MIRROR OUT_MIRROR N
"""
import json, os, sys, zipfile

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ecos = [e for e in open(os.path.join(src, "ecosystems.txt")).read().splitlines() if e.strip()]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "ecosystems.txt"), "w") as f:
    f.write("\n".join(ecos) + "\n")
for eco in ecos:
    os.makedirs(os.path.join(out, eco), exist_ok=True)
    zin = zipfile.ZipFile(os.path.join(src, eco, "all.zip"))
    with zipfile.ZipFile(os.path.join(out, eco, "all.zip"), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            raw = zin.read(info)
            zout.writestr(info.filename, raw)
            rec = json.loads(raw)
            for k in range(1, n):
                c = dict(rec)
                c["id"] = f"{rec['id']}-S{k}"
                c["aliases"] = [f"{a}-S{k}" for a in rec.get("aliases", [])]
                aff = []
                for a in rec.get("affected", []):
                    a = dict(a)
                    p = dict(a.get("package", {}))
                    if "name" in p:
                        p["name"] = f"{p['name']}-s{k}"
                    p.pop("purl", None)
                    a["package"] = p
                    aff.append(a)
                c["affected"] = aff
                zout.writestr(f"{c['id']}.json", json.dumps(c, separators=(",", ":")))
    print(eco, "done", flush=True)
