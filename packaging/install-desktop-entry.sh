#!/usr/bin/env bash
# Add Blameless Retro to the desktop's application menu (freedesktop: GNOME, KDE, Xfce, …).
# Uses the checkout's .venv (run `make run` once first). Undo with --remove.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
target="$apps/blameless-retro.desktop"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$target" && echo "Removed $target"
  exit 0
fi
retro="$here/.venv/bin/retro"
[ -x "$retro" ] || { echo "No $retro yet: run 'make run' once first." >&2; exit 1; }
mkdir -p "$apps"
sed -e "s|@RETRO@|$retro|" -e "s|@ICON@|$here/resources/icons/app.svg|" \
  "$here/packaging/blameless-retro.desktop.in" > "$target"
echo "Installed $target"
