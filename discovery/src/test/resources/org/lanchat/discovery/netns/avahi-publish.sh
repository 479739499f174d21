#!/bin/sh
# Publishes a DNS-SD service with Avahi, the reference responder, from inside a test network namespace: a
# private avahi-daemon (host name HOST_NAME, on INTERFACES only; see avahi-private.sh), then
# `avahi-publish -s NAME TYPE PORT TXT...` until it is killed. NAME comes from a UTF-8 file, so that it
# reaches avahi-publish intact whatever the encoding of command lines.
#
# Prints events for the test on stdout: "LCT established at=<epoch ms>" once the service is published,
# "LCT collision" when Avahi had to rename it. Avahi's own log and avahi-publish's output go to stderr.
#
# usage: avahi-publish.sh WORKDIR INTERFACES HOST_NAME NAME_FILE TYPE PORT [TXT...]
set -e
. "$(dirname "$0")/avahi-private.sh"
work=$1; name=$(cat "$4")
start_private_avahi "$1" "$2" "$3" yes yes
shift 4
tail -f "$work/avahi.log" >&2 &
avahi-publish -s "$name" "$@" 2>&1 | while IFS= read -r line; do
  echo "$line" >&2
  case "$line" in
    *"Established under name"*) echo "LCT established at=$(date +%s%3N)" ;;
    *collision*) echo "LCT collision" ;;
  esac
done
