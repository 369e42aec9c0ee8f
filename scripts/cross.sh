#!/usr/bin/env bash
# Runs the pairing tests in short mode for arm64 and ARMv7 under qemu-user.
# Installs qemu-user from the Debian archive when no emulator is found.
#
# Usage: scripts/cross.sh [package pattern ...]   (default: ./pairing/...)
set -euo pipefail
cd "$(dirname "$0")/.."

GO="${GO:-go}"
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
	pkgs=(./pairing/...)
fi

# find_qemu NAME prints the path of qemu-NAME or qemu-NAME-static, if any.
find_qemu() {
	command -v "qemu-$1" 2>/dev/null || command -v "qemu-$1-static" 2>/dev/null || true
}

install_qemu() {
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		sudo="sudo"
	fi
	echo "cross: qemu-user not found; installing it with apt-get" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq </dev/null
	$sudo apt-get install -y -qq --no-install-recommends qemu-user </dev/null ||
		$sudo apt-get install -y -qq --no-install-recommends qemu-user-static </dev/null
}

if [ -z "$(find_qemu aarch64)" ] || [ -z "$(find_qemu arm)" ]; then
	install_qemu
fi
qemu_arm64="$(find_qemu aarch64)"
qemu_arm="$(find_qemu arm)"
if [ -z "$qemu_arm64" ] || [ -z "$qemu_arm" ]; then
	echo "cross: qemu-aarch64 / qemu-arm still missing after installation" >&2
	exit 1
fi

# Test binaries are pure Go and statically linked, so qemu runs them without
# a target sysroot.
export CGO_ENABLED=0

status=0
echo "== GOARCH=arm64 ($qemu_arm64)"
GOARCH=arm64 "$GO" test -count=1 -short -exec "$qemu_arm64" "${pkgs[@]}" || status=1

echo "== GOARCH=arm GOARM=7 ($qemu_arm)"
GOARCH=arm GOARM=7 "$GO" test -count=1 -short -exec "$qemu_arm" "${pkgs[@]}" || status=1

if [ "$status" -ne 0 ]; then
	echo "cross: FAILED on at least one architecture" >&2
fi
exit "$status"
