# Keys, sshd configs and the runner's ssh_config (sourced by `lab up`).
# One client key and one host key per node, all made fresh for each lab; nothing secret
# leaves $STATE, and the ssh_config pins every host key (StrictHostKeyChecking yes).

make_keys() {
  local n
  mkdir -p "$STATE/ssh"
  ssh-keygen -q -t ed25519 -N '' -C "lab-client" -f "$STATE/ssh/id_ed25519"
  for n in "${SSH_NODES[@]}"; do
    mkdir -p "$(node_etc "$n")"
    ssh-keygen -q -t ed25519 -N '' -C "lab-$n" -f "$(node_etc "$n")/ssh_host_ed25519_key"
    cp "$STATE/ssh/id_ed25519.pub" "$(node_etc "$n")/authorized_keys"
    chmod 644 "$(node_etc "$n")/authorized_keys"  # public; sshd reads it as the user, and tests log in as non-root users too
  done
}

# Where a node's sshd files live; the firewall's are inside its own /etc (an overlay layer).
node_etc() { if [ "$1" = fw ]; then echo "$STATE/fw/etc/ssh/lab"; else echo "$STATE/$1"; fi; }
node_etc_inside() { if [ "$1" = fw ]; then echo "/etc/ssh/lab"; else echo "$STATE/$1"; fi; }

write_sshd_config() { # write_sshd_config NODE
  local d forward=no
  d=$(node_etc_inside "$1")
  [ "$1" = admin ] && forward=yes   # the admin's box is a jump host (ProxyJump)
  cat > "$(node_etc "$1")/sshd_config" <<CFG
# sshd of lab node $1 (written by tests/lab/lab up)
Port 22
ListenAddress 0.0.0.0
HostKey $d/ssh_host_ed25519_key
AuthorizedKeysFile $d/authorized_keys
PidFile none
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
PrintMotd no
PrintLastLog no
AllowTcpForwarding $forward
X11Forwarding no
MaxStartups 50
Subsystem sftp internal-sftp
CFG
  # pfSense's netstat, pfctl and pfSsh.php are on every login's PATH; the lab's stand-ins live in
  # /usr/local/sbin, which sshd's default PATH for users who are not root leaves out
  if [ "$1" = fw ]; then
    echo "SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" >> "$(node_etc "$1")/sshd_config"
  fi
}

write_ssh_config() {
  local n kh="$STATE/ssh/known_hosts"
  : > "$kh"
  {
    echo "# The lab's hosts; written by tests/lab/lab up. Use: ssh -F $STATE/ssh/config fw 'netstat -rn'"
    for n in "${SSH_NODES[@]}"; do
      printf 'Host %s\n  HostName %s\n' "$n" "$(mgmt_node_ip "$n")"
      echo "$(mgmt_node_ip "$n") $(cut -d' ' -f1,2 "$(node_etc "$n")/ssh_host_ed25519_key.pub")" >> "$kh"
    done
    # the admin on the internet: through the admin's box, EDGE1's public port, its DNAT, the tunnel
    printf 'Host fw-via-edge1\n  HostName %s\n  Port %s\n  ProxyJump admin\n' "$(edge_public_ip edge1)" "$ADMIN_PORT"
    echo "[$(edge_public_ip edge1)]:$ADMIN_PORT $(cut -d' ' -f1,2 "$(node_etc fw)/ssh_host_ed25519_key.pub")" >> "$kh"
    # ConnectTimeout bounds the banner exchange too: 5 s was reached on a busy machine (load 30) by an sshd that was fine.
    # KexAlgorithms: OpenSSH 9's default, sntrup761x25519, costs each client ~90 ms of CPU (curve25519 ~5 ms); the
    # tests open over a thousand connections a run. The toolkit's own SSH (sshj) never reads this line.
    cat <<CFG
Host *
  KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org
  User root
  IdentityFile $STATE/ssh/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $kh
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  ConnectTimeout 15
  ServerAliveInterval 5
  LogLevel ERROR
CFG
  } > "$STATE/ssh/config"
}

# sshd re-executes itself for every connection (a fresh address space per session); -r skips that,
# ~15% of the CPU of each of the lab's thousands of connections, and changes nothing a client sees.
# Asked once per command, and left out where an sshd does not take it.
sshd_no_reexec() { : "${SSHD_NO_REEXEC=$(/usr/sbin/sshd -r -V >/dev/null 2>&1 && echo -r)}"; }

# An sshd in the node's namespaces, with a private /run (sshd's privsep dir), hostname, /tmp and
# root's home. /tmp and /root are the node's own, as on a real host, and outlive an sshd restart as
# a disk would: two labs on one machine (or two edges of one lab) never share what a change leaves
# there, such as its lock, and no session reads this machine's dotfiles (bash sources root's
# ~/.bashrc for every ssh command; one that starts pyenv or the like cost ~30 processes a command).
start_plain_sshd() { # start_plain_sshd NODE
  local n=$1
  sshd_no_reexec
  write_sshd_config "$n"
  # the node knows its own name, as a real host does (sudo looks it up, and waits for DNS otherwise)
  { grep -v "[[:space:]]$n\$" /etc/hosts; echo "127.0.1.1 $n"; } > "$STATE/$n/hosts"
  mkdir -p -m 1777 "$STATE/$n/tmp"
  mkdir -p -m 700 "$STATE/$n/root"
  ip netns exec "$PREFIX-$n" unshare --mount --uts --propagation private sh -c \
    'mount -t tmpfs -o mode=755 lab-run /run && mkdir /run/sshd && mount --bind "$3" /etc/hosts && mount --bind "$4" /tmp && mount --bind "$5" /root && hostname "$1" && exec /usr/sbin/sshd -D -e $6 -f "$2"' \
    sh "$n" "$STATE/$n/sshd_config" "$STATE/$n/hosts" "$STATE/$n/tmp" "$STATE/$n/root" "$SSHD_NO_REEXEC" </dev/null >>"$STATE/logs/sshd-$n.log" 2>&1 &
  echo $! > "$STATE/pids/sshd-$n"
}

wait_sshd() { # wait_sshd NODE: until it answers with its banner (at most ~5 s)
  local i ip
  ip=$(mgmt_node_ip "$1")
  for i in $(seq 1 100); do
    if timeout 0.5 bash -c "exec 3<>/dev/tcp/$ip/22 && head -c 4 <&3" 2>/dev/null | grep -q SSH-; then
      return 0
    fi
    kill -0 "$(cat "$STATE/pids/sshd-$1")" 2>/dev/null || { tail -n 20 "$STATE/logs/sshd-$1.log" >&2; die "sshd of $1 exited"; }
    sleep 0.05
  done
  die "sshd of $1 did not answer on $ip:22"
}
