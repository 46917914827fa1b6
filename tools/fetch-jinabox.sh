#!/usr/bin/env bash
# Refreshes the vendored Jina Box used by JinaBoxBrowserTest: fetches jinabox@0.1.50 with npm,
# checks the tarball against the integrity the npm registry publishes for it, and copies its
# dist/jinabox.umd.js and LICENSE (Apache-2.0) into examples/src/test/resources/jinabox/.
# The test pins the file's SHA-256, so an edited copy fails it.
set -euo pipefail
version=0.1.50
integrity='sha512-w04ahwvqK7InqBD7d8xW7dVogOAUGmNgnw7JoZPlaqNm7VLsRZuw5OmDckw4nWZCF3MQeoej7GkxvCaZGAkjcg=='
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "jinabox@$version" >/dev/null)
tarball="$work/jinabox-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$integrity" ]]; then
  echo "jinabox-$version.tgz: integrity $actual, expected $integrity" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"
out="$root/examples/src/test/resources/jinabox"
mkdir -p "$out"
cp "$work/package/dist/jinabox.umd.js" "$work/package/LICENSE" "$out/"
sha256sum "$out/jinabox.umd.js"
