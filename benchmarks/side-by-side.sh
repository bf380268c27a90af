# Sourced by run.sh and run-logs.sh.
# both_sides <round> <measure> <benchmark> <official module>: measures one benchmark on our class
# path and on the official's, right after each other, ours first in odd rounds and the official's
# first in even ones, so that a drift of the machine's load over a run favours neither side.
# <measure> is called as: <measure> <module> <benchmark> <round>.
both_sides() {
  if (($1 % 2 == 1)); then
    "$2" bridge "$3" "$1"
    "$2" "$4" "$3" "$1"
  else
    "$2" "$4" "$3" "$1"
    "$2" bridge "$3" "$1"
  fi
}
