#!/bin/sh
# Builds the libFuzzer harnesses with clang, ASan and UBSan, and runs each in
# turn for SECONDS (default 60): the short run CI does.
#
#   tests/fuzz/run.sh [SECONDS [HARNESS...]]      HARNESS: yaml, meeting, markdown
#
# Environment: CWG_FUZZ_BUILD (build folder, default build-fuzz), CXX (default
# clang++-14, else clang++), CWG_FUZZ_JOBS (fuzzing processes per harness,
# default 1; more use libFuzzer's -fork mode), CWG_FUZZ_SEED (libFuzzer's
# random seed; default a new one each run), CWG_FUZZ_ARGS (more libFuzzer
# options).
#
# CI sets the seed, so that a finding replays and a commit is not failed by
# chance: with a fixed seed and the same corpus, a run that stops on time
# tries a prefix of the inputs a longer run tries, so a long local run of
# the seed covers CI's minute. New ground is for the long run, with a new
# seed each time.
#
# Each harness keeps its corpus in BUILD/fuzz/corpus/HARNESS, seeded from the
# examples (make_corpus.py) and grown by every run, so a run continues where
# the last one stopped. A crash, a leak, a sanitizer report, an input that
# takes more than 30 s or more than 2 GiB is written to
# BUILD/fuzz/artifacts/HARNESS-* and fails the run. To keep a finding, copy it
# to tests/fuzz/regressions/HARNESS/ (the test suite replays that folder) and
# fix the bug.
#
# The long run (docs/security.md): a few hours per harness, e.g.
#   CWG_FUZZ_JOBS=2 tests/fuzz/run.sh 14400
# and read the execution count each harness prints at the end.
set -eu

seconds=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-yaml meeting markdown}

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${CWG_FUZZ_BUILD:-$root/build-fuzz}
jobs=${CWG_FUZZ_JOBS:-1}
if [ -z "${CXX:-}" ]; then
  if command -v clang++-14 >/dev/null 2>&1; then CXX=clang++-14; else CXX=clang++; fi
fi

cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCWG_FUZZ=ON -DCWG_BUILD_TESTS=ON >/dev/null
targets=
for h in $harnesses; do targets="$targets fuzz_$h"; done
# shellcheck disable=SC2086 # one argument per target
cmake --build "$build" -j2 --target $targets

python3 "$root/tests/fuzz/make_corpus.py" "$build/fuzz/seeds"
mkdir -p "$build/fuzz/artifacts"
# The harnesses' scratch folders: libFuzzer ends a run without exit handlers.
scratch=$(mktemp -d /dev/shm/cwgreport-fuzz.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
export CWG_FUZZ_SCRATCH="$scratch"
parallel=
if [ "$jobs" -gt 1 ]; then parallel=-fork=$jobs; fi
seed=
if [ -n "${CWG_FUZZ_SEED:-}" ]; then seed=-seed=$CWG_FUZZ_SEED; fi

status=0
for h in $harnesses; do
  corpus=$build/fuzz/corpus/$h
  mkdir -p "$corpus"
  echo "fuzzing $h for $seconds s"
  # ASan's leak check runs at exit; UBSan reports are fatal through
  # -fno-sanitize-recover=all. libFuzzer's -timeout counts seconds on the
  # clock, not of CPU: 30 s still catches an input that hangs, and does not
  # fail a slow one that merely shares the cores with other work.
  # shellcheck disable=SC2086 # $parallel, $seed and CWG_FUZZ_ARGS may be empty or several
  if ! ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
    "$build/tests/fuzz/fuzz_$h" "$corpus" "$build/fuzz/seeds/$h" \
    -dict="$root/tests/fuzz/cwgreport.dict" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz/artifacts/$h-" $parallel $seed \
    ${CWG_FUZZ_ARGS:-} >"$build/fuzz/$h.log" 2>&1; then
    echo "fuzz_$h found a problem: see $build/fuzz/$h.log and $build/fuzz/artifacts/" >&2
    tail -n 40 "$build/fuzz/$h.log" >&2
    status=1
  fi
  # The last status line: executions (#N), coverage, corpus, exec/s, memory.
  grep "^#[0-9]" "$build/fuzz/$h.log" | tail -n 1 | sed "s/^/  $h: /" || true
done
exit $status
