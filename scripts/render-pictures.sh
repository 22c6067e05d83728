#!/usr/bin/env bash
# Renders SVG pictures to PNG in headless Chromium, to look at them as a reader's browser shows them:
#   scripts/render-pictures.sh DIR [FILE.svg ...]
# renders the files given (by default every picture in docs/pictures/) to DIR/NAME.png at the size
# each SVG declares. Needs Debian's chromium (apt-get install chromium); nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/render-pictures.sh DIR [FILE.svg ...]}
shift
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "render-pictures: no chromium (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$out"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(docs/pictures/*.svg)
for svg in "${files[@]}"; do
  # The size the picture declares on its <svg> element.
  width=$(grep -o -m1 '<svg [^>]*' "$svg" | sed -n 's/.* width="\([0-9.]*\)".*/\1/p')
  height=$(grep -o -m1 '<svg [^>]*' "$svg" | sed -n 's/.* height="\([0-9.]*\)".*/\1/p')
  png="$out/$(basename "${svg%.svg}").png"
  # --no-sandbox: CI and containers run as root, where Chromium's sandbox cannot start.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="${width:-960},${height:-600}" --screenshot="$png" \
    "file://$(realpath "$svg")" >/dev/null 2>&1
  [ -s "$png" ] || { echo "render-pictures: $svg: no PNG" >&2; exit 1; }
  echo "$png"
done
