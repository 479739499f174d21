#!/bin/sh
# Browses and resolves SERVICE_TYPE with Avahi, an independent mDNS/DNS-SD implementation, from inside a
# test network namespace: starts a private D-Bus system bus and avahi-daemon on INTERFACE only, runs
# `avahi-browse -r -t -p`, and stops both. Run it with `ip netns exec`, which gives it its own mount
# namespace, so the tmpfs over /run below hides the machine's own /run (and any avahi pid file) from this
# command only.
#
# usage: avahi-browse.sh WORKDIR INTERFACE SERVICE_TYPE
set -e
work=$1; iface=$2; type=$3
mkdir -p "$work"
cat > "$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$work/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
cat > "$work/avahi.conf" <<CONF
[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=$iface
enable-dbus=yes
[wide-area]
enable-wide-area=no
[publish]
disable-publishing=yes
CONF
mount -t tmpfs tmpfs /run
mkdir -p /run/avahi-daemon /run/dbus
dbus-daemon --config-file="$work/bus.conf" --fork --print-pid > "$work/dbus.pid"
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/bus"
avahi-daemon -f "$work/avahi.conf" --no-drop-root --no-chroot --no-rlimits --no-proc-title > "$work/avahi.log" 2>&1 &
avahi=$!
trap 'kill $avahi $(cat "$work/dbus.pid") 2>/dev/null || true' EXIT
i=0
until avahi-browse -at -p >/dev/null 2>&1; do i=$((i+1)); [ $i -gt 50 ] && { cat "$work/avahi.log"; exit 3; }; sleep 0.1; done
avahi-browse -r -t -p "$type"
