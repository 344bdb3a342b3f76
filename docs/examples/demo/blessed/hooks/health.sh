#!/bin/sh
# Operations hook: the health check every blessed image carries.
test -f /etc/blessed-release
