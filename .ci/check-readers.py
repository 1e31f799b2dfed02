"""CI: every table of a study folder read with Notebooks/discourse.py: the metadata's dtypes,
every real exactly as Python's correctly rounded float() reads it, group labels as text,
and the given texts present as text, not as missing values (the n-gram "null", Chinese).

Usage: python3 .ci/check-readers.py FOLDER [TEXT ...]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Notebooks"))
import discourse  # noqa: E402
import pandas as pd  # noqa: E402

folder = sys.argv[1]
tables = discourse.read_discourse(folder)
assert len(tables) >= 5, f"{folder}: only {len(tables)} tables read"
cells = 0
for name, frame in tables.items():
    raw = pd.read_csv(os.path.join(folder, name + ".csv"), dtype=str, keep_default_na=False, na_filter=False)
    for column in frame.attrs["metadata"]["tableSchema"]["columns"]:
        values = frame[column["name"]]
        dtype = str(values.dtype)
        expected = {"integer": ("int64", "Int64"), "double": ("float64",), "string": ("string",)}[column["datatype"]]
        assert dtype in expected, f"{name}.{column['name']} is {dtype}, not {expected}"
        if column["datatype"] == "double":
            exact = raw[column["name"]].map(lambda text: float(text) if text else float("nan"))
            differ = ~((values == exact) | (values.isna() & exact.isna()))
            assert not differ.any(), f"{name}.{column['name']}: {raw[column['name']][differ].iloc[0]} read as {values[differ].iloc[0]!r}"
        cells += len(frame)
for name in (n for n in tables if n.startswith("groups")):
    assert tables[name]["group"].map(lambda g: isinstance(g, str)).all(), f"{name}: group labels are not text"
for needle in sys.argv[2:]:
    found = any((frame[c] == needle).any() or frame[c].str.contains(needle, regex=False).any()
                for frame in tables.values() for c in frame.columns if str(frame[c].dtype) == "string")
    assert found, f"{folder}: no table holds {needle!r} as text"
print(f"ci: pandas read {len(tables)} tables, {cells} cells of {folder} with the metadata's dtypes")
