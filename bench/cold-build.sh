#!/usr/bin/env bash
# Issue 19: the cold first run (empty JBang cache: compile, write the class-data archive, run) of
# each script alone and of the scripts one after another, for this checkout and for REV (default:
# the commit before the shared lib was built once), interleaved round by round so that a busy
# machine slows both alike. Prints medians of wall time and of CPU seconds (user + sys, the
# launcher's and JBang's processes included), then the ratios after/before.
# Usage: bench/cold-build.sh [ROUNDS] [REV]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}" rev="${2:-a547fd3}"
work="$(mktemp -d /tmp/ops-cold-build.XXXXXX)"
trap 'git worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/before" "$rev" >/dev/null 2>&1
cli="${OPS_JBANG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ops-toolkit}/jbang-cli-0.132.1-all.jar"
[ -s "$cli" ] || ./jbang --version >/dev/null 2>&1   # the jbang-cli jar, once; never part of a figure

four=(route-audit nat-toggle default-route source-ip-check)
all=(route-audit nat-toggle default-route source-ip-check real-ip)

# cold CHECKOUT SCRIPT...: one fresh JBang cache and launch cache, the scripts' --help in a row
# (each one builds); prints "WALL_MS CPU_MS"
cold() {
  local checkout="$1" caches t0 t1 cpu
  shift
  caches="$(mktemp -d "$work/cache.XXXXXX")"
  mkdir -p "$caches/ops"
  ln -s "$cli" "$caches/ops/"
  t0=$(date +%s%N)
  cpu=$( { /usr/bin/time -f '%U %S' env JBANG_DIR="$caches/jbang" OPS_JBANG_CACHE="$caches/ops" OPS_JBANG_BOOTSTRAP=1 \
      bash -c 'cd "$1"; shift; for s; do ./jbang "scripts/$s.java" --help >/dev/null || exit 1; done' _ "$checkout" "$@" ; } 2>&1 >/dev/null | tail -n1)
  t1=$(date +%s%N)
  rm -rf "$caches"
  awk -v w=$(((t1 - t0) / 1000000)) -v u="${cpu% *}" -v s="${cpu#* }" 'BEGIN {printf "%d %d\n", w, (u + s) * 1000}'
}

declare -A wall cpu
rows=("${all[@]}" "four in a row" "five in a row")
for ((r = 1; r <= rounds; r++)); do
  for row in "${rows[@]}"; do
    case "$row" in "four in a row") set -- "${four[@]}" ;; "five in a row") set -- "${all[@]}" ;; *) set -- "$row" ;; esac
    for side in before after; do
      if [ "$side" = before ]; then checkout="$work/before"; else checkout="$PWD"; fi
      read -r w c < <(cold "$checkout" "$@")
      wall["$side|$row"]+="$w "
      cpu["$side|$row"]+="$c "
    done
  done
  echo "round $r of $rounds done ($(cut -d' ' -f1-3 /proc/loadavg))" >&2
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
echo "| cold first run (\`--help\`) | before ($rev): wall | after: wall | ratio | before: CPU | after: CPU | ratio |"
echo "|---|---|---|---|---|---|---|"
for row in "${rows[@]}"; do
  bw=$(median <<< "${wall[before|$row]}") aw=$(median <<< "${wall[after|$row]}")
  bc=$(median <<< "${cpu[before|$row]}") ac=$(median <<< "${cpu[after|$row]}")
  awk -v r="$row" -v bw="$bw" -v aw="$aw" -v bc="$bc" -v ac="$ac" \
    'BEGIN {printf "| %s | %.1f s | %.1f s | %.2f | %.1f s | %.1f s | %.2f |\n", r, bw/1000, aw/1000, aw/bw, bc/1000, ac/1000, ac/bc}'
done
echo "($rounds rounds, medians; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
