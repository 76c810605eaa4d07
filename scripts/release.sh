#!/usr/bin/env bash
# Builds the Windows release: phaen.exe cross-compiled from Linux, packed in
# dist/phaen-VERSION-windows-x86_64.zip with the starter plans, the fonts'
# licence and a Thai + English quick start.
#
# Needs: rustup target add x86_64-pc-windows-gnu
#        apt-get install gcc-mingw-w64-x86-64
# (About 6 minutes on 2 cores the first time; the Linux build's target/ is not reused.)
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  echo "release: installing the Rust target $target" >&2
  rustup target add "$target"
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "release: x86_64-w64-mingw32-gcc missing: apt-get install gcc-mingw-w64-x86-64" >&2
  exit 1
fi

CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
  cargo build --release --target "$target"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir="$stage/phaen-$version"
mkdir -p "$dir/examples"
cp "target/$target/release/phaen.exe" "$dir/"
cp starters/*.yaml "$dir/examples/"
cp fonts/OFL.txt "$dir/OFL.txt"
# Windows Notepad and cmd read CRLF text best
sed 's/$/\r/' docs/quickstart.md > "$dir/README.txt"
mkdir -p dist
zip="dist/phaen-$version-windows-x86_64.zip"
rm -f "$zip"
python3 - "$stage" "$zip" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for root, _, files in sorted(os.walk(stage)):
        for f in sorted(files):
            p = os.path.join(root, f)
            info = zipfile.ZipInfo(os.path.relpath(p, stage), (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(p, "rb") as fh:
                z.writestr(info, fh.read())
PY
echo "release: wrote $zip" >&2
