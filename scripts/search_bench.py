#!/usr/bin/env python3
"""briefgen's search index beside Pagefind's, on one generated site.

usage: search_bench.py BRIEFGEN_BINARY SITE_DIR PAGEFIND_BINARY   (PAGEFIND_BINARY "-": briefgen only)

Builds SITE_DIR from scratch with `briefgen build --report`, then prints, as a Markdown table:
the search stage's time and its share of the build, the index's size and file count, the bytes
a typical query fetches (a two-word actor name: type-ahead, then the /search/ page's first 20
results with their snippets, worked out by the same steps as the search script), and Pagefind
run on the same output (time and peak RSS from /usr/bin/time -v, index size).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

binary, site, pagefind = sys.argv[1], sys.argv[2], sys.argv[3]
public = os.path.join(site, "public")
for path in (public, os.path.join(site, ".briefgen"), public + ".staging"):
    shutil.rmtree(path, ignore_errors=True)
report = os.path.join(tempfile.mkdtemp(), "report.json")
start = time.time()
subprocess.run([binary, "build", "--site", site, "--report", report], check=True, stdout=subprocess.DEVNULL)
wall = time.time() - start
timings = {t["stage"]: t["ms"] for t in json.load(open(report))["timings"]}
total_ms = sum(timings.values())
index_root = os.path.join(public, "search")


def read(path):
    with open(os.path.join(index_root, path), "rb") as f:
        data = f.read()
    fetched[path] = len(data)
    return json.loads(data)


files = [os.path.join(d, f) for d, _, fs in os.walk(index_root) for f in fs if f.endswith(".json")]
index_bytes = sum(os.path.getsize(f) for f in files)

# The search script's steps (Theme/assets/search.js), for one query.
WORD = re.compile(r"[^\W_]+|[\u0300-\u036f]+")


def fold(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.category(c).startswith("M")).lower()


def terms(text):
    out = []
    for word in re.findall(r"[^\W_]+", text):
        term = fold(word)
        if len(term) > 1 and term not in out:
            out.append(term)
    return out


def key(term, n):
    return "".join(c if re.match(r"[a-z0-9]$", c) else "_" for c in term[:n])


fetched = {}
manifest = read("index.json")
splits = set(manifest["s"])


def shard_of(term):
    k = key(term, 1)
    while k in splits and len(term) > len(k):
        k = key(term, len(k) + 1)
    return k


def decode(lst):
    title, body, last = [], [], 0
    for i, d in enumerate(lst[1:]):
        if i == lst[0]:
            last = 0
        last += d
        (title if i < lst[0] else body).append(last)
    return title, body


def run(query, prefix):
    words = terms(query)
    per_word = []
    for i, word in enumerate(words):
        path = "t/%s.json" % shard_of(word)
        shard = read(path) if os.path.exists(os.path.join(index_root, path)) else {}
        scores = {}

        def add(numbers, weight):
            for n in numbers:
                scores[n] = max(scores.get(n, 0), weight)
        if word in shard:
            t, b = decode(shard[word])
            add(t, 10)
            add(b, 1)
        if prefix and i == len(words) - 1 and len(word) >= 3:
            for term, lst in shard.items():
                if term != word and term.startswith(word):
                    t, b = decode(lst)
                    add(t, 6)
                    add(b, 0.6)
        per_word.append(scores)
    total = per_word[0]
    for scores in per_word[1:]:
        total = {n: s + scores[n] for n, s in total.items() if n in scores}
    return sorted(total, key=lambda n: (-total[n], n))


def describe(numbers, text):
    for n in numbers:
        kind = manifest["k"][n >> 24]
        slot = n & 0xFFFFFF
        read("d/%d-%d.json" % (n >> 24, slot >> (kind[1] - kind[2])))
        if text:
            read("x/%d-%d.json" % (n >> 24, slot >> (kind[1] - kind[3])))


actor = next(a for a in manifest["a"] if len(a[2].split()) == 2)
query = actor[2]
hits = run(query, prefix=True)
describe(hits[:8], text=False)
typeahead = sum(fetched.values())
hits = run(query + " ", prefix=False)
describe(hits[:20], text=True)
results_page = sum(fetched.values())

# Pagefind on the same output.
pf_seconds, pf_rss, pf_files, pf_bytes = 0.0, 0.0, [], 0
if pagefind != "-":
    shutil.rmtree(os.path.join(public, "pagefind"), ignore_errors=True)
    timed = subprocess.run(["/usr/bin/time", "-v", pagefind, "--site", public], capture_output=True, text=True)
    if timed.returncode != 0:
        print(timed.stdout[-2000:], timed.stderr[-2000:])
        sys.exit(1)
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+\.\d+)", timed.stderr)
    pf_seconds = (int(elapsed.group(1) or 0) * 3600 + int(elapsed.group(2)) * 60 + float(elapsed.group(3)))
    pf_rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timed.stderr).group(1)) / 1024
    pf_files = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(public, "pagefind")) for f in fs]
    pf_bytes = sum(os.path.getsize(f) for f in pf_files)
    shutil.rmtree(os.path.join(public, "pagefind"), ignore_errors=True)
pages = sum(1 for d, _, fs in os.walk(public) for f in fs if f.endswith(".html"))

mib = lambda n: "%.1f MiB" % (n / 1048576)
kib = lambda n: "%.0f KiB" % (n / 1024)
print(f"search index of {pages:,} pages (briefgen build {wall:.1f} s wall, stages {total_ms / 1000:.1f} s: "
      + ", ".join(f"{stage} {ms / 1000:.2f}" for stage, ms in timings.items()) + ")")
print("| | briefgen | Pagefind |")
print("|---|---|---|")
print(f"| index build | {timings.get('search', 0) / 1000:.2f} s, {100 * timings.get('search', 0) / total_ms:.1f} % of the build's stages "
      f"(text shards made with the pages) | {pf_seconds:.1f} s, after the build |")
print(f"| peak RSS | (within the build) | {pf_rss:,.0f} MiB |")
print(f"| index size | {mib(index_bytes)} in {len(files):,} files | {mib(pf_bytes)} in {len(pf_files):,} files |")
print(f"| a query, \"{query}\": type-ahead | {kib(typeahead)} |  |")
print(f"| and its /search/ page (20 results with snippets) | {kib(results_page)} in {len(fetched)} files |  |")
