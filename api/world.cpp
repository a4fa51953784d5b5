#include "tenantreach/world.hpp"

#include <utility>

#include "api/convert.hpp"
#include "core/error.hpp"
#include "graph/lookup.hpp"
#include "graph/queries.hpp"
#include "graph/stats.hpp"
#include "parallel/audit.hpp"
#include "parallel/audit_filter.hpp"
#include "serialization/source.hpp"

namespace tenantreach {

struct World::Impl {
  explicit Impl(graph::CompiledWorld compiled) : compiled(std::move(compiled)) {}

  graph::CompiledWorld compiled;
};

World::World(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
World::World(World&&) noexcept = default;
World& World::operator=(World&&) noexcept = default;
World::~World() = default;

World World::open(const std::filesystem::path& path) {
  return api::translating_errors(
      [&] { return World(std::make_unique<Impl>(serialization::load_source(path))); });
}

WhoCanReach World::who_can_reach(std::string_view resource) const {
  return api::translating_errors([&] {
    const graph::CompiledWorld& compiled = impl_->compiled;
    const std::uint32_t found = graph::find_resource(compiled, resource);
    return api::to_public(graph::make_who_can_reach(compiled, graph::who_can_reach(compiled, found)));
  });
}

WhatCanReach World::what_can_reach(std::string_view user) const {
  return api::translating_errors([&] { return api::to_public(graph::what_can_reach(impl_->compiled, user)); });
}

Explanation World::explain(std::string_view user, std::string_view resource) const {
  return api::translating_errors([&] {
    const std::uint32_t found = graph::find_resource(impl_->compiled, resource);
    return api::to_public(graph::explain(impl_->compiled, user, found));
  });
}

Stats World::stats() const {
  return api::translating_errors([&] { return api::to_public(graph::compute_stats(impl_->compiled)); });
}

namespace {

parallel::AuditOptions internal_options(const graph::CompiledWorld& compiled, const AuditOptions& options) {
  parallel::AuditOptions out;
  out.kinds = options.kinds;
  parallel::AuditFilterRequest filter{{}, options.external, options.resource_tenants, options.principal_tenants,
                                      options.min_principals};
  for (Via via : options.vias) filter.vias.push_back(api::to_graph(via));
  out.filter = parallel::make_audit_filter(compiled, filter);
  out.principals = options.principals;
  out.threads = options.threads;
  out.stop = options.stop;
  return out;
}

}  // namespace

AuditSummary World::audit(const AuditOptions& options, const AuditCallback& callback) const {
  const graph::CompiledWorld& compiled = impl_->compiled;
  const parallel::AuditOptions internal = api::translating_errors([&] { return internal_options(compiled, options); });
  // Only the engine's own errors are translated: the callback's exceptions reach the caller as thrown.
  const auto deliver = [&](const graph::WhoCanReach& result) { callback(api::to_public(result)); };
  parallel::AuditSummary summary;
  try {
    summary = parallel::audit_results(compiled, internal, deliver);
  } catch (const core::InputError&) {
    api::rethrow_public();
  }
  return {summary.selected, summary.evaluated, summary.reported, summary.stopped};
}

}  // namespace tenantreach
