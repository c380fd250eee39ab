#!/usr/bin/env bash
# Installs what orgnet needs from the system's package manager, only when missing:
# Java 17+ and Maven (the local Neo4j), and with --browser Debian's Chromium (browser tests).
# Runs apt-get only as root on Debian/Ubuntu; elsewhere it says what to install.
set -euo pipefail

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

missing=()
java_ok() {
  command -v java >/dev/null 2>&1 || return 1
  local v
  v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  [[ -n "$v" && "$v" -ge 17 ]]
}
java_ok || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [[ $want_browser == 1 ]] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "orgnet needs these system packages: ${missing[*]} (install them, or set NEO4J_URI to use your own Neo4j)" >&2
  exit 1
fi
