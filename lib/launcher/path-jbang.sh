# Sourced by ./jbang when a real jbang on PATH will run one of our scripts. That JBang has no
# lock around its build cache either (jbangdev/jbang#2445), so the first run after a change
# builds the script afresh with `jbang build --fresh` under ./jbang's lock (a complete jar, even
# over one an older run left broken); every later run goes straight to that JBang.

# built_once JBANG SCRIPT ARG...: returns once SCRIPT is built; exits 3 if it cannot be.
built_once() {
  local jb="$1" key marker log
  shift
  key="$( {
    printf '%s\n' "path-jbang-1" "$1" "$PWD" "$(readlink -f "$jb")" "${JAVA_HOME:-}"
    env | grep '^JBANG_' | sort
    find "$repo/lib" "$repo/scripts" -name '*.java' -type f -print0 2>/dev/null | sort -z | xargs -0 stat -c '%n %s %Y' 2>/dev/null
    stat -c '%n %s %Y' "$repo/jbang-catalog.json" 2>/dev/null
  } | sha256sum | cut -c1-40)"
  marker="$cache/built/$key"
  [ ! -e "$marker" ] || return 0   # warm: no lock
  # shellcheck source=lib/launcher/build.sh
  . "$repo/lib/launcher/build.sh"   # the lock's place and build_failure()
  mkdir -p "$(jbang_cache_dir)" "$cache/built" "$cache/logs"
  if command -v flock >/dev/null 2>&1; then
    exec {lock_fd}>>"$(jbang_cache_dir)/.ops-build.lock"
    flock "$lock_fd"
  fi
  if [ ! -e "$marker" ]; then
    log="$cache/logs/$(basename "$1" .java).log"
    local rc=0
    "$jb" build --fresh "$1" >"$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
      [ ! -t 2 ] || cat "$log" >&2
      unknown "$(build_failure "$rc" "$log")" "$@"
    fi
    : > "$marker"
    find "$cache/built" -type f -mtime +30 -delete 2>/dev/null || true
  fi
  [ -z "${lock_fd:-}" ] || exec {lock_fd}>&-
}
