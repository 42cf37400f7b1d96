#!/usr/bin/env bash
# Build the one-folder frozen app: dist/ewo-desk/ewo-desk (Linux; macOS also "dist/EWO Desk.app",
# see packaging/macos/NOTES.md; Windows: packaging/README.md). Never uses the system Python's packages: it
# makes its own venv (build/pyi-venv) from requirements.lock + packaging/requirements-build.txt,
# binary wheels only, and reuses it while those two files are unchanged.
#
#   bash packaging/build.sh            build (about a minute once the venv exists)
#   PY=python3.11 bash packaging/build.sh
#   EWO_BUILD_VENV=/path bash ...      put the build venv elsewhere
#
# Prints the bundle folder, the executable and the bundle size at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PY=${PY:-python3}
VENV=${EWO_BUILD_VENV:-$ROOT/build/pyi-venv}
WORK=$ROOT/build/pyinstaller
DIST=$ROOT/dist

case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) BIN=$VENV/Scripts; EXE=ewo-desk.exe ;;
  *) BIN=$VENV/bin; EXE=ewo-desk ;;
esac

stamp=$VENV/.ewo-build-installed
wanted=$("$PY" -c 'import hashlib, sys; print(hashlib.sha256(b"".join(open(f, "rb").read() for f in sys.argv[1:])).hexdigest()[:16])' requirements.lock packaging/requirements-build.txt)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "== build venv: $VENV"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$BIN/python" -m pip install -q --upgrade pip
  "$BIN/python" -m pip install -q --only-binary=:all: \
    -r requirements.lock -r packaging/requirements-build.txt
  echo "$wanted" > "$stamp"
fi
# The app itself is not installed into the build venv: the spec puts the repo root on the path,
# so what is frozen is exactly this working tree.
"$BIN/python" -c 'import sys; assert sys.prefix != sys.base_prefix, "not a venv"'

# Linux: libraries the Qt xcb plugin needs are bundled from this machine when present. Missing
# ones are not, and the app then needs them on the officer's machine (apt: libxcb-icccm4 ...).
if [ "$(uname -s)" = Linux ] && command -v ldconfig >/dev/null; then
  for lib in libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-cursor.so.0 libxkbcommon-x11.so.0; do
    ldconfig -p | grep -q "$lib" || echo "warning: $lib is not installed here, so it is not bundled"
  done
fi

echo "== PyInstaller $("$BIN/python" -m PyInstaller --version)"
start=$(date +%s)
rm -rf "$DIST/ewo-desk"
"$BIN/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$WORK" --distpath "$DIST" packaging/ewo_desk.spec
end=$(date +%s)

APP=$DIST/ewo-desk/$EXE
test -x "$APP"
"$APP" --version
echo "== bundle: $DIST/ewo-desk  (built in $((end - start)) s)"
echo "== executable: $APP"
du -sh "$DIST/ewo-desk" | sed 's/^/== size on disk: /'
if command -v tar >/dev/null && command -v gzip >/dev/null; then
  echo "== size gzipped: $(tar -C "$DIST" -cf - ewo-desk | gzip -6 | wc -c | awk '{printf "%.0f MB", $1/1048576}')"
fi
