#!/usr/bin/env bash
# Runs the README's tour ("## A tour on the example world" up to the next "## " heading) as written, with TR set
# to the tenantreach under test: every command of the tour must succeed. Usage: readme_tour.sh README TENANTREACH
set -euo pipefail
readme=$1
tenantreach=$2
repository=$(cd "$(dirname "$readme")" && pwd)

# The tour's ```sh blocks, in order; the assignment of TR is replaced by the program under test.
script=$(awk '
  /^## A tour on the example world/ { in_tour = 1; next }
  in_tour && /^## / { exit }
  in_tour && /^```sh$/ { in_block = 1; next }
  in_block && /^```$/ { in_block = 0; next }
  in_block { print }
' "$readme" | sed "s|^TR=.*|TR='$tenantreach'|")
[ -n "$script" ] || { echo "readme_tour: no tour found in $readme" >&2; exit 1; }
grep -q "^TR='" <<<"$script" || { echo "readme_tour: the tour does not set TR" >&2; exit 1; }

cd "$repository"
bash -euo pipefail -x -c "$script" >/dev/null
echo "readme_tour: $(grep -c '\$TR ' <<<"$script") commands ran"
