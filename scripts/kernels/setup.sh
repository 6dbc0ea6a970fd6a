#!/usr/bin/env bash
# setup.sh — install what booting other kernels needs, when it is missing (Debian, as root):
# qemu-system-x86 (the emulator), busybox-static (the guest's init), kmod (depmod for the
# unpacked module trees), xz-utils and zstd (compressed modules). Installs nothing when all
# are there; runs `apt-get update` only when something is missing. Prints what it installed.
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
bb=$(command -v busybox || true)   # ldd exits 1 on a static binary: read its words, not its status
if [[ -z $bb ]] || ! { ldd "$bb" 2>&1 || true; } | grep -q 'not a dynamic'; then need+=(busybox-static); fi
command -v depmod >/dev/null || need+=(kmod)
command -v xz >/dev/null || need+=(xz-utils)
command -v zstd >/dev/null || need+=(zstd)
command -v dpkg-deb >/dev/null || { echo "setup.sh: not a Debian system (no dpkg-deb)" >&2; exit 1; }
[[ ${#need[@]} -eq 0 ]] && exit 0

if [[ $(id -u) != 0 ]]; then
  echo "setup.sh: missing ${need[*]}; run as root or: apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "setup.sh: installing ${need[*]}" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
