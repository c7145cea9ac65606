#!/usr/bin/env python3
"""Writes a `git fast-import` stream of N commits on `main` (default 50,000), spread over
the last 60 days so that every commit falls in the default 90-day window (the analyzer's
worst case: every commit is diffed and classified). 40 authors, a maintainer committing
one commit in ten, 200 files in 10 directories, a sensitive-path change every 500
commits and a lightweight release tag every 1,000 commits."""
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
now = int(time.time())
start = now - 60 * 86_400
out = sys.stdout.buffer
authors = [f"Dev {i} <dev{i}@example.org>" for i in range(40)]
maintainer = "Maintainer <maint@example.org>"
for i in range(n):
    t = start + i * (60 * 86_400) // n
    author = authors[(i * 7) % len(authors)]
    committer = maintainer if i % 10 == 0 else author
    if i % 500 == 250:
        path = ".github/workflows/ci.yml" if i % 1000 == 250 else "Cargo.lock"
    else:
        f = i % 200
        path = f"src/m{f // 20}/f{f}.rs"
    content = (f"// revision {i}\n" + "fn f() {}\n" * (1 + i % 7)).encode()
    msg = f"change {i}\n".encode()
    out.write(b"commit refs/heads/main\n")
    out.write(f"mark :{i + 1}\n".encode())
    out.write(f"author {author} {t} +0000\n".encode())
    out.write(f"committer {committer} {t} +0000\n".encode())
    out.write(f"data {len(msg)}\n".encode() + msg)
    out.write(f"M 100644 inline {path}\n".encode())
    out.write(f"data {len(content)}\n".encode() + content + b"\n")
    if i % 1000 == 999:
        out.write(f"reset refs/tags/v1.{i // 1000}.0\nfrom :{i + 1}\n\n".encode())
