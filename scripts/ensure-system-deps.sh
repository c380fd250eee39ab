#!/usr/bin/env bash
# Installs what orgnet needs from the system's package manager, only when missing:
# Java 17+ and Maven (the local Neo4j), with --browser Debian's Chromium (browser tests), and with
# --office LibreOffice Calc (the spreadsheet round trip through a real client, issue 23), and with
# --bench wrk (a native load generator: `python -m bench.load --wrk`, issue 22).
# Runs apt-get only as root on Debian/Ubuntu; elsewhere it says what to install.
set -euo pipefail

want_browser=0
want_office=0
want_bench=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --office) want_office=1 ;;
    --bench) want_bench=1 ;;
  esac
done

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
if [[ $want_bench == 1 ]] && ! command -v wrk >/dev/null 2>&1; then
  missing+=(wrk)
fi

# without its recommends: the headless converter needs no Java, help or extra fonts
office=()
if [[ $want_office == 1 ]] && ! command -v soffice >/dev/null 2>&1; then
  office+=(libreoffice-calc)
fi

if [[ ${#missing[@]} -eq 0 && ${#office[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]} ${office[*]}" >&2
  apt-get update -qq
  if [[ ${#missing[@]} -gt 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [[ ${#office[@]} -gt 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${office[@]}" >/dev/null
  fi
else
  echo "orgnet needs these system packages: ${missing[*]} ${office[*]} (install them, or set NEO4J_URI to use your own Neo4j)" >&2
  exit 1
fi
