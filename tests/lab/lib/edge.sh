# The VPS edges' NAT: DNAT of the published ports into the tunnel (to the firewall's tunnel
# address), and MASQUERADE on the tunnel (tun0, or wg0 for WireGuard) where the scenario says so.
# iptables or nftables, as the scenario says (sourced).

# published ports: "public_port:firewall_port"; EDGE1 also forwards the admin's SSH
edge_ports() { echo "80:80 443:443"; [ "$1" = edge1 ] && echo "$ADMIN_PORT:22"; true; }

edge_iptables() { # edge_iptables EDGE MASQUERADE(yes|no)
  local e=$1 pub to p tun net
  pub=$(edge_public_ip "$e"); to=$(fw_tun_ip "$e"); tun=$(edge_tun_dev "$e"); net=$(fw_tun_net "$e")
  echo "*nat"
  echo ":PREROUTING ACCEPT [0:0]"; echo ":INPUT ACCEPT [0:0]"; echo ":OUTPUT ACCEPT [0:0]"; echo ":POSTROUTING ACCEPT [0:0]"
  for p in $(edge_ports "$e"); do
    echo "-A PREROUTING -d $pub/32 -i eth0 -p tcp -m tcp --dport ${p%%:*} -j DNAT --to-destination $to:${p#*:}"
  done
  [ "$2" = yes ] && echo "-A POSTROUTING -o $tun -j MASQUERADE"
  echo "-A POSTROUTING -s $net -o eth0 -j MASQUERADE"
  echo "COMMIT"
  echo "*filter"
  echo ":INPUT ACCEPT [0:0]"; echo ":FORWARD DROP [0:0]"; echo ":OUTPUT ACCEPT [0:0]"
  echo "-A FORWARD -i eth0 -o $tun -m conntrack --ctstate DNAT -j ACCEPT"
  echo "-A FORWARD -i $tun -o eth0 -j ACCEPT"
  echo "-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
  echo "COMMIT"
}

edge_nft() { # edge_nft EDGE MASQUERADE(yes|no)
  local e=$1 pub to p tun net
  pub=$(edge_public_ip "$e"); to=$(fw_tun_ip "$e"); tun=$(edge_tun_dev "$e"); net=$(fw_tun_net "$e")
  echo "table ip nat {"
  echo "  chain prerouting {"
  echo "    type nat hook prerouting priority dstnat; policy accept;"
  for p in $(edge_ports "$e"); do
    echo "    iifname \"eth0\" ip daddr $pub tcp dport ${p%%:*} dnat to $to:${p#*:}"
  done
  echo "  }"
  echo "  chain postrouting {"
  echo "    type nat hook postrouting priority srcnat; policy accept;"
  [ "$2" = yes ] && echo "    oifname \"$tun\" masquerade"
  echo "    ip saddr $net oifname \"eth0\" masquerade"
  echo "  }"
  echo "}"
  echo "table ip filter {"
  echo "  chain forward {"
  echo "    type filter hook forward priority filter; policy drop;"
  echo "    iifname \"eth0\" oifname \"$tun\" ct status dnat accept"
  echo "    iifname \"$tun\" oifname \"eth0\" accept"
  echo "    ct state established,related accept"
  echo "  }"
  echo "}"
}

configure_edge() { # configure_edge EDGE SCENARIO_FILE
  local e=$1 f=$2 masq tool
  masq=$(scenario_get "$f" "$e.masquerade" yes)
  tool=$(scenario_get "$f" "$e.nat" iptables)
  case "$masq" in yes|no) ;; *) die "$f: $e.masquerade must be yes or no" ;; esac
  case "$tool" in
    iptables) edge_iptables "$e" "$masq" | nsx "$e" iptables-restore ;;
    nft) edge_nft "$e" "$masq" | nsx "$e" nft -f - ;;
    *) die "$f: $e.nat must be iptables or nft" ;;
  esac
}
