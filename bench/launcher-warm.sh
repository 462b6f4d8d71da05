#!/usr/bin/env bash
# Issue 15: what a warm `./jbang SCRIPT` costs with the build lock and cache-entry checks,
# against the launcher of REV (default: the commit before them), in one run, interleaved so
# that a busy machine slows both alike. Prints each one's median wall time and the ratio.
# Usage: bench/launcher-warm.sh [RUNS] [REV]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}" rev="${2:-901f61b}"
before=".bench-jbang-before"   # in the checkout: the launcher only fast-paths scripts under its own folder
git show "$rev:jbang" > "$before"
chmod +x "$before"
trap 'rm -f "$before"' EXIT
args=(scripts/route-audit.java --snapshot examples/double-nat --format nagios)

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

ms "./$before" "${args[@]}" >/dev/null; ms ./jbang "${args[@]}" >/dev/null   # warm both caches
old=() new=()
for ((i = 0; i < runs; i++)); do
  old+=("$(ms "./$before" "${args[@]}")")
  new+=("$(ms ./jbang "${args[@]}")")
done
report() {
  local o n
  o=$(printf '%s\n' "${old[@]}" | median) n=$(printf '%s\n' "${new[@]}" | median)
  echo "$1 ($runs runs each, interleaved)"
  echo "  before ($rev): median $o ms"
  echo "  after  (HEAD):  median $n ms"
  awk -v o="$o" -v n="$n" 'BEGIN {printf "  ratio after/before: %.3f\n", n / o}'
}
report "warm ./jbang ${args[*]}"

# The launchers alone: the same runs, stopping where they would exec the script's JVM (whose
# time dominates above and swings with the machine's load).
for f in "$before" jbang; do
  sed 's/^\( *\)eval "exec \$base /\1exit 0; eval "exec $base /' "$f" > ".bench-stop-$f"
  chmod +x ".bench-stop-$f"
done
trap 'rm -f "$before" ".bench-stop-$before" .bench-stop-jbang' EXIT
old=() new=()
for ((i = 0; i < runs; i++)); do
  old+=("$(ms "./.bench-stop-$before" "${args[@]}")")
  new+=("$(ms ./.bench-stop-jbang "${args[@]}")")
done
report "the launcher up to exec'ing java"
