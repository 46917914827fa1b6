#!/usr/bin/env bash
# Damages copies of a workspace the ways issue 13 found, and checks that `info` and `search` exit 4
# and leave every copy byte for byte as it was. Works on copies under a temporary folder; the
# workspace given is only read.
#
#   tools/attacks/damage_workspace.sh WORKSPACE [QUERY]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ws=${1:?usage: damage_workspace.sh WORKSPACE [QUERY]}
query=${2:-a dog}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

check() { # name, copy
  local name=$1 copy=$2 before after
  before=$(cd "$copy" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  for cmd in "info --workspace $copy" "search --workspace $copy --text"; do
    set +e
    if [[ $cmd == search* ]]; then
      "$root/crossmodal" search --workspace "$copy" --text "$query" >/dev/null 2>"$tmp/err"
    else
      "$root/crossmodal" info --workspace "$copy" >/dev/null 2>"$tmp/err"
    fi
    rc=$?
    set -e
    if [[ $rc -ne 4 ]]; then
      echo "FAIL $name: ${cmd%% *} exited $rc, not 4: $(head -c 300 "$tmp/err")"
      failures=$((failures + 1))
    fi
  done
  after=$(cd "$copy" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  if [[ $before != "$after" ]]; then
    echo "FAIL $name: the damaged copy was modified by a read-only command"
    failures=$((failures + 1))
  else
    echo "ok   $name: exit 4, unchanged ($(grep -o 'error: .\{0,110\}' "$tmp/err" | head -1))"
  fi
}

copy() { rm -rf "$tmp/$1"; cp -a "$ws" "$tmp/$1"; echo "$tmp/$1"; }

c=$(copy log-cut-in-half); size=$(stat -c %s "$c/documents.log"); truncate -s $((size / 2)) "$c/documents.log"; check log-cut-in-half "$c"
c=$(copy log-deleted); rm "$c/documents.log"; check log-deleted "$c"
c=$(copy image-vectors-deleted); rm "$c/vectors-image.flat"; check image-vectors-deleted "$c"
c=$(copy vectors-swapped); mv "$c/vectors-image.flat" "$c/x"; mv "$c/vectors-text.flat" "$c/vectors-image.flat"; mv "$c/x" "$c/vectors-text.flat"; check vectors-swapped "$c"
c=$(copy log-byte-flipped); printf '\x00' | dd of="$c/documents.log" bs=1 seek=40 conv=notrunc status=none; check log-byte-flipped "$c"
c=$(copy text-vectors-truncated); size=$(stat -c %s "$c/vectors-text.flat"); truncate -s $((size - 100)) "$c/vectors-text.flat"; check text-vectors-truncated "$c"

echo "$failures failure(s)"
exit $((failures > 0))
