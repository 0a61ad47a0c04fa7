#!/bin/sh
# The performance benchmark: cwgreport against the yaml-cpp parsing floor,
# cmark-gfm and pandoc, on generated meetings; rewrites docs/performance.md,
# keeping the part written by hand between its two markers.
#
#   tests/bench/run.sh           the full run, about ten minutes
#   tests/bench/run.sh --quick   fewer runs, no 100,000-paragraph input: checks the script
#
# Installs what it lacks from Debian (hyperfine, pandoc, cmark-gfm, time) when
# run as root. Scratch files go to $BENCH_WORK (default /tmp/cwgreport-bench):
# the build, the generated meetings (about 130 MB) and the outputs.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/cwgreport-bench}
BUILD=$WORK/build
QUICK=
if [ "${1:-}" = "--quick" ]; then QUICK=--quick; fi

missing=
command -v hyperfine >/dev/null 2>&1 || missing="$missing hyperfine"
command -v pandoc >/dev/null 2>&1 || missing="$missing pandoc"
command -v cmark-gfm >/dev/null 2>&1 || missing="$missing cmark-gfm"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "run.sh: missing:$missing; install them with: sudo apt-get install$missing" >&2
    exit 1
  fi
  echo "installing$missing" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

echo "building cwgreport and the yaml-cpp floor in $BUILD" >&2
mkdir -p "$WORK"
cmake -S "$ROOT" -B "$BUILD" -DCWG_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target cwgreport render_time -j2 >/dev/null
# The floor is one file against the system's yaml-cpp, built the way the
# project builds (C++20, -O2).
g++ -std=c++20 -O2 -o "$BUILD/yaml_floor" "$ROOT/tests/bench/yaml_floor.cc" -lyaml-cpp

echo "generating the inputs in $WORK" >&2
gen() {
  name=$1
  shift
  if [ ! -f "$WORK/$name/report.yaml" ] || [ "$ROOT/tests/bench/gen.py" -nt "$WORK/$name/report.yaml" ]; then
    rm -rf "${WORK:?}/$name"
    python3 "$ROOT/tests/bench/gen.py" "$WORK/$name" "$@"
  fi
}
for n in 100 1000 10000; do gen "p$n" --paragraphs "$n"; done
[ -n "$QUICK" ] || gen p100000 --paragraphs 100000
gen docs5000 --paragraphs 1000 --documents 5000
gen docs10000 --paragraphs 1000 --documents 10000
gen big5 --paragraphs 20 --big-paragraph 5000000
gen big10 --paragraphs 20 --big-paragraph 10000000

# Every input must build cleanly before it is timed.
for d in "$WORK"/p* "$WORK"/docs* "$WORK"/big*; do
  "$BUILD/cwgreport" check "$d" --max-file-size 16MiB --max-folder-size 64MiB \
    --max-field-size 16MiB -W error
done

python3 "$ROOT/tests/bench/measure.py" $QUICK --work "$WORK" --root "$ROOT" \
  --cwgreport "$BUILD/cwgreport" --floor "$BUILD/yaml_floor" \
  --render-time "$BUILD/render_time" --out "$ROOT/docs/performance.md"
