#!/usr/bin/env bash
# Mutation testing with Stryker.NET of the folders where the security decisions live, run by hand, never in CI: one
# folder takes from minutes to over an hour on two cores.
#
#   tests/mutation/run.sh                every folder below, one after the other
#   tests/mutation/run.sh crypto         Crypto/: keys, signatures, ciphers
#   tests/mutation/run.sh protocol       Protocol/: signing strings, headers, URI templates, percent-encoding, APIv2 XML
#   tests/mutation/run.sh certificates   Certificates/: platform keys, download, refresh
#   tests/mutation/run.sh chaining       Chaining/: path nodes and member-name rules
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
  crypto|protocol|certificates|chaining) run "**/${1^}/**/*.cs" ;;
  all) for folder in Crypto Protocol Certificates Chaining; do run "**/$folder/**/*.cs"; done ;;
  *) echo "usage: $0 [crypto|protocol|certificates|chaining|all]" >&2; exit 2 ;;
esac
