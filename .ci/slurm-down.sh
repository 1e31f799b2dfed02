#!/usr/bin/env bash
# Stops the one-node Slurm that .ci/slurm-up.sh started (its state folder is the argument).
state=${1:?the state folder .ci/slurm-up.sh printed}
scontrol shutdown >/dev/null 2>&1 || true
for file in "$state/ctld.pid" "$state/d.pid"; do
    [ -f "$file" ] && kill "$(cat "$file")" 2>/dev/null || true
done
sleep 1
rm -rf "$state"
