#!/usr/bin/env bash
# Counts a corpus on a Slurm cluster: a job array of N `discourse count` shards, then a
# `discourse merge` job that starts only when every shard has succeeded (afterok). The merged
# folder is what `discourse ngrams` with the same options writes on one machine, byte for byte.
# Given a study file (.yaml or .yml) instead of a corpus, the shards are counted with
# `discourse study STUDY --shard I/N` and merged with `discourse study STUDY --merge`: the
# folder is what the study writes on one machine (its analyses must run from counts: ngrams,
# keyness, trends, compare). Needs a file system that every node shares (the corpus, the parts
# folder and the output). docs/cluster.md explains it step by step.
#
#   docs/slurm/submit.sh [--shards N] [--parts DIR] [--out DIR] [--discourse PATH]
#                        [--sbatch "OPTIONS"] [--wait] CORPUS|STUDY.yaml [OPTIONS...]
#
#   docs/slurm/submit.sh --shards 16 --parts /scratch/$USER/parts --out results/ngrams \
#       --sbatch "--time=01:00:00 --mem=4G --cpus-per-task=4" \
#       corpora/peoples-daily --n 1-3 --by year --terms zh-politics --stopwords zh
#
# OPTIONS are those of `discourse count` (and of `discourse ngrams`) except --shard and --out
# (--memory goes to the merge too); for a study, those of `discourse study` that both the shards and the merge take (--memory,
# --tmp). Relative paths (the corpus, --terms files) are read from the folder this script is
# run in, as on the command line, so run.json records them as given. The job scripts are written into the parts folder (count.sbatch, merge.sbatch) so
# that what ran can be read and rerun; each job logs to a file beside them.
set -euo pipefail

shards=4
parts=parts
out=discourse-out
discourse=$(command -v discourse || true)
sbatch_options=""
wait=""
while [ $# -gt 0 ]; do
    case "$1" in
        --shards) shards=$2; shift 2 ;;
        --parts) parts=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --discourse) discourse=$2; shift 2 ;;
        --sbatch) sbatch_options=$2; shift 2 ;;
        --wait) wait=--wait; shift ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || { echo "submit.sh: give the corpus (and the count options); --help explains" >&2; exit 2; }
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --shards must be a positive integer, not '$shards'" >&2; exit 2; }
[ -n "$discourse" ] && [ -x "$discourse" ] || { echo "submit.sh: no discourse executable; put it on PATH or give --discourse PATH" >&2; exit 2; }
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found: run this on a Slurm login node" >&2; exit 2; }
for argument in "$@"; do
    case "$argument" in --shard|--shard=*|--out|--out=*) echo "submit.sh: give --out before the corpus; --shard is set per task" >&2; exit 2 ;; esac
done

mkdir -p "$parts"
parts=$(cd "$parts" && pwd)
discourse=$(cd "$(dirname "$discourse")" && pwd)/$(basename "$discourse")
corpus=$1; shift
# Leftover parts of an earlier run would be merged with this one's (and refused): remove them.
rm -f "$parts"/*.dcounts "$parts"/count-*.log "$parts"/merge.log
for folder in "$parts"/*/; do [ -f "$folder/part.json" ] && rm -rf "$folder"; done
case "$corpus" in
    *.yaml|*.yml)
        count_command=(study "$corpus" "$@")
        part=""
        merge_command=(study "$corpus" "$@" --merge)
        finished="^discourse: study" ;;
    *)
        count_command=(count "$corpus" "$@")
        part=.dcounts
        merge_command=(merge)
        # The merge keeps the tasks' --memory (it takes no other count option).
        previous=""
        for argument in "$@"; do
            case "$argument" in --memory=*) merge_command+=("$argument") ;; esac
            [ "$previous" = --memory ] && merge_command+=(--memory "$argument")
            previous=$argument
        done
        finished="^discourse merge:" ;;
esac

quoted() { printf ' %q' "$@"; }
cat > "$parts/count.sbatch" <<JOB
#!/usr/bin/env bash
#SBATCH --job-name=discourse-count
#SBATCH --chdir=$(pwd)
#SBATCH --output=$parts/count-%a.log
set -euo pipefail
exec$(quoted "$discourse" "${count_command[@]}") --shard "\$SLURM_ARRAY_TASK_ID/$shards" --out "$parts/\$SLURM_ARRAY_TASK_ID$part" --quiet
JOB
cat > "$parts/merge.sbatch" <<JOB
#!/usr/bin/env bash
#SBATCH --job-name=discourse-merge
#SBATCH --chdir=$(pwd)
#SBATCH --output=$parts/merge.log
set -euo pipefail
exec$(quoted "$discourse" "${merge_command[@]}") $(for i in $(seq 1 "$shards"); do printf ' %q' "$parts/$i$part"; done)$(quoted --out "$out")
JOB

# shellcheck disable=SC2086  # the sbatch options are words on purpose
count_job=$(sbatch --parsable --array=1-"$shards" $sbatch_options "$parts/count.sbatch")
count_job=${count_job%%;*}
# shellcheck disable=SC2086
merge_job=$(sbatch --parsable $wait --dependency=afterok:"$count_job" --kill-on-invalid-dep=yes $sbatch_options "$parts/merge.sbatch")
echo "submit.sh: counting job array $count_job ($shards shards), merge job ${merge_job%%;*} after it; logs in $parts"
# With --wait: the merge job has ended (or was cancelled because a shard failed, which sbatch
# does not report as a failure): check that it wrote its summary.
if [ -n "$wait" ]; then
    if ! grep -q "$finished" "$parts/merge.log" 2>/dev/null; then
        echo "submit.sh: the merge did not finish; the jobs' errors:" >&2
        cat "$parts"/count-*.log "$parts"/merge.log 2>/dev/null | grep -i "error" >&2 || true
        exit 1
    fi
    grep "$finished" "$parts/merge.log"
fi
