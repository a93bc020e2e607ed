#!/usr/bin/env bash
# Install a built .deb on a minimal Debian (a debootstrap chroot: no Python, no Qt,
# no X libraries) and run the installed app's self-test there. Checks that the
# package's Depends bring everything the bundle does not carry. Needs root,
# debootstrap and a Debian mirror.
#
#   sudo bash packaging/linux/test-in-clean-debian.sh dist/inkwell_0.1.0_amd64.deb [CHROOT_DIR]
set -euo pipefail

deb=$(realpath "$1")
root=${2:-build/packaging/clean-debian}
suite=${INKWELL_TEST_SUITE:-bookworm}
mirror=${INKWELL_TEST_MIRROR:-http://deb.debian.org/debian}

if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
fi
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"' EXIT
cp "$deb" "$root/tmp/inkwell.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
chroot "$root" apt-get update -qq
# dpkg -i stops at the missing libraries; apt-get -f installs them and finishes.
chroot "$root" dpkg -i /tmp/inkwell.deb >/dev/null 2>&1 || chroot "$root" apt-get install -f -y -qq --no-install-recommends >/dev/null
chroot "$root" dpkg-query -W -f='${Status} ${Version}\n' inkwell >&2
# A fresh user's first start, with no network at all.
chroot "$root" env -i HOME=/tmp/writer PATH=/usr/bin:/bin LANG=C.UTF-8 \
    unshare -n /usr/bin/inkwell --self-test
