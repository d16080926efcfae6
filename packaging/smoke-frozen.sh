#!/usr/bin/env bash
# Smoke test of a built bundle's own executable (CI runs it after `make dist`):
#   bash packaging/smoke-frozen.sh [BUNDLE_DIR]     (default: build/dist/blameless-retro)
# On Qt's offscreen platform, with a new, empty home and data folder and no Python around, the
# app must show the library with the demo retro (its window is saved as a PNG), and the CLI entry
# point must export the demo's internal PDF; the desktop entry and the AppStream metainfo in the
# bundle must validate.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle="$(cd "${1:-build/dist/blameless-retro}" && pwd)"
out="${SMOKE_OUT:-build/smoke}"
rm -rf "$out" && mkdir -p "$out" && out="$(cd "$out" && pwd)"
home="$(mktemp -d)"
start=$(date +%s)
run() {  # the bundle's executable in a bare environment: nothing of ours on PATH or PYTHONPATH
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" XDG_CONFIG_HOME="$home/config" \
    XDG_RUNTIME_DIR="$home" "$@"
}
run RETRO_SMOKE_SCREENSHOT="$out/library.png" RETRO_SMOKE_TIMEOUT=120 "$bundle/retro" > "$out/app.out"
grep -q "^library: Checkout errors after a worker-count change" "$out/app.out" \
  || { echo "smoke: the library did not show the demo retro:" >&2; cat "$out/app.out" >&2; exit 1; }
[ -s "$out/library.png" ] || { echo "smoke: no window image" >&2; exit 1; }
[ -s "$home/data/blameless-retro/retro.sqlite3" ] || { echo "smoke: no database in the new data folder" >&2; exit 1; }
id="$(run "$bundle/retro" list | cut -f1 | head -n 1)"
[ -n "$id" ] || { echo "smoke: 'retro list' shows no retro" >&2; exit 1; }
run "$bundle/retro" export "$id" --format pdf -o "$out/internal.pdf"
head -c 5 "$out/internal.pdf" | grep -q '%PDF-' || { echo "smoke: the export is not a PDF" >&2; exit 1; }
if command -v pdffonts >/dev/null; then
  pdffonts "$out/internal.pdf" | grep -qE "NotoSans|DejaVuSans" || { echo "smoke: the PDF lacks the bundled fonts" >&2; exit 1; }
fi
run "$bundle/retro" --version | head -n 1
[ -s "$home/state/blameless-retro/log/retro.log" ] || { echo "smoke: no log file" >&2; exit 1; }
desktop-file-validate "$bundle/share/applications/org.blamelessretro.Retro.desktop"
appstreamcli validate --no-net "$bundle/share/metainfo/org.blamelessretro.Retro.metainfo.xml"
rm -rf "$home"
echo "smoke: the frozen app showed the demo and exported its internal PDF ($(du -h "$out/internal.pdf" | cut -f1)) in $(( $(date +%s) - start )) s; window: $out/library.png"
