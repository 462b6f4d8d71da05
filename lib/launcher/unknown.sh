# Sourced by ./jbang. A run that fails before the script's own code runs (no JDK, no JBang, its
# dependencies, its build) must not be read as WARNING or CRITICAL by a monitoring system: it
# exits 3 (UNKNOWN) with one line, printed the way the script itself prints a failure in the
# format it was asked for (stderr; Nagios' plugin line on stdout; Prometheus' status gauge).

# unknown MESSAGE [SCRIPT ARG...]
unknown() {
  local message="${1//$'\n'/ }" script="${2:-}" name format="text" output="" target="" arg
  shift; shift || true
  case "$script" in
    *.java) name="$(basename "$script" .java)" ;;
    ""|-*|*@*) name="" ;;
    *) name="$script" ;;
  esac
  if [ -z "$name" ]; then
    printf 'jbang launcher: %s\n' "$message" >&2
    exit 3
  fi
  while [ "$#" -gt 0 ]; do   # the options of lib/ops/cli/OutputOptions, and what names the target
    arg="$1"; shift
    case "$arg" in
      --format) format="${1:-}"; shift || true ;;
      --format=*) format="${arg#*=}" ;;
      --json) format="json" ;;
      -o|--output) output="${1:-}"; shift || true ;;
      --output=*) output="${arg#*=}" ;;
      --snapshot) target="${1:-}"; shift || true ;;
      --snapshot=*) target="${arg#*=}" ;;
      -*) ;;
      *) [ -n "$target" ] || target="$arg" ;;
    esac
  done
  : "${target:=$name}"
  printf '%s: %s\n' "$name" "$message" >&2
  local line upper prefix metric
  upper="$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')"
  line="$upper UNKNOWN - $target: ${message//|//}"   # '|' would start Nagios perfdata
  prefix="ops_$(printf '%s' "$name" | tr -c 'a-zA-Z0-9\n' '_')"
  case "$format" in
    nagios) if [ -n "$output" ]; then unknown_write "$output" "$line"; else printf '%s\n' "$line"; fi ;;
    prometheus)
      target="${target//\\/\\\\}"; target="${target//\"/\\\"}"
      metric="$(printf '# HELP %s_status Status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n# TYPE %s_status gauge\n%s_status{target="%s"} 3\n# HELP %s_last_run_timestamp_seconds When this ran (Unix time).\n# TYPE %s_last_run_timestamp_seconds gauge\n%s_last_run_timestamp_seconds{target="%s"} %s' \
        "$prefix" "$prefix" "$prefix" "$target" "$prefix" "$prefix" "$prefix" "$target" "$(date +%s)")"
      if [ -n "$output" ]; then unknown_write "$output" "$metric"; else printf '%s\n' "$metric"; fi ;;
  esac
  exit 3
}

# Replaces FILE atomically (node_exporter must never read half a textfile).
unknown_write() {
  local dir tmp
  dir="$(dirname "$1")"
  tmp="$(mktemp "$dir/.$(basename "$1").XXXXXX" 2>/dev/null)" || { printf '%s: cannot write %s\n' "${0##*/}" "$1" >&2; return; }
  printf '%s\n' "$2" > "$tmp" && chmod 644 "$tmp" && mv -f "$tmp" "$1" || rm -f "$tmp"
}
