#!/bin/sh
# Installs cwgreport from a build folder into a temporary prefix and checks
# what a user of the installed program gets: the binary, the schemas, the man
# page (kept in step with --help), the shell completions and the .deb.
#
# usage: install_test.sh BUILD_DIR
#   BUILD_DIR   a configured build folder in which cwgreport is built
#
# Exits 0 when every check passes, 1 when one fails, 2 on a usage error.
# A check whose tool is missing (man and groff, zsh, dpkg-deb) is skipped
# with a message; the others still run.
set -eu

if [ $# -ne 1 ] || [ ! -f "$1/CMakeCache.txt" ]; then
  echo "usage: $0 BUILD_DIR (a configured cmake build folder)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
cmake_bin=$(sed -n 's/^CMAKE_COMMAND:INTERNAL=//p' "$build/CMakeCache.txt")
cpack_bin=$(dirname "$cmake_bin")/cpack

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

fail() {
  echo "install_test: FAIL: $*" >&2
  failures=$((failures + 1))
}
skip() { echo "install_test: skipped: $*"; }

# --- Install -------------------------------------------------------------
prefix=$tmp/prefix
if ! "$cmake_bin" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log" >&2
  echo "install_test: FAIL: cmake --install failed" >&2
  exit 1
fi
for f in bin/cwgreport share/man/man1/cwgreport.1 \
  share/bash-completion/completions/cwgreport share/zsh/site-functions/_cwgreport \
  share/cwgreport/schemas/report.schema.json share/cwgreport/schemas/documents.schema.json \
  share/cwgreport/schemas/section.schema.json share/doc/cwgreport/README.md \
  share/doc/cwgreport/LICENSE share/doc/cwgreport/docs/format.md \
  share/doc/cwgreport/docs/cli.md share/doc/cwgreport/docs/diagnostics.md; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
bin=$prefix/bin/cwgreport
[ -x "$bin" ] || { fail "bin/cwgreport is not executable"; exit 1; }

# --- The installed binary ------------------------------------------------
version=$("$bin" --version) || fail "cwgreport --version failed"
[ "$version" = "$("$build/cwgreport" --version)" ] ||
  fail "installed --version prints '$version'"
case $version in
  "cwgreport "[0-9]*.[0-9]*.[0-9]*) ;;
  *) fail "--version prints '$version', not 'cwgreport X.Y.Z'" ;;
esac

# It builds the example exactly as the build tree's binary does.
if "$bin" build "$src/examples/meeting14" -o "$tmp/out" -q 2>"$tmp/build.err"; then
  [ -s "$tmp/build.err" ] && fail "building the example printed: $(cat "$tmp/build.err")"
  "$build/cwgreport" build "$src/examples/meeting14" -o "$tmp/out-build" -q
  for f in report.md report.html report.txt; do
    cmp -s "$tmp/out/$f" "$tmp/out-build/$f" || fail "installed binary wrote another $f"
  done
else
  fail "installed binary cannot build examples/meeting14: $(cat "$tmp/build.err")"
fi

# The schemas it prints are the ones installed beside it.
for kind in report documents section; do
  "$bin" schema "$kind" >"$tmp/$kind.json" || fail "cwgreport schema $kind failed"
  cmp -s "$tmp/$kind.json" "$prefix/share/cwgreport/schemas/$kind.schema.json" ||
    fail "cwgreport schema $kind differs from the installed $kind.schema.json"
done

# A scaffold from the installed binary carries the installed schemas, and its
# modelines lead to that copy by relative paths, so that the folder works in
# an editor on any machine it is cloned to; it checks cleanly.
"$bin" init "$tmp/meeting" --date 2024-05-14 >/dev/null || fail "cwgreport init failed"
expected="# yaml-language-server: \$schema=schemas/report.schema.json"
[ "$(head -n 1 "$tmp/meeting/report.yaml")" = "$expected" ] ||
  fail "report.yaml's modeline is '$(head -n 1 "$tmp/meeting/report.yaml")'"
expected="# yaml-language-server: \$schema=../schemas/section.schema.json"
[ "$(head -n 1 "$tmp/meeting/sections/opening.yaml")" = "$expected" ] ||
  fail "opening.yaml's modeline is '$(head -n 1 "$tmp/meeting/sections/opening.yaml")'"
for kind in report documents section; do
  cmp -s "$tmp/meeting/schemas/$kind.schema.json" "$prefix/share/cwgreport/schemas/$kind.schema.json" ||
    fail "init wrote another $kind.schema.json than the installed one"
done
"$bin" check "$tmp/meeting" >"$tmp/check.out" 2>&1 || fail "the scaffold does not check"
[ -s "$tmp/check.out" ] && fail "checking the scaffold printed: $(cat "$tmp/check.out")"

# --- The man page ----------------------------------------------------------
man_page=$prefix/share/man/man1/cwgreport.1
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww -z "$man_page" >"$tmp/groff.err" 2>&1 || true
  [ -s "$tmp/groff.err" ] && fail "groff warns about the man page: $(cat "$tmp/groff.err")"
  groff -man -Tutf8 "$man_page" 2>/dev/null | grep -q "cwgreport build" ||
    fail "the man page renders without its synopsis"
elif command -v man >/dev/null 2>&1; then
  man -l "$man_page" 2>/dev/null | grep -q "cwgreport build" ||
    fail "man -l does not render the man page"
else
  skip "neither groff nor man is installed: the man page is not rendered"
fi
# What the README promises: with PREFIX/bin on the PATH (and MANPATH unset),
# man-db looks in PREFIX/share/man, so 'man cwgreport' finds the page.
if command -v man >/dev/null 2>&1; then
  found=$(env -u MANPATH PATH="$prefix/bin:$PATH" man -w cwgreport 2>/dev/null || true)
  [ "$found" = "$man_page" ] ||
    fail "'man -w cwgreport' with PREFIX/bin on the PATH finds '$found', not $man_page"
fi

# Every option that --help shows is described in the man page, written
# with roff's "\-" for each hyphen.
options_of() {
  "$bin" "$1" --help | awk '/^  -/ { print $1 }' | tr ',' '\n'
}
for command in build check diff freeze init schema explain; do
  options=$(options_of "$command")
  [ -n "$options" ] || fail "'$command --help' lists no option"
  for option in $options; do
    roff=$(printf '%s' "$option" | sed 's/-/\\-/g')
    grep -qF -- "$roff" "$man_page" ||
      fail "option $option of '$command --help' is not in docs/cwgreport.1"
  done
done

# --- Bash completion -------------------------------------------------------
completion=$prefix/share/bash-completion/completions/cwgreport
if command -v bash >/dev/null 2>&1; then
  mkdir -p "$tmp/comp/meeting14" "$tmp/comp/meeting15" "$tmp/comp/other"
  : >"$tmp/comp/meeting-notes.txt"
  # Each case: the words typed (the last one being completed), then what
  # the completion offers, in order, separated by spaces.
  cat >"$tmp/cases" <<'EOF'
cwgreport ''|build check diff explain freeze init schema
cwgreport diff -f ''|text json html docx
cwgreport freeze m|meeting14 meeting15
cwgreport freeze --max-fo|--max-folder-size
cwgreport diff --f|--format
cwgreport ch|check
cwgreport -|-h --help --version
cwgreport build --col|--color
cwgreport build --color ''|auto always never
cwgreport build --color = al|always
cwgreport build -f ''|md html txt docx pdf
cwgreport build -f md,|md,html md,txt md,docx md,pdf
cwgreport build --format md,html,|md,html,txt md,html,docx md,html,pdf
cwgreport build --pdf-engine ''|weasyprint chromium
cwgreport check --diagnostics-format ''|human json sarif github
cwgreport check --diagnostics-format js|json
cwgreport check m|meeting14 meeting15
cwgreport build --output o|other
cwgreport init --from meeting1|meeting14 meeting15
cwgreport schema ''|report documents section
cwgreport schema --write m|meeting14 meeting15
cwgreport schema --write meeting14 m|meeting14 meeting15
cwgreport schema --w|--write
cwgreport explain ''|
EOF
  # shellcheck disable=SC2016
  (cd "$tmp/comp" && bash -c '
    . "$1"
    status=0
    while IFS="|" read -r typed expected; do
      eval "COMP_WORDS=($typed)"
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      COMPREPLY=()
      _cwgreport
      got=$(printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ *$//")
      want=$(printf "%s\n" $expected | sort | tr "\n" " " | sed "s/ *$//")
      if [ "$got" != "$want" ]; then
        echo "install_test: FAIL: completing \"$typed\" offers \"$got\", not \"$want\"" >&2
        status=1
      fi
    done <"$2"
    exit $status' sh "$completion" "$tmp/cases") || failures=$((failures + 1))

  # Every option of every command is offered.
  for command in build check diff freeze init schema; do
    options=$(options_of "$command" | tr '\n' ' ')
    offered=$(cd "$tmp/comp" && bash -c '. "$1"; COMP_WORDS=(cwgreport "$2" -); COMP_CWORD=2
      _cwgreport; printf "%s " "${COMPREPLY[@]}"' sh "$completion" "$command")
    for option in $options; do
      case " $offered " in
        *" $option "*) ;;
        *) fail "bash completion of '$command -' does not offer $option" ;;
      esac
    done
  done
else
  skip "bash is not installed: the bash completion is not tried"
fi

# --- Zsh completion --------------------------------------------------------
zsh_completion=$prefix/share/zsh/site-functions/_cwgreport
for command in build check diff freeze init schema; do
  for option in $(options_of "$command"); do
    grep -qF -- "$option" "$zsh_completion" ||
      fail "the zsh completion of '$command' lacks $option"
  done
done
if command -v zsh >/dev/null 2>&1; then
  zsh -n "$zsh_completion" || fail "the zsh completion does not parse"
else
  skip "zsh is not installed: the zsh completion is only checked for its options"
fi

# --- The Debian package ----------------------------------------------------
if [ ! -f "$build/CPackConfig.cmake" ]; then
  fail "no CPackConfig.cmake in $build"
elif ! command -v dpkg-deb >/dev/null 2>&1; then
  skip "dpkg-deb is not installed: no .deb is built"
else
  if ! (cd "$tmp" && "$cpack_bin" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/deb") \
    >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log" >&2
    fail "cpack -G DEB failed"
  else
    deb=$(find "$tmp/deb" -maxdepth 1 -name 'cwgreport_*.deb' | head -n 1)
    if [ -z "$deb" ]; then
      fail "cpack wrote no cwgreport_*.deb"
    else
      dpkg-deb -c "$deb" | awk '{ print $NF }' >"$tmp/deb.files"
      for f in ./usr/bin/cwgreport ./usr/share/man/man1/cwgreport.1 \
        ./usr/share/bash-completion/completions/cwgreport \
        ./usr/share/zsh/site-functions/_cwgreport \
        ./usr/share/cwgreport/schemas/report.schema.json \
        ./usr/share/doc/cwgreport/README.md ./usr/share/doc/cwgreport/docs/format.md; do
        grep -qxF "$f" "$tmp/deb.files" || fail "the .deb lacks $f"
      done
      dpkg-deb -f "$deb" Package Version Maintainer Depends Description >"$tmp/deb.control"
      grep -q '^Package: cwgreport$' "$tmp/deb.control" || fail "the .deb is not named cwgreport"
      grep -q '^Maintainer: .*<.*@.*>$' "$tmp/deb.control" || fail "the .deb has no maintainer"
      for lib in libyaml-cpp0.7 libyaml-0-2 libfmt9 libcmark-gfm0.29.0.gfm.6 \
        libcmark-gfm-extensions0.29.0.gfm.6 libutf8proc2; do
        grep -q "^Depends: .*$lib" "$tmp/deb.control" || fail "the .deb does not depend on $lib"
      done
      # The packaged binary runs, and writes the schemas packaged with it.
      dpkg-deb -x "$deb" "$tmp/root"
      "$tmp/root/usr/bin/cwgreport" --version >/dev/null || fail "the packaged binary does not run"
      "$tmp/root/usr/bin/cwgreport" init "$tmp/from-deb" --date 2024-05-14 >/dev/null ||
        fail "the packaged binary cannot init a folder"
      cmp -s "$tmp/from-deb/schemas/report.schema.json" \
        "$tmp/root/usr/share/cwgreport/schemas/report.schema.json" ||
        fail "the packaged binary writes another report.schema.json than the packaged one"
    fi
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "install_test: $failures check(s) failed" >&2
  exit 1
fi
echo "install_test: all checks passed"
