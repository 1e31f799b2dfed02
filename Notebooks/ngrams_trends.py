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

Needs Python 3.8+ with pandas and matplotlib. Column definitions: docs/csv-columns.md.
"""

import argparse
import hashlib
import json
import sys
import unicodedata
import warnings
from pathlib import Path

try:
    import pandas as pd
    import matplotlib

    matplotlib.use("Agg")  # write a file; no display needed
    import matplotlib.pyplot as plt
except ImportError as err:
    sys.exit(
        f"ngrams_trends.py needs pandas and matplotlib ({err}).\n"
        "Install them, e.g.:  python3 -m pip install pandas matplotlib"
    )

# Read every column with an explicit type, and turn only empty fields into missing values.
# pandas' defaults would read the unigram "null" (it occurs in the State of the Union
# addresses), "nan", "NA", "None", ... as NaN, and group labels such as "1790" as numbers.
CSV_OPTIONS = dict(keep_default_na=False, na_values=[""], encoding="utf-8")
NGRAMS_DTYPES = {"group": str, "n": "int64", "ngram": str, "count": "int64",
                 "doc_freq": "int64", "per_million": "float64"}
GROUPS_DTYPES = {"group": str, "docs": "int64", "tokens": "int64", "sentences": "int64",
                 "types": "int64", "first_date": str, "last_date": str}
# Fonts tried in turn for each character, so that Chinese or Japanese terms are drawn
# where such a font is installed (matplotlib 3.6+ falls back glyph by glyph).
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
             "Microsoft YaHei", "SimHei", "WenQuanYi Zen Hei", "Noto Sans CJK JP",
             "Hiragino Sans", "Arial Unicode MS"]
plt.rcParams["font.sans-serif"] = ["DejaVu Sans"] + CJK_FONTS
FORMULA_GUARD_STARTS = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def fail(message):
    sys.exit(f"ngrams_trends.py: {message}")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def lengths(spec):
    """The n-gram lengths of run.json's options.n: "2" -> {2}, "1-3" -> {1, 2, 3}."""
    text = str(spec)
    low, _, high = text.partition("-")
    try:
        return set(range(int(low), int(high or low) + 1))
    except ValueError:
        fail(f"cannot read options.n = {spec!r} in run.json")


def check_run(folder, verify):
    """Read run.json, check that it is an ngrams run and that its CSV files are intact."""
    run_path = folder / "run.json"
    if not run_path.is_file():
        fail(f"{run_path} not found: give a folder written by `discourse ngrams --out FOLDER`")
    run = json.loads(run_path.read_text(encoding="utf-8"))
    if run.get("tool") != "discourse" or run.get("command") != "ngrams":
        fail(f"{run_path} is not from `discourse ngrams` (command: {run.get('command')!r})")
    for output in run.get("outputs", []):
        path = folder / output["file"]
        if not path.is_file():
            fail(f"{path} is listed in run.json but missing")
        if verify and sha256_of(path) != output.get("sha256"):
            fail(f"{path} has changed since the run (SHA-256 differs from run.json); "
                 "rerun discourse, or pass --no-verify")
    names = {output["file"] for output in run.get("outputs", [])}
    for name in ("ngrams.csv", "groups.csv"):
        if name not in names:
            fail(f"run.json lists no {name}")
    return run


def unguard(frame, columns):
    """Undo the --excel formula guard (a ' put before text starting with = + - @ TAB CR)."""
    for column in columns:
        values = frame[column]
        guarded = values.str.startswith(FORMULA_GUARD_STARTS, na=False)
        frame.loc[guarded, column] = values[guarded].str.slice(1)
    return frame


def pad(text, width):
    """Left-align text in a column of terminal cells (CJK characters take two)."""
    cells = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - cells)


def check_rows(run, name, rows):
    """Warn when a file's data rows differ from what run.json recorded for it."""
    for output in run.get("outputs", []):
        if output["file"] == name and output.get("rows") != rows:
            print(f"  warning: run.json records {output.get('rows')} rows for {name}, "
                  f"the file has {rows}")


def normalize(term, keep_case):
    """Approximately the tool's own form mapping (ICU nfkc_cf, or nfkc with --keep-case):
    NFKC, case folding, runs of whitespace as one space."""
    text = unicodedata.normalize("NFKC", " ".join(term.split()))
    return text if keep_case else unicodedata.normalize("NFKC", text.casefold())


def check_cjk_font(terms):
    """Say so once (instead of one warning per glyph) when CJK labels cannot be drawn."""
    if not any(ord(ch) >= 0x2E80 for term in terms for ch in term):
        return
    from matplotlib import font_manager
    installed = {font.name for font in font_manager.fontManager.ttflist}
    if not installed.intersection(CJK_FONTS):
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        print("  note: no CJK font found for matplotlib (tried " + ", ".join(CJK_FONTS[:3]) +
              ", ...): Chinese/Japanese labels will show as boxes. Install e.g. Noto Sans "
              "CJK; the numbers are unaffected.")


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
    run = check_run(folder, verify=not args.no_verify)
    options = run.get("options", {})
    excel = bool(options.get("excel"))
    keep_case = bool(options.get("keep_case"))
    min_count = int(options.get("min_count") or 1)
    ns = lengths(options.get("n", "1"))
    csv_options = dict(CSV_OPTIONS, encoding="utf-8-sig" if excel else "utf-8")

    # groups.csv: one row per group, already in the tool's group order (SPEC §1).
    groups = pd.read_csv(folder / "groups.csv", dtype=GROUPS_DTYPES, **csv_options)
    if excel:
        groups = unguard(groups, ["group", "first_date", "last_date"])
    order = list(groups["group"])
    print(f"{folder}: {run['corpus']['documents']} documents, {len(order)} group(s) "
          f"by {options.get('by') or '(none: one group, all)'}, n = {options.get('n')}, "
          f"{int(groups['tokens'].sum()):,} tokens")
    check_rows(run, "groups.csv", len(groups))
    for warning in run.get("corpus", {}).get("warnings", []):
        print(f"  run warning: {warning}")
    if run.get("corpus", {}).get("left_out"):
        print(f"  left out (no value for --by): {len(run['corpus']['left_out'])} document(s)")
    if min_count > 1:
        print(f"  note: --min-count {min_count}: rows with smaller counts were not written, "
              "so sums below are lower bounds and absent groups are unknown, not zero")

    wanted = {normalize(t, keep_case): t for t in args.terms}
    wanted_n = {term: len(term.split(" ")) for term in wanted}
    for term, n in wanted_n.items():
        if n not in ns:
            print(f"  note: '{term}' is a {n}-gram, but this run has n = {options.get('n')}")

    # ngrams.csv can hold millions of rows: read it in chunks and keep only what is needed.
    bigram_sums = []
    term_rows = []
    reader = pd.read_csv(folder / "ngrams.csv", dtype=NGRAMS_DTYPES, chunksize=500_000,
                         **csv_options)
    rows = 0
    for chunk in reader:
        rows += len(chunk)
        if excel:
            chunk = unguard(chunk, ["group", "ngram"])
        bigrams = chunk[chunk["n"] == 2]
        if len(bigrams):
            bigram_sums.append(bigrams.groupby("ngram").agg(count=("count", "sum"),
                                                            groups=("group", "size")))
        term_rows.append(chunk[chunk["ngram"].isin(wanted.keys())])

    check_rows(run, "ngrams.csv", rows)

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
            print(f"{rank:>4}  {pad(row.ngram, 28)}{row.count:>9}{row.per_million:>13.1f}"
                  f"{row.groups:>8}")

    # (b) per_million of each term over the groups, in group order.
    found = pd.concat(term_rows)
    found = found[found["n"] == found["ngram"].map(wanted_n)]
    if found.empty:
        fail(f"none of the terms {', '.join(args.terms)} occurs in {folder / 'ngrams.csv'}: "
             "nothing to plot")
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

    print(f"\n(b) per_million over groups: total count and the groups where each term peaks")
    counts = found.groupby("ngram")["count"].sum()
    for term in series.columns:
        peak = series[term].idxmax()
        print(f"  {pad(term, 20)} count {int(counts[term]):>7}   peak {series[term].max():9.1f} "
              f"per million in {peak}")

    check_cjk_font(series.columns)

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
    fig.suptitle(f"{run['corpus']['path']}: frequency per million tokens "
                 f"by {options.get('by') or 'group'} (each panel on its own scale{smoothing})",
                 fontsize=11)
    png = Path(args.png) if args.png else folder / "ngrams_trends.png"
    fig.savefig(png, dpi=150)
    print(f"\nchart: {png}")


if __name__ == "__main__":
    main()
