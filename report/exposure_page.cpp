#include "report/exposure_page.hpp"

#include <map>
#include <memory>
#include <utility>

#include "graph/stats.hpp"
#include "report/dot.hpp"
#include "report/svg.hpp"

namespace tenantreach::report {

ReportPage build_report_page(const graph::CompiledWorld& compiled, const ReportOptions& options,
                             const parallel::ProgressSink& progress) {
  const graph::AccessGraph& graph = compiled.graph;
  ReportPage page;
  page.source = options.source;
  page.version = options.version;
  const graph::Stats stats = graph::compute_stats(compiled);
  page.counts = stats.counts;
  page.warnings = stats.warning_list.size();
  for (std::uint32_t t = 0; t < graph.tenant_count(); ++t)
    page.tenants.emplace_back(std::string(graph.tenant_id(t)), std::string(graph.tenant_display_names[t]));
  page.exposure = parallel::build_exposure_report(compiled, {options.top}, progress);

  // The pairs drawn are those with the most access between them; the settings break ties.
  const graph::TrustMap full = graph::build_trust_map(compiled);
  std::map<std::pair<std::string, std::string>, std::uint64_t> access;
  for (const parallel::TenantReach& reach : page.exposure.tenant_reach) {
    const std::string into(graph.tenant_id(reach.into));
    access[std::minmax(reach.from, into)] += reach.principals;
  }
  const graph::PairWeight openness = graph::openness_weight(full);
  page.trust_map = graph::top_pairs(
      full,
      [&](std::uint32_t a, std::uint32_t b) {
        const auto it = access.find(std::minmax(full.tenants[a].id, full.tenants[b].id));
        return (it == access.end() ? 0 : it->second) * 8 + openness(a, b);
      },
      options.max_pairs);
  page.trust_map_svg = svg_element(dot_to_svg(trust_map_dot(page.trust_map)));
  return page;
}

}  // namespace tenantreach::report
