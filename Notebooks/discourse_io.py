"""Shared helpers of the Python scripts in this folder (not a script itself).

ngrams_trends.py, term_trends.py and keyness_report.py import this module from their own
folder. It

  - imports pandas and matplotlib (with the Agg backend: the scripts write files, no
    display is needed), and stops with an install hint when they are missing;
  - checks run.json: the folder comes from the expected `discourse` command, the CSV
    files it lists exist, have the recorded SHA-256 (check_run) and row counts
    (check_rows);
  - reads the CSV files through discourse.py (the readers' module), with the types the
    tables' CSV on the Web metadata gives, in chunks for the large tables;
  - pads text for terminal tables (CJK characters take two cells) and formats p-values;
  - lets matplotlib draw Chinese or Japanese labels with an installed CJK font.

Error messages name the script that was run (ngrams_trends.py: ...).
"""

import json
import os
import shutil
import subprocess
import sys
import unicodedata
import warnings


def _program():
    """The file name of the script that was run, for messages."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    return os.path.basename(path) if path else "discourse_io.py"


PROGRAM = _program()

import discourse  # noqa: E402  (the readers' module, same folder)
from discourse import corpus_name, sha256_of  # noqa: E402,F401

try:
    import pandas as pd
    import matplotlib

    matplotlib.use("Agg")  # write a file; no display needed
    import matplotlib.pyplot as plt
except ImportError as err:
    sys.exit(
        f"{PROGRAM} needs pandas and matplotlib ({err}).\n"
        "Install them, e.g.:  python3 -m pip install pandas matplotlib"
    )

def fail(message):
    """Stop with a message naming the script."""
    sys.exit(f"{PROGRAM}: {message}")


# --- run.json -------------------------------------------------------------------------


def check_run(folder, command, required, verify):
    """Read folder/run.json, check that it is a run of `discourse COMMAND` that lists the
    required files, and that every CSV file it lists is there and (with verify) has the
    SHA-256 recorded for it. Returns run.json as a dict."""
    run_path = folder / "run.json"
    if not run_path.is_file():
        fail(f"{run_path} not found: give a folder written by `discourse {command} --out "
             "FOLDER`")
    run = json.loads(run_path.read_text(encoding="utf-8"))
    if run.get("tool") != "discourse" or run.get("command") != command:
        fail(f"{run_path} is not from `discourse {command}` (command: "
             f"{run.get('command')!r})")
    names = {output["file"] for output in run.get("outputs", [])}
    for name in required:
        if name not in names:
            fail(f"run.json lists no {name}")
    for output in run.get("outputs", []):
        path = folder / output["file"]
        if not path.is_file():
            fail(f"{path} is listed in run.json but missing")
        if verify and sha256_of(path) != output.get("sha256"):
            fail(f"{path} has changed since the run (SHA-256 differs from run.json); "
                 "rerun discourse, or pass --no-verify")
    return run


def check_rows(run, name, rows):
    """Warn when a file's data rows differ from what run.json recorded for it."""
    for output in run.get("outputs", []):
        if output["file"] == name and output.get("rows") != rows:
            print(f"  warning: run.json records {output.get('rows')} rows for {name}, "
                  f"the file has {rows}")


# --- CSV files ------------------------------------------------------------------------


def _classic(frame):
    """Text columns as plain objects, a missing value as NaN (what these scripts test with
    pd.isna and compare with ==)."""
    for column in frame.columns:
        if str(frame[column].dtype) == "string":
            frame[column] = frame[column].astype(object).where(frame[column].notna(), float("nan"))
    return frame


def read_table(path, excel, usecols=None):
    """A whole CSV file (for the small tables), typed by its metadata. A file that does not
    read as its metadata says stops the script with a message instead of a traceback."""
    try:
        return _classic(discourse.read_table(str(path), excel=excel, usecols=usecols))
    except discourse.DiscourseError as err:
        fail(str(err))


def read_chunks(path, excel, usecols=None):
    """The chunks (500,000 rows each) of a CSV file that may hold millions of rows, typed
    by its metadata; errors as in read_table."""
    try:
        for chunk in discourse.read_chunks(str(path), excel=excel, usecols=usecols):
            yield _classic(chunk)
    except discourse.DiscourseError as err:
        fail(str(err))


# --- text -----------------------------------------------------------------------------


def normalize(term, keep_case):
    """Approximately the tool's own form mapping (ICU nfkc_cf, or nfkc with --keep-case):
    NFKC, case folding, runs of whitespace as one space."""
    text = unicodedata.normalize("NFKC", " ".join(term.split()))
    return text if keep_case else unicodedata.normalize("NFKC", text.casefold())


def cells(text):
    """Width of text in terminal cells (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, width, cut=True):
    """Left-align text in a column of terminal cells, cutting it with … if too long (or,
    with cut=False, letting it push the rest of the line to the right)."""
    if cut and cells(text) > width:
        while cells(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * max(0, width - cells(text))


def fmt_p(value):
    """A p- or q-value: two significant digits; 0.0 is an underflow (below ~5e-324; for
    G², above ~1,410)."""
    if pd.isna(value):
        return ""
    if value == 0:
        return "<5e-324"
    return f"{value:.1e}" if value < 0.001 else f"{value:.3f}"


# --- charts ---------------------------------------------------------------------------


def _font_covering(characters):
    """The file of an installed font that covers every character, asked of fontconfig
    (fc-list with a charset), a sans-serif face preferred; None without fontconfig or such a
    font."""
    if not characters or shutil.which("fc-list") is None:
        return None
    charset = " ".join(f"{ord(ch):x}" for ch in sorted(characters)[:200])
    try:
        listing = subprocess.run(["fc-list", f":charset={charset}", "file", "family", "style"],
                                 capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    fonts = []
    for line in listing.splitlines():
        path, _, rest = line.partition(":")
        if not path.lower().endswith((".ttf", ".otf", ".ttc")):
            continue
        regular = "style=regular" in rest.lower().replace(" ", "")
        fonts.append((0 if "sans" in rest.lower() else 1, 0 if regular else 1, path.strip()))
    return min(fonts)[2] if fonts else None


def use_cjk_font(labels):
    """Let matplotlib draw Chinese/Japanese labels, or say once that it cannot.

    The font is the one fontconfig names for the labels' characters, not a fixed list.
    matplotlib (3.6+) falls back glyph by glyph only across the families listed in
    font.family (not across the names in font.sans-serif), so it is added there, after the
    default sans-serif font that draws Latin text."""
    characters = {ch for label in labels for ch in label if ord(ch) >= 0x2E80}
    if not characters:
        return
    from matplotlib import font_manager
    path = _font_covering(characters)
    if path is not None:
        font_manager.fontManager.addfont(path)
        name = font_manager.FontProperties(fname=path).get_name()
        plt.rcParams["font.family"] = ["sans-serif", name]
        return
    warnings.filterwarnings("ignore", message="Glyph .* missing from font")
    print("  note: fontconfig names no installed font for these Chinese/Japanese labels: they "
          "will show as boxes. Install one (e.g. Debian's fonts-noto-cjk); the numbers are "
          "unaffected.")
