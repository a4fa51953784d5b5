#!/usr/bin/env bash
# `cpack -G DEB` makes a Debian package of the install: name, version, the runtime libraries it depends on, and
# the program, library, headers, CMake package and pkg-config file in it. Usage: deb_test.sh BUILD_DIR SOURCE_DIR
# Exit 77 (skipped) without dpkg-deb and dpkg-shlibdeps (Debian's dpkg-dev).
set -euo pipefail
build=$1
source=$2
command -v dpkg-deb > /dev/null && command -v dpkg-shlibdeps > /dev/null || exit 77
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^project(tenantreach VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" > "$work/cpack.log" || { cat "$work/cpack.log"; exit 1; }
deb=$(find "$work" -maxdepth 1 -name 'tenantreach_*.deb')
test "$(basename "$deb")" = "tenantreach_${version}_$(dpkg --print-architecture).deb"
test "$(dpkg-deb -f "$deb" Package)" = tenantreach
test "$(dpkg-deb -f "$deb" Version)" = "$version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# The program's runtime libraries (dpkg-shlibdeps) and, for the static library, what links with it.
for package in libtbb libsimdjson libgvc libc6 libtbb-dev libsimdjson-dev libxxhash-dev; do
  grep -qE "(^|, )$package[0-9.a-z]* ?(\(|,|$)" <<< "$depends" || { echo "Depends lacks $package" >&2; exit 1; }
done
dpkg-deb --contents "$deb" | awk '{print $NF}' > "$work/contents.txt"
for file in ./usr/bin/tenantreach ./usr/lib/libtenantreach.a ./usr/include/tenantreach/tenantreach.hpp \
            ./usr/include/tenantreach/version.hpp ./usr/lib/cmake/tenantreach/tenantreachConfig.cmake \
            ./usr/lib/cmake/tenantreach/tenantreachConfigVersion.cmake \
            ./usr/lib/cmake/tenantreach/tenantreach-static-targets.cmake ./usr/lib/pkgconfig/tenantreach.pc; do
  grep -qxF "$file" "$work/contents.txt" || { echo "the package lacks $file" >&2; exit 1; }
done
echo "deb test passed"
