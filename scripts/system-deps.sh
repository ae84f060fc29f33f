#!/usr/bin/env bash
# System programs the tests need beyond Python: Java 17 + Maven (Neo4j), Chromium (explorer tests), redis-server (scaled-out queue tests).
# Installs missing Debian packages when run as root; otherwise says what to install.
set -euo pipefail
missing=()
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
for extra in chromium redis-server ${GEOKG_SYSTEM_PACKAGES:-}; do
    dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing system packages: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "please install: ${missing[*]} (Debian/Ubuntu: sudo apt-get install ${missing[*]})" >&2
    exit 1
fi
