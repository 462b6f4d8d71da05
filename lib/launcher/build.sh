# Sourced by ./jbang when a script has no verified answer yet (first run, changed sources).
# JBang 0.132.1 has no lock around its build cache (jbangdev/jbang#2445): parallel first runs
# of one script corrupt each other's jar and the damage stays. So the asking (which builds) is
# done by one process at a time per JBang cache, the answer is checked before anyone trusts it,
# and a broken cache entry is removed and rebuilt once. Warm runs never come here.

jbang_cache_dir() { printf '%s\n' "${JBANG_CACHE_DIR:-${JBANG_DIR:-$HOME/.jbang}/cache}"; }

# build_answer SCRIPT ARG...: sets `base` to the verified command (without the script's args)
# and `keep_lock` when the command must hold the lock while it runs; exits 3 on failure.
build_answer() {
  local script="$1" jcache log attempt rc answer again=()
  jcache="$(jbang_cache_dir)"
  mkdir -p "$jcache" "$cache/logs"
  # One lock per JBang cache, not per script: scripts also share dependency_cache.json and
  # the downloads, and two builds at once gain nothing on a small machine.
  if command -v flock >/dev/null 2>&1; then
    exec {lock_fd}>>"$jcache/.ops-build.lock"
    flock "$lock_fd"
  fi
  if [ -s "$launch" ] && classpath_exists "$(cat "$launch")"; then   # built while we waited
    base="$(cat "$launch")"; keep_lock=""
    return
  fi
  log="$cache/logs/$(basename "$script" .java).log"
  for attempt in first again; do
    set +e
    if [ "$attempt" = first ]; then answer="$(jbang_main "$script" __OPS_ARGS__ 2>"$log")"
    else answer="$(jbang_main "${again[@]}" "$script" __OPS_ARGS__ 2>>"$log")"; fi
    rc=$?
    set -e
    if [ "$rc" -eq 255 ] && [ "${answer% __OPS_ARGS__}" != "$answer" ]; then
      base="${answer% __OPS_ARGS__}"
      entry_ok "$base" "$script" && break
      drop_broken "$script"   # only it is built again: the lib's jar stays when the script's broke
    elif [ "$attempt" = first ]; then
      printf 'jbang launcher: %s\n' "JBang failed (exit $rc); asking again with --fresh in case its cache entry is broken" >>"$log"
      again=(--fresh)
    fi
    base=""
  done
  if [ -z "$base" ]; then
    [ ! -t 2 ] || cat "$log" >&2   # at a terminal, JBang's own words too
    unknown "$(build_failure "$rc" "$log")" "$@"
  fi
  if [ "${base#*-XX:ArchiveClassesAtExit}" != "$base" ]; then
    keep_lock=1   # this run writes the class-data archive (//CDS): nobody starts from it meanwhile
  else
    keep_lock=""
    mkdir -p "$cache/launch"
    local tmp
    tmp="$(mktemp "$cache/launch/.new.XXXXXX")"
    printf '%s' "$base" > "$tmp" && mv -f "$tmp" "$launch"
    find "$cache/launch" -type f -mtime +30 -delete 2>/dev/null || true   # answers for sources long gone
  fi
}

# The one line for a failed build: what went wrong and what to do.
build_failure() {
  local rc="$1" log="$2" first
  if grep -qiE 'could not resolve|unable to resolve|could not transfer|failed to resolve|resolutionexception|could not find artifact|could not read artifact descriptor' "$log"; then
    printf '%s' "could not resolve its dependencies (JBang exit $rc); check that this machine reaches Maven Central (or your mirror in ~/.m2/settings.xml), then rerun; JBang's log: $log"
  elif first="$(grep -m1 -E '\.java:[0-9]+: error:|error: ' "$log")"; then
    printf '%s' "does not compile: ${first#"${first%%[![:space:]]*}"}; fix the source or update the checkout, then rerun; JBang's log: $log"
  else
    first="$(grep -m1 '\[ERROR\]' "$log" || grep -v '^\[jbang\] [A-Z ]' "$log" | grep -m1 . || true)"
    first="${first#\[jbang\] }"
    printf '%s' "JBang failed before the script ran (exit $rc${first:+: $first}); see $log, then rerun"
  fi
}

# entry_ok COMMAND SCRIPT: the cached jars COMMAND runs are whole: the script's own jar is a
# readable zip holding the main class and, when SCRIPT uses the shared lib (lib/OpsLibDep.java),
# the lib's jar on the classpath holds a class for every lib/ source. Sets broken_entry/why.
entry_ok() {
  local words i cp jar main lib
  eval "words=($1)"
  for ((i = 0; i < ${#words[@]}; i++)); do
    if [ "${words[$i]}" = "-classpath" ] || [ "${words[$i]}" = "-cp" ]; then cp="${words[$((i + 1))]}"; fi
  done
  main="${words[${#words[@]}-1]}"
  jar="${cp%%:*}"
  broken_entry="$(dirname "$jar")"
  case "$broken_entry" in "$(jbang_cache_dir)"/jars/*) ;; *) broken_entry=""; return 0 ;; esac   # not ours to judge
  jar_whole "$jar" "${main//.//}.class" || return 1
  grep -q '^//SOURCES \.\./lib/OpsLibDep\.java' "$2" 2>/dev/null || return 0
  lib="$(tr ':' '\n' <<< "$cp" | grep -m1 '/OpsLib\.java\.[^/]*/OpsLib\.jar$' || true)"
  if [ -z "$lib" ]; then broken_why="the shared lib's jar is not on its classpath"; return 1; fi
  broken_entry="$(dirname "$lib")"
  jar_whole "$lib" "$(lib_classes)"
}

# drop_broken SCRIPT: says in the log which cache entry entry_ok found broken and why, and removes
# it, so that the next build makes it afresh.
drop_broken() {
  printf 'jbang launcher: %s\n' "cache entry ${broken_entry:-of $1} is broken ($broken_why); rebuilding it" >>"$log"
  [ -z "$broken_entry" ] || rm -rf -- "$broken_entry"
}

# jar_whole JAR CLASSES: JAR is a readable zip holding every class file of the lines CLASSES
# (sets broken_why).
jar_whole() {
  local listing missing
  if ! listing="$(jar_listing "$1")"; then broken_why="not a readable jar"; return 1; fi
  missing="$(grep -vxF -f <(printf '%s\n' "$listing") <<< "$2" | head -n1 || true)"
  if [ -n "$missing" ]; then broken_why="no $missing"; return 1; fi
}

# lib_classes: the class file each lib/ source with a top-level type compiles to.
lib_classes() {
  local src name
  while IFS= read -r src; do
    name="${src#"$repo/lib/"}"
    printf '%s\n' "${name%.java}.class"
  done < <(grep -rlE '^(public |final |abstract |sealed |non-sealed |strictfp )*(class|interface|enum|record|@interface) ' --include='*.java' "$repo/lib")
}

jar_listing() {
  if command -v unzip >/dev/null 2>&1; then unzip -Z1 "$1" 2>/dev/null
  else "$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jar" tf "$1" 2>/dev/null; fi
}
