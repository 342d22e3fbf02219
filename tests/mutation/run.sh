#!/usr/bin/env bash
# Mutation testing of the library's security core (Crypto/) and URL chain (Chaining/) with Stryker.NET, run by hand,
# never in CI: one folder takes tens of minutes on two cores.
#
#   tests/mutation/run.sh            both folders, one after the other
#   tests/mutation/run.sh crypto     Crypto/ only
#   tests/mutation/run.sh chaining   Chaining/ only
#
# Stryker is installed once into .tools/ (kept out of git). Reports land in tests/mutation/StrykerOutput/<date>/
# (html, json; also kept out of git); the score of each run is printed at its end. stryker-config.json beside this
# script names the library, the two test projects and a concurrency of 1, since the machine is shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version=5.1.0
stryker="$root/.tools/dotnet-stryker"
if [ ! -x "$stryker" ]; then
  dotnet tool install dotnet-stryker --version "$version" --tool-path "$root/.tools"
fi

run() {
  echo "== mutating $1 =="
  (cd "$here" && "$stryker" --config-file stryker-config.json --mutate "$1")
}

case "${1:-all}" in
  crypto) run '**/Crypto/**/*.cs' ;;
  chaining) run '**/Chaining/**/*.cs' ;;
  all) run '**/Crypto/**/*.cs'; run '**/Chaining/**/*.cs' ;;
  *) echo "usage: $0 [crypto|chaining|all]" >&2; exit 2 ;;
esac
