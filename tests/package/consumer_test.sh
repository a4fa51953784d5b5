#!/usr/bin/env bash
# The package as an embedder gets it: install the build to a fresh prefix, build examples/embed out of tree with
# find_package(tenantreach 0.2) against that prefix, and run it on a snapshot compiled by the installed program.
# pkg-config must find the same version and link a program. Usage: consumer_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
prefix=$work/prefix
test -x "$prefix/bin/tenantreach"
test -f "$prefix/include/tenantreach/tenantreach.hpp"
# No internal header is installed, and the public ones include none.
if find "$prefix/include" -name '*.hpp' | xargs grep -l '#include "\(core\|graph\|parallel\|serialization\)/' ; then
  echo "an installed header includes an internal one" >&2
  exit 1
fi

world=$source/examples/three-tenants/world
"$prefix/bin/tenantreach" compile "$world" -o "$work/three-tenants.snap" > /dev/null

cmake -S "$source/examples/embed" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$prefix" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"

contoso=11111111-1111-1111-1111-111111111111
design=$contoso/19:projectx-design@thread.tacv2
pradeep=22222222-2222-2222-2222-222222222222/22222222-0000-0000-0001-000000000001
"$work/build/audit_service" "$work/three-tenants.snap" "$design" "$pradeep" > "$work/out.txt"
cat "$work/out.txt"

expect() {
  grep -qxF -- "$1" "$work/out.txt" || { echo "missing line: $1" >&2; exit 1; }
}
version=$(sed -n 's/^project(tenantreach VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")
expect "tenantreach $version"
# The same total as the installed command line answers.
total=$("$prefix/bin/tenantreach" who-can-reach "$work/three-tenants.snap" "$design" | grep -o '"total": *[0-9]*' | grep -o '[0-9]*$')
expect "who-can-reach Design (shared with Fabrikam and Litware): $total principals"
expect "explain Pradeep Gupta -> Design (shared with Fabrikam and Litware): reachable"
expect "  b2bDirectConnect allowed"
grep -q "^audit: [1-9][0-9]* of [1-9][0-9]* shared channels reached from outside$" "$work/out.txt"
# Errors reach the service as tenantreach::NotFoundError (exit 1).
if "$work/build/audit_service" "$work/three-tenants.snap" "$contoso/no-such-channel" "$pradeep" 2> "$work/err.txt"; then
  echo "an unknown resource did not fail" >&2
  exit 1
else
  test $? -eq 1
fi

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig:$prefix/share/pkgconfig
test "$(pkg-config --modversion tenantreach)" = "$version"
printf '#include <tenantreach/version.hpp>\n#include <cstdio>\nint main() { std::puts(tenantreach::library_version()); }\n' \
  > "$work/version.cpp"
# shellcheck disable=SC2046
c++ -std=c++20 $(pkg-config --cflags tenantreach) "$work/version.cpp" -o "$work/version" $(pkg-config --libs tenantreach)
test "$(LD_LIBRARY_PATH=$prefix/lib "$work/version")" = "$version"
echo "consumer test passed"
