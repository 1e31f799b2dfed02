"""Read a discourse output folder into pandas, with the types its metadata gives.

    import discourse
    tables = discourse.read_discourse("out/sotu")      # {"ngrams": DataFrame, ...}
    tables["ngrams"].dtypes

Every table discourse writes has CSV on the Web metadata beside it (`ngrams.csv-metadata.json`):
each column's datatype, description, unit, and whether an empty cell is a missing value. The
reader follows it, so that no column needs a type of your own: labels stay text (`group` 1790
is the string "1790", a `doc_id` 007 keeps its zeros, the term `null` stays a term), counts are
integers, measures are floats, and only a cell the metadata allows to be missing becomes NA.
It checks run.json first and says which command and options made the folder.

Run it as a script to list a folder's tables and their types:

    python3 Notebooks/discourse.py out/sotu

Needs Python 3.8+ and pandas.
"""

import hashlib
import json
import os
import sys

try:
    import pandas as pd
except ImportError as err:  # pragma: no cover - depends on the machine
    sys.exit(f"discourse.py needs pandas ({err}). Install it, e.g.:  python3 -m pip install pandas")

# What --excel puts before a text cell that a spreadsheet would run as a formula.
FORMULA_GUARD_STARTS = ("'=", "'+", "'-", "'@", "'\t", "'\r")


class DiscourseError(Exception):
    """A folder or file that does not read as discourse output; the message names it."""


def read_run(folder):
    """run.json of an output folder, as a dict; raises DiscourseError when it is missing or
    not from discourse."""
    path = os.path.join(folder, "run.json")
    if not os.path.isfile(path):
        raise DiscourseError(f"{path} not found: give a folder written by discourse (--out FOLDER)")
    with open(path, encoding="utf-8") as f:
        run = json.load(f)
    if run.get("tool") != "discourse":
        raise DiscourseError(f"{path} is not from discourse")
    return run


def describe_run(run):
    """One line: the command and its options, as run.json records them (a study's options are
    grouped: corpus.lang=en, tokens.stopwords=en)."""
    shown = []

    def add(key, value):
        if value in (None, False, [], "", {}):
            return
        if isinstance(value, dict):
            for sub, inner in value.items():
                add(f"{key}.{sub}", inner)
        else:
            shown.append(f"{key}={','.join(map(str, value)) if isinstance(value, list) else value}")

    for key, value in (run.get("options") or {}).items():
        add(key, value)
    line = f"discourse {run.get('command')} {run.get('version', '')}".rstrip()
    return line + (f" ({', '.join(shown)})" if shown else "")


def corpus_name(run):
    """What to call the corpus in a chart title: the study's title, else the corpus folder's
    name (its parent's for a generic one such as data/ or texts/), never a whole path."""
    title = (run.get("study") or {}).get("title")
    if title:
        return title
    path = (run.get("corpus") or {}).get("path") or ""
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts:
        study_file = (run.get("study") or {}).get("file", "")
        parts = [p for p in study_file.split("/")[:-1] if p not in ("", ".")]
    while len(parts) > 1 and parts[-1].lower() in ("data", "texts", "text", "corpus", "docs"):
        parts.pop()
    name = parts[-1] if parts else "corpus"
    for suffix in (".csv", ".jsonl", ".ndjson", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def metadata_of(csv_path):
    """The CSV on the Web metadata of a table, as a dict."""
    path = csv_path + "-metadata.json"
    if not os.path.isfile(path):
        raise DiscourseError(f"{path} not found: the table was written by a discourse without metadata")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _nullable(column):
    """Whether an empty cell of the column is a missing value (CSVW: null is "" by default;
    discourse writes `required: true` for columns that are never empty and `null: []` where
    the empty text is a value)."""
    if column.get("required"):
        return False
    return column.get("null", "") in ("", [""])


def _is_float(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _typed(raw, columns, csv_path, excel):
    """The text cells of `raw` typed as the metadata's columns say."""
    frame = pd.DataFrame(index=raw.index)
    for column in columns:
        name, values = column["name"], raw[column["name"]]
        empty = values == ""
        if empty.any() and not _nullable(column) and column["datatype"] != "string":
            row = int(empty.idxmax()) + 2
            raise DiscourseError(f"{csv_path}, line {row}: {name} is empty but may not be")
        if column["datatype"] == "integer":
            numbers = pd.to_numeric(values.where(~empty), errors="coerce")
            bad = numbers.isna() & ~empty
            if bad.any():
                row = int(bad.idxmax()) + 2
                raise DiscourseError(f"{csv_path}, line {row}: {name} = {values[bad.idxmax()]!r} is not an integer")
            frame[name] = numbers.astype("Int64") if _nullable(column) else numbers.astype("int64")
        elif column["datatype"] == "double":
            # Python's own float() (through numpy), which rounds correctly: pandas' default
            # parser (pd.to_numeric, read_csv without float_precision="round_trip") reads
            # about one value in seven one unit in the last place off.
            try:
                frame[name] = values.where(~empty, "nan").astype("float64")
            except ValueError:
                bad = next(i for i, v in values.items() if v != "" and not _is_float(v))
                raise DiscourseError(f"{csv_path}, line {bad + 2}: {name} = {values[bad]!r} is not a number") from None
        else:
            text = values
            if excel:
                guarded = text.str.startswith(FORMULA_GUARD_STARTS)
                text = text.where(~guarded, text.str.slice(1))
            if _nullable(column):
                text = text.where(~empty, None)
            frame[name] = text.astype("string")
    return frame


def _raw_reader(csv_path, usecols, chunk_rows):
    """The metadata's columns (those in usecols, if given) and pandas' reader of every cell as
    text, nothing as missing."""
    metadata = metadata_of(csv_path)
    columns = metadata["tableSchema"]["columns"]
    names = [c["name"] for c in columns]
    if usecols is not None:
        unknown = [u for u in usecols if u not in names]
        if unknown:
            raise DiscourseError(f"{csv_path} has no column {', '.join(unknown)}")
        columns = [c for c in columns if c["name"] in usecols]
    try:
        header = pd.read_csv(csv_path, dtype=str, nrows=0, encoding="utf-8-sig").columns
        if list(header) != names:
            raise DiscourseError(f"{csv_path}: header {list(header)} differs from its metadata {names}")
        reader = pd.read_csv(csv_path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig",
                             usecols=[c["name"] for c in columns], chunksize=chunk_rows)
    except (ValueError, pd.errors.ParserError) as err:
        raise DiscourseError(f"{csv_path} does not read as CSV ({err})") from err
    return metadata, columns, reader


def read_table(csv_path, excel=False, usecols=None):
    """One table with the types of its metadata (only the columns in usecols, if given)."""
    metadata, columns, raw = _raw_reader(csv_path, usecols, None)
    frame = _typed(raw, columns, csv_path, excel)
    frame.attrs["metadata"] = metadata
    return frame


def read_chunks(csv_path, excel=False, usecols=None, chunk_rows=500_000):
    """A table of possibly millions of rows in parts of chunk_rows rows, each typed by the
    metadata (only the columns in usecols, if given)."""
    _, columns, reader = _raw_reader(csv_path, usecols, chunk_rows)
    try:
        for raw in reader:
            yield _typed(raw, columns, csv_path, excel)
    except (ValueError, pd.errors.ParserError) as err:
        raise DiscourseError(f"{csv_path} does not read as CSV ({err})") from err


def read_discourse(folder, tables=None, verify=True, quiet=False):
    """Every table of an output folder (or those named in `tables`, by file name without
    .csv), as a dict of DataFrames typed by their metadata.

    With verify, each file's SHA-256 must match run.json (a file changed since the run is an
    error). Unless quiet, says on standard error which command and options made the folder.
    """
    run = read_run(folder)
    if not quiet:
        print(f"{folder}: {describe_run(run)}", file=sys.stderr)
    excel = bool((run.get("options") or {}).get("excel"))
    result = {}
    for output in run.get("outputs", []):
        name = output["file"]
        if not name.endswith(".csv") or "/" in name:
            continue
        stem = name[:-4]
        if tables is not None and stem not in tables:
            continue
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            raise DiscourseError(f"{path} is listed in run.json but missing")
        if verify and output.get("sha256") and sha256_of(path) != output["sha256"]:
            raise DiscourseError(f"{path} has changed since the run (its SHA-256 differs from run.json)")
        frame = read_table(path, excel=excel)
        if output.get("rows") is not None and output["rows"] != len(frame):
            raise DiscourseError(f"{path}: run.json records {output['rows']} rows, the file has {len(frame)}")
        result[stem] = frame
    if tables is not None:
        missing = sorted(set(tables) - set(result))
        if missing:
            raise DiscourseError(f"{folder}: no table {', '.join(missing)} in run.json")
    return result


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: python3 discourse.py OUTPUT_FOLDER")
    try:
        tables = read_discourse(argv[1])
    except DiscourseError as err:
        sys.exit(f"discourse.py: {err}")
    for name, frame in tables.items():
        types = ", ".join(f"{column} {dtype}" for column, dtype in frame.dtypes.items())
        print(f"{name}: {len(frame)} rows; {types}")


if __name__ == "__main__":
    main(sys.argv)
