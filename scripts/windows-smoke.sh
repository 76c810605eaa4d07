#!/usr/bin/env bash
# Builds the Windows release zip (scripts/release.sh), unpacks it, and checks
# under wine that its phaen.exe writes the same PDF bytes as the Linux build
# for every plan in data/, and that `phaen.exe new` and `check` work.
# Without the toolchain or wine it says why it skipped; under CI=true it
# installs them (and fails if it cannot). Prints the time each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-pc-windows-gnu
skip() {
  if [ "${CI:-}" = true ]; then echo "windows: $1 (required under CI=true)" >&2; exit 1; fi
  echo "windows: SKIPPED: $1" >&2; exit 0
}
find_wine() { command -v wine || command -v wine64 || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true; }
t0=$(date +%s)
if [ "${CI:-}" = true ]; then
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  need=()
  command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
  [ -n "$(find_wine)" ] || need+=(wine64)
  command -v unzip >/dev/null || need+=(unzip)
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
rustup target list --installed 2>/dev/null | grep -qx "$target" || skip "the Rust target $target is not installed (rustup target add $target)"
command -v x86_64-w64-mingw32-gcc >/dev/null || skip "mingw is not installed (apt-get install gcc-mingw-w64-x86-64)"
command -v unzip >/dev/null || skip "unzip is not installed (apt-get install unzip)"
t1=$(date +%s)
scripts/release.sh
zip=$(ls -t dist/phaen-*-windows-x86_64.zip | head -1)
t2=$(date +%s)
echo "windows: tools $((t1 - t0)) s, cross-build and zip $((t2 - t1)) s" >&2
wine=$(find_wine)
[ -n "$wine" ] || skip "wine is not installed (apt-get install wine64)"
cargo build --release --quiet
work=$(mktemp -d)
trap 'wineserver_kill; rm -rf "$work"' EXIT
wineserver_kill() { WINEPREFIX="$work/wine" "$(dirname "$wine")/wineserver" -k 2>/dev/null || WINEPREFIX="$work/wine" wineserver -k 2>/dev/null || true; }
unzip -q "$zip" -d "$work/zip"
exe=$(ls "$work"/zip/*/phaen.exe)
# Rust's standard library (1.78 on) draws random numbers through ProcessPrng in
# bcryptprimitives.dll, which every Windows 10/11 has but wine 8.0 (Debian 12)
# does not: without it the .exe does not start (status c0000135). For the test
# only, a stand-in DLL beside the .exe forwards to RtlGenRandom; the zip has none.
cat > "$work/prng.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
C
x86_64-w64-mingw32-gcc -shared -O2 -o "$(dirname "$exe")/bcryptprimitives.dll" "$work/prng.c" -ladvapi32
run_exe() { ( cd "$work/plans" && WINEDEBUG=-all WINEPREFIX="$work/wine" PHAEN_NO_PAUSE=1 "$wine" "$exe" "$@" ); }
mkdir -p "$work/plans"
cp data/*.yaml data/*.png "$work/plans/"
# the first run makes the wine prefix: time it apart
t3=$(date +%s)
run_exe --version
t4=$(date +%s)
echo "windows: wine prefix $((t4 - t3)) s" >&2
status=0
for plan in data/*.yaml; do
  name=$(basename "$plan" .yaml)
  run_exe build "$name.yaml" -o win --format pdf 2>"$work/win.log" || { cat "$work/win.log" >&2; echo "windows: phaen.exe failed on $name" >&2; status=1; continue; }
  ( cd "$work/plans" && "$root/target/release/phaen" build "$name.yaml" -o linux --format pdf 2>/dev/null )
  if cmp -s "$work/plans/win/$name.pdf" "$work/plans/linux/$name.pdf"; then
    echo "windows: $name.pdf is byte-identical to the Linux build" >&2
  else
    echo "windows: $name.pdf DIFFERS from the Linux build" >&2
    cmp "$work/plans/win/$name.pdf" "$work/plans/linux/$name.pdf" >&2 || true
    status=1
  fi
done
# the office path: a starter from the .exe checks clean; a plan given alone builds beside it
rc=0; run_exe new "แผน2569.yaml" --fiscal-year 2569 2>"$work/new.log" || rc=$?
[ $rc -eq 0 ] || { cat "$work/new.log" >&2; echo "windows: phaen.exe new failed (exit $rc)" >&2; status=1; }
# A check that fails is run again with wine's error channels on, so that the
# log says whether phaen.exe reported something or the process died under wine
# (a crash prints nothing with WINEDEBUG=-all). Only a second failure fails.
rc=0; run_exe check "แผน2569.yaml" 2>"$work/check.log" || rc=$?
if [ $rc -ne 0 ]; then
  echo "windows: phaen.exe check on the starter exited $rc; its output:" >&2
  cat "$work/check.log" >&2
  echo "windows: running it again with WINEDEBUG=err+all,+seh" >&2
  rc=0; ( cd "$work/plans" && WINEDEBUG=err+all,+seh WINEPREFIX="$work/wine" PHAEN_NO_PAUSE=1 "$wine" "$exe" check "แผน2569.yaml" ) 2>"$work/check2.log" || rc=$?
  if [ $rc -eq 0 ]; then
    echo "windows: WARNING: the second check passed; the first run's output is above" >&2
  else
    tail -40 "$work/check2.log" >&2
    echo "windows: the starter does not check (exit $rc twice)" >&2
    status=1
  fi
fi
run_exe "แผน2569.yaml" --format pdf 2>/dev/null || { echo "windows: phaen.exe PLAN.yaml failed" >&2; status=1; }
[ -f "$work/plans/แผน2569.pdf" ] || { echo "windows: phaen.exe PLAN.yaml wrote nothing beside the plan" >&2; status=1; }
t5=$(date +%s)
echo "windows: smoke test $((t5 - t4)) s; $((t5 - t0)) s in all" >&2
exit $status
