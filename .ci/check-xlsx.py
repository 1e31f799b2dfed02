"""CI: a `--xlsx` workbook against the CSV tables beside it.

openpyxl: the sheets are the tables in order (a long table continued on "name (2)", ...),
the header on every sheet, text columns as text (formula-looking text included), integer and
real columns as numbers equal to the CSV's, empty cells empty, Chinese intact. Every cell of
tables up to LIMIT rows is compared (reals to 16 significant digits, what libxlsxwriter
writes); longer tables, the first 200 rows of each sheet and the row count of each sheet. LibreOffice
(headless, if installed): every sheet converted to CSV has the same cells.

Usage: python3 .ci/check-xlsx.py FOLDER [--libreoffice]
"""
import csv
import glob
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

LIMIT = 200_000
SHEET_ROWS = 1_048_576

folder = sys.argv[1]
run = json.load(open(os.path.join(folder, "run.json"), encoding="utf-8"))
tables = [o["file"] for o in run["outputs"] if o["file"].endswith(".csv") and "/" not in o["file"]]
book = openpyxl.load_workbook(os.path.join(folder, "tables.xlsx"), read_only=True)


def expected(value, datatype):
    if value == "":
        return None
    if datatype == "string":
        return value
    number = float(value)
    return int(number) if datatype == "integer" else number


def same(cell, want):
    # libxlsxwriter writes numbers with 16 significant digits (%.16G), one short of what
    # every double needs to read back exactly, so a real may differ in its 17th digit.
    if isinstance(want, float) and isinstance(cell, (int, float)):
        return abs(float(cell) - want) <= 1e-15 * abs(want)
    return cell == want


sheets = list(book.sheetnames)
position = 0
cells = 0
for table in tables:
    columns = json.load(open(os.path.join(folder, table + "-metadata.json"), encoding="utf-8"))["tableSchema"]["columns"]
    types = [c["datatype"] for c in columns]
    with open(os.path.join(folder, table), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    data = rows[1:]
    parts = max(1, -(-len(data) // (SHEET_ROWS - 1)))
    base = table[:-4][:31]
    names = [base] + [f"{base[:31 - len(f' ({k})')]} ({k})" for k in range(2, parts + 1)]
    assert sheets[position:position + parts] == names, f"{table}: sheets {sheets[position:position + parts]}, expected {names}"
    position += parts
    seen = 0
    for k, name in enumerate(names):
        chunk = data[k * (SHEET_ROWS - 1):(k + 1) * (SHEET_ROWS - 1)]
        sheet = book[name]
        # A long table: its row count from the sheet's dimension, its first rows cell by cell
        # (on a continuation sheet, the rows right after the split).
        limit = None if len(data) <= LIMIT else 201
        for r, row in enumerate(sheet.iter_rows(values_only=True, max_row=limit)):
            if r == 0:
                assert list(row) == rows[0], f"{name}: header {row}"
                continue
            i = r - 1
            for c, (value, datatype) in enumerate(zip(chunk[i], types)):
                cell = row[c] if c < len(row) else None
                want = expected(value, datatype)
                if datatype == "string" and want is not None:
                    assert isinstance(cell, str), f"{name} row {r + 1} col {c + 1}: {cell!r} is not text"
                assert same(cell, want), f"{name} row {r + 1} col {c + 1}: {cell!r} != {want!r}"
                cells += 1
        assert sheet.max_row == len(chunk) + 1, f"{name}: {sheet.max_row} rows, expected {len(chunk) + 1}"
        seen += sheet.max_row - 1
    assert seen == len(data), f"{table}: {seen} rows in the workbook, {len(data)} in the CSV"
assert position == len(sheets), f"extra sheets: {sheets[position:]}"
print(f"ci: {os.path.join(folder, 'tables.xlsx')}: {len(sheets)} sheets for {len(tables)} tables, {cells} cells equal to the CSV's")

if "--libreoffice" in sys.argv[2:]:
    with tempfile.TemporaryDirectory() as out:
        # Filter options: comma, double quote, UTF-8 (76), from line 1, ..., every sheet (-1).
        subprocess.run(["soffice", "--headless", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", out, os.path.join(folder, "tables.xlsx")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        converted = sorted(glob.glob(os.path.join(out, "*.csv")))
        assert len(converted) == len(sheets), f"LibreOffice wrote {len(converted)} CSV files for {len(sheets)} sheets"
        compared = 0
        for table in tables:
            name = table[:-4][:31]
            path = os.path.join(out, f"tables-{name}.csv")
            if not os.path.exists(path):
                continue
            columns = json.load(open(os.path.join(folder, table + "-metadata.json"), encoding="utf-8"))["tableSchema"]["columns"]
            with open(os.path.join(folder, table), encoding="utf-8-sig", newline="") as f:
                ours = list(csv.reader(f))
            with open(path, encoding="utf-8", newline="") as f:
                theirs = list(csv.reader(f))
            if len(ours) > SHEET_ROWS:
                continue
            assert len(theirs) == len(ours), f"{table}: LibreOffice has {len(theirs)} lines, the CSV {len(ours)}"
            for r, (a, b) in enumerate(zip(ours, theirs)):
                for c, column in enumerate(columns):
                    x, y = a[c], (b[c] if c < len(b) else "")
                    if column["datatype"] == "string" or r == 0 or x == "":
                        assert x == y, f"{table} line {r + 1}, {column['name']}: LibreOffice {y!r}, CSV {x!r}"
                    else:
                        # LibreOffice's CSV export writes 15 significant digits, or 20
                        # decimals for small numbers (0.00000014924496965954).
                        assert abs(float(x) - float(y)) <= max(1e-14 * abs(float(x)), 1e-20), f"{table} line {r + 1}, {column['name']}: {y} vs {x}"
                    compared += 1
        print(f"ci: LibreOffice converted {len(converted)} sheets; {compared} cells equal to the CSV's")
