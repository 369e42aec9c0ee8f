#!/usr/bin/env bash
# Grows the committed seed corpora: runs each fuzz target briefly and copies
# up to SEEDS of the inputs the fuzzer found interesting from the Go build
# cache into the package's testdata/fuzz/<Target>/, where `go test` replays
# them on every run (and `go test -fuzz` starts from them).
#
# Usage: FUZZTIME=5s SEEDS=8 scripts/fuzz-seed.sh [package pattern ...]
set -euo pipefail
cd "$(dirname "$0")/.."
GO="${GO:-go}"
FUZZTIME="${FUZZTIME:-5s}"
SEEDS="${SEEDS:-8}"
pkgs=("$@")
[ ${#pkgs[@]} -eq 0 ] && pkgs=(./...)
cache="$("$GO" env GOCACHE)/fuzz"
module="$("$GO" list -m)"
names=()
"$GO" test -list '^Fuzz' "${pkgs[@]}" | while IFS= read -r line; do
	case "$line" in
	Fuzz*) names+=("$line") ;;
	ok*)
		pkg="$(awk '{print $2}' <<<"$line")"
		dir="${pkg#"$module"}"
		dir=".${dir}"
		for n in "${names[@]+"${names[@]}"}"; do
			echo "== $pkg $n"
			"$GO" test -run '^$' -fuzz "^${n}\$" -fuzztime "$FUZZTIME" "$pkg" >/dev/null
			src="$cache/$pkg/$n"
			dst="$dir/testdata/fuzz/$n"
			mkdir -p "$dst"
			if [ -d "$src" ]; then
				ls -S -r "$src" | head -n "$SEEDS" | while IFS= read -r f; do
					cp "$src/$f" "$dst/$f"
				done
			fi
			echo "   $(ls "$dst" | wc -l) seed file(s) in $dst"
		done
		names=()
		;;
	esac
done
