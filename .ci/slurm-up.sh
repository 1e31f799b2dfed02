#!/usr/bin/env bash
# Starts a one-node Slurm on this machine (munge, slurmctld, slurmd on localhost), as root,
# for the Slurm test in .ci/run. Prints the folder holding its state and logs; stop it with
# .ci/slurm-down.sh FOLDER.
set -euo pipefail
host=$(hostname)
cpus=$(nproc)
memory=$(free -m | awk '/Mem:/{print int($2*0.8)}')
state=$(mktemp -d /tmp/ci-slurm.XXXXXX)
mkdir -p "$state/state" "$state/spool" "$state/log"
mkdir -p /etc/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ci
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$state/state
SlurmdSpoolDir=$state/spool
SlurmctldLogFile=$state/log/ctld.log
SlurmdLogFile=$state/log/d.log
SlurmctldPidFile=$state/ctld.pid
SlurmdPidFile=$state/d.pid
SlurmUser=root
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
[ -f /etc/munge/munge.key ] || mungekey --create >/dev/null 2>&1 || mungekey -c
mkdir -p /run/munge
chown munge:munge /run/munge /etc/munge/munge.key
pgrep -x munged >/dev/null || runuser -u munge -- munged
slurmctld
slurmd
for _ in $(seq 1 30); do
    sinfo -h -o %t 2>/dev/null | grep -q idle && break
    sleep 1
done
sinfo -h -o %t | grep -q idle || { echo "ci: the Slurm node did not come up" >&2; cat "$state/log/"*.log >&2; exit 1; }
echo "$state"
