// libFuzzer harness for the snapshot decoder: the input is a snapshot file, loaded, queried and its model
// decoded. A damaged file must end in core::InputError; anything else (a crash, a sanitizer report, an
// allocation beyond the file's size, a hang, another exception) is a finding. The header and each section carry
// XXH3 checksums, but the graph section is decoded as it is read and compared with its checksum after, so the
// decoder itself sees every damaged byte. Seeds: snapshots of generated and fixture worlds (tests/fuzz/run_fuzzers.sh).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "graph/compiled_world.hpp"
#include "graph/queries.hpp"
#include "serialization/snapshot.hpp"

namespace {

using namespace tenantreach;

// The file load_snapshot reads each input from, one per process, removed when the fuzzer exits.
struct ScratchFile {
  std::string path = "/tmp/tenantreach-snapshot-fuzzer-" + std::to_string(::getpid()) + ".snap";
  ~ScratchFile() { ::unlink(path.c_str()); }
};

const std::string& scratch_file() {
  static const ScratchFile file;
  return file.path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::ofstream(scratch_file(), std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const graph::CompiledWorld compiled = serialization::load_snapshot(scratch_file());
    for (std::uint32_t resource = 0; resource < compiled.graph.resource_count(); ++resource)
      graph::who_can_reach(compiled, resource);
    compiled.world();
  } catch (const core::InputError&) {
  }
  return 0;
}
