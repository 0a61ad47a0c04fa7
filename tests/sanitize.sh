#!/bin/sh
# Builds cwgreport and every test with AddressSanitizer and UBSan in a folder
# of its own, and runs the whole test suite there. Any sanitizer report ends
# the program that made it, and so fails its test.
#
#   tests/sanitize.sh [CTEST-ARGUMENTS...]     e.g. tests/sanitize.sh -R yaml
#
# Environment: CWG_SANITIZE_BUILD (build folder, default build-sanitize),
# CXX (the compiler; default: CMake's choice).
#
# Debian's yaml-cpp and cmark-gfm are not instrumented: ASan checks every
# access our code makes, to any memory, but not the accesses the libraries
# make themselves. docs/security.md says why that is the choice for now.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${CWG_SANITIZE_BUILD:-$root/build-sanitize}

cmake -S "$root" -B "$build" -DCWG_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2

# halt_on_error and abort_on_error: the first report kills the program;
# -fno-sanitize-recover=all (in the build flags) does the same for UBSan.
# detect_leaks: a leak fails the program at exit. The pathological suite
# sees ASAN_OPTIONS set and drops its address-space limit, which ASan's
# shadow memory cannot live with, and gives each case ten times its CPU time.
ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_string_checks=1:detect_invalid_pointer_pairs=1
UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

ctest --test-dir "$build" --output-on-failure -j2 "$@"
