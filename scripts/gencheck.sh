#!/usr/bin/env bash
# Fails if `go generate` would change any checked-in generated file: the
# generated field, tower, group and suite code must be exactly what
# pairing/internal/fieldgen writes today.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Copy the tracked tree and regenerate there, so the work tree is untouched.
git ls-files -z | tar --null -T - -cf - | tar -C "$tmp" -xf -
(cd "$tmp" && $GO generate ./pairing/...)
status=0
while IFS= read -r -d '' f; do
	if ! cmp -s "$f" "$tmp/$f"; then
		echo "gencheck: $f differs from what go generate writes" >&2
		status=1
	fi
done < <(git ls-files -z -- 'pairing/**/*_gen*' 'pairing/*/*_gen*')
for f in $(cd "$tmp" && find pairing -name '*_gen*' -type f); do
	if ! git ls-files --error-unmatch "$f" >/dev/null 2>&1; then
		echo "gencheck: go generate creates $f, which is not checked in" >&2
		status=1
	fi
done
[ $status -eq 0 ] && echo "gencheck: generated files are up to date"
exit $status
