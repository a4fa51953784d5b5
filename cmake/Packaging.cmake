# `cpack -G DEB` in a build directory: one Debian package with what `cmake --install` installs (the program,
# the library, its headers, CMake package and pkg-config file) under /usr (docs/API.md, "Debian package").
set(CPACK_PACKAGE_NAME tenantreach)
set(CPACK_PACKAGE_VENDOR tenantreach)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Who can reach what across Entra ID tenants, and why")
set(CPACK_PACKAGE_CONTACT "tenantreach maintainers <tenantreach@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The runtime libraries the program (and a shared libtenantreach) link, as dpkg-shlibdeps finds them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# A static libtenantreach.a is linked with TBB, simdjson and xxHash: tenantreachConfig.cmake and the .pc file
# need their development packages.
if(NOT BUILD_SHARED_LIBS)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libtbb-dev, libsimdjson-dev, libxxhash-dev")
endif()
include(CPack)
