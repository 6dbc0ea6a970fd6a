#!/usr/bin/env bash
# in-kernel.sh — run one command as root inside a throw-away QEMU guest
# booted with a given kernel image; the host's / is the guest's / (read-only
# 9p lower layer + tmpfs overlay, so writes land in guest RAM and vanish).
# It installs nothing: scripts/kernels/setup.sh installs what it needs.
#
#   in-kernel.sh [-m MEM] [-c CPUS] [-t SECONDS] [-e NAME=VALUE]... [-S] [-d DIR] VMLINUZ -- CMD [ARGS...]
#
# stdout/stderr of CMD come back on stdout/stderr when the guest is done; with
# -S they are merged and streamed live (on stdout) while CMD runs.
# -e exports NAME=VALUE to CMD in the guest (repeatable); the guest's
# environment is otherwise fixed (PATH, HOME=/root, TERM=dumb, LANG=C.UTF-8).
# -d DIR formats the scratch disk (/dev/vda) as ext4 on the host and mounts it at
# DIR in the guest (mode 1777; default size then 512 MiB): a real block device for
# O_DIRECT and block-I/O tests, which tmpfs and the 9p root are not.
# Exit status is CMD's; 124 = timed out (host-side), 125 = harness/boot
# failure (console tail shown); 137 = killed by the in-guest limit (-t minus 20 s).
# In the guest: /sys/kernel/btf/vmlinux (if the kernel has BTF),
# /sys/kernel/tracing, /sys/kernel/debug, /sys/fs/bpf, cgroup2, /proc, /dev;
# the working directory is the caller's; /lib/modules/<guest-ver> is the
# kernel's own module tree, so modprobe works.
# Modules for 9p/overlay/virtio are taken from the module tree that belongs
# to VMLINUZ: IK_MODDIR, else <dir of VMLINUZ>/../{usr/,}lib/modules/<ver>,
# else the dir of VMLINUZ if it holds modules.dep, else /lib/modules/<ver>.
# Env: IK_TIMEOUT (300), IK_MEM (2G), IK_CPUS (2), IK_CACHE (~/.cache/in-kernel),
#      IK_VERBOSE=1 (console log + boot timing on stderr), IK_KEEP=1 (keep run dir),
#      IK_DISK_MB (64: a blank sparse virtio disk, /dev/vda in the guest, for
#      block-I/O probes; 0 = none), IK_APPEND (extra kernel cmdline),
#      IK_ACCEL (auto|kvm|tcg; auto = kvm only with kvm_intel/kvm_amd),
#      IK_TIMES (a file: gets "wall=S boot=S cmd=S", host wall time of the whole
#      run, guest uptime when CMD started, and CMD's own duration in the guest).
set -euo pipefail

TIMEOUT=${IK_TIMEOUT:-300}; MEM=${IK_MEM:-2G}; CPUS=${IK_CPUS:-2}
CACHE=${IK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/in-kernel}
die() { echo "in-kernel: $*" >&2; exit 125; }
GUEST_ENV=(); STREAM=0; SCRATCH=
while [[ $# -gt 0 ]]; do
  case $1 in
    -m) MEM=$2; shift 2;; -c) CPUS=$2; shift 2;; -t) TIMEOUT=$2; shift 2;;
    -e) [[ $2 =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "-e wants NAME=VALUE, not '$2'"; GUEST_ENV+=("$2"); shift 2;;
    -S) STREAM=1; shift;;
    -d) [[ $2 == /* ]] || die "-d wants an absolute path"; SCRATCH=$2; shift 2;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0;;
    *) break;;
  esac
done
[[ $# -ge 3 && $2 == -- ]] || die "usage: $0 [-m MEM] [-c CPUS] [-t SEC] [-e NAME=VALUE]... [-S] [-d DIR] VMLINUZ -- CMD [ARGS...]"
KIMG=$(readlink -f "$1"); shift 2
[[ -r $KIMG ]] || die "no kernel image $KIMG"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (apt-get install qemu-system-x86)"
BB=$(command -v busybox || true); [[ -n $BB ]] && file_is_static=$(ldd "$BB" 2>&1 | grep -c 'not a dynamic' || true)
[[ -n $BB && ${file_is_static:-0} -ge 1 ]] || die "static busybox missing (apt-get install busybox-static)"

# --- kernel release string from the bzImage header ---------------------------
[[ $(dd if="$KIMG" bs=1 skip=$((0x202)) count=4 2>/dev/null) == HdrS ]] || die "$KIMG is not a bzImage"
voff=$(od -An -tu2 -j $((0x20E)) -N2 "$KIMG" | tr -d ' ')
KVER=$(dd if="$KIMG" bs=1 skip=$((voff + 0x200)) count=128 2>/dev/null | tr '\0' '\n' | head -1 | cut -d' ' -f1)
[[ -n $KVER ]] || die "cannot read kernel version from $KIMG"

# --- its module tree ------------------------------------------------------------
kd=$(dirname "$KIMG")
MODDIR=${IK_MODDIR:-}
if [[ -z $MODDIR ]]; then
  for c in "$kd/../lib/modules/$KVER" "$kd/../usr/lib/modules/$KVER" "$kd" "/lib/modules/$KVER"; do
    [[ -d $c/kernel ]] || continue
    c=$(readlink -f "$c")
    if [[ ! -f $c/modules.dep ]]; then   # tree unpacked with dpkg-deb -x: no depmod run yet
      command -v depmod >/dev/null || die "$c has no modules.dep and depmod is missing (apt-get install kmod)"
      depmod -b "${c%/lib/modules/$KVER}" "$KVER" 2>/dev/null || die "depmod failed for $c"
    fi
    MODDIR=$c; break
  done
fi
[[ -n $MODDIR ]] || echo "in-kernel: warning: no module tree for $KVER; assuming virtio/9p/overlay are built in" >&2

# --- initramfs (cached per kernel release + module tree + this script) -----------
mkdir -p "$CACHE"
key=$(printf '%s\n' "$KVER" "$MODDIR" "$(stat -c %Y "$MODDIR/modules.dep" 2>/dev/null)" "$(sha1sum < "$0")" | sha1sum | cut -c1-12)   # a re-unpacked tree gets a new one
INITRD=$CACHE/initrd-$KVER-$key.cpio.gz
if [[ ! -s $INITRD ]]; then
  st=$(mktemp -d); trap 'rm -rf "$st"' EXIT
  mkdir -p "$st"/{bin,dev,proc,sys,host,newroot,mods,out,run}
  cp "$BB" "$st/bin/busybox"
  : > "$st/mods/order"
  if [[ -n $MODDIR ]]; then
    declare -A seen=()
    add_mod() {                      # $1 = path relative to MODDIR, deps first
      local rel=$1 d
      [[ -n ${seen[$rel]:-} ]] && return; seen[$rel]=1
      for d in $(awk -v m="$rel:" '$1==m { $1=""; print }' "$MODDIR/modules.dep"); do add_mod "$d"; done
      local b; b=$(basename "$rel"); b=${b%.xz}; b=${b%.zst}; b=${b%.gz}
      case $rel in
        *.xz) xz -dc "$MODDIR/$rel" > "$st/mods/$b";; *.zst) zstd -qdc "$MODDIR/$rel" > "$st/mods/$b";;
        *.gz) gzip -dc "$MODDIR/$rel" > "$st/mods/$b";; *) cp "$MODDIR/$rel" "$st/mods/$b";;
      esac
      echo "$b" >> "$st/mods/order"
    }
    for m in virtio virtio_ring virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci \
             netfs fscache 9pnet 9pnet_virtio 9p overlay virtio_blk; do
      rel=$(awk -F: -v m="$m" '{ n=$1; sub(/.*\//,"",n); sub(/\.ko(\.(xz|zst|gz))?$/,"",n); if (n==m) { print $1; exit } }' "$MODDIR/modules.dep")
      [[ -n $rel ]] && add_mod "$rel"
    done
  fi
  cat > "$st/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $(cat /mods/order); do insmod /mods/$m 2>/dev/null || echo "in-kernel-init: insmod $m failed"; done
fail() { echo "in-kernel-init: $*"; echo 125 > /out/rc 2>/dev/null; poweroff -f; }
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 ikout /out || fail "cannot mount ikout"
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 hostroot /host || fail "cannot mount host root"
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /run/upper /run/work
R=/newroot
if ! mount -t overlay -o lowerdir=/host,upperdir=/run/upper,workdir=/run/work overlay $R 2>/dev/null; then
  echo "in-kernel-init: overlay failed, using read-only 9p root + tmpfs dirs"
  mount -o bind /host $R
  for d in tmp run var/tmp root; do mount -t tmpfs tmpfs $R/$d; done
fi
mount -t proc proc $R/proc; mount -t sysfs sys $R/sys; mount -t devtmpfs dev $R/dev
mkdir -p $R/dev/pts $R/dev/shm; mount -t devpts devpts $R/dev/pts; mount -t tmpfs tmpfs $R/dev/shm
# A working directory under /tmp or /run (a CI clone in /tmp) would vanish under the fresh
# tmpfs mounted there: keep it (writable, through the overlay) and put it back on top.
WD=$(cat /out/workdir 2>/dev/null)
case "$WD" in
  /tmp/*|/run/*) mkdir -p /run/wd && mount -o bind "$R$WD" /run/wd || WD= ;;
  *) WD= ;;
esac
mount -t tmpfs -o mode=1777 tmpfs $R/tmp; mount -t tmpfs -o mode=755 tmpfs $R/run
if [ -n "$WD" ]; then mkdir -p "$R$WD" && mount -o bind /run/wd "$R$WD"; fi
mount -t tracefs tracefs $R/sys/kernel/tracing 2>/dev/null
mount -t debugfs debugfs $R/sys/kernel/debug 2>/dev/null
mount -t bpf bpf $R/sys/fs/bpf 2>/dev/null
mount -t cgroup2 cgroup2 $R/sys/fs/cgroup 2>/dev/null
mkdir -p $R/run/ik; mount -o bind /out $R/run/ik
KV=$(uname -r)
if [ -n "$(cat /out/moddir)" ] && mkdir -p $R/lib/modules/$KV 2>/dev/null; then mount -o bind /host$(cat /out/moddir) $R/lib/modules/$KV; fi
echo 1 > /proc/sys/kernel/panic_on_oops 2>/dev/null
cut -d' ' -f1 /proc/uptime > /out/t_cmd_start
chroot $R /bin/sh /run/ik/cmd.sh
echo $? > /out/rc
cut -d' ' -f1 /proc/uptime > /out/t_cmd_end
sync; umount $R/run/ik 2>/dev/null; umount /out 2>/dev/null
poweroff -f
INIT
  chmod +x "$st/init"
  rm -f "$CACHE/initrd-$KVER-"*.cpio.gz   # older builds for this release
  (cd "$st" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) > "$INITRD.tmp" && mv "$INITRD.tmp" "$INITRD"
  rm -rf "$st"; trap - EXIT
fi

# --- per-run directory: command script in, stdout/stderr/rc out -----------------
RUN=$(mktemp -d /tmp/in-kernel.XXXXXX)
qpid=; tpid=
cleanup() {   # also on TERM/INT (e.g. a caller's timeout): no qemu is left behind
  [[ -n $qpid ]] && kill "$qpid" 2>/dev/null; [[ -n $tpid ]] && kill "$tpid" 2>/dev/null
  [[ -n ${IK_KEEP:-} ]] || rm -rf "$RUN"
}
trap cleanup EXIT; trap 'exit 143' TERM; trap 'exit 130' INT
gtimeout=$(( TIMEOUT > 60 ? TIMEOUT - 20 : TIMEOUT * 2 / 3 ))   # in-guest limit fires first
printf '%s\n' "${MODDIR:-}" > "$RUN/moddir"
printf '%s\n' "$PWD" > "$RUN/workdir"
DISK_MB=${IK_DISK_MB:-$([[ -n $SCRATCH ]] && echo 512 || echo 64)}; disk_opts=()
[[ -z $SCRATCH || $DISK_MB -gt 0 ]] || die "-d needs a disk (IK_DISK_MB > 0)"
if [[ $DISK_MB -gt 0 ]]; then
  truncate -s "${DISK_MB}M" "$RUN/disk.img"
  if [[ -n $SCRATCH ]]; then
    mkfs=$(PATH=$PATH:/sbin:/usr/sbin command -v mkfs.ext4) || die "-d needs mkfs.ext4 (apt-get install e2fsprogs)"
    "$mkfs" -q -F -L scratch -E nodiscard,lazy_itable_init=1,lazy_journal_init=1 "$RUN/disk.img" || die "mkfs.ext4 failed"
  fi
  disk_opts=(-drive file="$RUN/disk.img",format=raw,if=virtio,cache=unsafe)
fi
{
  echo 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8'
  for e in "${GUEST_ENV[@]}"; do printf 'export %q\n' "$e"; done
  printf 'cd %q 2>/dev/null || cd /\n' "$PWD"
  if [[ $STREAM == 1 ]]; then printf 'exec >/run/ik/stdout 2>&1 </dev/null\n'
  else printf 'exec >/run/ik/stdout 2>/run/ik/stderr </dev/null\n'; fi
  if [[ -n $SCRATCH ]]; then   # ext4 is a module in Debian's kernels; /lib/modules is the guest's own
    printf 'modprobe -q ext4 2>/dev/null; mkdir -p %q && mount -t ext4 /dev/vda %q && chmod 1777 %q || { echo "in-kernel: cannot mount the scratch disk at %q"; exit 125; }\n' \
      "$SCRATCH" "$SCRATCH" "$SCRATCH" "$SCRATCH"
  fi
  printf 'exec timeout -s KILL %d' "$gtimeout"; printf ' %q' "$@"; echo
} > "$RUN/cmd.sh"

# KVM only with hardware virtualisation (kvm_intel/kvm_amd). Under a PVM host
# (/sys/module/kvm_pvm, e.g. this Firecracker VM) /dev/kvm exists but an
# unmodified distro kernel crawls (minutes in the decompressor), so use TCG.
ACCEL=${IK_ACCEL:-auto}
if [[ $ACCEL == auto ]]; then
  if [[ -w /dev/kvm && ( -d /sys/module/kvm_intel || -d /sys/module/kvm_amd ) ]]; then ACCEL=kvm; else ACCEL=tcg; fi
fi
if [[ $ACCEL == kvm ]]; then accel_opts=(-accel kvm -cpu host); else accel_opts=(-accel tcg,thread=multi,tb-size=512 -cpu max); fi
t0=$(date +%s.%N)
set +e
: > "$RUN/stdout"
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -nodefaults -no-user-config -nographic -no-reboot \
  -machine q35 "${accel_opts[@]}" -m "$MEM" -smp "$CPUS" \
  -kernel "$KIMG" -initrd "$INITRD" "${disk_opts[@]}" \
  -append "console=ttyS0 rdinit=/init panic=-1 quiet loglevel=4 mitigations=off nokaslr ${IK_APPEND:-}" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -virtfs local,path="$RUN",mount_tag=ikout,security_model=none \
  -serial file:"$RUN/console.log" -monitor none -display none </dev/null >"$RUN/qemu.log" 2>&1 &
qpid=$!
# -S: follow the guest's output as it is written (9p without cache writes straight through);
# tail reads what is left and ends when qemu has ended.
[[ $STREAM == 1 ]] && { tail -n +1 -F --pid=$qpid -s 0.5 "$RUN/stdout" 2>/dev/null & tpid=$!; }
wait $qpid
qrc=$?
qpid=
[[ $STREAM == 1 ]] && { wait $tpid; tpid=; }
set -e
t1=$(date +%s.%N)
if [[ $STREAM == 0 ]]; then
  [[ -f $RUN/stdout ]] && cat "$RUN/stdout"
  [[ -f $RUN/stderr ]] && cat "$RUN/stderr" >&2
fi
if [[ -n ${IK_TIMES:-} ]]; then
  awk -v a="$t0" -v b="$t1" -v s="$(cat "$RUN/t_cmd_start" 2>/dev/null)" -v e="$(cat "$RUN/t_cmd_end" 2>/dev/null)" \
    'BEGIN { printf "wall=%.1f boot=%s cmd=%s\n", b - a, s == "" ? "?" : s, (s == "" || e == "") ? "?" : sprintf("%.1f", e - s) }' > "$IK_TIMES"
fi
if [[ -n ${IK_VERBOSE:-} ]]; then
  echo "--- in-kernel: console ($KVER) ---" >&2; cat "$RUN/console.log" >&2
  echo "--- in-kernel: kernel=$KVER accel=$ACCEL wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')s guest-uptime-at-cmd=$(cat "$RUN/t_cmd_start" 2>/dev/null)s guest-uptime-at-end=$(cat "$RUN/t_cmd_end" 2>/dev/null)s" >&2
fi
if [[ -s $RUN/rc ]]; then
  rc=$(cat "$RUN/rc")
  [[ $rc == 137 ]] && echo "in-kernel: command killed by in-guest timeout (${gtimeout}s)" >&2
  exit "$rc"
fi
if [[ $qrc == 124 || $qrc == 137 ]]; then echo "in-kernel: guest timed out after ${TIMEOUT}s ($KVER)" >&2; rc=124
else echo "in-kernel: guest died without a result (qemu rc=$qrc, $KVER)" >&2; rc=125; fi
# A guest that died of an oops: from the oops's first line (its RIP and the faulting stack
# come first, and a 30-line tail of two CPUs' interleaved traces had lost them), else the tail.
oops=$(grep -n -m1 -E 'BUG:|Oops|general protection|Kernel panic|WARNING:' "$RUN/console.log" 2>/dev/null | cut -d: -f1)
if [[ -n $oops ]]; then
  echo "--- console from the first oops line ---" >&2
  tail -n +"$(( oops > 5 ? oops - 5 : 1 ))" "$RUN/console.log" | head -n 200 >&2 || true
else
  echo "--- console tail ---" >&2; tail -n 30 "$RUN/console.log" >&2 || true
fi
tail -n 5 "$RUN/qemu.log" >&2 || true
exit $rc
