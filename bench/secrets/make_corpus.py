#!/usr/bin/env python3
"""Builds the secrets benchmark corpus without the internet.

A git repository of a few thousand commits made from the crate sources cargo unpacked
under ~/.cargo/registry/src, with secrets planted in new files, appended to existing
files, inside .tgz archives, and some deleted again (present in history only). Writes
planted.tsv: kind, path, in_head (1/0), sha256 of the secret.

Usage: make_corpus.py OUT_DIR [MAX_MB]
"""
import glob, hashlib, io, os, random, subprocess, sys, tarfile, time

out = os.path.abspath(sys.argv[1])
max_bytes = int(float(sys.argv[2]) if len(sys.argv) > 2 else 200) * 1024 * 1024
rnd = random.Random(5)
U = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"; L = U.lower(); D = "0123456789"

def r(chars, n):
    return "".join(rnd.choice(chars) for _ in range(n))

# Planted secrets in documented provider formats, made up here (never real keys).
KINDS = {
    "github-pat": lambda: "gh" + "p_" + r(U + L + D, 36),
    "aws-access-key-id": lambda: "AK" + "IA" + r(U + "234567", 16),
    "slack-bot-token": lambda: "xo" + "xb-" + r(D, 12) + "-" + r(D, 13) + "-" + r(U + L + D, 24),
    "stripe-secret-key": lambda: "sk" + "_live_" + r(U + L + D, 24),
    "gitlab-pat": lambda: "gl" + "pat-" + r(U + L + D, 20),
    "npm-access-token": lambda: "np" + "m_" + r(U + L + D, 36),
    "sendgrid-api-key": lambda: "SG" + "." + r(U + L + D, 22) + "." + r(U + L + D, 43),
    "openai-api-key": lambda: "sk" + "-proj-" + r(U + L + D, 40) + "T3Blbk" + "FJ" + r(U + L + D, 40),
    "gcp-api-key": lambda: "AI" + "za" + r(U + L + D, 35),
    "huggingface-token": lambda: "hf" + "_" + r(U + L, 34),
    "generic-secret": lambda: r(U + L + D, 28),
}
WRAP = {
    "generic-secret": lambda s: f'client_secret = "{s}"\n',
}

def planted_line(kind, secret):
    return WRAP.get(kind, lambda s: f"export TOKEN={s}\n")(secret)

files = []
root = os.path.expanduser("~/.cargo/registry/src")
for reg in sorted(glob.glob(root + "/*")):
    for crate in sorted(os.listdir(reg)):
        base = os.path.join(reg, crate)
        for dp, dn, fn in os.walk(base):
            dn.sort()
            for f in sorted(fn):
                p = os.path.join(dp, f)
                if os.path.islink(p):
                    continue
                try:
                    size = os.path.getsize(p)
                except OSError:
                    continue
                if size > 1024 * 1024:
                    continue
                files.append((os.path.relpath(p, reg), p, size))
total = 0
chosen = []
for f in files:
    if total + f[2] > max_bytes:
        break
    chosen.append(f)
    total += f[2]

subprocess.run(["rm", "-rf", out], check=True)
os.makedirs(out)
subprocess.run(["git", "init", "-q", "-b", "main", out], check=True)
stream = io.BytesIO()
w = stream.write
mark = 0
t0 = 1_600_000_000
planted = []
commit_n = 0
head = {}  # path -> content bytes currently in HEAD

def blob(data):
    global mark
    mark += 1
    w(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
    w(data)
    w(b"\n")
    return mark

def commit(changes, deletes, msg):
    global commit_n
    commit_n += 1
    marks = [(p, blob(d)) for p, d in changes]
    when = t0 + commit_n * 3600
    w(b"commit refs/heads/main\n")
    w(b"author Bench <bench@example.org> %d +0000\n" % when)
    w(b"committer Bench <bench@example.org> %d +0000\n" % when)
    m = msg.encode()
    w(b"data %d\n%s\n" % (len(m), m))
    for p in deletes:
        w(b"D %s\n" % p.encode())
        head.pop(p, None)
    for (p, d), (_, mk) in zip(changes, marks):
        w(b"M 100644 :%d %s\n" % (mk, p.encode()))
        head[p] = d
    w(b"\n")

BATCH = 4
pending_delete = []
for i in range(0, len(chosen), BATCH):
    batch = chosen[i:i + BATCH]
    changes = []
    for rel, p, _ in batch:
        with open(p, "rb") as fh:
            changes.append((rel, fh.read()))
    deletes = []
    n = i // BATCH
    if n % 40 == 7:  # plant a secret in a new file
        kind = rnd.choice(sorted(KINDS)); s = KINDS[kind]()
        path = f"deploy/env-{n}.sh"
        changes.append((path, ("#!/bin/sh\n" + planted_line(kind, s)).encode()))
        planted.append([kind, path, s])
    if n % 40 == 23 and head:  # append a secret to an existing source file
        kind = rnd.choice(sorted(KINDS)); s = KINDS[kind]()
        path = sorted(head)[rnd.randrange(len(head))]
        changes.append((path, head[path] + ("\n// " + planted_line(kind, s)).encode()))
        planted.append([kind, path, s])
    if n % 40 == 31:  # a secret inside a .tgz in the tree
        kind = rnd.choice(sorted(KINDS)); s = KINDS[kind]()
        data = planted_line(kind, s).encode()
        bio = io.BytesIO()
        with tarfile.open(fileobj=bio, mode="w:gz") as t:
            ti = tarfile.TarInfo("fixture/.env"); ti.size = len(data); ti.mtime = 0
            t.addfile(ti, io.BytesIO(data))
        path = f"fixtures/bundle-{n}.tgz"
        changes.append((path, bio.getvalue()))
        planted.append([kind, path, s])
    if n % 40 == 35 and planted:  # delete an earlier planted file: history only
        for pl in planted:
            if pl[1].startswith("deploy/") and pl[1] in head and pl[1] not in [c[0] for c in changes]:
                deletes.append(pl[1]); break
    if n % 10 == 5 and head:  # an edit: new version of an existing file
        path = sorted(head)[rnd.randrange(len(head))]
        if path not in [c[0] for c in changes] and path not in deletes:
            changes.append((path, head[path] + b"\n// edited\n"))
    commit(changes, deletes, f"commit {commit_n}")

subprocess.run(["git", "fast-import", "--quiet"], input=stream.getvalue(), cwd=out, check=True)
subprocess.run(["git", "repack", "-adq"], cwd=out, check=True)
subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=out, check=True)
with open(os.path.join(os.path.dirname(out), "planted.tsv"), "w") as fh:
    for kind, path, s in planted:
        in_head = 1 if path in head and (s.encode() in head[path] or path.endswith(".tgz")) else 0
        fh.write(f"{kind}\t{path}\t{in_head}\t{hashlib.sha256(s.encode()).hexdigest()}\n")
print(f"{commit_n} commits, {len(chosen)} source files ({total / 1048576:.0f} MiB), {len(planted)} planted secrets", file=sys.stderr)
