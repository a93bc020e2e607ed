#!/bin/sh
# For the .tar.gz: add Inkwell to your applications menu (for you only), from wherever you unpacked it.
#   sh install-desktop-entry.sh            add the menu entry, icon and "Open with" for .txt/.md
#   sh install-desktop-entry.sh --remove   take them away again
set -e
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
if [ "${1:-}" = --remove ]; then
    rm -f "$apps/inkwell.desktop" "$icons/inkwell.svg"
else
    mkdir -p "$apps" "$icons"
    cp "$here/_internal/writer_app/_data/resources/icons/inkwell.svg" "$icons/inkwell.svg"
    sed "s|^Exec=inkwell|Exec=\"$here/inkwell\"|" "$here/inkwell.desktop" > "$apps/inkwell.desktop"
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
echo "Done."
