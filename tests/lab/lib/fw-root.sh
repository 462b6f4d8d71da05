#!/usr/bin/env bash
# Runs inside the firewall's network namespace and a fresh mount/UTS namespace: builds a
# root that looks like pfSense (/cf/conf, /conf -> /cf/conf, /etc/inc, /etc/phpshellsessions,
# /usr/local/sbin/pfSsh.php, netstat, pfctl, /usr/local/etc/rc.d, /tmp, /var/run) and becomes the firewall's sshd.
# Nothing is mounted outside this namespace; it all goes away with the last process in it.
set -euo pipefail
STATE=$1 LAB_DIR=$2 NO_REEXEC=${3:-}   # NO_REEXEC: "-r" or empty (sshd_no_reexec in sshd.sh)
R=$STATE/fw/root

mount -t tmpfs -o mode=755 fw-root "$R"
for d in bin sbin lib lib32 lib64 libx32 usr; do
  if [ -L "/$d" ]; then cp -P "/$d" "$R/$d"
  elif [ -d "/$d" ]; then mkdir "$R/$d"; mount --rbind "/$d" "$R/$d"
  fi
done
# /etc = the host's, under the lab's files (generated ones on top, then the repository's)
mkdir "$R/etc"
mount -t overlay fw-etc -o "lowerdir=$STATE/fw/etc:$LAB_DIR/fw/etc:/etc" "$R/etc"
mount --bind "$LAB_DIR/fw/usr-local" "$R/usr/local"
mount -o remount,bind,ro "$R/usr/local"
# its own boot hooks (rc.start_packages runs them), never the host's: kept in $STATE across `lab reboot fw`
mount --bind "$STATE/fw/rc.d" "$R/usr/local/etc/rc.d"
mkdir "$R/proc" "$R/sys" "$R/dev" "$R/run" "$R/tmp" "$R/cf" "$R/root" "$R/var"
mount -t proc proc "$R/proc"
mount -t sysfs sysfs "$R/sys"
mount --rbind /dev "$R/dev"
mount -t tmpfs -o mode=755 fw-run "$R/run"
mkdir "$R/run/sshd"
mount --bind "$STATE/fw/tmp" "$R/tmp"
mount --bind "$STATE/fw/cf" "$R/cf"
ln -s /cf/conf "$R/conf"
mkdir -p "$R/var/log" "$R/var/db" "$R/var/etc" "$R/var/tmp"
ln -s /run "$R/var/run"
hostname fw
exec chroot "$R" /usr/sbin/sshd -D -e $NO_REEXEC -f /etc/ssh/lab/sshd_config
