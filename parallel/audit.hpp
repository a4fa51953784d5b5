// audit (spec §10): every resource, or those of the given kinds, one JSON line each in audit order
// (tenant id, then resource id). Resources are evaluated in parallel with TBB, in blocks, and lines are
// handed to the sink in order as each block completes, so output streams and memory stays bounded.
#pragma once

#include <cstddef>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"
#include "graph/render.hpp"
#include "graph/results.hpp"

namespace tenantreach::parallel {

enum class Engine {
  Batch,  // bit-parallel multi-source traversal, 64 resources per pass (batch_reach.hpp); the default
  Bfs,    // one Boost.Graph breadth-first search per resource (bfs_baseline.hpp); the baseline
};

enum class LineFormat {
  Json,  // spec §10: one JSON object per resource
  Text,  // a block per resource, for people
  Csv,   // RFC 4180 rows, without the header row (graph::audit_csv_header): per resource, or per pair
};

// Narrows an audit to what an auditor asks; they compose (all must hold). Counts and principal lists are those
// of the principals that pass, computed inside the engines, not by filtering output lines.
struct AuditFilter {
  // The paths to report: a principal keeps only these of its paths (--via). "External access" is every path but
  // internal: users of other tenants, and guest objects that link to nobody (--external).
  graph::ViaSet vias = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect | graph::kViaInternal;
  std::vector<std::string> resource_tenants;   // tenant ids (lower-case); empty: every tenant
  std::vector<std::string> principal_tenants;  // tenant ids of principals as reported; empty: every tenant
  std::uint64_t min_principals = 0;            // only resources that this many filtered principals reach
};

// What an audit is about to write, known once its plan is built: an upper bound, for warning before huge runs.
struct AuditEstimate {
  std::size_t resources = 0;
  std::uint64_t principals = 0;  // with principal lists: an upper bound of the entries (nested groups overcount)
  std::uint64_t bytes = 0;       // of the output, roughly (JSON; CSV and text are of the same order)
};

struct AuditOptions {
  std::vector<std::string> kinds;  // resource kinds of spec §10 (e.g. "sharedChannel"); empty: all
  AuditFilter filter;
  bool principals = false;         // list principals on each line, not only counts
  LineFormat format = LineFormat::Json;
  graph::RenderOptions render;     // JSON and CSV: names beside ids
  Engine engine = Engine::Batch;
  std::size_t block_size = 8192;   // resources evaluated between two hand-overs to the sink
  // With principals, a block also ends before its resources' estimated principals pass this budget (a block
  // holds at least one resource): lines of large resources are megabytes each, and a world of a million users
  // can list a billion principals, so memory must stay bounded by the budget, not by block_size.
  std::uint64_t principal_budget = 4'000'000;
  // Called once, before any resource is evaluated.
  std::function<void(const AuditEstimate&)> on_estimate;
  std::size_t threads = 0;  // worker threads of the evaluation; 0: TBB's default (every core)
  // Checked before each batch of 64 resources (or each resource, for the Bfs engine): once stop is requested,
  // the audit hands over nothing more and returns.
  std::stop_token stop;
};

using LineSink = std::function<void(const std::string& line)>;
using ResultSink = std::function<void(const graph::WhoCanReach& result)>;
using ProgressSink = std::function<void(std::size_t done, std::size_t total)>;
// A resource (index into AccessGraph::resources) and the counts of the principals that reach it.
using CountsSink = std::function<void(std::uint32_t resource, const graph::Counts& counts)>;

// What an audit did: resources selected (kinds, resource tenants), evaluated, and handed over (those that passed
// min_principals); `stopped` when options.stop ended it early.
struct AuditSummary {
  std::size_t selected = 0;
  std::size_t evaluated = 0;
  std::size_t reported = 0;
  bool stopped = false;
};

// Throws core::InputError for a kind that is not one of spec §10.
AuditSummary audit(const graph::CompiledWorld& compiled, const AuditOptions& options, const LineSink& sink,
                   const ProgressSink& progress = {});
// The same audit as values, for embedders: format and render are ignored, and `principals` is empty unless
// options.principals is set. Results reach `sink` in audit order, on the caller's thread.
AuditSummary audit_results(const graph::CompiledWorld& compiled, const AuditOptions& options, const ResultSink& sink,
                           const ProgressSink& progress = {});

// The same audit for code that aggregates rather than prints (the exposure report): each resource's counts, in
// audit order, without rendering lines. `principals`, `format` and `render` are ignored.
AuditSummary audit_counts(const graph::CompiledWorld& compiled, const AuditOptions& options, const CountsSink& sink,
                          const ProgressSink& progress = {});

}  // namespace tenantreach::parallel
