#!/usr/bin/env Rscript
# Rising and falling terms from a `discourse trends` output folder: the R twin of
# term_trends.py.
#
# Reads trends.csv, trend_stats.csv and run.json from one output folder and
#   (a) prints the 15 terms with the strongest rising and the 15 with the strongest falling
#       trend: ranked by the Mann-Kendall Z (mk_z) among the terms with mk_q < 0.05;
#   (b) plots per_million over the groups for the top 6 rising and top 6 falling terms (or
#       --terms a,b,c), one panel per term, with Sen's slope as a dashed line (or, with
#       --smooth K, a centred moving average), and saves the chart as term_trends_r.png in
#       the same folder.
#
# Make the input first, from the repository root:
#   discourse trends Corpora/sotu/data --by year --stopwords en --out out/trends
# then run:
#   Rscript Notebooks/term_trends.R out/trends
#   Rscript Notebooks/term_trends.R out/trends --terms america,war,freedom --smooth 9
# In an interactive session (RStudio), set `args` by hand and source the file:
#   args <- c("out/trends", "--terms", "america,war"); source("Notebooks/term_trends.R")
#
# Needs R with readr (>= 2.0), dplyr (>= 1.1), ggplot2 (>= 3.4) and jsonlite; stringi (for the
# exact ICU case folding of --terms) and digest (SHA-256 on R < 4.5) are used when installed.
# Column definitions: docs/csv-columns.md.

fail <- function(...) {
  msg <- paste0("term_trends.R: ", ...)
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
  "usage: Rscript Notebooks/term_trends.R [FOLDER] [--top N] [--alpha A] [--plot K]",
  "                                       [--terms A,B,C] [--smooth K] [--png FILE] [--no-verify]",
  "FOLDER        output folder of `discourse trends` (default: out/trends)",
  "--top N       how many rising and falling terms to print (default: 15)",
  "--alpha A     keep terms with mk_q below A (default: 0.05)",
  "--plot K      plot the top K rising and top K falling terms (default: 6)",
  "--terms A,B   plot these terms instead, comma-separated",
  "--smooth K    draw a centred moving average over K groups (K odd) instead of Sen's line",
  "--png FILE    chart file (default: FOLDER/term_trends_r.png)",
  "--no-verify   skip the SHA-256 check of the CSV files against run.json",
  sep = "\n")

parse_args <- function(argv) {
  opt <- list(folder = "out/trends", top = 15L, alpha = 0.05, plot = 6L, terms = NULL,
              smooth = 0L, png = NULL, verify = TRUE)
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
    } else if (a == "--top") {
      opt$top <- suppressWarnings(as.integer(value())); i <- i + 1L
    } else if (a == "--alpha") {
      opt$alpha <- suppressWarnings(as.numeric(value())); i <- i + 1L
    } else if (a == "--plot") {
      opt$plot <- suppressWarnings(as.integer(value())); i <- i + 1L
    } else if (a == "--terms") {
      opt$terms <- value(); i <- i + 1L
    } else if (a == "--smooth") {
      opt$smooth <- suppressWarnings(as.integer(value())); i <- i + 1L
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
  if (is.na(opt$plot) || opt$plot < 0) fail("--plot needs a number >= 0")
  if (is.na(opt$alpha) || opt$alpha <= 0) fail("--alpha needs a positive number")
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
  fail(run_path, " not found: give a folder written by `discourse trends --out FOLDER`")
}
run <- jsonlite::fromJSON(run_path, simplifyVector = FALSE)
if (!identical(run$tool, "discourse") || !identical(run$command, "trends")) {
  fail(run_path, " is not from `discourse trends` (command: ", format(run$command), ")")
}
outputs <- run$outputs
output_files <- vapply(outputs, function(o) o$file, character(1))
for (name in c("trends.csv", "trend_stats.csv")) {
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
  if (!identical(as.numeric(recorded), as.numeric(rows))) {
    cat(sprintf("  warning: run.json records %s rows for %s, the file has %s\n",
                format(recorded), name, format(rows)))
  }
}

run_opts <- run$options
excel <- isTRUE(run_opts$excel)
keep_case <- isTRUE(run_opts$keep_case)
by_field <- if (is.null(run_opts$by)) "group" else run_opts$by
n_spec <- if (is.null(run_opts$n)) "1" else as.character(run_opts$n)

# ---- reading the CSV files ---------------------------------------------------------------

# Every column with the type its CSV on the Web metadata gives (discourse.R): labels stay
# text, only an empty field is missing, the --excel formula guard is taken off.
tstats <- read_discourse_table(file.path(folder, "trend_stats.csv"), excel = excel)
check_rows("trend_stats.csv", nrow(tstats))

tracked <- if (!is.null(run_opts$track)) paste("--track", run_opts$track) else
  paste("every term with count >=", format(run_opts$min_count))
big <- function(n) format(n, big.mark = ",", scientific = FALSE, trim = TRUE)
cat(sprintf("%s: %s documents, %s group(s) by %s, n = %s, %s terms (%s)\n", folder,
            format(run$corpus$documents), format(run$corpus$groups), by_field, n_spec,
            big(nrow(tstats)), tracked))
if (length(run_opts$where) > 0) {
  cat("  only documents with ", paste(unlist(run_opts$where), collapse = " and "), "\n", sep = "")
}
if (length(run_opts$stopwords) > 0) {
  cat("  stopwords: ", paste(unlist(run_opts$stopwords), collapse = ", "), "\n", sep = "")
}
for (w in run$corpus$warnings) cat("  run warning: ", w, "\n", sep = "")

# Pad to a width in terminal cells (CJK characters take two).
pad <- function(x, width) paste0(x, strrep(" ", pmax(0, width - nchar(x, type = "width"))))
# p- and q-values: 0 is an underflow (below about 5e-324); empty = undefined.
fmt_p <- function(p) {
  ifelse(is.na(p), "", ifelse(p == 0, "<5e-324",
         ifelse(p < 0.001, sprintf("%.1e", p), sprintf("%.3f", p))))
}
fmt_num <- function(x, digits) ifelse(is.na(x), "", formatC(x, format = "f", digits = digits))

# ---- (a) rising and falling terms --------------------------------------------------------

# arrange() sorts text in the C locale (dplyr >= 1.1), i.e. in code point order as the
# tool does, so ties in mk_z come out as in the Python version.
significant <- tstats %>% filter(!is.na(mk_q), mk_q < opt$alpha, !is.na(mk_z))
rising <- significant %>% filter(mk_z > 0) %>% arrange(desc(mk_z), term)
falling <- significant %>% filter(mk_z < 0) %>% arrange(mk_z, term)
cat(sprintf("\n%s of %s terms have mk_q < %g: %s rising, %s falling\n",
            big(nrow(significant)), big(nrow(tstats)), opt$alpha, big(nrow(rising)),
            big(nrow(falling))))

print_table <- function(title, d) {
  cat("\n", title, "\n", sep = "")
  if (nrow(d) == 0) {
    cat("  (none)\n")
    return(invisible())
  }
  width <- max(12, min(28, max(nchar(d$term, type = "width")) + 2))
  cat(sprintf("%4s  %s%8s%8s%10s%11s%15s%10s%12s%8s\n", "rank", pad("term", width), "mk_z",
              "mk_tau", "mk_q", "sen_slope", "poisson_slope", "quasi_p", "dispersion",
              "groups"))
  cat(sprintf("%4d  %s%8s%8s%10s%11s%15s%10s%12s%8d\n", seq_len(nrow(d)), pad(d$term, width),
              fmt_num(d$mk_z, 2), fmt_num(d$mk_tau, 3), fmt_p(d$mk_q),
              fmt_num(d$sen_slope, 2), fmt_num(d$poisson_slope, 4), fmt_p(d$quasi_p),
              fmt_num(d$dispersion, 2), d$groups_present), sep = "")
}
print_table(sprintf("(a1) top %d rising terms, by mk_z", opt$top), head(rising, opt$top))
print_table(sprintf("(a2) top %d falling terms, by mk_z", opt$top), head(falling, opt$top))
cat(paste0("\n  sen_slope: change in per million per group step; poisson_slope: change of the ",
           "log rate per group step\n  (the rate is multiplied by exp(poisson_slope) from one ",
           "group to the next). With dispersion well above 1, read quasi_p.\n"))

# ---- (b) which terms to plot -------------------------------------------------------------

# The tool's forms are ICU nfkc_cf (or nfkc with --keep-case); stringi has the same ICU
# mappings. Without stringi, lower case is a close approximation.
normalize <- function(x) {
  x <- gsub("\\s+", " ", trimws(x))
  if (requireNamespace("stringi", quietly = TRUE)) {
    if (keep_case) stringi::stri_trans_nfkc(x) else stringi::stri_trans_nfkc_casefold(x)
  } else if (keep_case) x else tolower(x)
}

if (!is.null(opt$terms)) {
  given <- trimws(strsplit(opt$terms, ",", fixed = TRUE)[[1]])
  given <- given[nzchar(given)]
  forms <- normalize(given)
  keep <- !duplicated(forms)
  given <- given[keep]
  forms <- forms[keep]
  for (k in which(!forms %in% tstats$term)) {
    cat(sprintf(paste0("  note: '%s' is not a tracked term of this run: not in --track, below ",
                       "--min-count, a stopword, a length other than n = %s, or split into ",
                       "several tokens by ICU\n"), given[k], n_spec))
  }
  plotted <- forms[forms %in% tstats$term]
  if (length(plotted) == 0) {
    fail("none of the terms ", opt$terms, " is in ", file.path(folder, "trend_stats.csv"),
         ": nothing to plot")
  }
  labels <- ifelse(given[forms %in% tstats$term] == plotted, plotted,
                   paste0(given[forms %in% tstats$term], " (", plotted, ")"))
  s <- tstats[match(plotted, tstats$term), ]
  kinds <- ifelse(!is.na(s$mk_q) & s$mk_q < opt$alpha & s$mk_z > 0, "rising",
                  ifelse(!is.na(s$mk_q) & s$mk_q < opt$alpha & s$mk_z < 0, "falling",
                         "no trend"))
} else {
  up <- head(rising$term, opt$plot)
  down <- head(falling$term, opt$plot)
  plotted <- c(up, down)
  if (length(plotted) == 0) {
    cat("\n(b) no term has a significant trend: nothing to plot (try --terms)\n")
    if (interactive()) stop("nothing to plot", call. = FALSE)
    quit(save = "no", status = 0)
  }
  labels <- plotted
  kinds <- c(rep("rising", length(up)), rep("falling", length(down)))
}
names(labels) <- plotted
names(kinds) <- plotted

# ---- trends.csv, in chunks ---------------------------------------------------------------

# trends.csv has one row per (group, term), zero rows included: millions of rows for a large
# corpus. Keep the rows of the plotted terms, and the first row of every group (for the group
# order, which is the file's order, and to see which groups have no tokens: their
# per_million is empty).
rows_read <- 0
keep_rows <- function(x, pos) {
  rows_read <<- rows_read + nrow(x)
  x[x$term %in% plotted | !duplicated(x$group), , drop = FALSE]
}
kept <- read_discourse_chunked(file.path(folder, "trends.csv"), keep_rows, excel = excel)
check_rows("trends.csv", rows_read)
group_order <- unique(kept$group)
firsts <- kept[!duplicated(kept$group), ]
empty_groups <- firsts$group[is.na(firsts$per_million)]
if (rows_read != length(group_order) * nrow(tstats)) {
  cat(sprintf("  warning: trends.csv has %s rows, not groups x terms = %d x %d\n",
              format(rows_read), length(group_order), nrow(tstats)))
}
if (length(empty_groups) > 0) {
  cat(sprintf("  %d group(s) without tokens (per_million empty, drawn as gaps): %s\n",
              length(empty_groups), paste(empty_groups, collapse = ", ")))
}

# One row per (term, group), in group order.
series <- kept %>%
  filter(term %in% plotted) %>%
  distinct(term, group, .keep_all = TRUE) %>%
  select(term, group, count, per_million)
series <- expand.grid(group = group_order, term = plotted, stringsAsFactors = FALSE) %>%
  left_join(series, by = c("term", "group"))

cat(sprintf("\n(b) per_million over %d group(s) by %s: total count and peak\n",
            length(group_order), by_field))
dash <- function(v) ifelse(is.na(v), "-", v)
for (t in plotted) {
  s <- tstats[tstats$term == t, ]
  y <- series$per_million[series$term == t]
  peak <- if (all(is.na(y))) NA_real_ else max(y, na.rm = TRUE)
  cat(sprintf("  %s %-9s count %8.0f   peak %10.1f per million in %s   first %s, last %s\n",
              pad(t, 22), kinds[[t]], sum(series$count[series$term == t], na.rm = TRUE), peak,
              dash(s$peak_group), dash(s$first_group), dash(s$last_group)))
}

# Sen's line: slope per group step over the groups with tokens (g = 1, 2, ...; a group
# without tokens is skipped, as the tool does), intercept median(y_g - slope * g).
sen_line <- function(y, slope) {
  present <- !is.na(y)
  if (!any(present) || is.na(slope)) return(rep(NA_real_, length(y)))
  g <- cumsum(present)
  intercept <- stats::median(y[present] - slope * g[present])
  ifelse(present, intercept + slope * g, NA_real_)
}
# Centred moving average over k neighbouring groups with tokens; gaps stay gaps.
centred_mean <- function(y, k) {
  present <- which(!is.na(y))
  v <- y[present]
  h <- (k - 1L) %/% 2L
  m <- length(v)
  out <- rep(NA_real_, length(y))
  out[present] <- vapply(seq_len(m), function(i) mean(v[max(1L, i - h):min(m, i + h)]),
                         numeric(1))
  out
}

# x: the group value itself when every label is a number (years, sessions), so that gaps
# between years show; otherwise the group's position, labelled.
numeric_groups <- suppressWarnings(as.numeric(group_order))
labelled <- anyNA(numeric_groups)
x_of <- if (labelled) seq_along(group_order) else numeric_groups
series$x <- x_of[match(series$group, group_order)]

titles <- vapply(plotted, function(t) {
  s <- tstats[tstats$term == t, ]
  sprintf("%s   tau %s, q %s", labels[[t]], ifelse(is.na(s$mk_tau), "-", sprintf("%.2f", s$mk_tau)),
          ifelse(is.na(s$mk_q), "-", fmt_p(s$mk_q)))
}, character(1))
smoothing <- opt$smooth > 1
series <- series %>%
  arrange(match(term, plotted), x) %>%
  group_by(term) %>%
  mutate(line = if (smoothing) centred_mean(per_million, opt$smooth) else
           sen_line(per_million, tstats$sen_slope[match(term[1], tstats$term)])) %>%
  ungroup() %>%
  # Sen's line below 0 is cut off (a rate is never negative), as in the Python chart.
  mutate(line = if (smoothing) line else ifelse(line < 0, NA_real_, line)) %>%
  mutate(panel = factor(titles[term], levels = unname(titles[plotted])),
         kind = kinds[term])

colours <- c(rising = "#1f77b4", falling = "#d62728", "no trend" = "#555555")
if (is.null(opt$terms)) {
  n_cols <- if (length(up) > 0 && length(down) > 0) 2L else 1L
  n_rows <- max(length(up), length(down))
  what <- sprintf("; strongest Mann-Kendall trends (mk_q < %g): rising left, falling right",
                  opt$alpha)
} else {
  n_cols <- if (labelled || length(plotted) == 1) 1L else if (length(plotted) <= 8) 2L else 3L
  n_rows <- ceiling(length(plotted) / n_cols)
  what <- ""
}
p <- ggplot(series, aes(x = x, y = per_million, colour = kind)) +
  geom_line(linewidth = 0.4, alpha = 0.6, na.rm = TRUE) +
  facet_wrap(~panel, ncol = n_cols, nrow = n_rows, dir = if (is.null(opt$terms)) "v" else "h",
             scales = "free_y") +
  scale_colour_manual(values = colours, guide = "none") +
  expand_limits(y = 0) +
  scale_y_continuous(labels = function(v) format(v, big.mark = ",", scientific = FALSE,
                                                 trim = TRUE)) +
  labs(x = by_field, y = "per million tokens",
       title = sprintf("%s: per million tokens by %s%s", corpus_name(run), by_field, what),
       subtitle = paste0("each panel on its own scale; ",
                         if (smoothing) {
                           sprintf("bold line: centred mean over %d groups with tokens",
                                   opt$smooth)
                         } else "dashed line: Sen's slope (per group step)",
                         if (length(empty_groups) > 0) "; gaps: groups without tokens" else "")) +
  theme_minimal(base_size = 10) +
  theme(strip.text = element_text(hjust = 0, face = "bold"))
if (length(group_order) <= 80) p <- p + geom_point(size = 0.7, na.rm = TRUE)
if (smoothing) {
  p <- p + geom_line(aes(y = line), linewidth = 0.9, na.rm = TRUE)
} else {
  p <- p + geom_line(aes(y = line), colour = "black", linetype = "dashed", linewidth = 0.5,
                     na.rm = TRUE)
}
if (labelled) {
  step <- max(1L, length(group_order) %/% (if (n_cols == 1) 30L else 15L))
  at <- seq(1L, length(group_order), by = step)
  p <- p + scale_x_continuous(breaks = at, labels = group_order[at]) +
    theme(axis.text.x = element_text(angle = 60, hjust = 1))
}
# R's png device (cairo) asks fontconfig for a font per glyph; say so only when fontconfig
# knows no font for the Chinese/Japanese titles.
cjk <- unique(unlist(lapply(plotted, function(t) Filter(function(u) u >= 0x2E80, utf8ToInt(t)))))
if (length(cjk)) {
  charset <- paste(sprintf("%x", head(cjk, 200)), collapse = " ")
  fonts <- tryCatch(system2("fc-list", shQuote(paste0(":charset=", charset)), stdout = TRUE, stderr = FALSE),
                    error = function(e) character())
  if (!length(fonts)) {
    cat(paste("  note: fontconfig names no installed font for the Chinese/Japanese panel titles:",
              "they will show as boxes. Install one (e.g. Debian's fonts-noto-cjk); the numbers",
              "are unaffected.\n"))
  }
}

png_path <- if (is.null(opt$png)) file.path(folder, "term_trends_r.png") else opt$png
ggsave(png_path, p, width = if (n_cols == 1) 11 else 6.2 * n_cols,
       height = (if (labelled) 1.8 else 1.0) + 2 * n_rows, dpi = 130, bg = "white")
cat("\nchart: ", png_path, "\n", sep = "")
