#!/usr/bin/env bash
# Qt's offscreen platform (tests) and xcb platform (the app on an X11 desktop) need shared
# libraries that a minimal Debian/Ubuntu may lack; since Qt 6.5 xcb also needs xcb-cursor.
# Install the missing ones when we can (root, apt); otherwise say what to install.
set -euo pipefail
need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libGL.so.1'          || need+=(libgl1)
have_lib 'libEGL.so.1'         || need+=(libegl1)
have_lib 'libxkbcommon.so.0'   || need+=(libxkbcommon0)
have_lib 'libfontconfig.so.1'  || need+=(libfontconfig1)
have_lib 'libdbus-1.so.3'      || need+=(libdbus-1-3)
have_lib 'libglib-2.0.so.0'    || need+=(libglib2.0-0)
# the xcb platform plugin (the real window on X11 / Xvfb)
have_lib 'libxcb-cursor.so.0'      || need+=(libxcb-cursor0)
have_lib 'libxcb-icccm.so.4'       || need+=(libxcb-icccm4)
have_lib 'libxcb-image.so.0'       || need+=(libxcb-image0)
have_lib 'libxcb-keysyms.so.1'     || need+=(libxcb-keysyms1)
have_lib 'libxcb-render-util.so.0' || need+=(libxcb-render-util0)
have_lib 'libxcb-xkb.so.1'         || need+=(libxcb-xkb1)
have_lib 'libxkbcommon-x11.so.0'   || need+=(libxkbcommon-x11-0)
have_lib 'libxcb-shape.so.0'       || need+=(libxcb-shape0)
# pdftotext and pdftoppm: the report tests check what a PDF reader extracts (bidi, ActualText)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing system packages the app and its tests need: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Qt needs these system libraries: ${need[*]} (install them with your package manager)" >&2
fi
