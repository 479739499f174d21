# Sourced by avahi-browse.sh and avahi-publish.sh: starts a private D-Bus system bus and an avahi-daemon
# on the given interfaces only, inside the test network namespace this shell runs in. `ip netns exec` gives
# each command a mount namespace of its own, so the tmpfs over /run hides the machine's own /run (and any
# avahi pid file) from this command only. Both daemons are stopped when the sourcing shell exits.
#
# usage: start_private_avahi WORKDIR INTERFACES HOST_NAME|"" PUBLISH(yes|no) IPV6(yes|no)
start_private_avahi() {
  work=$1; ifaces=$2; host=$3; publish=$4; ipv6=$5
  mkdir -p "$work"
  # The bus socket goes on the private /run: a path under WORKDIR can pass the 108 bytes a Unix socket
  # name may have when the checkout lives deep (dbus-daemon: "Socket name too long").
  bus=/run/dbus/bus
  cat > "$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
  {
    echo "[server]"
    [ -n "$host" ] && echo "host-name=$host"
    echo "use-ipv4=yes"
    echo "use-ipv6=$ipv6"
    echo "allow-interfaces=$ifaces"
    echo "enable-dbus=yes"
    echo "[wide-area]"
    echo "enable-wide-area=no"
    echo "[publish]"
    if [ "$publish" = yes ]; then echo "publish-workstation=no"; echo "publish-hinfo=no"; else echo "disable-publishing=yes"; fi
  } > "$work/avahi.conf"
  mount -t tmpfs tmpfs /run
  mkdir -p /run/avahi-daemon /run/dbus
  dbus-daemon --config-file="$work/bus.conf" --fork --print-pid > "$work/dbus.pid"
  export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$bus"
  avahi-daemon -f "$work/avahi.conf" --no-drop-root --no-chroot --no-rlimits --no-proc-title > "$work/avahi.log" 2>&1 &
  avahi=$!
  trap 'kill $avahi $(cat "$work/dbus.pid") 2>/dev/null || true' EXIT INT TERM
  i=0
  until avahi-browse -at -p >/dev/null 2>&1; do
    i=$((i+1)); [ $i -gt 100 ] && { cat "$work/avahi.log" >&2; exit 3; }; sleep 0.1
  done
}
