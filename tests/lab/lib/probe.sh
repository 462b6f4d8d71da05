# One connection from the internet through an edge, and what really happened (sourced):
# did the client get its answer, which address did the server log, and by which interface
# did the firewall send the server's SYN-ACK (tcpdump on the firewall).

probe() { # probe EDGE http|tcp|ssh  ->  one JSON line
  local e=$1 kind=$2 port src cap out err ok seen via detail pid i before svc
  case "$kind" in
    http) port=80 ;; tcp) port=443 ;;
    ssh) [ "$e" = edge1 ] || die "only edge1 forwards the admin's SSH"; port=$ADMIN_PORT ;;
    *) die "probe kind must be http, tcp or ssh" ;;
  esac
  [ -f "$STATE/scenario" ] || die "no lab is up"
  exec 9>"$STATE/probe.lock"; flock -w 30 9 || die "another probe has held the lock for 30 s"
  src=$(( 40000 + $(cat "$STATE/probe.seq" 2>/dev/null || echo 0) % 20000 ))
  echo $(( src - 40000 + 1 )) > "$STATE/probe.seq"
  cap=$(mktemp -d "$STATE/probe.XXXX")
  local filter="outbound and tcp[13] & 0x12 == 0x12 and dst port $src"
  [ "$kind" = ssh ] && filter="outbound and tcp[13] & 0x12 == 0x12 and src port 22 and not net $MGMT.0/24"
  # ip itself (not the nsx function) so that $! is tcpdump; 9>&- so it cannot hold the lock
  ip netns exec "$PREFIX-fw" tcpdump -i any -nn -l -c 1 --immediate-mode "$filter" >"$cap/out" 2>"$cap/err" 9>&- &
  pid=$!
  # wait until tcpdump really listens (a busy machine may take seconds), or say why not: a probe
  # that went on without its capture would report "no reply left" for a reply that did
  for i in $(seq 1 1500); do grep -q "listening on" "$cap/err" 2>/dev/null && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
  grep -q "listening on" "$cap/err" 2>/dev/null || { kill "$pid" 2>/dev/null; die "tcpdump on the firewall did not start listening: $(head -c 200 "$cap/err")"; }
  before=$(wc -l < "$STATE/server/peers.log" 2>/dev/null || echo 0)
  if [ "$kind" = ssh ]; then
    # ConnectTimeout covers sshd's banner too, which a busy machine delays by seconds: only a long one means "no way in"
    if detail=$(timeout 25 ssh -F "$STATE/ssh/config" -o ConnectTimeout=12 fw-via-edge1 'echo $SSH_CONNECTION' 2>&1 9>&-); then
      ok=true; seen=${detail%% *}
    else
      ok=false; seen=""
    fi
  else
    detail=$(nsx client php "$LAB_DIR/client/probe.php" "$kind" "$(edge_public_ip "$e")" "$port" "$src" 2.5 9>&-) && ok=true || ok=false
    svc=$([ "$kind" = http ] && echo 80 || echo 443)
    seen=$(tail -n +"$((before + 1))" "$STATE/server/peers.log" 2>/dev/null | awk -v p="$svc" '$2 == p {print $3; exit}')
  fi
  # tcpdump -c 1 ends by itself once it has the SYN-ACK (sent before the client's answer); give a
  # loaded machine time to write it, and stop it only when none came (nothing left the firewall)
  for i in $(seq 1 250); do [ -s "$cap/out" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  via=$(awk '{print $2; exit}' "$cap/out")
  rm -rf "$cap"
  exec 9>&-
  printf '{"edge":"%s","service":"tcp/%s","ok":%s,"seen":"%s","arrived_on":"%s","reply_via":"%s","detail":%s}\n' \
    "$e" "$port" "$ok" "$seen" "$(fw_tun_dev "$e")" "$via" "$(printf '%s' "$detail" | head -c 300 | php -r 'echo json_encode(stream_get_contents(STDIN));')"
}
