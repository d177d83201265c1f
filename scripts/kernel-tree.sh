#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-tree.sh - set up the real kernel tree that kdrift's kernel-tier tests and benchmarks use.
#
# Usage: scripts/kernel-tree.sh [CACHE_DIR]        (default: <repo>/.cache/kernel)
#        scripts/kernel-tree.sh --next [CACHE_DIR] (default: <repo>/.cache/kernel-next)
#
# --next: the main tree is the newest linux-source-N of Debian unstable instead of 6.12 (7.2 in
# November 2026), fetched with apt's state kept under CACHE_DIR/.apt-next: the machine's apt
# sources are not changed. CI does not use it (unstable moves every day); a maintainer checks
# kdrift on a current kernel with it. The rest of the layout is the same.
#
# Produces, under CACHE_DIR:
#   linux/                 a pristine partial source tree of Debian's linux-source-6.12 (top folder
#                          stripped): every file that `make headers_install` (x86, arm64),
#                          tools/perf/check-headers.sh and the perf beauty generators read
#   hdr/x86, hdr/arm64     `make headers_install` output (INSTALL_HDR_PATH; headers in .../include)
#   build-x86, build-arm64 the out-of-tree (O=) build dirs of headers_install, so linux/ stays pristine
#   i386-stubs/gnu/stubs-32.h  empty; for `gcc -m32 -idirafter CACHE/i386-stubs
#                          -idirafter /usr/include/x86_64-linux-gnu` without gcc-multilib
#   linux-6.1/             the same parts of Debian's linux-source-6.1: an older check-headers.sh
#                          (the old warning format) and Makefile.perf, for the *-6.1.kernel.test.ts tests
#   hdr-6.1/{x86,arm64}    its `make headers_install` output (build dirs build-6.1-{x86,arm64}), for
#                          the gcc oracle on a second release
#   .stamp-*               one per step; a step reruns only when its stamp no longer matches
#
# Then: KDRIFT_KERNEL_SRC=CACHE_DIR/linux npm test
#
# Installs (apt, as root) linux-source-6.12, linux-source-6.1 and the tools below when missing.
# Debian moves both to newer point releases: nothing here names one; a new tarball (size or
# mtime changed) invalidates the stamps of what is made of it and that is rebuilt.
#
# Exit codes: 0 ready, 1 a step failed (the message says which), 2 usage.

set -euo pipefail

TARBALL=/usr/src/linux-source-6.12.tar.xz
TARBALL_6_1=/usr/src/linux-source-6.1.tar.xz
APT_PACKAGES=(linux-source-6.12 linux-source-6.1 xz-utils make gcc libc6-dev rsync gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
# What the steps below run: xz and tar extract; headers_install runs make, gcc (fixdep, unifdef),
# sh, awk, sed and rsync (it copies usr/include out); it does not run flex, bison, bc, perl or
# python3 (checked with failing stand-ins first on PATH). check-headers.sh runs diff.
# aarch64-linux-gnu-gcc is the tests' arm64 gcc oracle; it needs libc6-dev-arm64-cross (only a
# Recommends, and recommends stay out: linux-source-6.12's pull in build-essential, libssl-dev...).
# No gcc-multilib: it conflicts with gcc-aarch64-linux-gnu (see i386-stubs below).
REQUIRED_TOOLS=(xz tar make gcc rsync aarch64-linux-gnu-gcc awk sed diff flock paste)
REQUIRED_FILES=("$TARBALL" "$TARBALL_6_1" /usr/include/stdlib.h /usr/aarch64-linux-gnu/include/stdlib.h)

# Which parts of the tarball are extracted. Patterns are anchored at the tarball's top folder
# ('*/' matches it whatever its name) and '*' never crosses a '/'. A directory brings its whole
# subtree. Why each is here:
PARTS=(
	'*/Makefile'                 # top Makefile: headers_install
	'*/Kbuild' '*/Kconfig'       # read by the top Makefile on some paths; tiny
	'*/scripts'                  # Kbuild machinery, unifdef, headers_install.sh, syscall*.sh, syscall.tbl
	'*/include'                  # include/uapi (headers_install) and every include/ original check-headers.sh names
	'*/arch/x86'                 # headers_install ARCH=x86; check-headers.sh originals (lib/, tools/, entry/syscalls/)
	'*/arch/arm64'               # headers_install ARCH=arm64; asm/cputype.h, uapi perf_regs/kvm/unistd
	'*/arch/*/include'           # check-headers.sh diffs uapi headers of arm, loongarch, mips, powerpc, s390, alpha, parisc, sparc
	'*/arch/*/kernel/syscalls'   # check-headers.sh diffs powerpc, s390 and mips syscall tables (x86's: arch/x86)
	'*/arch/*/entry/syscalls'    # 7.x diffs alpha's, parisc's and arm64's too
	'*/arch/*/tools'             # 7.x diffs arm's syscall.tbl (arch/arm/tools)
	'*/arch/*/Makefile'          # cheap; lets ARCH=<other> headers_install at least start
	'*/lib'                      # lib/ctype.c, lib/list_sort.c (check-headers.sh)
	'*/kernel'                   # kernel/events (perf core), and kernel/ originals later releases may name
	'*/tools'                    # the tools/ copies, check-headers.sh, Makefile.perf, trace/beauty/*.sh
	'*/Documentation/virt/kvm'   # KVM API documentation (capability tables)
	'*/virt'                     # virt/kvm
	'*/usr/include'              # usr/include/Makefile (headers_check); tiny
)

die() { echo "kernel-tree.sh: error: $*" >&2; exit 1; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
step() { printf '%-28s %s\n' "$1" "$2"; }

NEXT=0
if [ "${1:-}" = --next ]; then
	NEXT=1
	shift
fi
if [ $# -gt 1 ] || [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
	echo "usage: $0 [--next] [CACHE_DIR]   (default: <repo>/.cache/kernel, with --next <repo>/.cache/kernel-next)" >&2
	exit 2
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "$NEXT" = 1 ]; then CACHE=${1:-$REPO/.cache/kernel-next}; else CACHE=${1:-$REPO/.cache/kernel}; fi
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
T_ALL=$(now)

# One run at a time per cache (tests may be started from two shells; apt too).
exec 9>"$CACHE/.lock"
flock 9

# ---------------------------------------------------------------------------------------------
# 0. Packages. Only when something is missing: `apt-get update` alone takes seconds.
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else die "need root to run: $*"
	fi
}
missing=()
for f in "${REQUIRED_FILES[@]}"; do
	[ -f "$f" ] || missing+=("$f")
done
for t in "${REQUIRED_TOOLS[@]}"; do
	command -v "$t" >/dev/null || missing+=("$t")
done
if [ ${#missing[@]} -gt 0 ]; then
	command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
	t=$(now)
	echo "kernel-tree.sh: missing ${missing[*]}: installing ${APT_PACKAGES[*]}"
	export DEBIAN_FRONTEND=noninteractive
	as_root apt-get update -qq </dev/null
	as_root apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" </dev/null
	step "apt-get update+install" "$(took "$t")"
	for f in "${REQUIRED_FILES[@]}"; do
		[ -f "$f" ] || die "$f still missing after apt-get install"
	done
	for t in "${REQUIRED_TOOLS[@]}"; do
		command -v "$t" >/dev/null || die "$t still missing after apt-get install"
	done
fi

# --next: the newest linux-source-N of Debian unstable, downloaded (not installed) with apt state of
# its own; prints the path of its tarball.
fetch_next() {
	local dir="$CACHE/.apt-next" pkg deb t
	local apt=(-o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$dir/sources"
		-o Dir::State::Lists="$dir/lists" -o Dir::Cache="$dir/cache" -o Dir::Cache::Archives="$dir/archives")
	mkdir -p "$dir/sources" "$dir/lists/partial" "$dir/cache" "$dir/archives/partial"
	printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: sid\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		> "$dir/sources/sid.sources"
	t=$(now)
	as_root apt-get "${apt[@]}" update -qq </dev/null >&2 || die "apt-get update of Debian unstable failed"
	pkg=$(apt-cache "${apt[@]}" pkgnames linux-source- | grep -E '^linux-source-[0-9]+\.[0-9]+$' | sort -V | tail -1)
	[ -n "$pkg" ] || die "Debian unstable lists no linux-source-N"
	if [ ! -f "$dir/$pkg.tar.xz" ]; then
		rm -f "$dir"/*.deb
		(cd "$dir" && as_root apt-get "${apt[@]}" download -qq "$pkg" </dev/null >&2) || die "apt-get download $pkg failed"
		deb=$(ls "$dir"/"$pkg"_*.deb)
		dpkg-deb --fsys-tarfile "$deb" | tar -x -O "./usr/src/$pkg.tar.xz" > "$dir/$pkg.tar.xz.tmp" || die "no $pkg.tar.xz in $deb"
		mv "$dir/$pkg.tar.xz.tmp" "$dir/$pkg.tar.xz"
		rm -f "$deb"
	fi
	step "fetch $pkg (unstable)" "$(took "$t")" >&2
	echo "$dir/$pkg.tar.xz"
}
if [ "$NEXT" = 1 ]; then TARBALL=$(fetch_next); fi

# The identity of a tarball and of what is made of it: a change of either reruns every step made
# of that tarball. Bump LAYOUT when a step changes what it produces.
LAYOUT=1
PARTS_ID=$(printf '%s\n' "${PARTS[@]}" | sha256sum | cut -c1-16)
tarball_id() { echo "$(stat -c '%s %Y' "$1") layout $LAYOUT parts $PARTS_ID"; }
TARBALL_ID=$(tarball_id "$TARBALL")
# stamp_ok STEP [ID], stamp_set STEP [ID]; ID defaults to linux-source-6.12's.
stamp_ok() { [ -f "$CACHE/.stamp-$1" ] && [ "$(cat "$CACHE/.stamp-$1")" = "${2:-$TARBALL_ID}" ]; }
stamp_set() { printf '%s\n' "${2:-$TARBALL_ID}" > "$CACHE/.stamp-$1"; }

# ---------------------------------------------------------------------------------------------
# 1. Extract, then check coverage: extract_tree LABEL TARBALL DIR STAMP [PATH...]
#    PARTS of TARBALL into CACHE/DIR, unless stamp STAMP matches TARBALL. PATHs are what is made
#    of the tree (and their stamps): deleted with it when it is extracted anew.
extract_tree() {
	local label=$1 tarball=$2 dir=$3 stamp=$4 id t
	shift 4
	id=$(tarball_id "$tarball")
	local tree="$CACHE/$dir" errors="$CACHE/$dir.tar-errors"
	# xz decompression dominates; the tarball is multi-block, so xz -T0 uses both cores.
	if stamp_ok "$stamp" "$id" && [ -f "$tree/Makefile" ]; then
		step "$label" "up to date"
	else
		rm -f "$CACHE/.stamp-$stamp"
		rm -rf "$tree" "$tree.tmp" "$@"
		mkdir -p "$tree.tmp"
		t=$(now)
		xz -T0 -dc "$tarball" |
			tar -x -C "$tree.tmp" --strip-components=1 --wildcards --no-wildcards-match-slash "${PARTS[@]}" \
				2> "$errors" ||
			# A part that a later release no longer has is a warning (the coverage check below still
			# guards check-headers.sh); anything else tar says is fatal.
			if grep -v -e ': Not found in archive$' -e '^tar: Exiting with failure status' "$errors" >&2; then
				die "extracting $tarball failed"
			else
				sed -n 's/^tar: \(.*\): Not found in archive$/kernel-tree.sh: warning: no part \1 in the tarball/p' "$errors" >&2
			fi
		rm -f "$errors"
		mv "$tree.tmp" "$tree"
		step "$label" "$(took "$t")  ($(du -sh "$tree" | cut -f1), $(find "$tree" -type f | wc -l) files)"
	fi

	# Coverage: check-headers.sh runs `[ -f "$orig_file" ] && diff ...`, so an original missing from
	# a partial tree is silently skipped and the script prints less than on a full tree. Every path it
	# names must therefore lie under a part extracted whole (then its absence means the release has no
	# such file, and a full tree would skip it too) or be present.
	t=$(now)
	local chk="$tree/tools/perf/check-headers.sh" part_re named lost absent
	[ -f "$chk" ] || die "$tarball has no tools/perf/check-headers.sh"
	part_re=$(printf '%s\n' "${PARTS[@]}" | sed -e 's|^\*/||' -e 's|\.|\\.|g' -e 's|\*|[^/]*|g' | paste -sd'|')
	# Paths as the script writes them: after a blank, quote or line start (not `<asm/...>` in a regex).
	named=$(grep -oE '(^|[[:space:]"])[A-Za-z0-9_.-]+(/[A-Za-z0-9_.+-]+)+\.(h|c|S|tbl|txt|awk)\b' "$chk" |
		sed 's/^[[:space:]"]*//' | sort -u)
	lost=$({ grep -vE "^($part_re)/" <<< "$named" || true; } | while read -r q; do [ -e "$tree/$q" ] || echo "$q"; done)
	[ -z "$lost" ] || die "$dir: check-headers.sh names files outside the extracted parts; add them to PARTS:
$lost"
	absent=$(while read -r q; do [ -e "$tree/$q" ] || echo "$q"; done <<< "$named")
	step "${label/extract/coverage check}" "$(took "$t")  ($(wc -l <<< "$named") paths named by check-headers.sh, all covered)"
	if [ -n "$absent" ]; then
		echo "  not in this release (check-headers.sh skips them on any tree):" $absent
	fi
	stamp_ok "$stamp" "$id" || stamp_set "$stamp" "$id"
}
version() {
	awk '/^VERSION =/ { v = $3 } /^PATCHLEVEL =/ { p = $3 } /^SUBLEVEL =/ { s = $3 }
		END { print v "." p "." s }' "$1/Makefile"
}

# The main tree (linux-source-6.12, or with --next the newest of unstable): a new tree means new headers too.
extract_tree "extract" "$TARBALL" linux extract "$CACHE"/.stamp-hdr-x86 "$CACHE"/.stamp-hdr-arm64 \
	"$CACHE"/build-x86 "$CACHE"/build-arm64 "$CACHE/hdr"
VERSION=$(version "$CACHE/linux")
# linux-source-6.1: what an older check-headers.sh and Makefile.perf print, and its headers for gcc.
extract_tree "extract linux-6.1" "$TARBALL_6_1" linux-6.1 extract-6.1 "$CACHE"/.stamp-hdr-6.1-* \
	"$CACHE"/build-6.1-* "$CACHE/hdr-6.1"
VERSION_6_1=$(version "$CACHE/linux-6.1")

# ---------------------------------------------------------------------------------------------
# 2. headers_install, out of tree (O=): check-headers.sh must see an untouched source tree.
#    headers_install LABEL TREE-DIR HDR-DIR BUILD-PREFIX STAMP-PREFIX TARBALL
headers_install() {
	local label=$1 src="$CACHE/$2" hdr="$CACHE/$3" build=$4 stamp=$5 id arch t
	id=$(tarball_id "$6")
	for arch in x86 arm64; do
		if stamp_ok "$stamp-$arch" "$id" && [ -f "$hdr/$arch/include/linux/types.h" ]; then
			step "$label $arch" "up to date"
			continue
		fi
		rm -rf "$CACHE/$build-$arch" "$hdr/$arch"
		mkdir -p "$CACHE/$build-$arch"
		t=$(now)
		make -s -C "$src" O="$CACHE/$build-$arch" ARCH=$arch \
			INSTALL_HDR_PATH="$hdr/$arch" -j"$(nproc)" headers_install </dev/null ||
			die "make headers_install ARCH=$arch of $2 failed"
		step "$label $arch" "$(took "$t")  ($(find "$hdr/$arch/include" -name '*.h' | wc -l) headers)"
		stamp_set "$stamp-$arch" "$id"
	done
}
headers_install "headers_install" linux hdr build hdr "$TARBALL"
headers_install "headers_install 6.1" linux-6.1 hdr-6.1 build-6.1 hdr-6.1 "$TARBALL_6_1"

# The source tree must still be pristine: nothing generated inside it.
for dir in linux linux-6.1; do
	if [ -e "$CACHE/$dir/.config" ] || [ -e "$CACHE/$dir/include/generated" ] ||
		[ -e "$CACHE/$dir/scripts/basic/fixdep" ]; then
		die "$CACHE/$dir was modified by a build; delete $CACHE and run again"
	fi
done

# ---------------------------------------------------------------------------------------------
# 3. i386 without gcc-multilib (it conflicts with gcc-aarch64-linux-gnu on bookworm).
mkdir -p "$CACHE/i386-stubs/gnu"
[ -f "$CACHE/i386-stubs/gnu/stubs-32.h" ] || : > "$CACHE/i386-stubs/gnu/stubs-32.h"

step "total" "$(took "$T_ALL")"
echo
echo "kernel $VERSION ready in $CACHE"
echo "  and kernel $VERSION_6_1 in $CACHE/linux-6.1 (headers in $CACHE/hdr-6.1)"
echo "  KDRIFT_KERNEL_SRC=$CACHE/linux npm test"
