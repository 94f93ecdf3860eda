#!/usr/bin/env bash
# Render `roles matrix --format html` in headless Chromium: a screenshot and a PDF of each page.
#
# Why: the unit tests check the page's structure; only a browser shows whether it reads well
# and prints on one page. Pages: every view of the seeds (roles/) and of a generated catalog
# of 12 roles (tests/matrixcases.py). Outputs go to tools/.out/ (gitignored): NAME.html,
# NAME.png (1280x900) and NAME.pdf; each PDF must have exactly one page, or the script exits 1.
# Look at the PNGs yourself. Installs Debian's chromium and poppler-utils (pdfinfo) if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
ROLES=${ROLES:-.venv/bin/roles}
PYTHON=${PYTHON:-.venv/bin/python}
OUT=tools/.out
mkdir -p "$OUT"

if ! command -v chromium >/dev/null || ! command -v pdfinfo >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
fi

catalog="$OUT/catalog"
rm -rf "$catalog"
"$PYTHON" -m tests.matrixcases "$catalog" -n 12 >/dev/null

render() {  # NAME, then the arguments of `roles matrix`
  local name=$1
  shift
  "$ROLES" matrix "$@" --format html --output "$OUT/$name.html"
  local profile
  profile=$(mktemp -d)
  local url="file://$PWD/$OUT/$name.html"
  local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$profile" --hide-scrollbars)
  chromium "${flags[@]}" --screenshot="$OUT/$name.png" --window-size=1280,900 "$url" \
    >/dev/null 2>&1
  chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/$name.pdf" "$url" \
    >/dev/null 2>&1
  rm -rf "$profile"
  local pages
  pages=$(pdfinfo "$OUT/$name.pdf" | awk '/^Pages:/ {print $2}')
  echo "$name: $OUT/$name.png, $OUT/$name.pdf ($pages page(s))"
  if [ "$pages" != "1" ]; then
    echo "$name: prints on $pages pages, not one" >&2
    failed=1
  fi
}

failed=0
render seeds-sub-roles --roles-dir roles
render seeds-duties --roles-dir roles --by duties
render seeds-needs --roles-dir roles --by needs
render seeds-similar --roles-dir roles --similar devops-engineer
render generated-sub-roles --roles-dir "$catalog"
render generated-duties --roles-dir "$catalog" --by duties
render generated-needs --roles-dir "$catalog" --by needs
render generated-similar --roles-dir "$catalog" --similar "$(ls "$catalog" | head -1 | sed 's/\.md$//')"
exit $failed
