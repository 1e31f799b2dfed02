# Read a discourse output folder into R, with the types its metadata gives.
#
#   source("Notebooks/discourse.R")
#   tables <- read_discourse("out/sotu")     # a named list of tibbles
#   tables$ngrams
#
# Every table discourse writes has CSV on the Web metadata beside it
# (ngrams.csv-metadata.json): each column's datatype, description, unit, and whether an empty
# cell is a missing value. read_discourse follows it, so that no column needs a type of your
# own: labels stay character (the group "1790", the doc_id "007", the term "null" or "NA"),
# counts are integers, measures are doubles, and only a cell the metadata allows to be missing
# becomes NA. It checks run.json first and says which command and options made the folder.
#
# From a terminal, list a folder's tables and their types:
#
#   Rscript Notebooks/discourse.R out/sotu
#
# Needs readr and jsonlite (Debian: r-cran-readr r-cran-jsonlite).

suppressPackageStartupMessages({
  library(readr)
  library(jsonlite)
})

# What --excel puts before a text cell that a spreadsheet would run as a formula.
.discourse_formula_guard <- "^'[=+@\t\r-]"

#' run.json of an output folder, as a list; stops when it is missing or not from discourse.
read_run <- function(dir) {
  path <- file.path(dir, "run.json")
  if (!file.exists(path)) stop(path, " not found: give a folder written by discourse (--out FOLDER)", call. = FALSE)
  run <- fromJSON(path, simplifyVector = FALSE)
  if (!identical(run$tool, "discourse")) stop(path, " is not from discourse", call. = FALSE)
  run
}

#' One line: the command and its options, as run.json records them (a study's options are
#' grouped: corpus.lang=en, tokens.stopwords=en).
describe_run <- function(run) {
  shown <- character()
  add <- function(key, value) {
    if (is.null(value) || identical(value, FALSE) || length(value) == 0 || identical(value, "")) return()
    if (is.list(value) && !is.null(names(value))) {
      for (sub in names(value)) add(paste0(key, ".", sub), value[[sub]])
    } else {
      shown <<- c(shown, paste0(key, "=", paste(unlist(value), collapse = ",")))
    }
  }
  for (key in names(run$options)) add(key, run$options[[key]])
  line <- paste("discourse", run$command, run$version)
  if (length(shown)) paste0(line, " (", paste(shown, collapse = ", "), ")") else line
}

#' What to call the corpus in a chart title: the study's title, else the corpus folder's name
#' (its parent's for a generic one such as data/ or texts/), never a whole path.
corpus_name <- function(run) {
  if (!is.null(run$study$title) && nzchar(run$study$title)) return(run$study$title)
  parts <- setdiff(strsplit(if (is.null(run$corpus$path)) "" else run$corpus$path, "/", fixed = TRUE)[[1]], c("", "."))
  if (!length(parts) && !is.null(run$study$file)) parts <- setdiff(head(strsplit(run$study$file, "/", fixed = TRUE)[[1]], -1), c("", "."))
  while (length(parts) > 1 && tolower(parts[length(parts)]) %in% c("data", "texts", "text", "corpus", "docs")) parts <- head(parts, -1)
  name <- if (length(parts)) parts[length(parts)] else "corpus"
  sub("\\.(csv|jsonl|ndjson|txt)$", "", name, ignore.case = TRUE)
}

# Whether an empty cell of a column is a missing value: CSVW's null is "" unless the column
# is required (never empty) or names no null at all (the empty text is a value).
.discourse_nullable <- function(column) {
  if (isTRUE(column$required)) return(FALSE)
  if (!is.null(column$null) && length(column$null) == 0) return(FALSE)
  TRUE
}

# The CSV on the Web metadata of a table.
.discourse_metadata <- function(csv_path) {
  meta_path <- paste0(csv_path, "-metadata.json")
  if (!file.exists(meta_path)) stop(meta_path, " not found: the table was written without metadata", call. = FALSE)
  fromJSON(meta_path, simplifyVector = FALSE)
}

#' One table with the types of its metadata, as a tibble.
read_discourse_table <- function(csv_path, excel = FALSE) {
  meta <- .discourse_metadata(csv_path)
  # Every cell as text and nothing as missing; then each column typed as the metadata says.
  raw <- read_csv(csv_path, col_types = cols(.default = col_character()), na = character(),
                  progress = FALSE, show_col_types = FALSE, trim_ws = FALSE)
  if (nrow(problems(raw)) > 0) stop(csv_path, ": readr reports problems: ", format(problems(raw)[1, ]), call. = FALSE)
  table <- .discourse_typed(raw, meta$tableSchema$columns, csv_path, excel)
  attr(table, "metadata") <- meta
  table
}

#' A table of possibly millions of rows in parts of chunk_size rows, each typed by its
#' metadata and handed to `callback(part, position)`; returns what the callbacks returned,
#' bound by rows (readr's read_csv_chunked with a DataFrameCallback).
read_discourse_chunked <- function(csv_path, callback, excel = FALSE, chunk_size = 500000) {
  columns <- .discourse_metadata(csv_path)$tableSchema$columns
  read_csv_chunked(csv_path, DataFrameCallback$new(function(raw, position) {
    callback(.discourse_typed(raw, columns, csv_path, excel, first_line = position), position)
  }), chunk_size = chunk_size, col_types = cols(.default = col_character()), na = character(),
  progress = FALSE, trim_ws = FALSE)
}

# The text cells of `raw` typed as the metadata's columns say; `first_line` is the data row
# number of raw's first row, for messages.
.discourse_typed <- function(raw, columns, csv_path, excel, first_line = 1) {
  names <- vapply(columns, function(c) c$name, "")
  if (!identical(names(raw), names)) stop(csv_path, ": the header differs from its metadata", call. = FALSE)
  for (column in columns) {
    name <- column$name
    values <- raw[[name]]
    empty <- values == ""
    nullable <- .discourse_nullable(column)
    if (any(empty) && !nullable && column$datatype != "string") {
      stop(sprintf("%s, line %d: %s is empty but may not be", csv_path, which(empty)[1] + first_line, name), call. = FALSE)
    }
    typed <- switch(column$datatype,
      integer = {
        parsed <- suppressWarnings(parse_integer(values, na = ""))
        if (nrow(problems(parsed)) > 0) {
          # Beyond R's 32-bit integers: read the column as doubles (exact up to 2^53).
          parsed <- parse_double(values, na = "")
          warning(sprintf("%s: %s exceeds R's integer range; read as double", csv_path, name), call. = FALSE)
        }
        parsed
      },
      double = {
        # The C library's strtod (through jsonlite's JSON parser), which rounds correctly:
        # readr's parse_double/col_double read about one value in ten one unit in the last
        # place off, and R's own as.numeric about one in a million.
        parsed <- rep(NA_real_, length(values))
        if (any(!empty)) {
          numbers <- tryCatch(jsonlite::parse_json(paste0("[", paste(values[!empty], collapse = ","), "]"), simplifyVector = TRUE),
                              error = function(e) NULL)
          if (!is.numeric(numbers) || length(numbers) != sum(!empty)) {
            bad <- which(!empty & is.na(suppressWarnings(as.numeric(values))))
            stop(sprintf("%s, line %d: %s = '%s' is not a number", csv_path, bad[1] + first_line, name, values[bad[1]]), call. = FALSE)
          }
          parsed[!empty] <- numbers
        }
        parsed
      },
      {
        if (excel) {
          guarded <- grepl(.discourse_formula_guard, values)
          values[guarded] <- substring(values[guarded], 2)
        }
        if (nullable) values[empty] <- NA_character_
        values
      })
    if (nrow(problems(typed)) > 0) {
      p <- problems(typed)[1, ]
      stop(sprintf("%s, line %d: %s = '%s' is not %s", csv_path, p$row + first_line, name, p$actual, column$datatype), call. = FALSE)
    }
    attr(typed, "problems") <- NULL
    raw[[name]] <- typed
  }
  raw
}

#' Every table of an output folder (or those named in `tables`, by file name without .csv),
#' as a named list of tibbles typed by their metadata. With verify, each file's SHA-256 must
#' match run.json (needs the openssl package; skipped with a note without it).
read_discourse <- function(dir, tables = NULL, verify = TRUE, quiet = FALSE) {
  run <- read_run(dir)
  if (!quiet) message(dir, ": ", describe_run(run))
  excel <- isTRUE(run$options$excel)
  can_hash <- verify && requireNamespace("openssl", quietly = TRUE)
  result <- list()
  for (output in run$outputs) {
    file <- output$file
    if (!grepl("\\.csv$", file) || grepl("/", file)) next
    stem <- sub("\\.csv$", "", file)
    if (!is.null(tables) && !(stem %in% tables)) next
    path <- file.path(dir, file)
    if (!file.exists(path)) stop(path, " is listed in run.json but missing", call. = FALSE)
    if (can_hash) {
      connection <- file(path, "rb")
      digest <- paste(unclass(openssl::sha256(connection)), collapse = "")
      close(connection)
      if (!identical(digest, output$sha256)) stop(path, " has changed since the run (its SHA-256 differs from run.json)", call. = FALSE)
    }
    table <- read_discourse_table(path, excel = excel)
    if (!is.null(output$rows) && output$rows != nrow(table)) {
      stop(sprintf("%s: run.json records %d rows, the file has %d", path, output$rows, nrow(table)), call. = FALSE)
    }
    result[[stem]] <- table
  }
  if (!is.null(tables)) {
    missing <- setdiff(tables, names(result))
    if (length(missing)) stop(dir, ": no table ", paste(missing, collapse = ", "), " in run.json", call. = FALSE)
  }
  result
}

if (!interactive() && sys.nframe() == 0) {
  args <- commandArgs(trailingOnly = TRUE)
  if (length(args) != 1) stop("usage: Rscript discourse.R OUTPUT_FOLDER", call. = FALSE)
  tables <- read_discourse(args[1])
  for (name in names(tables)) {
    types <- vapply(tables[[name]], function(x) class(x)[1], "")
    cat(sprintf("%s: %d rows; %s\n", name, nrow(tables[[name]]), paste(names(types), types, collapse = ", ")))
  }
}
