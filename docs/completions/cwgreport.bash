# Bash completion for cwgreport: commands, options, option values, folders.
# Installed as share/bash-completion/completions/cwgreport; to try it from
# a clone: source docs/completions/cwgreport.bash
#
# Self-contained (it uses no helper of the bash-completion package), so that
# sourcing this one file is enough.

_cwgreport_common_options="-h --help -j --jobs -W --diagnostics-format --diagnostics-output
  --max-errors --max-warnings --color --language --max-file-size --max-folder-size --max-field-size"

# Sets COMPREPLY to the words of $1 that start with $2.
_cwgreport_words() {
  local IFS=$' \t\n'
  # shellcheck disable=SC2207
  COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# Sets COMPREPLY to the folders, or with -f the files, that start with $2.
_cwgreport_paths() {
  local IFS=$'\n'
  # shellcheck disable=SC2207
  COMPREPLY=($(compgen "$1" -- "$2"))
  # Outside a completion (a test calling the function) compopt fails.
  compopt -o filenames 2>/dev/null || true
}

_cwgreport() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev="" command="" i
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # Bash splits "--color=al" into "--color", "=" and "al": complete the
  # value of the option before the "=".
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  # The command is the first word that is not an option.
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} != -* ]]; then
      command=${COMP_WORDS[i]}
      break
    fi
  done

  case $prev in
    --diagnostics-format)
      _cwgreport_words "human json sarif github" "$cur"
      return
      ;;
    --language)
      _cwgreport_words "ar zh en fr ru es" "$cur"
      return
      ;;
    --color)
      _cwgreport_words "auto always never" "$cur"
      return
      ;;
    --pdf-engine)
      _cwgreport_words "weasyprint chromium" "$cur"
      return
      ;;
    -W)
      _cwgreport_words "error" "$cur"
      return
      ;;
    -f | --format)
      if [[ $command == diff ]]; then
        _cwgreport_words "text json html docx" "$cur"
        return
      fi
      # A comma-separated list: complete its last element.
      local done_part="" last=$cur
      if [[ $cur == *,* ]]; then
        done_part=${cur%,*},
        last=${cur##*,}
      fi
      local f words=""
      for f in md html txt docx pdf; do
        [[ ,$done_part == *,$f,* ]] || words+="$done_part$f "
      done
      _cwgreport_words "$words" "$done_part$last"
      compopt -o nospace 2>/dev/null || true
      return
      ;;
    -o | --output | --from | --schemas | --write)
      _cwgreport_paths -d "$cur"
      return
      ;;
    --diagnostics-output)
      _cwgreport_paths -f "$cur"
      return
      ;;
    -j | --jobs | --max-errors | --max-warnings | --max-file-size | --max-folder-size | \
      --max-field-size | --width | --pdf-timeout | --number | --date | --group-name | --acronym)
      COMPREPLY=()
      return
      ;;
  esac

  if [[ -z $command ]]; then
    if [[ $cur == -* ]]; then
      _cwgreport_words "-h --help --version" "$cur"
    else
      _cwgreport_words "build check diff explain freeze init schema" "$cur"
    fi
    return
  fi

  case $command in
    build)
      if [[ $cur == -* ]]; then
        _cwgreport_words "$_cwgreport_common_options -o --output -f --format --width
          --pdf-engine --pdf-timeout -q --quiet" "$cur"
      else
        _cwgreport_paths -d "$cur"
      fi
      ;;
    check)
      if [[ $cur == -* ]]; then
        _cwgreport_words "$_cwgreport_common_options -q --quiet" "$cur"
      else
        _cwgreport_paths -d "$cur"
      fi
      ;;
    diff)
      if [[ $cur == -* ]]; then
        _cwgreport_words "-h --help -f --format -o --output --author --color --diagnostics-format
          --max-folder-size --max-field-size" "$cur"
      else
        _cwgreport_paths -d "$cur"
      fi
      ;;
    freeze)
      if [[ $cur == -* ]]; then
        _cwgreport_words "-h --help -q --quiet --diagnostics-format --color --max-folder-size
          --max-field-size" "$cur"
      else
        _cwgreport_paths -d "$cur"
      fi
      ;;
    init)
      if [[ $cur == -* ]]; then
        _cwgreport_words "-h --help -q --quiet --from --number --date --group-name --acronym
          --schemas" "$cur"
      else
        _cwgreport_paths -d "$cur"
      fi
      ;;
    schema)
      if [[ $cur == -* ]]; then
        _cwgreport_words "-h --help --write" "$cur"
      elif [[ " ${COMP_WORDS[*]:2:COMP_CWORD-2} " == *" --write "* ]]; then
        # Every word after --write is a meeting folder.
        _cwgreport_paths -d "$cur"
      else
        _cwgreport_words "report documents section" "$cur"
      fi
      ;;
    explain)
      _cwgreport_words "-h --help" "$cur"
      [[ $cur == -* ]] || COMPREPLY=()
      ;;
    *)
      COMPREPLY=()
      ;;
  esac
}

complete -F _cwgreport cwgreport
