#!/usr/bin/env bash
# Issue 15: what ./jbang adds to a warm run when a real jbang is on PATH (lib/launcher/path-jbang.sh:
# the marker, and since the jar check the stat of the jar it names), against the checkout at REV
# (default: before that check), interleaved in one run. The PATH jbang here builds and answers
# `info` as JBang does (./jbang in its plain mode) but runs nothing: what is timed is ./jbang alone,
# up to exec'ing that jbang. Prints each one's median wall time and the ratio.
# Usage: bench/launcher-warm-path.sh [RUNS] [REV]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-31}" rev="${2:-9a6ba82}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/before" "$tmp/bin"
git archive "$rev" | tar -x -C "$tmp/before"   # a whole checkout: ./jbang only handles scripts under its own folder
cat > "$tmp/bin/jbang" <<EOS
#!/bin/sh
case "\$1" in build|info) OPS_JBANG_BOOTSTRAP=1 OPS_JBANG_NO_LAUNCH_CACHE=1 exec "$PWD/jbang" "\$@" ;; esac
exit 0
EOS
chmod +x "$tmp/bin/jbang"
export PATH="$tmp/bin:$PATH"
args=(scripts/route-audit.java --snapshot examples/double-nat --format nagios)

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
here="$PWD"
before() { (cd "$tmp/before" && exec ./jbang "${args[@]}"); }
after() { (cd "$here" && exec ./jbang "${args[@]}"); }

ms before >/dev/null; ms after >/dev/null   # build both once (cold: a JBang build each)
old=() new=()
for ((i = 0; i < runs; i++)); do
  old+=("$(ms before)")
  new+=("$(ms after)")
done
o=$(printf '%s\n' "${old[@]}" | median) n=$(printf '%s\n' "${new[@]}" | median)
echo "warm ./jbang ${args[*]} with a jbang on PATH, up to exec'ing it ($runs runs each, interleaved)"
echo "  before ($rev): median $o ms"
echo "  after  (HEAD):  median $n ms"
awk -v o="$o" -v n="$n" 'BEGIN {printf "  ratio after/before: %.3f\n", n / o}'
