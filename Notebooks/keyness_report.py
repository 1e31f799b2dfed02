#!/usr/bin/env python3
"""Key terms from a `discourse keyness` output folder.

Reads keyness.csv and run.json from one output folder and

  (a) prints, for each comparison (or the one given with --comparison), the top 20
      positive key terms (more frequent in the target) and the top 20 negative ones
      (less frequent in the target), ranked by the signed log-likelihood G² (g2), with
      log_ratio, q_value and the counts;
  (b) draws a horizontal bar chart of log_ratio for those terms of one comparison (the
      first, or --comparison) and saves it as keyness_report.png in the same folder.

Make the input first, from the repository root:

    discourse keyness Corpora/sotu/data --by year --target 2026 --stopwords en --out out/keyness

then run:

    python3 Notebooks/keyness_report.py out/keyness
    python3 Notebooks/keyness_report.py out/keyness-each --comparison 1941 --top 15

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
from matplotlib.patches import Patch

# The columns this script uses (the others are not parsed, which saves time on the large
# tables of --each).
USED = ["comparison", "term", "target_count", "reference_count", "target_tokens",
        "reference_tokens", "target_per_million", "reference_per_million", "g2",
        "q_value", "log_ratio"]
POSITIVE_COLOR, NEGATIVE_COLOR = "#1f77b4", "#d62728"


def top_terms(frame, n):
    """Per comparison, the n most positive and the n most negative rows by signed g2
    (ties by term in code point order, as the tool sorts text)."""
    positive = (frame[frame["g2"] > 0]
                .sort_values(["comparison", "g2", "term"], ascending=[True, False, True],
                             kind="mergesort")
                .groupby("comparison", sort=False).head(n))
    negative = (frame[frame["g2"] < 0]
                .sort_values(["comparison", "g2", "term"], ascending=[True, True, True],
                             kind="mergesort")
                .groupby("comparison", sort=False).head(n))
    return positive, negative


def print_table(title, frame):
    print(f"  {title}")
    if frame.empty:
        print("    (none)")
        return
    width = max(12, min(28, max(discourse_io.cells(t) for t in frame["term"]) + 2))
    print(f"  {'rank':>4}  {discourse_io.pad('term', width)}{'g2':>10}{'log_ratio':>11}"
          f"{'q_value':>10}{'target':>9}{'reference':>11}{'target_pm':>11}{'ref_pm':>10}")
    for rank, row in enumerate(frame.itertuples(index=False), start=1):
        # A zero count: log_ratio was computed with 0.5 in its place.
        zero = "*" if row.target_count == 0 or row.reference_count == 0 else " "
        print(f"  {rank:>4}  {discourse_io.pad(row.term, width)}{row.g2:>10.1f}"
              f"{row.log_ratio:>10.2f}{zero}{discourse_io.fmt_p(row.q_value):>10}"
              f"{row.target_count:>9}{row.reference_count:>11}"
              f"{row.target_per_million:>11.1f}{row.reference_per_million:>10.1f}")


def main():
    parser = argparse.ArgumentParser(
        description="Top positive and negative key terms from a `discourse keyness` folder.")
    parser.add_argument("folder", nargs="?", default="out/keyness",
                        help="output folder of `discourse keyness` (default: out/keyness)")
    parser.add_argument("--top", type=int, default=20,
                        help="how many positive and negative terms per comparison "
                             "(default: 20)")
    parser.add_argument("--comparison", metavar="LABEL",
                        help="only this comparison, e.g. '2026 vs rest'; a target label "
                             "alone ('2026') is enough when it names one comparison. "
                             "Default: print all, chart the first")
    parser.add_argument("--alpha", type=float, default=0.05,
                        help="q_value below which a term counts as significant in the "
                             "summary and the chart (default: 0.05)")
    parser.add_argument("--png", help="chart file (default: FOLDER/keyness_report.png)")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the SHA-256 check of keyness.csv against run.json")
    args = parser.parse_args()
    if args.top < 1:
        parser.error("--top must be positive")

    folder = Path(args.folder)
    run = discourse_io.check_run(folder, "keyness", ["keyness.csv"],
                                 verify=not args.no_verify)
    options = run.get("options", {})
    corpus = run.get("corpus", {})
    excel = bool(options.get("excel"))
    by = options.get("by") or "group"
    if options.get("each"):
        design = "--each: every group against the rest"
    elif options.get("baseline"):
        design = f"--baseline {options['baseline']}"
    else:
        design = (f"--target {','.join(options.get('target') or [])} against "
                  f"{','.join(options.get('reference') or []) or 'the rest'}")
    print(f"{folder}: {corpus.get('documents')} documents, {corpus.get('groups')} group(s) "
          f"by {by}, n = {options.get('n')}, {design}, min-count {options.get('min_count')}")
    if options.get("where"):
        print(f"  only documents with {' and '.join(options['where'])}")
    if options.get("stopwords"):
        print(f"  stopwords: {', '.join(options['stopwords'])}")
    for warning in corpus.get("warnings", []):
        print(f"  run warning: {warning}")

    # keyness.csv can be large (--each on 229 years: 2.8 million rows). Read it in
    # chunks and keep per chunk only the candidates for each comparison's top lists;
    # the top n of the union of every chunk's top n is the overall top n.
    rows = 0
    order, seen = [], set()
    positives, negatives, summaries = [], [], []
    for chunk in discourse_io.read_chunks(folder / "keyness.csv", excel, usecols=USED):
        rows += len(chunk)
        for label in chunk["comparison"].unique():
            if label not in seen:
                seen.add(label)
                order.append(label)
        positive, negative = top_terms(chunk, args.top)
        positives.append(positive)
        negatives.append(negative)
        significant = chunk["q_value"] < args.alpha
        summaries.append(chunk.assign(
            terms=1, key_pos=(significant & (chunk["g2"] > 0)).astype("int64"),
            key_neg=(significant & (chunk["g2"] < 0)).astype("int64"))
            .groupby("comparison", sort=False)
            .agg(terms=("terms", "sum"), key_pos=("key_pos", "sum"),
                 key_neg=("key_neg", "sum"), target_tokens=("target_tokens", "first"),
                 reference_tokens=("reference_tokens", "first")))
    discourse_io.check_rows(run, "keyness.csv", rows)
    if rows == 0:
        discourse_io.fail(f"{folder / 'keyness.csv'} has no rows: no term reached "
                          f"--min-count {options.get('min_count')}, or the target or "
                          "reference had no tokens (see the warnings of the discourse run)")
    positive, _ = top_terms(pd.concat(positives), args.top)
    _, negative = top_terms(pd.concat(negatives), args.top)
    summary = (pd.concat(summaries).groupby(level=0, sort=False)
               .agg(terms=("terms", "sum"), key_pos=("key_pos", "sum"),
                    key_neg=("key_neg", "sum"), target_tokens=("target_tokens", "first"),
                    reference_tokens=("reference_tokens", "first")))
    print(f"  {len(order)} comparison(s), {rows:,} rows")

    # Which comparisons: all, or the one named (exactly, or by its target part).
    if args.comparison:
        if args.comparison in seen:
            chosen = [args.comparison]
        else:
            chosen = [label for label in order
                      if label.split(" vs ", 1)[0] == args.comparison]
            if len(chosen) != 1:
                shown = ", ".join(f"'{label}'" for label in order[:8])
                more = f", ... ({len(order)} in all)" if len(order) > 8 else ""
                discourse_io.fail(f"no comparison '{args.comparison}' in "
                                  f"{folder / 'keyness.csv'}"
                                  f"{' (several match)' if chosen else ''}; the comparisons "
                                  f"are: {shown}{more}")
    else:
        chosen = order

    for label in chosen:
        s = summary.loc[label]
        print(f"\n== {label}: target {int(s['target_tokens']):,} tokens, reference "
              f"{int(s['reference_tokens']):,} tokens; {int(s['terms']):,} terms tested, "
              f"q < {args.alpha:g}: {int(s['key_pos']):,} positive, "
              f"{int(s['key_neg']):,} negative")
        print_table(f"top {args.top} positive (more frequent in the target), by g2",
                    positive[positive["comparison"] == label])
        print_table(f"top {args.top} negative (less frequent in the target), by g2",
                    negative[negative["comparison"] == label])
    print("\n  g2: signed log-likelihood; log_ratio: log2 of target_pm / ref_pm (per million); "
          "* a count is 0\n  and log_ratio used 0.5 in its place (its size then reflects "
          "that choice, not the data).")

    # (b) The chart: one comparison, the positive terms on top (strongest first), then
    # the negative ones (strongest last, at the bottom).
    label = chosen[0]
    pos = positive[positive["comparison"] == label]
    neg = negative[negative["comparison"] == label]
    bars = pd.concat([pos, neg.iloc[::-1]])
    if bars.empty:
        print(f"\n(b) no key terms in '{label}': nothing to plot")
        return
    discourse_io.use_cjk_font(list(bars["term"]) + [label])
    height = 1.6 + 0.26 * len(bars)
    fig, ax = plt.subplots(figsize=(8.5, height), layout="constrained")
    y = list(range(len(bars)))[::-1]      # first bar at the top
    zero = ((bars["target_count"] == 0) | (bars["reference_count"] == 0)).to_numpy()
    weak = (bars["q_value"] >= args.alpha).to_numpy()
    colors = [POSITIVE_COLOR if g > 0 else NEGATIVE_COLOR for g in bars["g2"]]
    for yi, value, color, is_zero, is_weak in zip(y, bars["log_ratio"], colors, zero, weak):
        ax.barh(yi, value, color=color, alpha=0.35 if is_weak else 0.85,
                hatch="///" if is_zero else None, edgecolor="white" if is_zero else color,
                linewidth=0)
    span = max(abs(bars["log_ratio"]).max(), 0.5)
    for yi, value, a, b in zip(y, bars["log_ratio"], bars["target_count"],
                               bars["reference_count"]):
        ax.text(value + (0.01 if value >= 0 else -0.01) * span * 2, yi, f"{a} | {b}",
                va="center", ha="left" if value >= 0 else "right", fontsize=7,
                color="#444444")
    ax.set_yticks(y, list(bars["term"]))
    ax.axvline(0, color="black", linewidth=0.8)
    # Each side as long as its longest bar, plus room for the count labels.
    low, high = min(bars["log_ratio"].min(), 0.0), max(bars["log_ratio"].max(), 0.0)
    ax.set_xlim(low - 0.22 * span if low < 0 else -0.05 * span,
                high + 0.22 * span if high > 0 else 0.05 * span)
    if len(pos) and len(neg):
        ax.axhline(y[len(pos) - 1] - 0.5, color="#999999", linewidth=0.6, linestyle=":")
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("log_ratio = log2(target per million / reference per million)")
    handles = [Patch(color=POSITIVE_COLOR, label="positive (more in target)"),
               Patch(color=NEGATIVE_COLOR, label="negative (less in target)")]
    if weak.any():
        handles.append(Patch(color="#888888", alpha=0.35, label=f"q_value ≥ {args.alpha:g}"))
    if zero.any():
        handles.append(Patch(facecolor="#888888", hatch="///", edgecolor="white",
                             label="a count is 0 (0.5 used)"))
    ax.legend(handles=handles, fontsize=7.5, loc="lower right" if len(neg) else "upper right",
              framealpha=0.9)
    ax.set_title(f"{label}: top {args.top} positive and negative key terms by G²\n"
                 f"{discourse_io.corpus_name(run)} by {by}; bar = log ratio; labels: target | "
                 "reference count", fontsize=10)
    png = Path(args.png) if args.png else folder / "keyness_report.png"
    fig.savefig(png, dpi=130)
    print(f"\nchart ({label}): {png}")


if __name__ == "__main__":
    main()
