#!/bin/sh
# For the .tar.gz: add Inkwell to your applications menu (for you only), from wherever you unpacked it.
#   sh install-desktop-entry.sh            add the menu entry, icon and "Open with" for .txt/.md
#   sh install-desktop-entry.sh --remove   take them away again
set -e
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"

# The binary as one argument of a Desktop Entry Exec= line. Inside "…" the
# spec wants \ " ` $ escaped with a backslash; the value's own string escapes
# are undone first, so each of those backslashes is written twice (\\ becomes
# \\\\). % starts a field code, so a literal % is written %%.
exec_argument() {
    printf '%s' "$1" | sed -e 's/\\/\\\\\\\\/g' -e 's/"/\\\\"/g' -e 's/`/\\\\`/g' -e 's/\$/\\\\$/g' -e 's/%/%%/g'
}

if [ "${1:-}" = --remove ]; then
    rm -f "$apps/inkwell.desktop" "$icons/inkwell.svg"
else
    case "$here" in
        *"
"*)
            echo "Inkwell's folder name has a line break, which a menu entry cannot hold: $here" >&2
            echo "Move or rename the folder, then run this again." >&2
            exit 1
            ;;
    esac
    program=$(exec_argument "$here/inkwell")
    mkdir -p "$apps" "$icons"
    cp "$here/_internal/writer_app/_data/resources/icons/inkwell.svg" "$icons/inkwell.svg"
    # Line by line rather than sed: the folder name may hold any of sed's special characters.
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            Exec=inkwell*) printf 'Exec="%s"%s\n' "$program" "${line#Exec=inkwell}" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done < "$here/inkwell.desktop" > "$apps/inkwell.desktop"
fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
echo "Done."
