#!/usr/bin/env bash
# Install Blameless Retro for the current user (no root): the app menu entry, the icons, the
# MIME type for its JSON documents (so a file manager opens them in the app) and the AppStream
# metadata, all under ~/.local/share; and `retro` in ~/.local/bin.
#
#   From an unpacked bundle (blameless-retro-VERSION-linux-ARCH.tar.gz):  ./install.sh
#     copies the bundle to ~/.local/lib/blameless-retro and links ~/.local/bin/retro to it.
#   From a source checkout (after `make run` once):  bash packaging/install-desktop-entry.sh
#     uses the checkout's .venv/bin/retro.
#   Either way, --remove takes everything out again (your retros and logs stay).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_id=org.blamelessretro.Retro
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
lib="$HOME/.local/lib/blameless-retro"

refresh() {
  command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
}

if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml" \
        "$data/mime/packages/$app_id.xml"
  find "$data/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
  if [ -L "$bin/retro" ] && [ "$(readlink "$bin/retro")" = "$lib/retro" ]; then rm -f "$bin/retro"; fi
  rm -rf "$lib"
  refresh
  echo "Removed Blameless Retro's desktop entry, icons and MIME type (your retros are untouched)."
  exit 0
fi

if [ -x "$here/retro" ] && [ -d "$here/share" ]; then      # an unpacked bundle
  share="$here/share"
  if [ "$here" != "$lib" ]; then
    rm -rf "$lib.new" && mkdir -p "$(dirname "$lib")"
    cp -a "$here" "$lib.new" && rm -rf "$lib" && mv "$lib.new" "$lib"
  fi
  retro="$lib/retro"
  mkdir -p "$bin" && ln -sfn "$retro" "$bin/retro"
  echo "Installed the app in $lib and linked $bin/retro"
  case ":$PATH:" in *":$bin:"*) ;; *) echo "Note: $bin is not on your PATH; the menu entry works anyway.";; esac
else                                                        # a source checkout
  repo="$(cd "$here/.." && pwd)"
  retro="$repo/.venv/bin/retro"
  [ -x "$retro" ] || { echo "No $retro yet: run 'make run' once first." >&2; exit 1; }
  share="$(mktemp -d)/share"
  "$repo/.venv/bin/python" "$repo/packaging/desktop_files.py" "$share" >/dev/null
fi

mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages"
# Exec and TryExec point at this installation (quoted: a path may hold spaces).
sed -e "s|^Exec=retro |Exec=\"$retro\" |" -e "s|^TryExec=retro$|TryExec=$retro|" \
  "$share/applications/$app_id.desktop" > "$data/applications/$app_id.desktop"
cp "$share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
cp "$share/mime/packages/$app_id.xml" "$data/mime/packages/"
(cd "$share/icons" && find hicolor -type f -name "$app_id.*" -print0 | while IFS= read -r -d '' f; do
  mkdir -p "$data/icons/$(dirname "$f")" && cp "$f" "$data/icons/$f"; done)
refresh
echo "Installed $data/applications/$app_id.desktop (Blameless Retro in the app menu; .retro.json and"
echo "Blameless Retro JSON documents open in it). Undo with: $0 --remove"
