# CI: ngrams --tf-idf against tidytext's bind_tf_idf on the same rows, each n on its own:
# every tf, idf and tf_idf must be the same double.
# Usage: Rscript .ci/check-tfidf.R FOLDER (a `discourse ngrams --tf-idf` output folder)
suppressPackageStartupMessages({ library(dplyr); library(tidytext) })
source("Notebooks/discourse.R")
ngrams <- read_discourse(commandArgs(trailingOnly = TRUE)[1], tables = "ngrams", quiet = TRUE)$ngrams
for (k in sort(unique(ngrams$n))) {
  ours <- filter(ngrams, n == k)
  theirs <- bind_tf_idf(select(ours, group, ngram, count), ngram, group, count)
  for (column in c("tf", "idf", "tf_idf")) {
    differ <- sum(theirs[[column]] != ours[[column]])
    if (differ > 0) stop(sprintf("n = %d, %s: %d of %d values differ from tidytext", k, column, differ, nrow(ours)))
  }
  cat(sprintf("ci: n = %d: tf, idf and tf_idf of %d rows equal tidytext's bind_tf_idf\n", k, nrow(ours)))
}
