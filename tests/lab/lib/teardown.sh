# Removes everything a lab (this run's or a killed one's) left: processes in the lab's
# namespaces, the namespaces, root-side management links, stray mounts, the state folder.
# Only names starting with "$PREFIX-" and the $STATE folder are ever touched (sourced).

lab_namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep "^$PREFIX-" || true; }

teardown() {
  local n pids p i links
  for n in $(lab_namespaces); do
    pids=$(ip netns pids "$n" 2>/dev/null || true)
    [ -n "$pids" ] && kill -TERM $pids 2>/dev/null || true
  done
  for i in $(seq 1 20); do   # up to 1 s for sshd and the server to go
    pids=""
    for n in $(lab_namespaces); do pids="$pids $(ip netns pids "$n" 2>/dev/null || true)"; done
    [ -z "${pids// /}" ] && break
    sleep 0.05
  done
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
  for n in $(lab_namespaces); do ip netns del "$n" 2>/dev/null || true; done
  # veth peers die with their namespace; this catches a half-made one
  links=$(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^$PREFIX-" || true)
  for n in $links; do ip link del "$n" 2>/dev/null || true; done
  # the firewall's mounts live in its own mount namespace; none should be here, but be sure
  { findmnt -rn -o TARGET 2>/dev/null | grep "^$STATE/" || true; } | sort -r | while read -r p; do umount -l "$p" || true; done
  case "$STATE" in /var/lib/*|/run/*|/tmp/*) rm -rf "$STATE" ;; *) [ -d "$STATE" ] && log "left $STATE in place (not a lab path)" ;; esac
  true
}
