#!/usr/bin/env bash
# `npm run bench:peer [-- --contacts N --repeat N]`: our CLI beside vdirsyncer + Radicale, mirroring
# the same contacts in one run (bench/peer.bench.ts says what is measured). Installs nothing: where
# a program is missing it says so and exits 0.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for program in vdirsyncer radicale; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "$program is not installed (apt-get install vdirsyncer radicale): nothing to compare."
    exit 0
  fi
done
if [ ! -x /usr/bin/time ]; then
  echo "GNU time is not installed (apt-get install time): nothing to measure with."
  exit 0
fi
exec node --import tsx bench/peer.bench.ts "$@"
