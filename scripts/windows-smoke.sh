#!/usr/bin/env bash
# Cross-builds phaen.exe and checks under wine that it writes the same PDF bytes
# as the Linux build for the example plan. Without the toolchain or wine it says
# why it skipped; under CI=true it installs them (and fails if it cannot).
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
skip() {
  if [ "${CI:-}" = true ]; then echo "windows: $1 (required under CI=true)" >&2; exit 1; fi
  echo "windows: SKIPPED: $1" >&2; exit 0
}
t0=$(date +%s)
if [ "${CI:-}" = true ]; then
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  need=()
  command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
  command -v wine >/dev/null || command -v wine64 >/dev/null || need+=(wine64)
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
rustup target list --installed 2>/dev/null | grep -qx "$target" || skip "the Rust target $target is not installed (rustup target add $target)"
command -v x86_64-w64-mingw32-gcc >/dev/null || skip "mingw is not installed (apt-get install gcc-mingw-w64-x86-64)"
wine=$(command -v wine || command -v wine64 || true)
[ -x /usr/lib/wine/wine64 ] && [ -z "$wine" ] && wine=/usr/lib/wine/wine64
t1=$(date +%s)
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc cargo build --release --target "$target"
t2=$(date +%s)
echo "windows: tools $((t1 - t0)) s, cross-build $((t2 - t1)) s" >&2
[ -n "$wine" ] || skip "wine is not installed (apt-get install wine64)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp data/chachoengsao2-2563.yaml "$work/plan.yaml"
( cd "$work" && WINEDEBUG=-all WINEPREFIX="$work/wine" PHAEN_NO_PAUSE=1 "$wine" "$OLDPWD/target/$target/release/phaen.exe" build plan.yaml -o win --format pdf )
( cd "$work" && "$OLDPWD/target/release/phaen" build plan.yaml -o linux --format pdf )
cmp "$work/win/plan.pdf" "$work/linux/plan.pdf"
t3=$(date +%s)
echo "windows: phaen.exe under wine wrote the same PDF as Linux ($((t3 - t0)) s in all)" >&2
