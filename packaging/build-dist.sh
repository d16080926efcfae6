#!/usr/bin/env bash
# `make dist`: the frozen onedir bundle (PyInstaller) and its .tar.gz, with the version in the name.
#   bash packaging/build-dist.sh [PYTHON]     (default: .venv/bin/python, the app's own virtualenv)
# Output: build/dist/blameless-retro/ (run ./retro) and dist/blameless-retro-VERSION-linux-ARCH.tar.gz,
# which unpacks to blameless-retro-VERSION/ holding retro, _internal/, share/ (desktop entry,
# metainfo, MIME type, icons) and install.sh (per-user install).
set -euo pipefail
cd "$(dirname "$0")/.."
py="${1:-.venv/bin/python}"
start=$(date +%s)
# PyInstaller goes into the same virtualenv (plain pip; never an editable re-install).
"$py" -c "import PyInstaller" 2>/dev/null || "$py" -m pip install --quiet 'pyinstaller>=6.10'
version="$("$py" -c 'import retro; print(retro.__version__)')"
arch="$(uname -m)"
bundle=build/dist/blameless-retro
rm -rf "$bundle"
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/pyinstaller packaging/blameless-retro.spec
"$py" packaging/desktop_files.py "$bundle/share" >/dev/null
cp packaging/install-desktop-entry.sh "$bundle/install.sh"
chmod +x "$bundle/install.sh"
cat > "$bundle/README.txt" <<TXT
Blameless Retro $version for Linux ($arch)

  ./retro            open the app (your retros live in ~/.local/share/blameless-retro)
  ./retro --help     the command line
  ./install.sh       add it to your app menu, open .retro.json documents with it, put retro on PATH
  ./install.sh --remove
TXT
mkdir -p dist
name="blameless-retro-$version-linux-$arch"
tarball="dist/$name.tar.gz"
rm -f "$tarball"
tar -C build/dist --transform "s|^blameless-retro|$name|" -czf "$tarball" blameless-retro
end=$(date +%s)
echo "bundle:  $bundle ($(du -sh "$bundle" | cut -f1))"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
echo "built in $((end - start)) s"
