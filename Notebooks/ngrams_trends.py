#!/usr/bin/env python3
"""N-gram trends from a `discourse ngrams` output folder.

Reads ngrams.csv, groups.csv and run.json from one output folder and

  (a) prints the 20 most frequent bigrams over all groups (by summed count);
  (b) plots per_million over the groups for a few terms and saves the chart as
      ngrams_trends.png in the same folder.

Make the input first, from the repository root:

    discourse ngrams Corpora/sotu/data --n 1-3 --by year --out out/sotu

then run:

    python3 Notebooks/ngrams_trends.py out/sotu
    python3 Notebooks/ngrams_trends.py out/sotu --terms america freedom "health care"

Needs Python 3.8+ with pandas and matplotlib, and discourse_io.py from this folder.
Column definitions: docs/csv-columns.md.
"""

import argparse
import os
import sys
from pathlib import Path

# The helpers shared with the other scripts in this folder (run.json checks, CSV reading,
# terminal padding, CJK font). Importing it stops with an install hint when pandas or
# matplotlib is missing, and selects matplotlib's Agg backend (no display needed).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import discourse_io
import pandas as pd
import matplotlib.pyplot as plt



def lengths(spec):
    """The n-gram lengths of run.json's options.n: "2" -> {2}, "1-3" -> {1, 2, 3}."""
    text = str(spec)
    low, _, high = text.partition("-")
    try:
        return set(range(int(low), int(high or low) + 1))
    except ValueError:
        discourse_io.fail(f"cannot read options.n = {spec!r} in run.json")


def main():
    parser = argparse.ArgumentParser(
        description="Top bigrams and per-million trends from a `discourse ngrams` folder.")
    parser.add_argument("folder", nargs="?", default="out/sotu",
                        help="output folder of `discourse ngrams` (default: out/sotu)")
    parser.add_argument("--terms", nargs="+", default=["america", "freedom", "economy", "war"],
                        metavar="TERM",
                        help="n-grams to plot (default: america freedom economy war); "
                             "a phrase such as 'health care' is looked up among the "
                             "bigrams, so the run must include that length")
    parser.add_argument("--top", type=int, default=20,
                        help="how many bigrams to print (default: 20)")
    parser.add_argument("--png", help="chart file (default: FOLDER/ngrams_trends.png)")
    parser.add_argument("--smooth", type=int, default=0, metavar="K",
                        help="also draw a centred moving average over K groups (K odd, "
                             "e.g. 9); default: raw values only")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the SHA-256 check of the CSV files against run.json")
    args = parser.parse_args()
    if args.smooth > 1 and args.smooth % 2 == 0:
        parser.error("--smooth needs an odd number of groups (a centred window)")

    folder = Path(args.folder)
    run = discourse_io.check_run(folder, "ngrams", ["ngrams.csv", "groups.csv"],
                                 verify=not args.no_verify)
    options = run.get("options", {})
    excel = bool(options.get("excel"))
    keep_case = bool(options.get("keep_case"))
    min_count = int(options.get("min_count") or 1)
    ns = lengths(options.get("n", "1"))

    # groups.csv: one row per group, already in the tool's group order (SPEC §1).
    groups = discourse_io.read_table(folder / "groups.csv", excel)
    order = list(groups["group"])
    print(f"{folder}: {run['corpus']['documents']} documents, {len(order)} group(s) "
          f"by {options.get('by') or '(none: one group, all)'}, n = {options.get('n')}, "
          f"{int(groups['tokens'].sum()):,} tokens")
    discourse_io.check_rows(run, "groups.csv", len(groups))
    for warning in run.get("corpus", {}).get("warnings", []):
        print(f"  run warning: {warning}")
    if run.get("corpus", {}).get("left_out"):
        print(f"  left out (no value for --by): {len(run['corpus']['left_out'])} document(s)")
    if min_count > 1:
        print(f"  note: --min-count {min_count}: rows with smaller counts were not written, "
              "so sums below are lower bounds and absent groups are unknown, not zero")

    wanted = {discourse_io.normalize(t, keep_case): t for t in args.terms}
    wanted_n = {term: len(term.split(" ")) for term in wanted}
    for term, n in wanted_n.items():
        if n not in ns:
            print(f"  note: '{term}' is a {n}-gram, but this run has n = {options.get('n')}")

    # ngrams.csv can hold millions of rows: read it in chunks and keep only what is needed.
    bigram_sums = []
    term_rows = []
    rows = 0
    for chunk in discourse_io.read_chunks(folder / "ngrams.csv", excel, usecols=["group", "n", "ngram", "count", "per_million"]):
        rows += len(chunk)
        bigrams = chunk[chunk["n"] == 2]
        if len(bigrams):
            bigram_sums.append(bigrams.groupby("ngram").agg(count=("count", "sum"),
                                                            groups=("group", "size")))
        term_rows.append(chunk[chunk["ngram"].isin(wanted.keys())])

    discourse_io.check_rows(run, "ngrams.csv", rows)

    # (a) Top bigrams over all groups. Each (group, ngram) pair is one row, so summing the
    # per-chunk sums (and row counts, = groups present) is exact even where a chunk
    # boundary splits a group.
    if 2 not in ns:
        print(f"\n(a) no bigrams in this run (n = {options.get('n')}): "
              "rerun discourse ngrams with --n 2 or --n 1-3")
    else:
        total_tokens = int(groups["tokens"].sum())
        # Ties in count: by ngram in code point order, as the tool sorts text.
        top = (pd.concat(bigram_sums).groupby(level=0).sum().reset_index()
               .sort_values(["count", "ngram"], ascending=[False, True], kind="mergesort")
               .head(args.top))
        top["per_million"] = top["count"] / total_tokens * 1_000_000
        print(f"\n(a) top {args.top} bigrams over all {len(order)} group(s), by summed count")
        print(f"{'rank':>4}  {'bigram':<28}{'count':>9}{'per_million':>13}{'groups':>8}")
        for rank, row in enumerate(top.itertuples(index=False), start=1):
            bigram = discourse_io.pad(row.ngram, 28, cut=False)
            print(f"{rank:>4}  {bigram}{row.count:>9}{row.per_million:>13.1f}{row.groups:>8}")

    # (b) per_million of each term over the groups, in group order.
    found = pd.concat(term_rows)
    found = found[found["n"] == found["ngram"].map(wanted_n)]
    if found.empty:
        discourse_io.fail(f"none of the terms {', '.join(args.terms)} occurs in "
                          f"{folder / 'ngrams.csv'}: nothing to plot")
    series = (found.pivot_table(index="group", columns="ngram", values="per_million",
                                aggfunc="sum")
              .reindex(order))
    missing = [t for t in wanted if t not in series.columns and wanted_n[t] in ns]
    for term in missing:
        print(f"  note: '{term}' does not occur as a {wanted_n[term]}-gram in "
              f"{folder / 'ngrams.csv'}: not in the corpus, a stopword, a length this run "
              "lacks, or split into several tokens by ICU (see `discourse tokens`; look it "
              "up as 'w1 w2', or keep it whole with --terms FILE)")
    series = series[[t for t in wanted if t in series.columns]]
    if min_count == 1:
        series = series.fillna(0.0)  # absent from a group = count 0 in that group

    print("\n(b) per_million over groups: total count and the groups where each term peaks")
    counts = found.groupby("ngram")["count"].sum()
    for term in series.columns:
        peak = series[term].idxmax()
        print(f"  {discourse_io.pad(term, 20, cut=False)} count {int(counts[term]):>7}   "
              f"peak {series[term].max():9.1f} per million in {peak}")

    # The panel titles: the terms, and the spellings given with --terms.
    discourse_io.use_cjk_font(list(series.columns) + [wanted[t] for t in series.columns])

    # One panel per term, with a shared x axis and each panel on its own y scale (a
    # frequent word would otherwise flatten the others). x is the group value itself when
    # every label is a number (years, sessions), so that gaps between years show;
    # otherwise the group's position, labelled.
    numeric = pd.to_numeric(pd.Series(order), errors="coerce")
    k = len(series.columns)
    labelled = numeric.isna().any()  # text labels on the x axis need more room
    fig, axes = plt.subplots(k, 1, figsize=(11, (2.6 if labelled else 1.2) + 2.0 * k),
                             sharex=True, squeeze=False, layout="constrained")
    axes = axes[:, 0]
    x = numeric.to_numpy() if numeric.notna().all() else list(range(len(order)))
    marker = "o" if len(order) <= 60 else None
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (ax, term) in enumerate(zip(axes, series.columns)):
        color = colors[i % len(colors)]
        y = series[term]
        ax.plot(x, y.to_numpy(), color=color, marker=marker, markersize=3,
                linewidth=0.8 if args.smooth > 1 else 1.2,
                alpha=0.45 if args.smooth > 1 else 1.0)
        if args.smooth > 1:
            smooth = y.rolling(args.smooth, center=True, min_periods=1).mean()
            ax.plot(x, smooth.to_numpy(), color=color, linewidth=2.2)
        label = term if wanted[term] == term else f"{wanted[term]} ({term})"
        ax.set_title(label, loc="left", fontsize=10, fontweight="bold")
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.set_ylabel("per million")
    if labelled:
        step = max(1, len(order) // 30)
        axes[-1].set_xticks(x[::step], order[::step], rotation=60, ha="right")
    axes[-1].set_xlabel(options.get("by") or "group")
    smoothing = (f"; bold line: centred mean over {args.smooth} groups" if args.smooth > 1
                 else "")
    fig.suptitle(f"{discourse_io.corpus_name(run)}: frequency per million tokens "
                 f"by {options.get('by') or 'group'} (each panel on its own scale{smoothing})",
                 fontsize=11)
    png = Path(args.png) if args.png else folder / "ngrams_trends.png"
    fig.savefig(png, dpi=150)
    print(f"\nchart: {png}")


if __name__ == "__main__":
    main()
