#!/usr/bin/env python3
"""Side-by-side of trustward's workflows rules and zizmor --offline on the same files.

usage: compare.py WFSCAN_BIN TARGET...   (files or directories)

Findings are matched on (file, line of the primary location, rule family); the script
prints per-family counts for both tools, agreements and disagreements, and a sample of
each disagreement so it can be explained in docs/analyzers/workflows.md.
"""
import collections, json, os, subprocess, sys

FAMILY = {
    "template-injection": "template-injection",
    "unpinned-uses": "unpinned-uses",
    "unpinned-images": "unpinned-image",
    "dangerous-triggers": "dangerous-trigger",
    "excessive-permissions": "excessive-permissions",
    "artipacked": "checkout-persist-credentials",
    "secrets-inherit": "secrets-inherit",
    "overprovisioned-secrets": "secret-exposure",
    "unredacted-secrets": "secret-exposure",
    "hardcoded-container-credentials": "hardcoded-container-credentials",
    "self-hosted-runner": "self-hosted-runner",
    "cache-poisoning": "cache-poisoning",
    "insecure-commands": "insecure-commands",
    "github-env": "github-env",
    "use-trusted-publishing": "long-lived-publish-token",
    "dependabot-cooldown": "dependabot-cooldown",
    "dependabot-execution": "dependabot-insecure-execution",
    "ref-version-mismatch": "ref-version-mismatch",
    "archived-uses": "archived-action",
    "unsound-condition": "unsound-condition",
    "bot-conditions": "bot-condition",
}

WINDOW = 4

def norm(p):
    return os.path.normpath(os.path.abspath(p))

def zizmor(targets):
    r = subprocess.run(["zizmor", "--offline", "--format", "json", "--no-progress", *targets],
                       capture_output=True, text=True)
    out = set()
    for f in json.loads(r.stdout or "[]"):
        fam = FAMILY.get(f["ident"], "zizmor-only:" + f["ident"])
        for loc in f["locations"]:
            if loc["symbolic"]["kind"] != "Primary":
                continue
            key = loc["symbolic"]["key"]
            path = key.get("Local", {}).get("given_path") or key.get("Local", {}).get("verbatim_path") or ""
            line = loc["concrete"]["location"]["start_point"]["row"] + 1
            out.add((path, line, fam))
    return out, r.stderr

def trustward(binary, targets):
    r = subprocess.run([binary, *targets], capture_output=True, text=True)
    out, errors = set(), []
    for l in r.stdout.splitlines():
        parts = l.split("\t")
        if parts[1] == "ERROR":
            errors.append(l)
            continue
        rule = parts[1].split("/", 1)[1]
        out.add((parts[0], int(parts[2]), rule))
    return out, errors

def main():
    binary, targets = sys.argv[1], sys.argv[2:]
    z, zerr = zizmor(targets)
    t, terr = trustward(binary, targets)
    # paths: compare on absolute normalised paths
    z = {(norm(p), l, f) for p, l, f in z}
    t = {(norm(p), l, f) for p, l, f in t}
    fams = sorted({f for _, _, f in z | t})
    print("| family | zizmor | trustward | same line | same finding, other anchor (±%d lines) | zizmor only | trustward only |" % WINDOW)
    print("|---|---:|---:|---:|---:|---:|---:|")
    samples = {}
    for fam in fams:
        zs = {(p, l) for p, l, f in z if f == fam}
        ts = {(p, l) for p, l, f in t if f == fam}
        exact = zs & ts
        zrest, trest = sorted(zs - exact), set(ts - exact)
        near, zonly = 0, []
        for p, l in zrest:
            m = next((x for x in sorted(trest) if x[0] == p and abs(x[1] - l) <= WINDOW), None)
            if m:
                near += 1
                trest.discard(m)
            else:
                zonly.append((p, l))
        print(f"| {fam} | {len(zs)} | {len(ts)} | {len(exact)} | {near} | {len(zonly)} | {len(trest)} |")
        samples[fam] = (zonly[:8], sorted(trest)[:8])
    print()
    for fam, (zo, to) in samples.items():
        for p, l in zo:
            print(f"zizmor-only {fam}: {p}:{l}")
        for p, l in to:
            print(f"trustward-only {fam}: {p}:{l}")
    print(f"\ntrustward errors: {len(terr)}")
    for e in terr[:20]:
        print("  " + e)
    zerrs = [l for l in zerr.splitlines() if "ERROR" in l or "failed" in l]
    print(f"zizmor error lines: {len(zerrs)}")
    for e in zerrs[:20]:
        print("  " + e)

main()
