# Namespaces and links: the wiring of the lab (sourced by `lab up`).
#
#   client 198.51.100.10 ─┐                       ┌─ eth0 edge1 tun0 ══ ovpnc1 ┐
#   admin  198.51.100.20 ─┤ br-pub  inet  br-edge ├─ eth0 edge2 tun0 ══ ovpnc2 ├ fw vtnet1 ── server
#                          (198.51.100.1 / 203.0.113.1) eth0 edge3 tun0 ══ ovpnc3 ┘    192.168.1.10
#   (a WireGuard edge: wg0 ══ tun_wgK; addresses per tunnel shape in common.sh)
#   root ns ── $MGMT.x/30 ── fw (vtnet0), edge1..3 and admin (mgmt0): SSH only, never lab traffic.

sysctl_ns() { # sysctl_ns NODE key=value... (procfs writes: no dependency on the sysctl binary; one process per call)
  local n=$1 kv writes=(); shift
  for kv in "$@"; do
    local key=${kv%%=*}
    writes+=("/proc/sys/${key//.//}" "${kv#*=}")
  done
  nsx "$n" sh -c 'while [ $# -gt 0 ]; do echo "$2" > "$1" || exit 1; shift 2; done' sh "${writes[@]}"
}

check_mgmt_free() {
  if ip -o -4 addr show | grep -q " $MGMT\." || ip -4 route show match "$MGMT.0/24" | grep -qv '^default'; then
    die "management subnet $MGMT.0/24 is already in use on this machine; set LAB_MGMT_NET to a free private /24 (e.g. 10.254.99)"
  fi
}

# The wiring is queued, then applied by a handful of processes (`wire_apply`): each `ip` costs ~2 ms
# of CPU here (dynamic linking, CPU feature probes that trap in a VM) and `lab up` ran ~150 of them.
#   SYSCTL[node]      sysctls set before its links exist (one process per node)
#   LINKS             one `ip -batch` in the root namespace: every link, each end created in its
#                     namespace, and the root's own ends of the management links
#   CONF[node]        one `ip -n NS -batch` per node, in the order queued: links up, addresses, routes
#   DEV_SYSCTL[node]  sysctls of devices, once they exist
declare -a LINKS=()
declare -A SYSCTL=() CONF=() DEV_SYSCTL=()
conf() { local n=$1; shift; CONF[$n]+="$*"$'\n'; }
sysctl_q() { local n=$1; shift; SYSCTL[$n]+="${SYSCTL[$n]:+ }$*"; }
dev_sysctl_q() { local n=$1; shift; DEV_SYSCTL[$n]+="${DEV_SYSCTL[$n]:+ }$*"; }

create_namespaces() {
  local n
  printf 'netns add %s\n' "${NODES[@]/#/$PREFIX-}" | ip -batch -
  for n in "${NODES[@]}"; do
    # IPv4 only: no link-local chatter, and no IPv6 path around what the tests look at
    sysctl_q "$n" net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    conf "$n" link set lo up
  done
}

# veth A(in ns1) <-> B(in ns2), both up
veth() { LINKS+=("link add $2 netns $PREFIX-$1 type veth peer name $4 netns $PREFIX-$3")
         conf "$1" link set "$2" up; conf "$3" link set "$4" up; }
addr() { conf "$1" addr add "$3" dev "$2"; }

wire_public() {
  local e
  LINKS+=("link add br-pub netns $PREFIX-inet type bridge" "link add br-edge netns $PREFIX-inet type bridge")
  conf inet link set br-pub up
  conf inet link set br-edge up
  addr inet br-pub "$PUB_GW/24"
  addr inet br-edge "$EDGE_GW/24"
  # the "internet": routes between the two public networks, drops what has no route back
  # (strict reverse-path filter), as providers do with private source addresses
  sysctl_q inet net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=1 net.ipv4.conf.default.rp_filter=1

  veth inet pub-client client eth0; conf inet link set pub-client master br-pub
  addr client eth0 "$CLIENT_IP/24"; conf client route add default via "$PUB_GW"
  veth inet pub-admin admin eth0; conf inet link set pub-admin master br-pub
  addr admin eth0 "$ADMIN_IP/24"; conf admin route add default via "$PUB_GW"
  # a failing connection should fail in seconds, not minutes
  sysctl_q client net.ipv4.tcp_syn_retries=2
  sysctl_q admin net.ipv4.tcp_syn_retries=2

  for e in "${EDGES[@]}"; do
    veth inet "pub-$e" "$e" eth0; conf inet link set "pub-$e" master br-edge
    addr "$e" eth0 "$(edge_public_ip "$e")/24"; conf "$e" route add default via "$EDGE_GW"
    sysctl_q "$e" net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
  done
}

wire_tunnels() {
  local e fdev edev
  for e in "${EDGES[@]}"; do
    # a veth pair stands in for the tunnel; pfSense names the device ovpncN (OpenVPN client N) or tun_wgK
    fdev=$(fw_tun_dev "$e"); edev=$(edge_tun_dev "$e")
    veth fw "$fdev" "$e" "$edev"
    # nobody answers ICMP redirects or ARP for the point-to-point addresses: routes and neighbours are set
    sysctl_q "$e" net.ipv4.conf.all.send_redirects=0; dev_sysctl_q "$e" "net.ipv4.conf.$edev.send_redirects=0"
    sysctl_q fw net.ipv4.conf.all.accept_redirects=0; dev_sysctl_q fw "net.ipv4.conf.$fdev.accept_redirects=0"
    case "${SHAPE[$e]:-subnet}" in
      subnet)
        addr "$e" "$edev" "$(edge_tun_ip "$e")/24"
        addr fw "$fdev" "$(fw_tun_ip "$e")/24" ;;
      net30|p2p)
        # as OpenVPN sets up a tun: `ifconfig LOCAL REMOTE` (the edge is the server, the firewall a client)
        conf "$e" addr add "$(edge_tun_ip "$e")" peer "$(edge_peer_ip "$e")" dev "$edev"
        conf fw addr add "$(fw_tun_ip "$e")" peer "$(gw_ip "$e")" dev "$fdev" ;;
      wireguard)
        # WireGuard's default MTU; its addresses are static on both sides
        conf "$e" link set "$edev" mtu 1420
        conf fw link set "$fdev" mtu 1420
        addr "$e" "$edev" "$(edge_tun_ip "$e")/24"
        addr fw "$fdev" "$(fw_tun_ip "$e")/24" ;;
    esac
  done
}

wire_lan() {
  veth fw vtnet1 server eth0
  addr fw vtnet1 "$FW_LAN_IP/24"
  addr server eth0 "$SERVER_IP/24"; conf server route add default via "$FW_LAN_IP"
  # pf keeps no reverse-path check here either; src_valid_mark lets reply-to marks steer lookups
  sysctl_q fw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
    net.ipv4.conf.all.src_valid_mark=1
}

wire_mgmt() {
  local n dev
  for n in "${SSH_NODES[@]}"; do
    dev=mgmt0; [ "$n" = fw ] && dev=vtnet0
    LINKS+=("link add $PREFIX-$n type veth peer name $dev netns $PREFIX-$n"
            "addr add $(mgmt_root_ip "$n")/30 dev $PREFIX-$n" "link set $PREFIX-$n up")
    addr "$n" "$dev" "$(mgmt_node_ip "$n")/30"
    conf "$n" link set "$dev" up
  done
}

# Applies what the wire_* functions queued (in this order: the nodes' sysctls, the links, each
# node's configuration, the devices' sysctls), then the point-to-point tunnels' neighbours and routes.
wire_apply() {
  local n e
  for n in "${NODES[@]}"; do [ -z "${SYSCTL[$n]:-}" ] || sysctl_ns "$n" ${SYSCTL[$n]}; done
  printf '%s\n' "${LINKS[@]}" | ip -batch -
  for n in "${NODES[@]}"; do [ -z "${CONF[$n]:-}" ] || printf '%s' "${CONF[$n]}" | ip -n "$PREFIX-$n" -batch -; done
  for n in "${NODES[@]}"; do [ -z "${DEV_SYSCTL[$n]:-}" ] || sysctl_ns "$n" ${DEV_SYSCTL[$n]}; done
  for e in "${EDGES[@]}"; do plumb_tunnel "$e"; done
  LINKS=(); SYSCTL=(); CONF=(); DEV_SYSCTL=()
}

# What a tun's point-to-point link needs on a veth: the next hops nobody holds (net30: 10.8.N.5 on the
# firewall's side, 10.8.N.2 on the edge's) resolve to the other end by permanent neighbour entries, and
# an OpenVPN net30/p2p server routes its client pool via its peer address. Idempotent; the kernel drops
# routes and neighbours of a device that goes down, so `lab tunnel EDGE up` runs it again.
plumb_tunnel() { # plumb_tunnel EDGE
  local e=$1 fdev edev fmac emac
  case "${SHAPE[$e]:-subnet}" in net30|p2p) ;; *) return 0 ;; esac
  fdev=$(fw_tun_dev "$e"); edev=$(edge_tun_dev "$e")
  fmac=$(ip -n "$PREFIX-fw" -br link show dev "$fdev" | awk '{print $3}')
  emac=$(ip -n "$PREFIX-$e" -br link show dev "$edev" | awk '{print $3}')
  ip -n "$PREFIX-fw" neigh replace "$(gw_ip "$e")" lladdr "$emac" dev "$fdev" nud permanent
  ip -n "$PREFIX-$e" neigh replace "$(edge_peer_ip "$e")" lladdr "$fmac" dev "$edev" nud permanent
  if [ "${SHAPE[$e]:-subnet}" = net30 ]; then
    ip -n "$PREFIX-$e" route replace "$(fw_tun_net "$e")" via "$(edge_peer_ip "$e")" dev "$edev"
  fi
}

# The tunnel of one edge goes down or up (both ends), as when OpenVPN stops or reconnects.
set_tunnel() { # set_tunnel EDGE up|down
  ip -n "$PREFIX-$1" link set "$(edge_tun_dev "$1")" "$2"
  ip -n "$PREFIX-fw" link set "$(fw_tun_dev "$1")" "$2"
  [ "$2" = down ] || plumb_tunnel "$1"
}

wait_echo() { # the echo page answers from the admin's side (at most ~5 s)
  local i
  for i in $(seq 1 100); do
    nsx admin timeout 0.5 bash -c "exec 3<>/dev/tcp/${ECHO_ADDR%:*}/${ECHO_ADDR#*:}" 2>/dev/null && return 0
    sleep 0.05
  done
  tail -n 5 "$STATE/logs/echo.log" >&2
  die "the echo page did not answer on $ECHO_ADDR"
}
