#!/usr/bin/env bash
# Build Inkwell's Linux packages into dist/: the PyInstaller bundle (dist/inkwell/),
# a .deb and a .tar.gz. Prints the paths of the .deb and the .tar.gz last.
#
#   bash packaging/build-linux.sh           build
#   bash packaging/build-linux.sh --check   build, then check: the bundle's self-test,
#                                           the packaging tests, and (as root) install
#                                           the .deb with dpkg -i and self-test the
#                                           installed app
#
# Environment: TORCH_SPEC (default torch==2.13.0, the CPU build; see docs/packaging.md
# for CUDA), INKWELL_GPU_BUILD=1 to keep what a CUDA torch needs, INKWELL_DEB_COMPRESSION
# (default xz; zstd builds faster, needs dpkg >= 1.21.18 where it is installed).
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
[ "${1:-}" = "--check" ] && check=1

started=$(date +%s)
stamp() { echo "[$(($(date +%s) - started)) s] $*" >&2; }

stamp "Installing the build environment (.venv)"
bash setup.sh install >/dev/null
py=.venv/bin/python
"$py" -m pip install --disable-pip-version-check -q -r packaging/requirements-build.txt 2> >(grep -v "is ignored: it is neither" >&2)

version=$("$py" -c "import writer_app; print(writer_app.__version__)")
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
export INKWELL_VERSION="$version"

stamp "Staging the default models"
"$py" packaging/stage_models.py build/packaging/models
"$py" packaging/make_icons.py build/packaging/icons >/dev/null

stamp "Building the bundle (PyInstaller)"
bundle_started=$(date +%s)
"$py" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/inkwell.spec
ln -sfn inkwell dist/inkwell/writer-app  # the same command name as the pip-installed app
# Symbol tables of the largest libraries (89 MB of libtorch_cpu.so); their dynamic symbols stay.
# Only these: strip corrupts auditwheel-repaired libraries such as numpy's OpenBLAS.
strip --strip-unneeded dist/inkwell/_internal/torch/lib/libtorch_cpu.so dist/inkwell/_internal/torch/lib/libtorch_python.so \
    dist/inkwell/_internal/libpython3*.so.1.0
bundle_s=$(($(date +%s) - bundle_started))

stamp "Making the .deb"
deb_root=build/packaging/deb
rm -rf "$deb_root"
mkdir -p "$deb_root/DEBIAN" "$deb_root/opt" "$deb_root/usr/bin" "$deb_root/usr/share/applications" \
    "$deb_root/usr/share/mime/packages" "$deb_root/usr/share/icons/hicolor/scalable/apps" "$deb_root/usr/share/doc/inkwell"
cp -a dist/inkwell "$deb_root/opt/inkwell"
ln -s /opt/inkwell/inkwell "$deb_root/usr/bin/inkwell"
cp packaging/linux/inkwell.desktop "$deb_root/usr/share/applications/inkwell.desktop"
cp packaging/linux/inkwell-mime.xml "$deb_root/usr/share/mime/packages/inkwell.xml"
cp -r build/packaging/icons/hicolor "$deb_root/usr/share/icons/"
cp resources/icons/inkwell.svg "$deb_root/usr/share/icons/hicolor/scalable/apps/inkwell.svg"
cp packaging/linux/copyright "$deb_root/usr/share/doc/inkwell/copyright"
installed_kb=$(du -sk --exclude=DEBIAN "$deb_root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kb/" \
    packaging/linux/control.in > "$deb_root/DEBIAN/control"
install -m 0755 packaging/linux/postinst "$deb_root/DEBIAN/postinst"
install -m 0755 packaging/linux/postrm "$deb_root/DEBIAN/postrm"
deb="dist/inkwell_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${INKWELL_DEB_COMPRESSION:-xz}" --build "$deb_root" "$deb" >/dev/null

stamp "Making the .tar.gz"
tarball="dist/inkwell-${version}-linux-${arch}.tar.gz"
cp packaging/linux/inkwell.desktop packaging/linux/install-desktop-entry.sh dist/inkwell/
if command -v pigz >/dev/null; then gz=pigz; else gz=gzip; fi
tar -C dist -cf - inkwell | "$gz" -6 > "$tarball"

total_s=$(($(date +%s) - started))
"$py" - "$deb" "$tarball" "$bundle_s" "$total_s" > dist/build-report.json <<'PY'
import json, os, sys
from pathlib import Path
deb, tarball, bundle_s, total_s = sys.argv[1:]
bundle = Path("dist/inkwell")
size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
print(json.dumps({
    "bundle_mb": round(size / 2**20, 1),
    "models_mb": round(sum(p.stat().st_size for p in (bundle / "_internal/writer_app/_data/models/bundled").rglob("*") if p.is_file()) / 2**20, 1),
    "deb_mb": round(os.path.getsize(deb) / 2**20, 1),
    "tar_gz_mb": round(os.path.getsize(tarball) / 2**20, 1),
    "pyinstaller_s": int(bundle_s),
    "build_s": int(total_s),
}))
PY
stamp "Built: $(cat dist/build-report.json)"

if [ "$check" = 1 ]; then
    stamp "Checking the bundle (self-test with an empty cache, then the packaging tests)"
    fresh=$(mktemp -d)
    INKWELL_CACHE_DIR="$fresh" dist/inkwell/inkwell --self-test | tee dist/self-test.json
    rm -rf "$fresh"
    "$py" -m pytest -q -m packaging tests/packaging
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        stamp "Installing the .deb (dpkg -i) and self-testing the installed app"
        # dpkg -i; when it stops at missing dependencies, apt installs them and finishes the job.
        dpkg -i "$deb" >/dev/null 2>&1 || apt-get install -f -y -qq >/dev/null
        dpkg-query -W -f='${Status} ${Version}\n' inkwell
        fresh=$(mktemp -d)
        INKWELL_CACHE_DIR="$fresh" /usr/bin/inkwell --self-test | tee dist/self-test-installed.json
        rm -rf "$fresh"
    else
        stamp "Not root: skipped installing the .deb"
    fi
fi

echo "$deb"
echo "$tarball"
