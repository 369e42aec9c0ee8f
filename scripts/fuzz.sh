#!/usr/bin/env bash
# Runs every fuzz target of the module for a bounded time each.
#
# Usage: FUZZTIME=20s scripts/fuzz.sh [package pattern ...]   (default: ./...)
set -euo pipefail
cd "$(dirname "$0")/.."

GO="${GO:-go}"
FUZZTIME="${FUZZTIME:-20s}"
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
	pkgs=(./...)
fi

list="$("$GO" test -list '^Fuzz' "${pkgs[@]}")"

# go test -list prints the matching names of each package followed by a
# line "ok <import path> <time>"; pair them up.
targets=()
names=()
while IFS= read -r line; do
	case "$line" in
	Fuzz*)
		names+=("$line")
		;;
	ok*)
		pkg="$(awk '{print $2}' <<<"$line")"
		for n in "${names[@]+"${names[@]}"}"; do
			targets+=("$pkg $n")
		done
		names=()
		;;
	esac
done <<<"$list"

if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz: no fuzz targets found"
	exit 0
fi

echo "fuzz: ${#targets[@]} target(s), $FUZZTIME each"
failed=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	echo "== $pkg $name"
	if ! "$GO" test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$pkg"; then
		failed+=("$pkg $name")
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: failing targets (crashers are under the package's testdata/fuzz):" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "fuzz: all targets passed"
