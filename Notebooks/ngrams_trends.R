#!/usr/bin/env Rscript
# N-gram trends from a `discourse ngrams` output folder: the R twin of ngrams_trends.py.
#
# Reads ngrams.csv, groups.csv and run.json from one output folder and
#   (a) prints the 20 most frequent bigrams over all groups (by summed count);
#   (b) plots per_million over the groups for a few terms and saves the chart as
#       ngrams_trends_r.png in the same folder.
#
# Make the input first, from the repository root:
#   discourse ngrams Corpora/sotu/data --n 1-3 --by year --out out/sotu
# then run:
#   Rscript Notebooks/ngrams_trends.R out/sotu
#   Rscript Notebooks/ngrams_trends.R out/sotu --terms america freedom "health care" --smooth 9
# In an interactive session (RStudio), set `args` below by hand and source the file.
#
# Needs R with readr (>= 2.0), dplyr (>= 1.1), ggplot2 (>= 3.4) and jsonlite; stringi (for the exact
# ICU case folding of --terms) and digest (SHA-256 on R < 4.5) are used when installed.
# Column definitions: docs/csv-columns.md.

fail <- function(...) {
  msg <- paste0("ngrams_trends.R: ", ...)
  if (interactive()) stop(msg, call. = FALSE)
  message(msg)
  quit(save = "no", status = 1)
}

needed <- c("readr", "dplyr", "ggplot2", "jsonlite")
absent <- needed[!vapply(needed, requireNamespace, logical(1), quietly = TRUE)]
if (length(absent) > 0) {
  fail("needs the R packages ", paste(absent, collapse = ", "), ". Install them with\n",
       "  install.packages(c(", paste0("\"", absent, "\"", collapse = ", "), "))")
}
suppressPackageStartupMessages({
  library(dplyr)
  library(ggplot2)
})
# corpus_name() and the readers, from discourse.R beside this script.
local({
  file <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
  here <- if (length(file)) dirname(file[1]) else "Notebooks"
  source(file.path(here, "discourse.R"), local = FALSE)
})

# ---- arguments ---------------------------------------------------------------------------

usage <- paste(
  "usage: Rscript Notebooks/ngrams_trends.R [FOLDER] [--terms TERM ...] [--top N]",
  "                                         [--smooth K] [--png FILE] [--no-verify]",
  "FOLDER      output folder of `discourse ngrams` (default: out/sotu)",
  "--terms     n-grams to plot (default: america freedom economy war); a phrase such as",
  "            'health care' is looked up among the bigrams",
  "--top N     how many bigrams to print (default: 20)",
  "--smooth K  also draw a centred moving average over K groups (K odd, e.g. 9)",
  "--png FILE  chart file (default: FOLDER/ngrams_trends_r.png)",
  "--no-verify skip the SHA-256 check of the CSV files against run.json",
  sep = "\n")

parse_args <- function(argv) {
  opt <- list(folder = "out/sotu", terms = c("america", "freedom", "economy", "war"),
              top = 20L, smooth = 0L, png = NULL, verify = TRUE)
  i <- 1L
  positional <- character(0)
  value <- function() {
    if (i + 1L > length(argv)) fail("option ", argv[i], " needs a value\n", usage)
    argv[i + 1L]
  }
  while (i <= length(argv)) {
    a <- argv[i]
    if (a %in% c("-h", "--help")) {
      cat(usage, "\n")
      if (interactive()) stop("help shown; set `args` and source again", call. = FALSE)
      quit(save = "no", status = 0)
    } else if (a == "--terms") {
      j <- i + 1L
      while (j <= length(argv) && !startsWith(argv[j], "--")) j <- j + 1L
      if (j == i + 1L) fail("--terms needs at least one term\n", usage)
      opt$terms <- argv[(i + 1L):(j - 1L)]
      i <- j
      next
    } else if (a == "--top") {
      opt$top <- as.integer(value()); i <- i + 1L
    } else if (a == "--smooth") {
      opt$smooth <- as.integer(value()); i <- i + 1L
    } else if (a == "--png") {
      opt$png <- value(); i <- i + 1L
    } else if (a == "--no-verify") {
      opt$verify <- FALSE
    } else if (startsWith(a, "--")) {
      fail("unknown option ", a, "\n", usage)
    } else {
      positional <- c(positional, a)
    }
    i <- i + 1L
  }
  if (length(positional) > 1) fail("give one folder\n", usage)
  if (length(positional) == 1) opt$folder <- positional
  if (is.na(opt$top) || opt$top < 1) fail("--top needs a positive number")
  if (is.na(opt$smooth) || (opt$smooth > 1 && opt$smooth %% 2 == 0)) {
    fail("--smooth needs an odd number of groups (a centred window)")
  }
  opt
}

if (!exists("args", inherits = FALSE) || !is.character(args)) {
  args <- commandArgs(trailingOnly = TRUE)
}
opt <- parse_args(args)
folder <- opt$folder

# ---- run.json ----------------------------------------------------------------------------

sha256_file <- function(path) {
  tools_ns <- asNamespace("tools")
  if (exists("sha256sum", envir = tools_ns, inherits = FALSE)) {       # R >= 4.5
    return(unname(get("sha256sum", envir = tools_ns)(path)))
  }
  if (requireNamespace("digest", quietly = TRUE)) {
    return(digest::digest(path, algo = "sha256", file = TRUE))
  }
  NA_character_
}

run_path <- file.path(folder, "run.json")
if (!file.exists(run_path)) {
  fail(run_path, " not found: give a folder written by `discourse ngrams --out FOLDER`")
}
run <- jsonlite::fromJSON(run_path, simplifyVector = FALSE)
if (!identical(run$tool, "discourse") || !identical(run$command, "ngrams")) {
  fail(run_path, " is not from `discourse ngrams` (command: ", format(run$command), ")")
}
outputs <- run$outputs
output_files <- vapply(outputs, function(o) o$file, character(1))
for (name in c("ngrams.csv", "groups.csv")) {
  if (!name %in% output_files) fail("run.json lists no ", name)
}
unverified <- FALSE
for (o in outputs) {
  path <- file.path(folder, o$file)
  if (!file.exists(path)) fail(path, " is listed in run.json but missing")
  if (opt$verify) {
    digest_value <- sha256_file(path)
    if (is.na(digest_value)) {
      unverified <- TRUE
    } else if (!identical(digest_value, o$sha256)) {
      fail(path, " has changed since the run (SHA-256 differs from run.json); ",
           "rerun discourse, or pass --no-verify")
    }
  }
}
if (unverified) {
  message("  note: no SHA-256 function (R < 4.5 without the digest package): files not verified")
}
check_rows <- function(name, rows) {
  recorded <- outputs[[match(name, output_files)]]$rows
  if (!identical(as.integer(recorded), as.integer(rows))) {
    cat(sprintf("  warning: run.json records %s rows for %s, the file has %d\n",
                format(recorded), name, rows))
  }
}

run_opts <- run$options
excel <- isTRUE(run_opts$excel)
keep_case <- isTRUE(run_opts$keep_case)
min_count <- if (is.null(run_opts$min_count)) 1L else as.integer(run_opts$min_count)
by_field <- if (is.null(run_opts$by)) NULL else run_opts$by
n_spec <- if (is.null(run_opts$n)) "1" else as.character(run_opts$n)
n_bounds <- as.integer(strsplit(n_spec, "-", fixed = TRUE)[[1]])
if (anyNA(n_bounds) || length(n_bounds) < 1) fail("cannot read options.n = ", n_spec)
ns <- seq(n_bounds[1], n_bounds[length(n_bounds)])

# ---- reading the CSV files ---------------------------------------------------------------

# Every column with the type its CSV on the Web metadata gives (read_discourse_table from
# discourse.R): group labels such as "1790" stay text (they are labels, and the file's row
# order is the group order), only an empty field is missing (an ngram "NA" or "null" stays a
# string), and the --excel formula guard is taken off.
groups <- read_discourse_table(file.path(folder, "groups.csv"), excel = excel)
group_order <- groups$group            # groups.csv rows are in the tool's group order
ngrams <- read_discourse_table(file.path(folder, "ngrams.csv"), excel = excel)

total_tokens <- sum(groups$tokens)
cat(sprintf("%s: %d documents, %d group(s) by %s, n = %s, %s tokens\n", folder,
            as.integer(run$corpus$documents), nrow(groups),
            if (is.null(by_field)) "(none: one group, all)" else by_field, n_spec,
            format(total_tokens, big.mark = ",", scientific = FALSE)))
check_rows("groups.csv", nrow(groups))
check_rows("ngrams.csv", nrow(ngrams))
for (w in run$corpus$warnings) cat("  run warning:", w, "\n")
if (length(run$corpus$left_out) > 0) {
  cat(sprintf("  left out (no value for --by): %d document(s)\n", length(run$corpus$left_out)))
}
if (min_count > 1) {
  cat(sprintf(paste("  note: --min-count %d: rows with smaller counts were not written,",
                    "so sums below are lower bounds and absent groups are unknown, not zero\n"),
              min_count))
}

# Pad to a width in terminal cells (CJK characters take two).
pad <- function(x, width) paste0(x, strrep(" ", pmax(0, width - nchar(x, type = "width"))))

# ---- (a) top bigrams over all groups -----------------------------------------------------

if (!2L %in% ns) {
  cat(sprintf(paste("\n(a) no bigrams in this run (n = %s):",
                    "rerun discourse ngrams with --n 2 or --n 1-3\n"), n_spec))
} else {
  # arrange() sorts text in the C locale (dplyr >= 1.1), i.e. in code point order as the
  # tool does, so ties in count come out as in the Python version.
  top <- ngrams %>%
    filter(n == 2L) %>%
    group_by(ngram) %>%
    summarise(count = sum(count), groups = dplyr::n(), .groups = "drop") %>%
    arrange(desc(count), ngram) %>%
    slice_head(n = opt$top) %>%
    mutate(per_million = count / total_tokens * 1e6)
  cat(sprintf("\n(a) top %d bigrams over all %d group(s), by summed count\n",
              opt$top, nrow(groups)))
  cat(sprintf("%4s  %s%9s%13s%8s\n", "rank", pad("bigram", 28), "count", "per_million", "groups"))
  cat(sprintf("%4d  %s%9.0f%13.1f%8d\n", seq_len(nrow(top)), pad(top$ngram, 28), top$count,
              top$per_million, top$groups), sep = "")
}

# ---- (b) per_million of each term over the groups ----------------------------------------

# The tool's forms are ICU nfkc_cf (or nfkc with --keep-case); stringi has the same ICU
# mappings. Without stringi, lower case is a close approximation.
normalize <- function(x) {
  x <- gsub("\\s+", " ", trimws(x))
  if (requireNamespace("stringi", quietly = TRUE)) {
    if (keep_case) stringi::stri_trans_nfkc(x) else stringi::stri_trans_nfkc_casefold(x)
  } else if (keep_case) x else tolower(x)
}
wanted <- normalize(opt$terms)                       # forms, in the order given
names(wanted) <- opt$terms
wanted_n <- lengths(strsplit(wanted, " ", fixed = TRUE))
names(wanted_n) <- wanted
for (t in wanted[!wanted_n %in% ns]) {
  cat(sprintf("  note: '%s' is a %d-gram, but this run has n = %s\n", t, wanted_n[[t]], n_spec))
}

found <- ngrams %>%
  filter(ngram %in% wanted) %>%
  filter(n == wanted_n[ngram])
present <- unique(wanted[wanted %in% found$ngram])
for (t in setdiff(wanted[wanted_n %in% ns], present)) {
  cat(sprintf(paste0("  note: '%s' does not occur as a %d-gram in %s: not in the corpus, a ",
                     "stopword, a length this run lacks, or split into several tokens by ICU ",
                     "(see `discourse tokens`; look it up as 'w1 w2', or keep it whole with ",
                     "--terms FILE)\n"),
              t, wanted_n[[t]], file.path(folder, "ngrams.csv")))
}
if (length(present) == 0) {
  fail("none of the terms ", paste(opt$terms, collapse = ", "), " occurs in ",
       file.path(folder, "ngrams.csv"), ": nothing to plot")
}

# One row per (group, term), in group order; a group without the term has count 0
# (only when --min-count was 1; otherwise its value is unknown and stays NA).
series <- expand.grid(ngram = present, group = group_order, stringsAsFactors = FALSE) %>%
  left_join(found %>% select(group, ngram, count, per_million), by = c("group", "ngram"))
if (min_count == 1) {
  series <- series %>%
    mutate(count = coalesce(count, 0), per_million = coalesce(per_million, 0))
}

cat("\n(b) per_million over groups: total count and the groups where each term peaks\n")
for (t in present) {
  s <- series[series$ngram == t, ]
  peak <- which.max(s$per_million)
  cat(sprintf("  %s count %7.0f   peak %9.1f per million in %s\n", pad(t, 20),
              sum(s$count, na.rm = TRUE), s$per_million[peak], s$group[peak]))
}

# x: the group value itself when every label is a number (years, sessions), so that gaps
# between years show; otherwise the group's position, labelled.
numeric_groups <- suppressWarnings(as.numeric(group_order))
labelled <- anyNA(numeric_groups)
x_of <- if (labelled) seq_along(group_order) else numeric_groups
series$x <- x_of[match(series$group, group_order)]

centred_mean <- function(y, k) {
  h <- (k - 1L) %/% 2L
  m <- length(y)
  vapply(seq_len(m), function(i) {
    w <- y[max(1L, i - h):min(m, i + h)]
    if (all(is.na(w))) NA_real_ else mean(w, na.rm = TRUE)
  }, numeric(1))
}

labels <- ifelse(names(wanted) == wanted, wanted, paste0(names(wanted), " (", wanted, ")"))
names(labels) <- wanted
series <- series %>%
  arrange(match(ngram, present), x) %>%
  mutate(label = factor(labels[ngram], levels = unique(labels[present])))
smoothing <- opt$smooth > 1
if (smoothing) {
  series <- series %>%
    group_by(label) %>%
    mutate(smooth = centred_mean(per_million, opt$smooth)) %>%
    ungroup()
}

by_label <- if (is.null(by_field)) "group" else by_field
p <- ggplot(series, aes(x = x, y = per_million, colour = label)) +
  geom_line(linewidth = if (smoothing) 0.3 else 0.5, alpha = if (smoothing) 0.45 else 1) +
  facet_wrap(~label, ncol = 1, scales = "free_y") +
  expand_limits(y = 0) +
  labs(x = by_label, y = "per million tokens",
       title = sprintf("%s: frequency per million tokens by %s", corpus_name(run), by_label),
       subtitle = paste0("each panel on its own scale",
                         if (smoothing) sprintf("; bold line: centred mean over %d groups",
                                                opt$smooth) else "")) +
  theme_minimal(base_size = 11) +
  theme(legend.position = "none",
        strip.text = element_text(hjust = 0, face = "bold"))
if (length(group_order) <= 60) p <- p + geom_point(size = 0.9)
if (smoothing) p <- p + geom_line(aes(y = smooth), linewidth = 1)
if (labelled) {
  step <- max(1L, length(group_order) %/% 30L)
  at <- seq(1L, length(group_order), by = step)
  p <- p + scale_x_continuous(breaks = at, labels = group_order[at]) +
    theme(axis.text.x = element_text(angle = 60, hjust = 1))
}

png_path <- if (is.null(opt$png)) file.path(folder, "ngrams_trends_r.png") else opt$png
ggsave(png_path, p, width = 11, height = (if (labelled) 2.6 else 1.2) + 2 * length(present),
       dpi = 150, bg = "white")
cat("\nchart:", png_path, "\n")
