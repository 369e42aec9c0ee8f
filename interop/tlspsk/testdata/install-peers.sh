#!/usr/bin/env bash
# Installs the TLS peers the interop/tlspsk tests run against: the openssl
# and gnutls command-line tools (Debian packages openssl and gnutls-bin).
# The tests never install anything themselves; CI runs this script and then
# sets MPINKIT_REQUIRE_PEERS=1 so that a missing tool fails the tests
# instead of skipping them.
set -euo pipefail

if command -v openssl >/dev/null 2>&1 && command -v gnutls-cli >/dev/null 2>&1 &&
	command -v gnutls-serv >/dev/null 2>&1; then
	echo "install-peers: openssl and gnutls-bin already installed"
	exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends openssl gnutls-bin
openssl version
gnutls-cli --version | head -n 1
