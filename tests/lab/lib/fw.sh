# The firewall node: its pfSense-like root, sshd, and the scenario's config.xml (sourced).

prepare_fw() {
  local conf_d e
  mkdir -p "$STATE/fw/root" "$STATE/fw/cf/conf" "$STATE/fw/etc/ssh/lab"
  mkdir -p -m 1777 "$STATE/fw/tmp"
  # PHP finds pfSense's includes by include_path, as on pfSense
  conf_d=$(php --ini | sed -n 's/^Scan for additional .ini files in: *//p')
  [ -n "$conf_d" ] && [ "$conf_d" != "(none)" ] || die "php: no conf.d directory for additional ini files"
  mkdir -p "$STATE/fw/etc/${conf_d#/etc/}"
  echo 'include_path = ".:/etc/inc:/usr/local/pfSense/include:/usr/local/pfSense/include/www:/usr/local/www"' \
    > "$STATE/fw/etc/${conf_d#/etc/}/99-pfsense.ini"
  # pfSense lists its own name in /etc/hosts (sudo looks it up, and waits for DNS otherwise)
  { grep -v '[[:space:]]fw$' /etc/hosts; echo "127.0.1.1 fw"; } > "$STATE/fw/etc/hosts"
  # the firewall's own /usr/local/etc/rc.d (boot hooks), on its disk: it survives `lab reboot fw`
  mkdir -p -m 755 "$STATE/fw/rc.d"
  write_fw_routers
}

# What OpenVPN's linkup script leaves in /tmp for each client that is up: its gateway
# (route_vpn_gateway, else ifconfig_remote: net30's 10.8.N.5); WireGuard leaves nothing, its gateways are configured.
write_fw_routers() {
  local e
  for e in "${EDGES[@]}"; do
    is_wireguard "$e" && continue
    [ -n "$(ip -n "$PREFIX-fw" link show up dev "$(fw_tun_dev "$e")" 2>/dev/null)" ] || continue
    printf '%s' "$(gw_ip "$e")" > "$STATE/fw/tmp/$(fw_tun_dev "$e")_router"
  done
}

# (started with ip directly, not nsx: then $! is the very process that becomes sshd)
start_fw() {
  sshd_no_reexec
  write_sshd_config fw
  ip netns exec "$PREFIX-fw" unshare --mount --uts --propagation private "$LAB_DIR/lib/fw-root.sh" "$STATE" "$LAB_DIR" "$SSHD_NO_REEXEC" \
    </dev/null >>"$STATE/logs/sshd-fw.log" 2>&1 &
  echo $! > "$STATE/pids/sshd-fw"
}

# Runs a command inside the firewall as its sshd sees the world (same namespaces and root).
fw_exec() {
  nsenter --target "$(cat "$STATE/pids/sshd-fw")" --mount --uts --net --root --wd -- "$@"
}

boot_fw() { # boot_fw SCENARIO_FILE: config.xml for the scenario, then apply it
  local e
  {
    cat "$1"
    echo "lab.lan_ip = $FW_LAN_IP"
    echo "lab.server = $SERVER_IP"
    echo "lab.mgmt_ip = $(mgmt_node_ip fw)"
    for e in "${EDGES[@]}"; do
      echo "lab.$e.public = $(edge_public_ip "$e")"
      echo "lab.$e.shape = $(edge_shape "$e")"
      echo "lab.$e.device = $(fw_tun_dev "$e")"
      echo "lab.$e.address = $(fw_tun_ip "$e")"
      echo "lab.$e.gateway = $(gw_ip "$e")"
      echo "lab.$e.edge_address = $(edge_tun_ip "$e")"
    done
  } | fw_exec env USER=root php /usr/local/share/opslab/boot.php >>"$STATE/logs/fw-boot.log" 2>&1 \
    || { tail -n 20 "$STATE/logs/fw-boot.log" >&2; die "the firewall's configuration failed (see $STATE/logs/fw-boot.log)"; }
}

# After a tunnel changes state pfSense re-runs routing and the filter (rc.newwanip, gateway alarm).
fw_reconfigure() {
  fw_exec env USER=root php -r 'require_once("filter.inc"); setup_gateways_monitor(); system_routing_configure(); filter_configure_sync();' \
    >>"$STATE/logs/fw-boot.log" 2>&1
}

# /etc/rc.start_packages: every /usr/local/etc/rc.d/*.sh gets "start", in the background, as pfSense runs it.
# Also what rc.newwanip's restart_packages() ("service reload packages") runs when an OpenVPN client comes
# up (ovpn-linkup: "interface newip"; an assigned ovpncN has no static address, so it always does).
fw_start_packages() {
  fw_exec env USER=root php /etc/rc.start_packages >>"$STATE/logs/fw-boot.log" 2>&1
}

# A reboot of the firewall (pfSense-rc, then rc.bootup, then rc.start_packages): every process of it
# killed (sshd, sessions, detached timers), /tmp emptied, /var/run fresh (a new mount namespace),
# /cf/conf and /usr/local/etc/rc.d kept (its disk); a real boot starts with no default route.
reboot_fw() {
  local pids i
  pids=$(ip netns pids "$PREFIX-fw" 2>/dev/null || true)
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  for i in $(seq 1 200); do   # up to ~10 s on a loaded machine
    [ -z "$(ip netns pids "$PREFIX-fw" 2>/dev/null)" ] && break
    sleep 0.05
  done
  [ -z "$(ip netns pids "$PREFIX-fw" 2>/dev/null)" ] || die "the firewall's processes did not all die"
  find "$STATE/fw/tmp" -mindepth 1 -delete
  ip -n "$PREFIX-fw" route del default 2>/dev/null || true
  write_fw_routers
  start_fw
  wait_sshd fw
  # rc.bootup's order: the filter (filter_configure_sync), the gateway monitors, then system_routing_configure()
  fw_exec env USER=root php -r 'require_once("filter.inc"); filter_configure_sync(); setup_gateways_monitor(); system_routing_configure();' \
    >>"$STATE/logs/fw-boot.log" 2>&1 || die "the firewall's boot failed (see $STATE/logs/fw-boot.log)"
  fw_start_packages || die "rc.start_packages failed (see $STATE/logs/fw-boot.log)"
}
