# CI: every table of a study folder read with Notebooks/discourse.R: the metadata's types,
# zero readr problems, every real exactly as R's own correctly rounded parser reads it (readr's
# col_double reads about one value in ten one unit in the last place off, and subnormal
# numbers 1e16 times too large; discourse flushes subnormals to 0), no subnormal value,
# Chinese text intact.
# Usage: Rscript .ci/check-readers.R FOLDER [TEXT ...]
source("Notebooks/discourse.R")
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
tables <- read_discourse(dir)
if (length(tables) < 5) stop(dir, ": only ", length(tables), " tables read")
cells <- 0
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
      base <- suppressWarnings(as.numeric(ifelse(text == "", NA, text)))
      differ <- which(!(is.na(base) & is.na(values)) & (is.na(base) != is.na(values) | base != values))
      if (length(differ)) stop(sprintf("%s.%s line %d: the reader reads %s as %.17g, R as %.17g", name, column$name,
                                       differ[1] + 1, text[differ[1]], values[differ[1]], base[differ[1]]))
      tiny <- which(!is.na(values) & values != 0 & abs(values) < 2.2250738585072014e-308)
      if (length(tiny)) stop(sprintf("%s.%s: a subnormal value %g", name, column$name, values[tiny[1]]))
    }
    cells <- cells + length(values)
  }
}
# Texts that must be read as text, not as missing values (the n-gram "null", Chinese).
for (needle in args[-1]) {
  found <- any(vapply(tables, function(t) any(vapply(t, function(x) is.character(x) && any(!is.na(x) & grepl(needle, x, fixed = TRUE)), TRUE)), TRUE))
  if (!found) stop(dir, ": no table holds ", needle, " as text")
}
cat(sprintf("ci: readr read %d tables, %d cells of %s with the metadata's types\n", length(tables), cells, dir))
