#!/usr/bin/env bash
# fetch.sh — download Debian's distribution kernels with `apt-get download` (never installed)
# and unpack each into its own root under the cache, for booting with in-kernel.sh.
#
#   scripts/kernels/fetch.sh [--refresh] [LABEL...]
#
# Labels: 5.10 (bullseye), 6.1 (bookworm), 6.12 (trixie), sid (the newest in unstable);
# default all four. Prints one `LABEL PATH-TO-VMLINUZ` line per kernel on stdout when done
# (progress and errors go to stderr). Exits non-zero if any requested kernel is missing.
#
# Idempotent: a kernel already unpacked is not fetched again (a cached sid stays what it was:
# `--refresh` re-reads the archive and replaces any kernel whose package changed).
# Layout of the cache (FLAMESCRIPT_KERNEL_CACHE, default /var/tmp/flamescript-kernels):
#   apt/             a private APT_CONFIG, sources list, package lists and download cache:
#                    the system's sources and package state never change
#   LABEL/root/      that kernel's packages, unpacked with dpkg-deb -x (one root per kernel,
#                    so module trees never mix); depmod already run
#   LABEL/vmlinuz    symlink to the image inside LABEL/root
#   LABEL/packages   the .deb file names it came from (the stamp that says it is complete)
# The archive is the one this machine's apt already uses (first non-security Debian URI in
# /etc/apt/sources.list*), or FLAMESCRIPT_DEBIAN_MIRROR.
# Needs: apt-get, dpkg-deb, depmod (kmod). Run as root (or any user who can write the cache).
set -euo pipefail

CACHE=${FLAMESCRIPT_KERNEL_CACHE:-/var/tmp/flamescript-kernels}
REFRESH=0
labels=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --refresh) REFRESH=1; shift;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0;;
    -*) echo "fetch.sh: unknown option $1" >&2; exit 2;;
    *) labels+=("$1"); shift;;
  esac
done
[[ ${#labels[@]} -gt 0 ]] || labels=(5.10 6.1 6.12 sid)

suite_of() {
  case $1 in
    5.10) echo bullseye;; 6.1) echo bookworm;; 6.12) echo trixie;; sid) echo sid;;
    *) echo "fetch.sh: unknown kernel label '$1' (known: 5.10 6.1 6.12 sid)" >&2; return 1;;
  esac
}
for l in "${labels[@]}"; do suite_of "$l" >/dev/null || exit 2; done
for t in apt-get apt-cache dpkg-deb; do
  command -v $t >/dev/null || { echo "fetch.sh: $t missing" >&2; exit 1; }
done
command -v depmod >/dev/null || command -v /sbin/depmod >/dev/null ||
  { echo "fetch.sh: depmod missing (apt-get install kmod)" >&2; exit 1; }
PATH=$PATH:/sbin:/usr/sbin

vmlinuz_in() {   # the image inside an unpacked root (newer packages keep it beside the modules)
  { ls "$1"/boot/vmlinuz-* "$1"/usr/lib/modules/*/vmlinuz 2>/dev/null || true; } | sort -V | tail -1
}
complete() { [[ -s $CACHE/$1/packages && -e $CACHE/$1/vmlinuz ]]; }

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9   # two callers at once (e.g. two matrix runs) wait for each other

need=()
for l in "${labels[@]}"; do
  if [[ $REFRESH == 1 ]] || ! complete "$l"; then need+=("$l"); fi
done

if [[ ${#need[@]} -gt 0 ]]; then
  mkdir -p "$CACHE"/apt/{lists/partial,cache/archives/partial}
  mirror=${FLAMESCRIPT_DEBIAN_MIRROR:-}
  if [[ -z $mirror ]]; then
    mirror=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
               /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | head -1 |
             sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*//' || true)
  fi
  [[ -n $mirror ]] || { echo "fetch.sh: no Debian mirror found in /etc/apt (set FLAMESCRIPT_DEBIAN_MIRROR)" >&2; exit 1; }
  key=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -r $key ]] || { echo "fetch.sh: $key missing (apt-get install debian-archive-keyring)" >&2; exit 1; }
  : > "$CACHE/apt/sources.list"
  for l in "${need[@]}"; do
    echo "deb [arch=amd64 signed-by=$key] $mirror $(suite_of "$l") main" >> "$CACHE/apt/sources.list"
  done
  cat > "$CACHE/apt/apt.conf" <<EOF
Dir::Etc::SourceList "$CACHE/apt/sources.list";
Dir::Etc::SourceParts "/dev/null";
Dir::Etc::Preferences "/dev/null";
Dir::Etc::PreferencesParts "/dev/null";
Dir::State::Lists "$CACHE/apt/lists";
Dir::Cache "$CACHE/apt/cache";
Acquire::Languages "none";
APT::Architecture "amd64";
EOF
  export APT_CONFIG=$CACHE/apt/apt.conf
  echo "fetch.sh: reading the package lists of ${need[*]} from $mirror" >&2
  t0=$(date +%s)
  apt-get update -qq >&2
  echo "fetch.sh: package lists read in $(( $(date +%s) - t0 )) s" >&2

  # The newest image of each suite: linux-image-amd64's dependency names it. Newer suites make
  # that image a meta package over linux-binary-* (the kernel) and linux-modules-*.
  deps() { apt-cache show "$1" 2>/dev/null | awk -F': ' '/^Depends:/{print $2; exit}' | tr ',|' '\n\n' |
           grep -oE 'linux-(image|binary|modules)-[0-9][^ ]*' || true; }
  for l in "${need[@]}"; do
    s=$(suite_of "$l")
    img=$(deps "linux-image-amd64/$s" | head -1)
    [[ -n $img ]] || { echo "fetch.sh: no kernel package in $s" >&2; continue; }
    pkgs=("$img")
    for d in $(deps "$img/$s"); do case $d in linux-binary-*|linux-modules-*) pkgs+=("$d");; esac; done
    # The .deb names the archive has now (nothing downloaded yet): unchanged means done.
    want=$(apt-get download --print-uris "${pkgs[@]/%//$s}" 2>/dev/null | awk '{print $2}' | LC_ALL=C sort)
    if [[ -n $want ]] && complete "$l" && [[ $(cat "$CACHE/$l/packages") == "$want" ]]; then
      echo "fetch.sh: $l ($s) unchanged: $img" >&2; continue
    fi
    dl=$CACHE/$l.download
    rm -rf "$dl"; mkdir -p "$dl"
    t0=$(date +%s)
    (cd "$dl" && { apt-get download -qq "${pkgs[@]/%//$s}" 2>/dev/null || apt-get download -qq "${pkgs[@]}"; }) >&2 ||
      { echo "fetch.sh: download of ${pkgs[*]} ($s) failed" >&2; rm -rf "$dl"; continue; }
    debs=$(cd "$dl" && ls *.deb | LC_ALL=C sort)
    msg="fetch.sh: $l ($s): $(echo $debs): $(du -cm "$dl"/*.deb | tail -1 | cut -f1) MB downloaded in $(( $(date +%s) - t0 )) s"
    t0=$(date +%s)
    new=$CACHE/$l.new
    rm -rf "$new"; mkdir -p "$new/root"
    for d in "$dl"/*.deb; do dpkg-deb -x "$d" "$new/root"; done
    vm=$(vmlinuz_in "$new/root")
    [[ -n $vm ]] || { echo "fetch.sh: no vmlinuz in ${pkgs[*]}" >&2; rm -rf "$new" "$dl"; continue; }
    for md in "$new"/root/{usr/,}lib/modules/*/; do   # modules.dep: in-kernel.sh needs no depmod run
      [[ -d $md/kernel ]] || continue
      v=$(basename "$md"); base=${md%/lib/modules/*}
      depmod -b "$base" "$v" 2>/dev/null || echo "fetch.sh: warning: depmod $v failed" >&2
    done
    ln -s "root/${vm#"$new/root/"}" "$new/vmlinuz"
    echo "$debs" > "$new/packages"
    echo "$msg, unpacked in $(( $(date +%s) - t0 )) s" >&2
    rm -rf "$CACHE/$l.old"; [[ -e $CACHE/$l ]] && mv "$CACHE/$l" "$CACHE/$l.old"
    mv "$new" "$CACHE/$l"
    rm -rf "$CACHE/$l.old" "$dl"
  done
  rm -rf "$CACHE"/apt/cache/archives/*.deb
  unset APT_CONFIG
fi

rc=0
for l in "${labels[@]}"; do
  if complete "$l"; then echo "$l $(readlink -f "$CACHE/$l/vmlinuz")"
  else echo "fetch.sh: kernel $l is not available" >&2; rc=1; fi
done
exit $rc
