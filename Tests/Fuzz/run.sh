#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs each for SECONDS (default 12)
# from its seed corpus, or with `long` for a million inputs or 30 minutes, whichever comes
# first. Exits non-zero on a crash, a hang (10 s per input), a leak or an out-of-memory input;
# the reproducer lands in .build-fuzz/artifacts/.
#   bash Tests/Fuzz/run.sh 12                 # CI: a minute in all
#   bash Tests/Fuzz/run.sh long               # the long run of docs/fuzzing.md
#   bash Tests/Fuzz/run.sh 600 tokenizer      # ten minutes of one target
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-12}
shift || true
limits=(-max_total_time="$seconds")
[ "$seconds" = long ] && limits=(-runs=1000000 -max_total_time=1800)
targets=${*:-csv jsonl metadata decoder tokenizer studypart wordbreak}
DISCOURSE_FUZZ=1 swift build --scratch-path .build-fuzz --product discourse-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld 2>&1 | grep -v "warning:" | tail -n 3
binary=.build-fuzz/debug/discourse-fuzz
mkdir -p .build-fuzz/artifacts .build-fuzz/corpus
for target in $targets; do
    # New inputs go to a working corpus outside the repository; the seeds stay as they are.
    mkdir -p ".build-fuzz/corpus/$target"
    echo "fuzz: $target (${limits[*]})"
    status=0
    FUZZ_TARGET=$target "$binary" ".build-fuzz/corpus/$target" "Tests/Fuzz/seeds/$target" \
        "${limits[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -artifact_prefix=".build-fuzz/artifacts/$target-" -print_final_stats=1 > ".build-fuzz/$target.log" 2>&1 || status=$?
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Test unit written)" ".build-fuzz/$target.log" || true
    [ "$status" -eq 0 ] || { tail -n 40 ".build-fuzz/$target.log" >&2; echo "fuzz: $target failed" >&2; exit 1; }
done
echo "fuzz: all targets ran clean"
