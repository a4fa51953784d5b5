#include "serialization/version.hpp"

#include "serialization/snapshot.hpp"

namespace tenantreach::serialization {

std::string_view engine_version() { return TENANTREACH_VERSION; }

std::uint32_t snapshot_format_version() { return kSnapshotFormatVersion; }

std::string_view build_type() { return TENANTREACH_BUILD_TYPE; }

std::string version_line() {
  return "tenantreach " + std::string(engine_version()) + " (snapshot format " +
         std::to_string(snapshot_format_version()) + ", " + std::string(build_type()) + " build)";
}

}  // namespace tenantreach::serialization
