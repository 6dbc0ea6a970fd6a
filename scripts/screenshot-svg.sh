#!/usr/bin/env bash
# screenshot-svg.sh IN.svg OUT.png: renders a flame graph SVG in a real browser (Debian's
# headless chromium) and saves what it draws, to check by eye that a graph opens and reads
# right (title, loss-report subtitle, frame labels) without a desktop. Not run by the tests:
# starting a browser takes seconds. Install with `apt-get install -y chromium`.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 IN.svg OUT.png" >&2
  exit 2
fi
in=$(realpath "$1")
out=$(realpath -m "$2")
[ -f "$in" ] || { echo "$0: no such file: $1" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "$0: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
# A throwaway profile, so nothing of a user's browser state is read or left behind; the
# network and update flags keep a headless run from reaching out.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$out"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot="$out" --window-size=1200,800 \
  "file://$in" 2>/dev/null
[ -s "$out" ] || { echo "$0: chromium wrote no screenshot" >&2; exit 1; }
echo "$out"
