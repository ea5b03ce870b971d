#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download is not
# reachable on these machines). Installs it when missing; does nothing when it is there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "[ci] $(chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "[ci] Chromium is missing and this user cannot install it: run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
fi
echo "[ci] installing Debian's chromium for the browser tests"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
chromium --version
