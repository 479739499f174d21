#!/bin/sh
# Browses and resolves SERVICE_TYPE with Avahi, an independent mDNS/DNS-SD implementation, from inside a
# test network namespace: a private avahi-daemon on INTERFACE only (see avahi-private.sh), then
# `avahi-browse -r -t -p`.
#
# usage: avahi-browse.sh WORKDIR INTERFACE SERVICE_TYPE
set -e
. "$(dirname "$0")/avahi-private.sh"
start_private_avahi "$1" "$2" "" no no
avahi-browse -r -t -p "$3"
