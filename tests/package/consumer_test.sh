#!/usr/bin/env bash
# The package as an embedder gets it: install the build to a fresh prefix, build examples/embed out of tree with
# find_package(tenantreach 0.2) against that prefix, and run it on a snapshot compiled by the installed program.
# pkg-config must find the same version and link a program. Then the same for the shared library (the build's
# `shared_package` component, libtenantreach.so linked from the same objects): its SONAME, that it exports only
# tenantreach:: API symbols, and that the consumer runs against it. Usage: consumer_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^project(tenantreach VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")

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

contoso=11111111-1111-1111-1111-111111111111
design=$contoso/19:projectx-design@thread.tacv2
pradeep=22222222-2222-2222-2222-222222222222/22222222-0000-0000-0001-000000000001
# The same total as the installed command line answers.
total=$("$prefix/bin/tenantreach" who-can-reach "$work/three-tenants.snap" "$design" | grep -o '"total": *[0-9]*' | grep -o '[0-9]*$')

# consumer PREFIX NAME: builds examples/embed against PREFIX into $work/NAME, runs it, and links a program
# through pkg-config.
consumer() {
  local prefix=$1 out=$work/$2
  cmake -S "$source/examples/embed" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$prefix" > "$work/$2-configure.log"
  cmake --build "$out" > "$work/$2-build.log"
  "$out/audit_service" "$work/three-tenants.snap" "$design" "$pradeep" > "$out/out.txt"
  cat "$out/out.txt"
  expect() {
    grep -qxF -- "$1" "$out/out.txt" || { echo "$2: missing line: $1" >&2; exit 1; }
  }
  expect "tenantreach $version"
  expect "who-can-reach Design (shared with Fabrikam and Litware): $total principals"
  expect "explain Pradeep Gupta -> Design (shared with Fabrikam and Litware): reachable"
  expect "  b2bDirectConnect allowed"
  grep -q "^audit: [1-9][0-9]* of [1-9][0-9]* shared channels reached from outside$" "$out/out.txt"
  # Errors reach the service as tenantreach::NotFoundError (exit 1), across the shared library's boundary too.
  if "$out/audit_service" "$work/three-tenants.snap" "$contoso/no-such-channel" "$pradeep" 2> "$out/err.txt"; then
    echo "$2: an unknown resource did not fail" >&2
    exit 1
  else
    test $? -eq 1
  fi

  printf '#include <tenantreach/version.hpp>\n#include <cstdio>\nint main() { std::puts(tenantreach::library_version()); }\n' \
    > "$out/version.cpp"
  test "$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --modversion tenantreach)" = "$version"
  # shellcheck disable=SC2046
  c++ -std=c++20 $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags tenantreach) "$out/version.cpp" \
      -o "$out/version" $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --libs tenantreach)
  test "$(LD_LIBRARY_PATH=$prefix/lib "$out/version")" = "$version"
}

# A default (static) build installs the shared variant as a component; a BUILD_SHARED_LIBS=ON build is shared.
if [ -f "$prefix/lib/libtenantreach.a" ]; then
  consumer "$prefix" static
  shared=$work/shared-prefix
  cmake --install "$build" --prefix "$shared" --component shared_package > "$work/install-shared.log"
  test ! -e "$shared/lib/libtenantreach.a"
else
  shared=$prefix
fi
soname=libtenantreach.so.${version%.*}
test "$(readlink "$shared/lib/libtenantreach.so")" = "$soname"
test "$(readlink "$shared/lib/$soname")" = "libtenantreach.so.$version"
# Not `objdump | grep -q`: grep -q exits at the first match, and with pipefail the writer's SIGPIPE fails the test.
objdump -p "$shared/lib/libtenantreach.so.$version" > "$work/objdump.txt"
grep -qE "^ *SONAME +$soname$" "$work/objdump.txt"
# Only the API: tenantreach:: names (not those of the internal modules), their vtables and type information.
nm -D --defined-only -C "$shared/lib/$soname" | cut -d' ' -f3- > "$work/exported.txt"
grep -qxF 'tenantreach::library_version()' "$work/exported.txt"
grep -q '^tenantreach::World::open(' "$work/exported.txt"
grep -qxF 'typeinfo for tenantreach::NotFoundError' "$work/exported.txt"
if grep -vE '^((typeinfo|typeinfo name|vtable) for )?tenantreach::' "$work/exported.txt" ||
   grep -E 'tenantreach::(core|graph|parallel|serialization|api)::' "$work/exported.txt"; then
  echo "libtenantreach.so exports more than the API (above)" >&2
  exit 1
fi
consumer "$shared" shared
readelf -d "$work/shared/audit_service" > "$work/readelf.txt"
grep -qF "[$soname]" "$work/readelf.txt"
echo "consumer test passed"
