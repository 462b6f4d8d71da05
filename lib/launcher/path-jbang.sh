# Sourced by ./jbang when a real jbang on PATH will run one of our scripts. That JBang has no
# lock around its build cache either (jbangdev/jbang#2445), so the first run after a change
# builds the script with `jbang build` under ./jbang's lock and checks the jars: one an older
# unlocked run left broken is removed and built again (with --fresh if even that comes out
# broken). A marker notes the script's jar, its main class, its source and the shared lib's
# jar, and takes the script jar's modification time. Later runs go
# straight to that JBang as long as the jars are still the ones noted (the script's with the
# marker's time to the nanosecond, the lib's no newer): a few file tests, no fork, no lock, no JVM
# (any write or replacement changes the time). A jar that changed or vanished is checked under
# the lock as build.sh checks its own (entry_ok) and rebuilt once if broken.

# built_once JBANG SCRIPT ARG...: returns once SCRIPT is built; exits 3 if it cannot be.
built_once() {
  local jb="$1" key marker log
  shift
  key="$( {
    # "path-jbang-3": markers that do not name the lib's jar cannot be checked; build once more
    printf '%s\n' "path-jbang-3" "$1" "$PWD" "$(readlink -f "$jb")" "${JAVA_HOME:-}"
    env | grep '^JBANG_' | sort
    find "$repo/lib" "$repo/scripts" -name '*.java' -type f -print0 2>/dev/null | sort -z | xargs -0 stat -c '%n %s %Y' 2>/dev/null
    stat -c '%n %s %Y' "$repo/jbang-catalog.json" 2>/dev/null
  } | sha256sum | cut -c1-40)"
  marker="$cache/built/$key"
  ! marked_jar_unchanged "$marker" || return 0   # warm: no lock
  # shellcheck source=lib/launcher/build.sh
  . "$repo/lib/launcher/build.sh"   # the lock's place, entry_ok(), drop_broken() and build_failure()
  mkdir -p "$(jbang_cache_dir)" "$cache/built" "$cache/logs"
  if command -v flock >/dev/null 2>&1; then
    exec {lock_fd}>>"$(jbang_cache_dir)/.ops-build.lock"
    flock "$lock_fd"
  fi
  if ! marked_jar_unchanged "$marker"; then   # (else built or healed while we waited)
    log="$cache/logs/$(basename "$1" .java).log"
    : "${JAVA:=${JAVA_HOME:+$JAVA_HOME/bin/}java}"   # jar_listing's fallback where unzip is missing
    if [ -s "$marker" ] && marked_entry_ok "$marker"; then
      mark_built "$jb" "$1" "$marker" "$log" || true   # touched, or rebuilt whole by someone else: only the marker was stale
    else
      : >"$log"
      [ ! -s "$marker" ] || drop_broken "$1"   # broken since it was built: only that entry goes (marked_entry_ok said which)
      # a plain build: what is whole stays (the shared lib's jar that another script built)
      build_with "$jb" "" "$@"
      if ! mark_built "$jb" "$1" "$marker" "$log"; then
        drop_broken "$1"
        build_with "$jb" --fresh "$@"
        mark_built "$jb" "$1" "$marker" "$log" \
          || unknown "JBang built a broken jar ($broken_why) even with --fresh; run \`jbang cache clear\`, then rerun; JBang's log: $log" "$@"
      fi
    fi
    find "$cache/built" -type f -mtime +30 -delete 2>/dev/null || true
  fi
  [ -z "${lock_fd:-}" ] || exec {lock_fd}>&-
}

# marked_jar_unchanged MARKER: the script's jar MARKER names is there, with MARKER's modification
# time (or only no newer, where the two file systems keep times differently: see mark_built), and
# the lib's jar it names, if any, is there and no newer.
marked_jar_unchanged() {
  local jar main src time lib
  [ -s "$1" ] || return 1
  { read -r jar; read -r main; read -r src; read -r time; read -r lib; } < "$1" || true
  [ -n "$jar" ] || return 0   # JBang did not say where its jar is: nothing to check (see mark_built)
  [ -f "$jar" ] && [ ! "$jar" -nt "$1" ] && { [ "$time" != same ] || [ ! "$jar" -ot "$1" ]; } \
    && { [ -z "$lib" ] || { [ -f "$lib" ] && [ ! "$lib" -nt "$1" ]; }; }   # the lib's jar is built first
}

# marked_entry_ok MARKER: the jars MARKER names pass build.sh's check (sets broken_entry/why).
marked_entry_ok() {
  local jar main src time lib
  { read -r jar; read -r main; read -r src; read -r time; read -r lib; } < "$1" || true
  broken_why="no jar recorded"
  [ -n "$jar" ] && [ -n "$main" ] || return 1
  [ -n "$lib" ] || src=""   # that JBang did not name the lib's jar: its own jar is all we can check
  entry_ok "$(printf -- '-classpath %q %q' "$jar${lib:+:$lib}" "$main")" "$src"
}

# build_with JBANG [--fresh] SCRIPT ARG...: `jbang build` under the lock; exits 3 if it fails.
build_with() {
  local jb="$1" fresh="$2" rc=0
  shift 2
  "$jb" build ${fresh:+"$fresh"} "$1" >>"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    [ ! -t 2 ] || cat "$log" >&2
    unknown "$(build_failure "$rc" "$log")" "$@"
  fi
}

# mark_built JBANG SCRIPT MARKER LOG: asks JBang where the jars are (a JVM, only here, under the
# lock), checks them and writes the marker; returns 1, with broken_entry/why set, if one is broken.
mark_built() {
  local jb="$1" script="$2" marker="$3" log="$4" info jar main src lib tmp
  info="$("$jb" info tools "$script" 2>>"$log")" || info=""
  jar="$(info_field applicationJar)" main="$(info_field mainClass)" src="$(info_field backingResource)"
  lib="$(sed -n 's/^ *"\(.*\/OpsLib\.java\.[^/]*\/OpsLib\.jar\)",\{0,1\}$/\1/p' <<< "$info" | head -n1)"   # in resolvedDependencies
  tmp="$(mktemp "$cache/built/.new.XXXXXX")"
  if [ -n "$jar" ] && [ -n "$main" ]; then
    printf '%s\n' "$jar" "$main" "$src" same "$lib" > "$tmp"
    if ! marked_entry_ok "$tmp"; then
      rm -f "$tmp"
      return 1
    fi
    touch -r "$jar" "$tmp"
    # a coarser clock on one side (another file system) cannot give equal times: then "no newer"
    marked_jar_unchanged "$tmp" || printf '%s\n' "$jar" "$main" "$src" not-newer "$lib" > "$tmp"
  else
    printf 'jbang launcher: %s\n' "\`jbang info tools\` did not name the jar; its cache entry will not be checked" >>"$log"
    printf '\n' > "$tmp"   # non-empty: built, nothing to check
  fi
  mv -f "$tmp" "$marker"
}

# info_field NAME: a top-level string of `jbang info tools`' JSON (in $info; JBang indents it).
info_field() { sed -n 's/^  "'"$1"'": "\(.*\)",\{0,1\}$/\1/p' <<< "$info" | head -n1; }
