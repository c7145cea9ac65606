#!/usr/bin/env python3
"""Writes CycloneDX 1.6 JSON SBOMs of real package names taken from the OSV data, so the
benchmark matches against names that exist in the database (about half of them at a
version inside an affected range).

usage: gen_sbom.py SRC_MIRROR OUT.json COUNT [ECOSYSTEM ...]
"""
import json, os, sys, zipfile

src, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
only = sys.argv[4:]
ptype = {"crates.io": "cargo", "npm": "npm", "PyPI": "pypi", "Go": "golang", "Maven": "maven",
         "NuGet": "nuget", "RubyGems": "gem", "Packagist": "composer", "Pub": "pub", "Hex": "hex",
         "SwiftURL": "swift", "GitHub Actions": "github"}
ecos = only or [e for e in open(os.path.join(src, "ecosystems.txt")).read().splitlines() if e.strip()]
pairs = {}
for eco in ecos:
    z = zipfile.ZipFile(os.path.join(src, eco, "all.zip"))
    for name in sorted(z.namelist()):
        rec = json.loads(z.read(name))
        for a in rec.get("affected", []):
            p = a.get("package", {})
            if p.get("ecosystem") != eco or not p.get("name"):
                continue
            fixed = [e["fixed"] for r in a.get("ranges", []) if r.get("type") != "GIT"
                     for e in r.get("events", []) if e.get("fixed")]
            pairs.setdefault((eco, p["name"]), fixed[0] if fixed else "1.0.0")

def purl(eco, name, version):
    t = ptype[eco]
    if eco == "Maven" and ":" in name:
        g, a = name.split(":", 1)
        return f"pkg:maven/{g}/{a}@{version}"
    if eco == "npm" and name.startswith("@"):
        return f"pkg:npm/%40{name[1:]}@{version}"
    if eco == "SwiftURL":
        name = name.replace("https://", "")
    return f"pkg:{t}/{name}@{version}"

items = sorted(pairs.items())
# Round-robin over ecosystems so every ecosystem present is loaded.
by_eco = {}
for (eco, name), fixed in items:
    by_eco.setdefault(eco, []).append((name, fixed))
comps, i = [], 0
while len(comps) < count and any(by_eco.values()):
    for eco in list(by_eco):
        if not by_eco[eco]:
            continue
        name, fixed = by_eco[eco].pop(0)
        version = "v0.0.1" if eco == "Go" else ("0.0.1" if i % 2 else fixed)
        if eco == "Go" and i % 2 == 0:
            version = "v" + fixed.lstrip("v")
        comps.append({"type": "library", "name": name, "version": version, "purl": purl(eco, name, version)})
        i += 1
        if len(comps) >= count:
            break
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": comps}, open(out, "w"))
print(len(comps), "components,", len({c["purl"].split("/")[0] for c in comps}), "purl types")
