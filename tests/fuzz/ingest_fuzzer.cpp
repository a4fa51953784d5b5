// libFuzzer harness for ingest: the input stands in for one file of a small world (its first byte picks which,
// the rest is the file's text), and the world is loaded, compiled and queried. Bad input must end in
// core::InputError; anything else (a crash, a sanitizer report, a hang, another exception) is a finding.
// The base world is the directory TENANTREACH_FUZZ_WORLD names; tests/fuzz/run_fuzzers.sh generates one and
// writes the seeds, one per file of it (docs/FUZZING.md).
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "graph/lookup.hpp"
#include "graph/queries.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tenantreach;

// The files of the base world as load_world names them ("tenants/<id>/users.json"), sorted: the order the
// seed corpus numbers them in.
std::vector<std::string> world_files(const fs::path& world) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(world))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), world).generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

fs::path base_world() {
  const char* world = std::getenv("TENANTREACH_FUZZ_WORLD");
  if (world == nullptr || !fs::is_directory(world)) {
    std::fprintf(stderr, "ingest_fuzzer: set TENANTREACH_FUZZ_WORLD to a world directory\n");
    std::exit(2);
  }
  return world;
}

// Every resource's principals; the explanation of its first principal; what the first principal of all reaches.
void query_everything(const graph::CompiledWorld& compiled) {
  std::string first_principal;
  for (std::uint32_t resource = 0; resource < compiled.graph.resource_count(); ++resource) {
    const graph::WhoCanReachIds answer = graph::who_can_reach(compiled, resource);
    if (answer.principals.empty()) continue;
    const graph::PrincipalRef principal = graph::principal_ref(compiled.graph, answer.principals.front().principal);
    const std::string address = principal.tenant_id + "/" + principal.user_id;
    graph::explain(compiled, address, resource);
    if (first_principal.empty()) first_principal = address;
  }
  if (!first_principal.empty()) graph::what_can_reach(compiled, first_principal);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path world = base_world();
  static const std::vector<std::string> files = world_files(world);
  if (size == 0) return 0;
  const core::FileOverlay overlay{
      {files[data[0] % files.size()], std::string(reinterpret_cast<const char*>(data) + 1, size - 1)}};
  try {
    query_everything(graph::compile(core::load_world(world, overlay)));
  } catch (const core::InputError&) {
  }
  return 0;
}
