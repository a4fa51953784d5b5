// libFuzzer harness for the directory block decoder (serialization/directory_block.hpp). In a snapshot a tenant's
// directory is decoded only after it passed its checksum, so snapshot_fuzzer reaches this decoder only through
// intact blocks; this harness hands it the bytes directly. The first byte of the input picks a tenant of the base
// world (TENANTREACH_FUZZ_WORLD, compiled at start), whose graph names the block may refer to; the rest is the
// block. A malformed block must end in std::runtime_error; anything else (a crash, a sanitizer report, a hang,
// another exception) is a finding. With TENANTREACH_FUZZ_SEEDS set to a directory, the harness first writes the
// base world's blocks there as seeds (tests/fuzz/run_fuzzers.sh).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "serialization/directory_block.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tenantreach;

struct Base {
  graph::CompiledWorld compiled;
  serialization::GraphUserNames names;
};

const Base& base() {
  static const Base loaded = [] {
    const char* world = std::getenv("TENANTREACH_FUZZ_WORLD");
    if (world == nullptr || !fs::is_directory(world)) {
      std::fprintf(stderr, "directory_fuzzer: set TENANTREACH_FUZZ_WORLD to a world directory\n");
      std::exit(2);
    }
    graph::CompiledWorld compiled = graph::compile(core::load_world(world));
    serialization::GraphUserNames names{compiled.graph.user_ids, compiled.graph.user_display_names,
                                        compiled.graph.tenant_user_offset};
    return Base{std::move(compiled), std::move(names)};
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const Base& world = base();
  if (const char* seeds = std::getenv("TENANTREACH_FUZZ_SEEDS")) {
    const auto& tenants = world.compiled.world().tenants;
    for (std::uint32_t t = 0; t < tenants.size() && t < 256; ++t) {
      std::ofstream out(fs::path(seeds) / ("tenant-" + std::to_string(t)), std::ios::binary);
      out.put(static_cast<char>(t));
      out << serialization::encode_directory(tenants[t], world.names.of_tenant(t));
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Base& world = base();
  const auto tenants = static_cast<std::uint32_t>(world.compiled.world().tenants.size());
  const std::uint32_t position = tenants == 0 ? 0 : data[0] % tenants;
  core::Tenant tenant;
  try {
    serialization::decode_directory({reinterpret_cast<const char*>(data) + 1, size - 1}, tenant,
                                    world.names.of_tenant(position));
  } catch (const std::runtime_error&) {
    return 0;
  }
  // What a decoded directory is read for: every member's id, every object found by its id.
  for (const core::Group& group : tenant.groups) {
    for (const core::MemberRef member : group.members) tenant.find_object(tenant.member_id(group, member));
  }
  for (const core::User& user : tenant.users) tenant.find_object(user.id);
  return 0;
}
