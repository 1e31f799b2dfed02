"""Generate a large corpus of realistic shape for benchmarks (issue: scale).

    python3 Corpora/bench/generate.py --size 1 --lang en --out /tmp/bench-en-1g
    python3 Corpora/bench/generate.py --size 0.1 --lang zh --out /tmp/bench-zh-100m
    python3 Corpora/bench/generate.py --size 0.02 --doc-bytes 40,80 --out /tmp/bench-en-many

writes FOLDER/metadata.csv (doc_id, file, date, year, lang) and FOLDER/texts/*.txt: documents
of 10 to 50 KB (UTF-8; --doc-bytes sets other sizes), dated one to three days apart from 1900-01-01, until the texts reach
--size gigabytes. No text of a real corpus is copied: each document is drawn from a bigram
Markov chain trained on a corpus in Corpora/ (English: the State of the Union, fetched by
Corpora/sotu/fetch.py, over words and punctuation; Chinese: the government work reports, over
characters), so sentences have the local shape of the source. New words keep coming as the
corpus grows, as in real text (Heaps' law, V = K n^beta with beta = 0.5): with the
probability dV/dn a drawn word is replaced by a newly coined one (English: syllables; Chinese:
two or three characters), and coined words are reused with Zipf-like frequencies.

The output is deterministic for a given --seed and --slices (whatever --jobs). Write generated corpora outside the
repository (or under the git-ignored out/); they are for benchmarks, never committed. Python
writes about 2.5 MB/s per core, so 1 GB takes some 7 minutes and 10 GB over an hour on one core.
--slices S splits the corpus into S consecutive slices, written by --jobs processes at once,
each drawn from its own seed (seed-slice) with Heaps' law counted from the slice's place in the
corpus; coined words are then reused within their slice only. A finished slice is kept in
FOLDER.partial/slices/, so the same command run again after an interruption writes only the
slices that were not finished. Without --slices (or with 1) the corpus is the single sequence
of earlier versions, byte for byte.
"""

import argparse
import bisect
import csv
import datetime
import os
import multiprocessing
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Heaps' law for the coined words, counted as if the source's million tokens came first:
# V(n) = K ((n + N0)^beta - N0^beta), about 120,000 new words in 1 GB of English.
HEAPS_K, HEAPS_BETA, HEAPS_N0 = 10.0, 0.5, 1_000_000
# Each coined word is used about this many times in all.
REUSE = 10
# Bytes per drawn unit, to place a slice's first unit in the corpus (--jobs): measured on the
# generated corpora (English words and marks with their spaces; Chinese characters).
BYTES_PER_UNIT = {"en": 5.4, "zh": 3.0}


def source_texts(lang):
    """The training texts: the State of the Union (English) or the government work reports
    (Chinese)."""
    if lang == "en":
        folder = os.path.join(ROOT, "Corpora", "sotu", "data", "texts")
        if not os.path.isdir(folder):
            sys.exit("generate.py: the State of the Union corpus is missing; run python3 Corpora/sotu/fetch.py first")
        names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
    else:
        folder = os.path.join(ROOT, "Corpora", "cn-gov-work-reports", "texts")
        names = sorted(n for n in os.listdir(folder) if n.endswith("-zh.txt"))
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            yield f.read()


def units(text, lang):
    """English: words and punctuation marks; Chinese: characters (spaces dropped)."""
    if lang == "en":
        return re.findall(r"[A-Za-z]+(?:'[a-z]+)?|[0-9]+|[.,;:!?]", text)
    return [ch for ch in text if not ch.isspace()]


class Chain:
    """A bigram Markov chain: for each unit, the units that follow it with cumulative counts,
    so that the next unit is drawn by bisection."""

    def __init__(self, texts, lang):
        follow = {}
        for text in texts:
            previous = None
            for unit in units(text, lang):
                if previous is not None:
                    counts = follow.setdefault(previous, {})
                    counts[unit] = counts.get(unit, 0) + 1
                previous = unit
        self.next = {}
        for unit, counts in follow.items():
            items = sorted(counts.items())
            total, cumulative = 0, []
            for _, count in items:
                total += count
                cumulative.append(total)
            self.next[unit] = ([u for u, _ in items], cumulative, total)
        self.starts = sorted(self.next)

    def step(self, unit, rng):
        if unit not in self.next:
            unit = rng.choice(self.starts)
        followers, cumulative, total = self.next[unit]
        return followers[bisect.bisect_right(cumulative, rng.randrange(total))]


class Coiner:
    """Words that did not exist before: coined with the probability Heaps' law gives for the
    n-th token, then reused with a Zipf-like preference for the older ones."""

    def __init__(self, lang, rng):
        self.lang, self.rng, self.words = lang, rng, []

    def coin(self):
        if self.lang == "en":
            syllables = ["ka", "lo", "mi", "ren", "sto", "vel", "dra", "qui", "zan", "tor", "bel", "nu"]
            word = "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4)))
        else:
            word = "".join(chr(self.rng.randint(0x4E00, 0x9FA5)) for _ in range(self.rng.randint(2, 3)))
        self.words.append(word)
        return word

    def maybe_replace(self, unit, n):
        """The unit, or a coined word in its place (for word units only)."""
        if self.lang == "en" and not unit[0].isalpha():
            return unit
        new_rate = HEAPS_K * HEAPS_BETA * (n + HEAPS_N0) ** (HEAPS_BETA - 1)
        r = self.rng.random()
        if r < new_rate:
            return self.coin()
        if self.words and r < new_rate * REUSE:
            # Reuse: the index drawn about 1/rank, so early coinages recur most.
            rank = int(len(self.words) ** self.rng.random()) - 1
            return self.words[max(0, rank)]
        return unit


def document(chain, coiner, size, lang, rng, n):
    """About `size` bytes of text, and the number of units drawn so far."""
    out, length, unit = [], 0, None
    sentence_start = True
    while length < size:
        unit = chain.step(unit, rng)
        word = coiner.maybe_replace(unit, n)
        n += 1
        if lang == "en":
            if word in ".,;:!?":
                piece = word
                sentence_start = word in ".!?"
            else:
                piece = (" " if out else "") + (word.capitalize() if sentence_start else word)
                sentence_start = False
            if word in ".!?" and rng.random() < 0.15:
                piece += "\n\n"
                sentence_start = True
        else:
            piece = word
            if word == "。" and rng.random() < 0.2:
                piece += "\n"
        out.append(piece)
        length += len(piece.encode("utf-8"))
    return "".join(out).strip() + "\n", n


def write_slice(job):
    """One slice (--slices): documents until `target` bytes in slices/K/, then slices/K.done
    listing them; a slice already done is left as it is."""
    lang, seed, slice_index, target, folder, doc_bytes = job
    done = os.path.join(folder, "slices", f"{slice_index:04d}.done")
    if os.path.exists(done):
        with open(done, encoding="utf-8") as f:
            return f.read()
    texts = os.path.join(folder, "slices", f"{slice_index:04d}")
    os.makedirs(texts, exist_ok=True)
    rng = random.Random(f"{seed}-{slice_index}")
    chain = Chain(source_texts(lang), lang)
    coiner = Coiner(lang, rng)
    n = int(slice_index * target / BYTES_PER_UNIT[lang])
    written, files = 0, []
    while written < target:
        text, n = document(chain, coiner, rng.randint(*doc_bytes), lang, rng, n)
        name = f"{len(files):07d}.txt"
        data = text.encode("utf-8")
        with open(os.path.join(texts, name), "wb") as t:
            t.write(data)
        files.append(name)
        written += len(data)
    record = "\n".join([f"{written} {len(coiner.words)}"] + files) + "\n"
    with open(done + ".tmp", "w", encoding="utf-8") as f:
        f.write(record)
    os.rename(done + ".tmp", done)
    print(f"  slice {slice_index}: {len(files)} documents, {written / 1e9:.2f} GB", file=sys.stderr)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, required=True, help="gigabytes of text (0.1, 1, 10)")
    parser.add_argument("--lang", choices=["en", "zh"], default="en")
    parser.add_argument("--out", required=True, help="the corpus folder to write (must not exist)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slices", type=int, default=1, help="consecutive slices, each from its own seed")
    parser.add_argument("--jobs", type=int, default=1, help="processes writing slices at once")
    parser.add_argument("--doc-bytes", default="10000,50000",
                        help="MIN,MAX bytes of a document (default 10000,50000); small documents make a corpus of "
                             "many documents, to measure what a run holds per document")
    args = parser.parse_args()
    if os.path.exists(args.out):
        sys.exit(f"generate.py: {args.out} exists; give a new folder")
    if args.jobs < 1 or args.slices < 1:
        sys.exit("generate.py: --slices and --jobs must be 1 or more")
    try:
        args.doc_bytes = tuple(int(part) for part in args.doc_bytes.split(","))
        if len(args.doc_bytes) != 2 or not 0 < args.doc_bytes[0] <= args.doc_bytes[1]:
            raise ValueError
    except ValueError:
        sys.exit("generate.py: --doc-bytes takes MIN,MAX, two whole numbers with 0 < MIN <= MAX")
    temporary = args.out + ".partial"
    target = int(args.size * 1e9)
    if args.slices > 1:
        # The slices kept from an interrupted run must be those of the same corpus.
        settings = f"seed={args.seed} size={args.size} lang={args.lang} slices={args.slices}"
        if args.doc_bytes != (10_000, 50_000):
            settings += f" doc_bytes={args.doc_bytes[0]},{args.doc_bytes[1]}"
        settings += "\n"
        recorded = os.path.join(temporary, "slices", "settings.txt")
        if os.path.exists(temporary) and not os.path.exists(recorded):
            sys.exit(f"generate.py: {temporary} exists but is not a run with --slices; remove it")
        if os.path.exists(recorded):
            with open(recorded, encoding="utf-8") as f:
                if f.read() != settings:
                    sys.exit(f"generate.py: {temporary} holds slices of other settings ({recorded}); remove it or use them")
        else:
            os.makedirs(os.path.join(temporary, "slices"))
            with open(recorded, "w", encoding="utf-8") as f:
                f.write(settings)
        write_slices(args, temporary, target)
    else:
        if os.path.exists(temporary):
            sys.exit(f"generate.py: {temporary} exists (a run without --slices cannot resume); remove it")
        os.makedirs(os.path.join(temporary, "texts"))
        write_sequence(args, temporary, target)


def write_slices(args, temporary, target):
    """Slices written in parallel (those not done yet), then moved to texts/ in order and dated
    by one sequence."""
    jobs = [(args.lang, args.seed, k, target // args.slices, temporary, args.doc_bytes) for k in range(args.slices)]
    with multiprocessing.Pool(args.jobs) as pool:
        records = pool.map(write_slice, jobs, chunksize=1)
    os.makedirs(os.path.join(temporary, "texts"), exist_ok=True)
    rng = random.Random(args.seed)
    date = datetime.date(1900, 1, 1)
    index, written, coined = 0, 0, 0
    with open(os.path.join(temporary, "metadata.csv"), "w", encoding="utf-8", newline="") as f:
        rows = csv.writer(f, lineterminator="\n")
        rows.writerow(["doc_id", "file", "date", "year", "lang"])
        for k, record in enumerate(records):
            lines = record.split()
            written += int(lines[0])
            coined += int(lines[1])
            for name in lines[2:]:
                doc_id = f"{args.lang}-{index:07d}"
                moved = os.path.join(temporary, "texts", doc_id + ".txt")
                # Moved already by a run stopped while moving: the same name, as dating is fixed.
                if not os.path.exists(moved):
                    os.rename(os.path.join(temporary, "slices", f"{k:04d}", name), moved)
                rows.writerow([doc_id, f"texts/{doc_id}.txt", date.isoformat(), date.year, args.lang])
                index += 1
                date += datetime.timedelta(days=rng.randint(1, 3))
    os.rename(temporary, args.out)
    print(f"{args.out}: {index} documents, {written:,} bytes, {coined:,} coined words ({args.slices} slices)")


def write_sequence(args, temporary, target):
    """The single sequence: one generator, documents written and dated as drawn."""
    rng = random.Random(args.seed)
    chain = Chain(source_texts(args.lang), args.lang)
    coiner = Coiner(args.lang, rng)
    written, n, index = 0, 0, 0
    date = datetime.date(1900, 1, 1)
    with open(os.path.join(temporary, "metadata.csv"), "w", encoding="utf-8", newline="") as f:
        rows = csv.writer(f, lineterminator="\n")
        rows.writerow(["doc_id", "file", "date", "year", "lang"])
        while written < target:
            text, n = document(chain, coiner, rng.randint(*args.doc_bytes), args.lang, rng, n)
            doc_id = f"{args.lang}-{index:07d}"
            with open(os.path.join(temporary, "texts", doc_id + ".txt"), "w", encoding="utf-8") as t:
                t.write(text)
            rows.writerow([doc_id, f"texts/{doc_id}.txt", date.isoformat(), date.year, args.lang])
            written += len(text.encode("utf-8"))
            index += 1
            date += datetime.timedelta(days=rng.randint(1, 3))
            if index % 1000 == 0:
                print(f"  {index} documents, {written / 1e9:.2f} GB", file=sys.stderr)
    os.rename(temporary, args.out)
    print(f"{args.out}: {index} documents, {written:,} bytes, {len(coiner.words):,} coined words")


if __name__ == "__main__":
    main()
