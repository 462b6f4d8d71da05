# Names, addresses and small helpers shared by every part of the lab (sourced, not run).
# Everything the lab creates carries $PREFIX, so cleanup can never touch anything else.

PREFIX=${LAB_PREFIX:-opslab}
case "$PREFIX" in
  *[!a-z0-9]* | "" | ?????????*) echo "lab: LAB_PREFIX must be 1-8 lowercase letters/digits" >&2; exit 2 ;;
esac
STATE=${LAB_STATE:-/var/lib/$PREFIX}         # not under /tmp: sshd refuses keys below world-writable dirs
MGMT=${LAB_MGMT_NET:-10.253.77}              # a private /24 cut into one /30 per managed node
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

NODES=(inet client admin edge1 edge2 edge3 fw server)
SSH_NODES=(fw edge1 edge2 edge3 admin)       # nodes with sshd and a management link
EDGES=(edge1 edge2 edge3)

ns() { echo "$PREFIX-$1"; }
nsx() { local n=$1; shift; ip netns exec "$(ns "$n")" "$@"; }

# Management /30 per node: root side .4i+1, node side .4i+2.
mgmt_index() { case $1 in fw) echo 0 ;; edge1) echo 1 ;; edge2) echo 2 ;; edge3) echo 3 ;; admin) echo 4 ;; esac; }
mgmt_root_ip() { echo "$MGMT.$(($(mgmt_index "$1") * 4 + 1))"; }
mgmt_node_ip() { echo "$MGMT.$(($(mgmt_index "$1") * 4 + 2))"; }

# Public side (documentation ranges, never real targets: they exist only inside the lab).
CLIENT_IP=198.51.100.10
ADMIN_IP=198.51.100.20
PUB_GW=198.51.100.1
EDGE_GW=203.0.113.1
edge_no() { echo "${1#edge}"; }
edge_public_ip() { echo "203.0.113.1$(edge_no "$1")"; }
edge_tun_ip() { echo "10.8.$(edge_no "$1").1"; }     # the gateway address pfSense sees
fw_tun_ip() { echo "10.8.$(edge_no "$1").2"; }
LAN_NET=192.168.1.0/24
FW_LAN_IP=192.168.1.1
SERVER_IP=192.168.1.10
ADMIN_PORT=2222                                       # EDGE1 forwards it to the firewall's sshd
ECHO_ADDR=$EDGE_GW:8080                               # an IP-echo page on the internet (inet), echo/echo.php

die() { echo "lab: $*" >&2; exit 1; }
log() { [ -n "${LAB_QUIET:-}" ] || echo "lab: $*" >&2; }

# Scenario files are "key = value" lines (also read by the Java tests as Properties).
scenario_file() {
  local f="$LAB_DIR/scenarios/$1.properties"
  [ -f "$f" ] || die "no scenario '$1'; known: $(scenario_names | tr '\n' ' ')"
  echo "$f"
}
scenario_names() { for f in "$LAB_DIR"/scenarios/*.properties; do basename "$f" .properties; done; }
# scenario_get FILE KEY [DEFAULT]
scenario_get() {
  local v key=${2//./\\.}
  v=$(sed -n "s/^[[:space:]]*$key[[:space:]]*=[[:space:]]*//p" "$1" | tail -n 1 | sed 's/[[:space:]]*$//')
  echo "${v:-${3:-}}"
}
