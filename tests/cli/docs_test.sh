#!/usr/bin/env bash
# The man page and the completions against the binary they were generated for: every command of
# haul --help, with its about text, every flag and every example of its own --help, is in haul.1,
# which groff renders without a warning; the bash completion offers the commands, a command's
# flags, keys after --set, presets after --drive and kinds after table; zsh parses its script.
# Called by ctest with HAUL (the binary), SRC (the source tree) and DOCS (the folder holding
# haul.1, haul.bash and _haul).
set -u
source "$(dirname "$0")/lib.sh"
: "${DOCS:?set DOCS to the folder with haul.1, haul.bash and _haul}"

# The man page as text: roff's escapes undone (\- minus, \e backslash, \& nothing, fonts).
sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\&//g' -e 's/\\f[BIR]//g' "$DOCS/haul.1" >"$work/man.txt"

commands=$("$HAUL" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NF && !/^Subcommands:/ {print $1}')
[ "$(echo "$commands" | wc -w)" -ge 12 ] && ok || fail "haul --help lists too few commands: $commands"
for c in $commands; do
  # The command's part of the man page: from its .SS heading to the next heading.
  awk -v c="$c" '/^\.S[SH] / {on = ($0 ~ "^\\.SS \"haul " c " ")} on' "$work/man.txt" >"$work/section"
  if [ ! -s "$work/section" ]; then fail "haul.1 has no section for $c"; continue; fi
  "$HAUL" "$c" --help >"$work/help"
  # The about text: the paragraph after the options, before "Examples:", as one line.
  about=$(awk '/^$/ {if (para) last = para; para = ""; next}
    /^Examples:/ {print last; exit} {para = para (para ? " " : "") $0}' "$work/help")
  if [ -n "$about" ] && grep -qF -- "$about" "$work/section"; then ok; else fail "haul.1: $c's about text"; fi
  for flag in $(grep -oE '^  (-[a-zA-Z],)?--[a-z-]+' "$work/help" | tr ',' ' '); do
    if grep -qE -- "(^|, )$flag( |,|$)" "$work/section"; then ok; else fail "haul.1: $c $flag"; fi
  done
  while IFS= read -r line; do
    line=$(echo "$line" | sed 's/^ *//')
    if grep -qxF -- "$line" "$work/section"; then ok; else fail "haul.1: $c example: $line"; fi
  done < <(sed -n '/^Examples:/,$p' "$work/help" | tail -n +2 | grep .)
done
# haul --help's footer: the exit status and the overview's examples.
status=$("$HAUL" --help | sed -n 's/^Exit status: //p')
if awk '/^\.SH EXIT STATUS/ {getline; print}' "$work/man.txt" | grep -qxF -- "$status"; then ok; else
  fail "haul.1: EXIT STATUS is not haul --help's: $status"
fi
if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww -z "$DOCS/haul.1" 2>"$work/groff"
  if [ -s "$work/groff" ]; then fail "groff warns: $(head -5 "$work/groff")"; else ok; fi
else
  echo "docs_test: no groff; the man page's rendering is not checked"
fi

# bash: the completion function, called as bash calls it.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _haul; echo "${COMPREPLY[*]}"' \
    _ "$DOCS/haul.bash" "$@" 2>&1
}
# expect_words NAME 'EXPECTED WORDS' haul ...: every expected word is among the completions.
expect_words() {
  local name=$1 expected=$2; shift 2
  local got
  got=" $(complete_words "$@") "
  for w in $expected; do
    if [[ $got != *" $w "* ]]; then fail "bash $name: no '$w' in:$got"; return; fi
  done
  ok
}
expect_words commands "$commands --help --version" haul ""
expect_words "compare's flags" "--set --data --drive --format --example --iec -o --output --threads" haul compare -
expect_words "sweep's flags" "--shard --yes --threads --format" haul sweep -
expect_words "--set net" "network.rtt= network.bandwidth= network.loss= network.streams=" haul compare --set net
expect_words "--drive" "hdd-24tb nvme-4tb" haul compare --drive ""
expect_words "--gpu" "h100-sxm" haul compute --gpu ""
expect_words "--example" "seed llama3-405b" haul compare --example ""
expect_words "--format" "table json csv md" haul keys --format ""
expect_words "table KIND" "transfer winner" haul table ""
expect_words "plot KIND" "crossover winner-map cdf pareto" haul plot ""
# Exactly: --set n offers keys only (no files), and a free value (--data 80TB) offers nothing.
got=$(complete_words haul compare --set net)
if [[ " $got " != *" network.rtt= "* || $got == *" data."* ]]; then fail "bash --set net: $got"; else ok; fi
got=$(complete_words haul compare --data "")
if [ -z "$got" ]; then ok; else fail "bash --data offers: $got"; fi
# After the KIND, a file: table winner s offers src/ and scripts/ of the source tree.
got=$(cd "$SRC" && complete_words haul table winner sc)
if [[ " $got " == *" scripts "* ]]; then ok; else fail "bash table winner sc: $got"; fi

if command -v zsh >/dev/null; then
  if zsh -n "$DOCS/_haul" 2>"$work/zsh"; then ok; else fail "zsh -n _haul: $(cat "$work/zsh")"; fi
else
  echo "docs_test: no zsh; _haul is not checked"
fi

echo "docs_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
