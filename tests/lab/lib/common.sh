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

# A node's namespace is "$PREFIX-NODE", written out where it is used: `lab up` builds ~40 of these
# names, and a $(function) for each would cost a process.
nsx() { local n=$1; shift; ip netns exec "$PREFIX-$n" "$@"; }

# Management /30 per node: root side .4i+1, node side .4i+2.
declare -A MGMT_INDEX=([fw]=0 [edge1]=1 [edge2]=2 [edge3]=3 [admin]=4)
mgmt_root_ip() { echo "$MGMT.$((MGMT_INDEX[$1] * 4 + 1))"; }
mgmt_node_ip() { echo "$MGMT.$((MGMT_INDEX[$1] * 4 + 2))"; }

# Public side (documentation ranges, never real targets: they exist only inside the lab).
CLIENT_IP=198.51.100.10
ADMIN_IP=198.51.100.20
PUB_GW=198.51.100.1
EDGE_GW=203.0.113.1
edge_public_ip() { echo "203.0.113.1${1#edge}"; }

# Tunnel shapes (scenario key edgeN.tunnel; words: a shape and/or "down"), as pfSense users have them:
#   subnet     OpenVPN topology subnet: edge tun0 10.8.N.1/24, firewall ovpncN 10.8.N.2/24, gateway 10.8.N.1
#   net30      OpenVPN topology net30 (a /30 per client): firewall ovpncN 10.8.N.6 peer 10.8.N.5 (the gateway,
#              an address on NO interface of the edge); edge tun0 10.8.N.1 peer 10.8.N.2, 10.8.N.0/24 via 10.8.N.2
#   p2p        point-to-point without the /30 layout: firewall 10.8.N.200 peer 10.8.N.100 = the edge's tun0
#   wireguard  firewall tun_wgK 10.9.N.2/24 (K counts the WireGuard edges from 0), edge wg0 10.9.N.1/24
# `lab up` records each edge's shape in $STATE/shapes, where everything after reads it.
TUNNEL_SHAPES="subnet net30 p2p wireguard"
tunnel_words_check() { # tunnel_words_check FILE EDGE: dies on anything but one shape and up|down
  local w shape="" state=""
  for w in $(scenario_get "$1" "$2.tunnel"); do
    case " $TUNNEL_SHAPES " in *" $w "*) [ -z "$shape" ] || die "$1: $2.tunnel names two shapes"; shape=$w; continue ;; esac
    case "$w" in up|down) [ -z "$state" ] || die "$1: $2.tunnel says up/down twice"; state=$w ;;
      *) die "$1: $2.tunnel: '$w' is none of: $TUNNEL_SHAPES up down" ;; esac
  done
}
scenario_shape() { # scenario_shape FILE EDGE -> subnet|net30|p2p|wireguard
  local w
  for w in $(scenario_get "$1" "$2.tunnel"); do
    case " $TUNNEL_SHAPES " in *" $w "*) echo "$w"; return ;; esac
  done
  echo subnet
}
scenario_tunnel_down() { case " $(scenario_get "$1" "$2.tunnel") " in *" down "*) return 0 ;; *) return 1 ;; esac; }
record_shapes() { # record_shapes SCENARIO_FILE
  local e
  for e in "${EDGES[@]}"; do tunnel_words_check "$1" "$e"; echo "$e $(scenario_shape "$1" "$e")"; done > "$STATE/shapes"
  load_shapes
}
# The recorded shapes, read once per command into SHAPE (every helper below asks for them, often
# several times per edge; reading the file each time cost a process per question).
declare -A SHAPE=()
load_shapes() {
  local e s
  SHAPE=()
  [ -f "$STATE/shapes" ] || return 0
  while read -r e s; do SHAPE[$e]=$s; done < "$STATE/shapes"
}
edge_shape() { echo "${SHAPE[$1]:-subnet}"; }
is_wireguard() { [ "${SHAPE[$1]:-subnet}" = wireguard ]; }
# the firewall's device for the edge: ovpncN (OpenVPN client N) or tun_wgK
fw_tun_dev() {
  local e k=0
  if ! is_wireguard "$1"; then echo "ovpnc${1#edge}"; return; fi
  for e in "${EDGES[@]}"; do [ "$e" = "$1" ] && break; is_wireguard "$e" && k=$((k + 1)); done
  echo "tun_wg$k"
}
edge_tun_dev() { if is_wireguard "$1"; then echo wg0; else echo tun0; fi; }
edge_tun_ip() { # the edge's own tunnel address (its masquerade source)
  local n; n=${1#edge}
  case "${SHAPE[$1]:-subnet}" in p2p) echo "10.8.$n.100" ;; wireguard) echo "10.9.$n.1" ;; *) echo "10.8.$n.1" ;; esac
}
edge_peer_ip() { # the far end of the edge's point-to-point tun0 (net30: the pool's route points there), or empty
  local n; n=${1#edge}
  case "${SHAPE[$1]:-subnet}" in net30) echo "10.8.$n.2" ;; p2p) echo "10.8.$n.200" ;; esac
}
fw_tun_ip() { # the firewall's tunnel address, which the edge DNATs to
  local n; n=${1#edge}
  case "${SHAPE[$1]:-subnet}" in net30) echo "10.8.$n.6" ;; p2p) echo "10.8.$n.200" ;; wireguard) echo "10.9.$n.2" ;; *) echo "10.8.$n.2" ;; esac
}
gw_ip() { # the gateway address pfSense sees (net30: 10.8.N.5, which nobody holds)
  local n; n=${1#edge}
  case "${SHAPE[$1]:-subnet}" in net30) echo "10.8.$n.5" ;; *) edge_tun_ip "$1" ;; esac
}
fw_tun_net() { # the tunnel's /24, as the edge routes it
  case "${SHAPE[$1]:-subnet}" in wireguard) echo "10.9.${1#edge}.0/24" ;; *) echo "10.8.${1#edge}.0/24" ;; esac
}
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
# scenario_get FILE KEY [DEFAULT]: the key's last value (blanks around it dropped), else DEFAULT.
# The file is read once into SCENARIO by the calling shell (load_scenario), not by a process per key.
declare -A SCENARIO=()
SCENARIO_FILE=""
load_scenario() { # load_scenario FILE
  local line
  SCENARIO=(); SCENARIO_FILE=$1
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([^=#[:space:]]([^=]*[^=[:space:]])?)[[:space:]]*=[[:space:]]*(.*[^[:space:]])?[[:space:]]*$ ]] || continue
    SCENARIO[${BASH_REMATCH[1]}]=${BASH_REMATCH[3]}
  done < "$1"
}
scenario_get() {
  [ "$SCENARIO_FILE" = "$1" ] || load_scenario "$1"
  local v=${SCENARIO[$2]:-}
  echo "${v:-${3:-}}"
}
