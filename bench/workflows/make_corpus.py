#!/usr/bin/env python3
"""Assembles the workflow corpora used by compare.py and bench.sh.

Real files: every `.github/workflows/*.yml|yaml` found on this machine outside /proc and
/work (crates in ~/.cargo/registry/src, pip site-packages, toolchains ...). The 322-file
corpus is the real files plus deterministic mutations of them (renamed jobs, runner
labels, an extra comment) until 322; the 3,220-file corpus is ten mutated copies of it.
Each corpus is laid out as <out>/.github/workflows/ so both tools treat it as a repo.
"""
import os, subprocess, sys, shutil

def real_files():
    out = subprocess.run(
        ["find", "/", "-path", "*/.github/workflows/*.y*ml", "-not", "-path", "/proc/*",
         "-not", "-path", "/work/*", "-not", "-path", "/tmp/*", "-type", "f"],
        capture_output=True, text=True).stdout.split()
    return sorted(set(out))

def mutate(text, i):
    t = text
    if i % 3 == 0:
        t = t.replace("ubuntu-latest", "ubuntu-24.04")
    if i % 3 == 1:
        t = t.replace("runs-on:", "runs-on: ", 1).replace("jobs:\n", "jobs:\n  # mutated %d\n" % i, 1)
    return t + "\n# corpus copy %d\n" % i

def write(dirname, files):
    wf = os.path.join(dirname, ".github", "workflows")
    shutil.rmtree(dirname, ignore_errors=True)
    os.makedirs(wf)
    for name, text in files:
        with open(os.path.join(wf, name), "w") as f:
            f.write(text)

def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "/tmp/wfcorpus"
    reals = []
    for i, p in enumerate(real_files()):
        try:
            reals.append(("%04d-%s" % (i, os.path.basename(p)), open(p, encoding="utf-8").read()))
        except (UnicodeDecodeError, OSError):
            pass
    write(base + "-real", reals)
    c322 = list(reals)
    i = 0
    while len(c322) < 322:
        name, text = reals[i % len(reals)]
        c322.append(("m%04d-%s" % (i, name), mutate(text, i)))
        i += 1
    write(base + "-322", c322)
    c3220 = []
    for k in range(10):
        for name, text in c322:
            c3220.append(("c%02d-%s" % (k, name), text if k == 0 else mutate(text, k)))
    write(base + "-3220", c3220)
    print(len(reals), len(c322), len(c3220))

main()
