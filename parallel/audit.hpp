// audit (spec §10): every resource, or those of the given kinds, one JSON line each in audit order
// (tenant id, then resource id). Resources are evaluated in parallel with TBB, in blocks, and lines are
// handed to the sink in order as each block completes, so output streams and memory stays bounded.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"

namespace tenantreach::parallel {

enum class Engine {
  Batch,  // bit-parallel multi-source traversal, 64 resources per pass (batch_reach.hpp); the default
  Bfs,    // one Boost.Graph breadth-first search per resource (bfs_baseline.hpp); the baseline
};

struct AuditOptions {
  std::vector<std::string> kinds;  // resource kinds of spec §10 (e.g. "sharedChannel"); empty: all
  bool principals = false;         // list principals on each line, not only counts
  bool text = false;               // a text block per resource for people, instead of a JSON line
  Engine engine = Engine::Batch;
  std::size_t block_size = 8192;   // resources evaluated between two hand-overs to the sink
  // With principals, a block also ends before its resources' estimated principals pass this budget (a block
  // holds at least one resource): lines of large resources are megabytes each, and a world of a million users
  // can list a billion principals, so memory must stay bounded by the budget, not by block_size.
  std::uint64_t principal_budget = 4'000'000;
};

using LineSink = std::function<void(const std::string& line)>;
using ProgressSink = std::function<void(std::size_t done, std::size_t total)>;

// Throws core::InputError for a kind that is not one of spec §10.
void audit(const graph::CompiledWorld& compiled, const AuditOptions& options, const LineSink& sink,
           const ProgressSink& progress = {});

}  // namespace tenantreach::parallel
