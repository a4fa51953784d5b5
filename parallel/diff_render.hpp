// Rendering of diff results (docs/CLI.md, diff): one JSON line, one CSV row block or one text block per changed
// resource, and the summary (counts of gained and lost principal paths per resource tenant x principal tenant x
// path).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "graph/render.hpp"
#include "parallel/audit_diff.hpp"

namespace tenantreach::parallel {

// {"resource": {tenantId, id, kind}, "change": ..., "gained": [principal...], "lost": [principal...]}; a principal
// is {tenantId, userId, linked, via} (via: the paths gained or lost) and, with causes, "why": [{cause, detail,
// policyId?, policyName?}]. `names` adds displayName and tenantName as audit does.
std::string diff_json(const ResourceDiff& change, const graph::RenderOptions& options = {});
std::string diff_text(const ResourceDiff& change);
// One row per (resource, principal, gained or lost); an added or removed resource that nobody reaches has one
// row with empty principal columns. Rows separated by CRLF, none after the last (as audit_csv).
std::string diff_csv_header();
std::string diff_csv(const ResourceDiff& change);

class DiffSummary {
 public:
  void add(const ResourceDiff& change);
  // One JSON line per (resource tenant, principal tenant, path) with gained and lost counts, and a last line
  // {"resources": {"changed", "added", "removed"}}; text is a table; CSV has a header row.
  std::string json() const;
  std::string text() const;
  std::string csv() const;

 private:
  struct Tally {
    std::uint64_t gained = 0;
    std::uint64_t lost = 0;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Tally> tallies_;
  std::uint64_t changed_ = 0, added_ = 0, removed_ = 0;
};

}  // namespace tenantreach::parallel
