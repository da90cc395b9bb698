#!/usr/bin/env python3
"""Flags example text that follows a seed article's wording: any run of 6 words in common
with a seed, or of 7 words with one word changed, beyond actor names (names and aliases from
content/actors are never counted). Stricter than ../shared/tools/seed-overlap.py (8-word
exact runs), which misses a sentence copied with one word swapped.

usage: seed-wording.py [SITE_ROOT] [SEEDS_DIR]   exit 1 when such a run is found; skipped
(exit 0, reason printed) when the seeds are absent.
"""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
seeds = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "..", "shared", "seeds")
if not os.path.isdir(seeds):
    print(f"seed-wording: skipped, no seed articles at {seeds}")
    sys.exit(0)

WORD = re.compile(r"[a-z0-9']+")

def words(text):
    return WORD.findall(text.lower().replace("\u2019", "'"))

# Actor names and aliases, as word sequences: they break runs instead of making them.
names = set()
actors = os.path.join(root, "content", "actors")
for f in os.listdir(actors) if os.path.isdir(actors) else []:
    head = open(os.path.join(actors, f), encoding="utf-8").read().split("---")
    if len(head) < 3:
        continue
    for line in head[1].splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("name", "short", "aliases"):
            for part in re.split(r"[\[\],]", value):
                w = tuple(words(part))
                if w:
                    names.add(w)
longest = max((len(n) for n in names), default=0)

def tokens(text):
    """Words with every actor name replaced by a token unique to its place."""
    w = words(text)
    out, i = [], 0
    while i < len(w):
        for n in range(min(longest, len(w) - i), 0, -1):
            if tuple(w[i:i + n]) in names:
                out.append(f"\0{len(out)}")
                i += n
                break
        else:
            out.append(w[i])
            i += 1
    return out

def windows(w, n):
    return (tuple(w[i:i + n]) for i in range(len(w) - n + 1))

exact, near = set(), set()
for f in sorted(os.listdir(seeds)):
    w = tokens(open(os.path.join(seeds, f), encoding="utf-8", errors="replace").read())
    exact.update(windows(w, 6))
    for win in windows(w, 7):
        for k in range(7):
            near.add(win[:k] + ("*",) + win[k + 1:])

found = 0
for folder, _, files in os.walk(os.path.join(root, "content")):
    for f in sorted(files):
        if not f.endswith((".md", ".yml", ".yaml")):
            continue
        path = os.path.join(folder, f)
        w = tokens(open(path, encoding="utf-8").read())
        # Words covered by a matching window, reported as maximal spans.
        covered = [False] * len(w)
        for i in range(len(w)):
            win6, win7 = tuple(w[i:i + 6]), tuple(w[i:i + 7])
            if len(win6) == 6 and win6 in exact:
                covered[i:i + 6] = [True] * 6
            if len(win7) == 7 and any(win7[:k] + ("*",) + win7[k + 1:] in near for k in range(7)):
                covered[i:i + 7] = [True] * 7
        i = 0
        while i < len(w):
            if not covered[i]:
                i += 1
                continue
            j = i
            while j < len(w) and covered[j]:
                j += 1
            span = " ".join("(name)" if t.startswith("\0") else t for t in w[i:j])
            print(f"{os.path.relpath(path, root)}: follows a seed's wording: \"{span}\"")
            found += 1
            i = j
if found:
    print(f"seed-wording: {found} run(s) follow a seed's wording; say it in our own words")
    sys.exit(1)
print("seed-wording: no run of 6 words (or 7 with one changed) in common with a seed, beyond names")
