#!/usr/bin/env bash
# Checks the self-contained archive end to end, as on a machine with no JDK: unpacks it into a
# temporary folder and runs index, search --json and info with an empty environment (no JAVA_HOME)
# and a PATH holding only sh, dirname and readlink (what bin/crossmodal uses), so no installed
# java can be found: only the bundled runtime can run it.
#   scripts/check-dist.sh ARCHIVE DATA_DIR FORMAT MODEL_DIR [LIMIT]
# e.g. scripts/check-dist.sh examples/target/crossmodal-0.1.0-SNAPSHOT-linux-x86_64.tar.gz \
#          /work/shared/data/flickr8k-1k flickr8k /work/shared/reference/clip-tiny-hf 50
set -euo pipefail
archive=$(readlink -f "$1") data=$(readlink -f "$2") format=$3 model=$(readlink -f "$4") limit=${5:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
bin=$(echo "$work"/crossmodal-*/bin/crossmodal)
mkdir "$work/path"
for tool in sh dirname readlink; do ln -s "$(command -v $tool)" "$work/path/$tool"; done
run() { env -i PATH="$work/path" "$bin" "$@"; }
run index --data "$data" --format "$format" --limit "$limit" --model clip --model-dir "$model" \
    --workspace "$work/ws" --json 2>/dev/null | tail -1
first=$(find "$data" -iname '*.jpg' | sort | sed -n 1p)  # sed reads to the end: head would make sort die of SIGPIPE under pipefail
run search --workspace "$work/ws" --text "a dog running on the grass" --top-k 3 --json 2>/dev/null | tail -1
run search --workspace "$work/ws" --image "$first" --modality image --top-k 3 --json 2>/dev/null | tail -1
run info --workspace "$work/ws" --json 2>/dev/null | tail -1
"$work"/crossmodal-*/runtime/bin/java --list-modules | grep -q jdk.incubator.vector
echo "archive OK: bundled runtime has jdk.incubator.vector; index, search and info ran with no JDK" >&2
