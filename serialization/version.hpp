// What this build is, for `tenantreach --version`, `info` and audit headers: the engine version (CMake's
// PROJECT_VERSION), the snapshot format it reads and writes, and the build type (CMAKE_BUILD_TYPE).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tenantreach::serialization {

std::string_view engine_version();       // "0.1.0"
std::uint32_t snapshot_format_version();  // kSnapshotFormatVersion
std::string_view build_type();            // "RelWithDebInfo", "Release", "Debug", ...
// "tenantreach 0.1.0 (snapshot format 4, RelWithDebInfo build)"
std::string version_line();

}  // namespace tenantreach::serialization
