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
  # what OpenVPN's linkup script leaves for each client: its gateway (route_vpn_gateway, else
  # ifconfig_remote: net30's 10.8.N.5); WireGuard leaves nothing, its gateways are configured
  for e in "${EDGES[@]}"; do
    is_wireguard "$e" || printf '%s' "$(gw_ip "$e")" > "$STATE/fw/tmp/$(fw_tun_dev "$e")_router"
  done
}

# (started with ip directly, not nsx: then $! is the very process that becomes sshd)
start_fw() {
  write_sshd_config fw
  ip netns exec "$(ns fw)" unshare --mount --uts --propagation private "$LAB_DIR/lib/fw-root.sh" "$STATE" "$LAB_DIR" \
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
