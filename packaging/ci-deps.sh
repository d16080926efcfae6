#!/usr/bin/env bash
# What CI needs beyond the app's own system libraries: the validators for the desktop entry and
# the AppStream metainfo, and poppler (pdffonts) for the frozen build's smoke test.
set -euo pipefail
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null          || need+=(appstream)
command -v pdffonts >/dev/null              || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing CI tools: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "CI needs: ${need[*]} (install them with your package manager)" >&2
  exit 1
fi
