// Counts of everything in a compiled world and its warnings: the output of `stats` and the compile report.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"

namespace tenantreach::graph {

struct Stats {
  std::map<std::string, std::size_t> counts;    // e.g. "users.internal", "resources.sharedChannel"
  std::map<std::string, std::size_t> warnings;  // by warning code
  std::vector<core::Warning> warning_list;
  // Per tenant id, the files it was read from, relative to its folder (which list files were .jsonl, R1.1).
  std::map<std::string, std::vector<std::string>> sources;
};

Stats compute_stats(const CompiledWorld& compiled);
std::string to_json(const Stats& stats);
std::string to_text(const Stats& stats);

}  // namespace tenantreach::graph
