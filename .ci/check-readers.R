# CI: every table of a study folder read with Notebooks/discourse.R: the metadata's types,
# zero readr problems, every real the same double as Python's correctly rounded float() gives
# for its cell (readr's col_double reads about one value in ten one unit in the last place
# off, R's as.numeric about one in a million, and readr reads subnormal numbers 1e16 times too
# large; discourse flushes subnormals to 0), no subnormal value, Chinese text intact.
# Usage: Rscript .ci/check-readers.R FOLDER [TEXT ...]
source("Notebooks/discourse.R")
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
tables <- read_discourse(dir)
if (length(tables) < 5) stop(dir, ": only ", length(tables), " tables read")
cells <- 0
pairs_path <- tempfile(fileext = ".txt")
pairs <- file(pairs_path, "w")
for (name in names(tables)) {
  table <- tables[[name]]
  columns <- attr(table, "metadata")$tableSchema$columns
  raw <- read_csv(file.path(dir, paste0(name, ".csv")), col_types = cols(.default = col_character()),
                  na = character(), progress = FALSE, trim_ws = FALSE)
  for (column in columns) {
    values <- table[[column$name]]
    expected <- switch(column$datatype, integer = "integer", double = "numeric", string = "character")
    if (!inherits(values, expected)) stop(sprintf("%s.%s is %s, not %s", name, column$name, class(values)[1], expected))
    if (column$datatype == "double") {
      text <- raw[[column$name]]
      keep <- text != ""
      if (any(is.na(values) != !keep)) stop(sprintf("%s.%s: a missing value where the file has a number, or the reverse", name, column$name))
      # The doubles as exact hex (C printf), for Python's correctly rounded float() to check.
      writeLines(paste(text[keep], sprintf("%a", values[keep])), pairs)
      tiny <- which(!is.na(values) & values != 0 & abs(values) < 2.2250738585072014e-308)
      if (length(tiny)) stop(sprintf("%s.%s: a subnormal value %g", name, column$name, values[tiny[1]]))
    }
    cells <- cells + length(values)
  }
}
close(pairs)
# Every real as the reader read it, against Python's correctly rounded parse of the cell.
checked <- system2("/usr/bin/python3", c("-c", shQuote(paste(
  "import sys",
  "n = bad = 0",
  "for line in open(sys.argv[1]):",
  "    text, hexed = line.split()",
  "    n += 1",
  "    if float(text) != float.fromhex(hexed): bad += 1; print('differs:', text, hexed)",
  "print(n, bad)", sep = "\n")), pairs_path), stdout = TRUE)
unlink(pairs_path)
counts <- as.integer(strsplit(tail(checked, 1), " ")[[1]])
if (length(counts) != 2 || counts[2] != 0 || counts[1] == 0) stop("reals read wrong: ", paste(head(checked, 3), collapse = "; "))
cat(sprintf("ci: %d reals read exactly as Python's float() reads them\n", counts[1]))
# Texts that must be read as text, not as missing values (the n-gram "null", Chinese).
for (needle in args[-1]) {
  found <- any(vapply(tables, function(t) any(vapply(t, function(x) is.character(x) && any(!is.na(x) & grepl(needle, x, fixed = TRUE)), TRUE)), TRUE))
  if (!found) stop(dir, ": no table holds ", needle, " as text")
}
cat(sprintf("ci: readr read %d tables, %d cells of %s with the metadata's types\n", length(tables), cells, dir))
