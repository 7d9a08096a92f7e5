#!/usr/bin/env bash
# Installs every system package Sluice needs to build, test and benchmark (Debian 12).
# Idempotent: packages already present are skipped, so a second run costs a second.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config clang-format
  libboost1.81-dev libssl-dev libsimdjson-dev libyaml-cpp-dev libsqlite3-dev
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev libxxhash-dev libpcre2-dev
  libgoogle-perftools-dev
  sqlite3 ca-certificates wrk nginx-light
)
# The machine image ships Node 20 with its own npm; Debian's npm package conflicts with it,
# so Node is installed from Debian only where no node is present at all.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The BPE vocabularies (o200k, cl100k) ship in the js-tiktoken npm package; the gateway reads
# them from data/tokenizers/node_modules at start-up.
TOKENIZERS="$(cd "$(dirname "$0")/.." && pwd)/data/tokenizers"
if [ -f "$TOKENIZERS/package.json" ] && [ ! -d "$TOKENIZERS/node_modules/js-tiktoken" ]; then
  (cd "$TOKENIZERS" && npm ci --silent --no-audit --no-fund)
fi
