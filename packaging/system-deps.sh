#!/usr/bin/env bash
# Qt's offscreen and xcb platforms need a few shared libraries that a minimal Debian/Ubuntu
# may lack. Install the missing ones when we can (root, apt); otherwise say what to install.
set -euo pipefail
need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libGL.so.1'          || need+=(libgl1)
have_lib 'libEGL.so.1'         || need+=(libegl1)
have_lib 'libxkbcommon.so.0'   || need+=(libxkbcommon0)
have_lib 'libfontconfig.so.1'  || need+=(libfontconfig1)
have_lib 'libdbus-1.so.3'      || need+=(libdbus-1-3)
have_lib 'libglib-2.0.so.0'    || need+=(libglib2.0-0)
[ ${#need[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing system libraries Qt needs: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
else
  echo "Qt needs these system libraries: ${need[*]} (install them with your package manager)" >&2
fi
