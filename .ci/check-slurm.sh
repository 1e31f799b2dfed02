#!/usr/bin/env bash
# The Slurm test: counts the State of the Union in 4 shards as a job array on the one-node
# Slurm of .ci/slurm-up.sh, merges them in a job that depends on it (docs/slurm/submit.sh),
# and compares every file with the single-machine run byte for byte (run.json but for the
# command, its arguments, the parts merged, the output folder and the memory budget); then
# the same for a study of count-based analyses (ngrams, trends, keyness, compare).
set -euo pipefail
discourse=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d /tmp/ci-shards.XXXXXX)
options=(--n 1-3 --by year --stopwords en --min-count 2)
"$discourse" ngrams Corpora/sotu/data "${options[@]}" --out "$work/single" --quiet
# The tasks and the merge keep --memory 64M (submit.sh passes it on to the merge; whether a
# shard is counted in batches is tested in ShardMergeTests).
mkdir -p "$work/tmp"
bash docs/slurm/submit.sh --shards 4 --parts "$work/parts" --out "$work/merged" --discourse "$discourse" --wait \
    Corpora/sotu/data "${options[@]}" --memory 64M --tmp "$work/tmp"
grep -q -- "--memory 64M" "$work/parts/merge.sbatch" || { echo "ci: submit.sh did not pass --memory to the merge" >&2; exit 1; }
# Every file of the single run ($1) but run.json equals the merge's ($2), byte for byte.
same_files() {
    for file in "$1"/*; do
        name=$(basename "$file")
        [ "$name" = run.json ] && continue
        cmp "$file" "$2/$name" || { echo "ci: merged $name differs from the single run" >&2; exit 1; }
    done
}
same_files "$work/single" "$work/merged"
/usr/bin/python3 - "$work/single/run.json" "$work/merged/run.json" <<'PY'
import json, sys
def comparable(path):
    run = json.load(open(path))
    for key in ("command", "arguments", "merged_from"):
        run.pop(key, None)
    run["options"].pop("out")
    run["options"].pop("memory", None)
    return run
single, merged = (comparable(p) for p in sys.argv[1:3])
assert single == merged, "run.json of the merge differs from the single run's"
assert len(json.load(open(sys.argv[2]))["merged_from"]) == 4
PY
echo "ci: Slurm: 4 shards merged by a dependent job equal the single run ($(tail -n +2 "$work/single/ngrams.csv" | wc -l) n-gram rows)"

# A study of count-based analyses the same way (discourse study --shard / --merge).
cat > "$work/study.yaml" <<YAML
corpus:
  path: $(pwd)/Corpora/sotu/data
  strip: ['\[[^\]]*\]']
tokens:
  stopwords: en
groupings: [decade, party]
analyses:
  - ngrams: {n: 1-2, min_count: 5, by: decade}
  - trends: {track: [freedom, war, peace, health care], name: tracked}
  - keyness: {baseline: "previous:1", by: decade}
  - compare: {by: decade}
YAML
"$discourse" study "$work/study.yaml" --out "$work/study-single" --quiet
bash docs/slurm/submit.sh --shards 4 --parts "$work/study-parts" --out "$work/study-merged" --discourse "$discourse" --wait \
    "$work/study.yaml"
same_files "$work/study-single" "$work/study-merged"
/usr/bin/python3 - "$work/study-single/run.json" "$work/study-merged/run.json" <<'PY'
import json, sys
def comparable(path):
    run = json.load(open(path))
    for key in ("arguments", "merged_from"):
        run.pop(key, None)
    run["options"]["output"].pop("out")
    return run
single, merged = (comparable(p) for p in sys.argv[1:3])
assert single == merged, "run.json of the merged study differs from the single run's"
assert len(json.load(open(sys.argv[2]))["merged_from"]) == 4
PY
echo "ci: Slurm: a study in 4 shards merged by a dependent job equals the single run ($(ls "$work/study-merged" | wc -l) files)"
rm -rf "$work"
