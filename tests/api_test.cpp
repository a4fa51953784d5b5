// The public API (include/tenantreach/) answers exactly what the graph and parallel functions answer, copied into
// its own value types; its errors are the public ones; audits filter, stop and use the thread count as asked; and
// one World answers 8 threads at once (run under ThreadSanitizer with -DTENANTREACH_TSAN=ON, docs/API.md).
#include <atomic>
#include <filesystem>
#include <stop_token>
#include <thread>

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "worldgen/generator.hpp"
#include "core/ingest.hpp"
#include "worldgen/world_writer.hpp"
#include "graph/lookup.hpp"
#include "graph/queries.hpp"
#include "graph/stats.hpp"
#include "parallel/audit.hpp"
#include "serialization/snapshot.hpp"
#include "support/fixtures.hpp"
#include "support/world_builder.hpp"
#include "tenantreach/tenantreach.hpp"

namespace tenantreach {
namespace {

const std::filesystem::path kThreeTenants = std::filesystem::path(TENANTREACH_EXAMPLES_DIR) / "three-tenants" / "world";

// --- field-by-field comparison of the public values with the graph's ---------------------------------------------

void expect_same(const graph::ResourceRef& internal, const Resource& api) {
  EXPECT_EQ(api.tenant_id, internal.tenant_id);
  EXPECT_EQ(api.id, internal.id);
  EXPECT_EQ(api.kind, internal.kind);
  EXPECT_EQ(api.display_name, internal.display_name);
  EXPECT_EQ(api.tenant_name, internal.tenant_name);
}

void expect_same(const graph::PrincipalRef& internal, const Principal& api) {
  EXPECT_EQ(api.tenant_id, internal.tenant_id);
  EXPECT_EQ(api.user_id, internal.user_id);
  EXPECT_EQ(api.linked, internal.linked);
  EXPECT_EQ(api.display_name, internal.display_name);
  EXPECT_EQ(api.tenant_name, internal.tenant_name);
}

void expect_same(const graph::Counts& internal, const Counts& api) {
  EXPECT_EQ(api.total, internal.total);
  EXPECT_EQ(api.by_via, internal.by_via);
  EXPECT_EQ(api.by_tenant, internal.by_tenant);
}

void expect_same(graph::ViaSet internal, ViaSet api) { EXPECT_EQ(api.names(), graph::via_names(internal)); }

void expect_same(const graph::WhoCanReach& internal, const WhoCanReach& api) {
  expect_same(internal.resource, api.resource);
  expect_same(internal.counts, api.counts);
  ASSERT_EQ(api.principals.size(), internal.principals.size());
  for (std::size_t i = 0; i < api.principals.size(); ++i) {
    expect_same(internal.principals[i].principal, api.principals[i].principal);
    expect_same(internal.principals[i].via, api.principals[i].via);
  }
}

void expect_same(const graph::WhatCanReach& internal, const WhatCanReach& api) {
  expect_same(internal.user, api.user);
  expect_same(internal.counts, api.counts);
  ASSERT_EQ(api.resources.size(), internal.resources.size());
  for (std::size_t i = 0; i < api.resources.size(); ++i) {
    expect_same(internal.resources[i].resource, api.resources[i].resource);
    expect_same(internal.resources[i].via, api.resources[i].via);
  }
}

void expect_same(const graph::Explanation& internal, const Explanation& api) {
  expect_same(internal.user, api.user);
  expect_same(internal.resource, api.resource);
  EXPECT_EQ(api.reachable, internal.reachable);
  ASSERT_EQ(api.paths.size(), internal.paths.size());
  for (std::size_t p = 0; p < api.paths.size(); ++p) {
    const graph::ExplainedPath& want = internal.paths[p];
    const Path& got = api.paths[p];
    EXPECT_EQ(to_string(got.via), graph::via_name(want.via));
    EXPECT_EQ(got.allowed, want.allowed);
    ASSERT_EQ(got.steps.size(), want.steps.size());
    for (std::size_t s = 0; s < got.steps.size(); ++s) {
      EXPECT_EQ(got.steps[s].address, want.steps[s]);
      EXPECT_EQ(got.steps[s].display_name, want.step_names[s]);
    }
    ASSERT_EQ(got.reasons.size(), want.reasons.size());
    for (std::size_t r = 0; r < got.reasons.size(); ++r) {
      EXPECT_EQ(got.reasons[r].code, want.reasons[r].code);
      EXPECT_EQ(got.reasons[r].policy_id, want.reasons[r].policy_id);
      EXPECT_EQ(got.reasons[r].policy_name, want.reasons[r].policy_name);
    }
  }
}

std::string resource_address(const graph::AccessGraph& graph, std::uint32_t r) {
  return std::string(graph.tenant_id(graph.resources[r].tenant)) + "/" + graph.resources[r].id;
}

std::string principal_address(const graph::AccessGraph& graph, std::uint32_t p) {
  return std::string(graph.principal_tenant_id(p)) + "/" + std::string(graph.principal_user_id(p));
}

// Every query of `world` against the graph functions on `compiled`: who for every resource, what for every
// principal, explain for every principal with up to `explained` resources, and stats.
void expect_same_answers(const graph::CompiledWorld& compiled, const World& world, std::uint32_t explained) {
  const graph::AccessGraph& graph = compiled.graph;
  ASSERT_GT(graph.resource_count(), 0u);
  for (std::uint32_t r = 0; r < graph.resource_count(); ++r)
    expect_same(graph::make_who_can_reach(compiled, graph::who_can_reach(compiled, r)),
                world.who_can_reach(resource_address(graph, r)));
  for (std::uint32_t p = 0; p < graph.principals.size(); ++p) {
    const std::string user = principal_address(graph, p);
    expect_same(graph::what_can_reach(compiled, user), world.what_can_reach(user));
    for (std::uint32_t r = 0; r < std::min(explained, graph.resource_count()); ++r)
      expect_same(graph::explain(compiled, user, r), world.explain(user, resource_address(graph, r)));
  }
  const graph::Stats stats = graph::compute_stats(compiled);
  const Stats api_stats = world.stats();
  EXPECT_EQ(api_stats.counts, stats.counts);
  EXPECT_EQ(api_stats.warnings, stats.warnings);
  EXPECT_EQ(api_stats.sources, stats.sources);
  ASSERT_EQ(api_stats.warning_list.size(), stats.warning_list.size());
  for (std::size_t i = 0; i < stats.warning_list.size(); ++i) {
    EXPECT_EQ(api_stats.warning_list[i].code, stats.warning_list[i].code);
    EXPECT_EQ(api_stats.warning_list[i].message, stats.warning_list[i].message);
  }
}

TEST(Api, ThreeTenantsAnswersAsTheGraphFunctions) {
  const graph::CompiledWorld compiled = graph::compile(core::load_world(kThreeTenants));
  const World world = World::open(kThreeTenants);
  expect_same_answers(compiled, world, compiled.graph.resource_count());
}

TEST(Api, AGeneratedWorldAndItsSnapshotAnswerAsTheGraphFunctions) {
  const testing::TempDir dir;
  const core::World generated = worldgen::generate_world({"tiny", 3});
  worldgen::write_world(generated, dir.path() / "world");
  const graph::CompiledWorld compiled = graph::compile(core::load_world(dir.path() / "world"));
  serialization::save_snapshot(compiled, serialization::describe_world(dir.path() / "world"), dir.path() / "w.snap");
  for (const auto& source : {dir.path() / "world", dir.path() / "w.snap"}) {
    SCOPED_TRACE(source.string());
    expect_same_answers(compiled, World::open(source), 3);
  }
}

TEST(Api, NamesAndBareIdsAddressLikeTheCli) {
  const World world = World::open(kThreeTenants);
  const std::string design = "11111111-1111-1111-1111-111111111111/19:projectx-design@thread.tacv2";
  EXPECT_EQ(world.who_can_reach("Contoso/Design (shared with Fabrikam and Litware)"), world.who_can_reach(design));
  EXPECT_EQ(world.who_can_reach("19:PROJECTX-DESIGN@thread.tacv2"), world.who_can_reach(design));
  EXPECT_EQ(world.what_can_reach("adele@contoso.example").user.user_id, "11111111-0000-0000-0001-000000000001");
}

// --- audit --------------------------------------------------------------------------------------------------------

std::vector<WhoCanReach> api_audit(const World& world, const AuditOptions& options, AuditSummary* summary = nullptr) {
  std::vector<WhoCanReach> out;
  const AuditSummary done = world.audit(options, [&](const WhoCanReach& resource) { out.push_back(resource); });
  if (summary) *summary = done;
  return out;
}

std::vector<graph::WhoCanReach> internal_audit(const graph::CompiledWorld& compiled,
                                               const parallel::AuditOptions& options) {
  std::vector<graph::WhoCanReach> out;
  parallel::audit_results(compiled, options, [&](const graph::WhoCanReach& result) { out.push_back(result); });
  return out;
}

void expect_same(const std::vector<graph::WhoCanReach>& internal, const std::vector<WhoCanReach>& api) {
  ASSERT_EQ(api.size(), internal.size());
  for (std::size_t i = 0; i < api.size(); ++i) expect_same(internal[i], api[i]);
}

TEST(ApiAudit, EveryResourceWithPrincipalsIsWhoCanReachOfEach) {
  const graph::CompiledWorld compiled = graph::compile(worldgen::generate_world({"tiny", 2}));
  const testing::TempDir dir;
  serialization::save_snapshot(compiled, {}, dir.path() / "w.snap");
  const World world = World::open(dir.path() / "w.snap");
  AuditOptions options;
  options.principals = true;
  AuditSummary summary;
  const std::vector<WhoCanReach> audited = api_audit(world, options, &summary);
  ASSERT_EQ(audited.size(), compiled.graph.resource_count());
  for (std::uint32_t r = 0; r < compiled.graph.resource_count(); ++r)
    expect_same(graph::make_who_can_reach(compiled, graph::who_can_reach(compiled, r)), audited[r]);
  EXPECT_EQ(summary.selected, audited.size());
  EXPECT_EQ(summary.evaluated, audited.size());
  EXPECT_EQ(summary.reported, audited.size());
  EXPECT_FALSE(summary.cancelled);

  options.principals = false;  // counts only: the same counts, no lists
  const std::vector<WhoCanReach> counted = api_audit(world, options);
  ASSERT_EQ(counted.size(), audited.size());
  for (std::size_t i = 0; i < counted.size(); ++i) {
    EXPECT_TRUE(counted[i].principals.empty());
    EXPECT_EQ(counted[i].counts, audited[i].counts);
  }
}

// The values audit_results hands over render to the lines parallel::audit writes.
TEST(ApiAudit, ResultsRenderToTheLinesOfTheLineAudit) {
  const graph::CompiledWorld compiled = graph::compile(worldgen::generate_world({"property", 7}));
  parallel::AuditOptions options;
  options.principals = true;
  options.block_size = 5;
  std::vector<std::string> lines, rendered;
  parallel::audit(compiled, options, [&](const std::string& line) { lines.push_back(line); });
  parallel::audit_results(compiled, options,
                          [&](const graph::WhoCanReach& result) { rendered.push_back(graph::audit_json(result, true)); });
  EXPECT_EQ(rendered, lines);
}

TEST(ApiAudit, FiltersAsTheCliDoes) {
  const graph::CompiledWorld compiled = graph::compile(core::load_world(kThreeTenants));
  const World world = World::open(kThreeTenants);
  const std::string contoso = "11111111-1111-1111-1111-111111111111";
  const std::string fabrikam = "22222222-2222-2222-2222-222222222222";

  AuditOptions external;
  external.external = true;
  external.principals = true;
  parallel::AuditOptions internal_external;
  internal_external.filter.vias = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect;
  internal_external.principals = true;
  expect_same(internal_audit(compiled, internal_external), api_audit(world, external));

  AuditOptions narrow;  // tenants by name and domain, a via, a kind and a minimum
  narrow.kinds = {"sharedChannel", "group"};
  narrow.vias = {Via::B2BDirectConnect, Via::B2BCollaboration};
  narrow.resource_tenants = {"Contoso"};
  narrow.principal_tenants = {"fabrikam.example"};
  narrow.min_principals = 1;
  parallel::AuditOptions internal_narrow;
  internal_narrow.kinds = narrow.kinds;
  internal_narrow.filter.vias = graph::kViaB2BDirectConnect | graph::kViaB2BCollaboration;
  internal_narrow.filter.resource_tenants = {contoso};
  internal_narrow.filter.principal_tenants = {fabrikam};
  internal_narrow.filter.min_principals = 1;
  const std::vector<WhoCanReach> narrowed = api_audit(world, narrow);
  expect_same(internal_audit(compiled, internal_narrow), narrowed);
  ASSERT_FALSE(narrowed.empty());
  for (const WhoCanReach& resource : narrowed) {
    EXPECT_EQ(resource.resource.tenant_id, contoso);
    EXPECT_GE(resource.counts.total, 1u);
    EXPECT_EQ(resource.counts.by_tenant.size(), 1u);
    EXPECT_EQ(resource.counts.by_tenant.begin()->first, fabrikam);
    EXPECT_EQ(resource.counts.by_via.count("internal"), 0u);
  }

  AuditOptions single_threaded = narrow;
  single_threaded.threads = 1;
  EXPECT_EQ(api_audit(world, single_threaded), narrowed);
}

TEST(ApiAudit, StopsWhenAsked) {
  const World world = World::open(kThreeTenants);
  std::stop_source before;
  before.request_stop();
  AuditOptions options;
  options.stop = before.get_token();
  AuditSummary summary;
  EXPECT_TRUE(api_audit(world, options, &summary).empty());
  EXPECT_TRUE(summary.cancelled);
  EXPECT_EQ(summary.reported, 0u);

  std::stop_source during;  // the callback itself asks to stop after three resources
  options.stop = during.get_token();
  std::size_t seen = 0;
  summary = world.audit(options, [&](const WhoCanReach&) {
    if (++seen == 3) during.request_stop();
  });
  EXPECT_EQ(seen, 3u);
  EXPECT_EQ(summary.reported, 3u);
  EXPECT_TRUE(summary.cancelled);
  EXPECT_GT(summary.selected, 3u);
}

TEST(ApiAudit, ACallbackExceptionReachesTheCallerUnchanged) {
  const World world = World::open(kThreeTenants);
  EXPECT_THROW(world.audit({}, [](const WhoCanReach&) { throw std::logic_error("mine"); }), std::logic_error);
}

// --- errors -------------------------------------------------------------------------------------------------------

TEST(ApiErrors, BadInputIsAnInputErrorNamingFileLocationAndField) {
  EXPECT_THROW(World::open("/nonexistent/tenantreach-world"), InputError);
  try {
    World::open(testing::shared_dir() / "fixtures" / "bad-input" / "wrong-type" / "world");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_FALSE(error.file().empty());
    EXPECT_FALSE(error.field().empty());
    EXPECT_NE(std::string(error.what()).find(error.file()), std::string::npos);
  }
  const World world = World::open(kThreeTenants);
  AuditOptions unknown_kind;
  unknown_kind.kinds = {"mailbox"};
  EXPECT_THROW(world.audit(unknown_kind, [](const WhoCanReach&) {}), InputError);
}

TEST(ApiErrors, UnknownNamesAreNotFoundAndAmbiguousOnesListTheirCandidates) {
  const World world = World::open(kThreeTenants);
  EXPECT_THROW(world.who_can_reach("11111111-1111-1111-1111-111111111111/no-such-resource"), NotFoundError);
  EXPECT_THROW(world.what_can_reach("nobody@nowhere.example"), NotFoundError);
  EXPECT_THROW(world.explain("nobody@nowhere.example", "19:projectx-design@thread.tacv2"), NotFoundError);
  AuditOptions unknown_tenant;
  unknown_tenant.principal_tenants = {"no-such-tenant.example"};
  EXPECT_THROW(world.audit(unknown_tenant, [](const WhoCanReach&) {}), NotFoundError);

  testing::WorldBuilder builder;
  builder.tenant("11111111-1111-1111-1111-111111111111", "a.example")
      .tenant("22222222-2222-2222-2222-222222222222", "b.example");
  builder.member("11111111-1111-1111-1111-111111111111", "sam-a", R"("displayName":"Sam")");
  builder.member("22222222-2222-2222-2222-222222222222", "sam-b", R"("displayName":"Sam")");
  const World ambiguous = World::open(builder.write());
  try {
    ambiguous.what_can_reach("Sam");
    FAIL() << "no error";
  } catch (const AmbiguousError& error) {
    EXPECT_EQ(error.candidates(), (std::vector<std::string>{"11111111-1111-1111-1111-111111111111/sam-a",
                                                            "22222222-2222-2222-2222-222222222222/sam-b"}));
  }
}

TEST(ApiVersion, HeadersAndLibraryAgree) {
  EXPECT_STREQ(library_version(), TENANTREACH_VERSION_STRING);
  EXPECT_EQ(std::to_string(TENANTREACH_VERSION_MAJOR) + "." + std::to_string(TENANTREACH_VERSION_MINOR) + "." +
                std::to_string(TENANTREACH_VERSION_PATCH),
            TENANTREACH_VERSION_STRING);
}

// --- concurrency --------------------------------------------------------------------------------------------------

// 8 threads query one World, opened from a snapshot so the first explain decodes the model (its policies, and
// the directories its chains name) while the others query: every answer must equal the one computed alone. Meaningful under
// ThreadSanitizer (docs/API.md, "Thread safety").
TEST(ApiConcurrency, EightThreadsQueryOneWorld) {
#if defined(__SANITIZE_THREAD__)
  // The system's TBB is not instrumented, so ThreadSanitizer cannot see its hand-overs between workers and
  // reports them all. TBB then runs on the calling threads only; the 8 threads below are what is checked.
  const tbb::global_control serial_tbb(tbb::global_control::max_allowed_parallelism, 1);
#endif
  const testing::TempDir dir;
  const graph::CompiledWorld compiled = graph::compile(core::load_world(kThreeTenants));
  serialization::save_snapshot(compiled, {}, dir.path() / "w.snap");
  std::vector<std::string> resources, users;
  for (std::uint32_t r = 0; r < compiled.graph.resource_count(); ++r)
    resources.push_back(resource_address(compiled.graph, r));
  for (std::uint32_t p = 0; p < compiled.graph.principals.size(); ++p)
    users.push_back(principal_address(compiled.graph, p));

  std::vector<WhoCanReach> who;
  std::vector<WhatCanReach> what;
  std::vector<Explanation> explained;
  {
    const World alone = World::open(dir.path() / "w.snap");
    for (const std::string& resource : resources) who.push_back(alone.who_can_reach(resource));
    for (const std::string& user : users) what.push_back(alone.what_can_reach(user));
    for (const std::string& user : users) explained.push_back(alone.explain(user, resources.front()));
  }

  const World world = World::open(dir.path() / "w.snap");
  std::atomic<std::size_t> mismatches{0};
  std::vector<std::jthread> threads;
  for (std::size_t t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t round = 0; round < 3; ++round) {
        // Each thread starts at a different query so that explain's first use races with the others.
        for (std::size_t i = 0; i < users.size(); ++i) {
          const std::size_t u = (i + t) % users.size();
          if (world.explain(users[u], resources.front()) != explained[u]) ++mismatches;
          if (world.what_can_reach(users[u]) != what[u]) ++mismatches;
        }
        for (std::size_t r = 0; r < resources.size(); ++r)
          if (world.who_can_reach(resources[r]) != who[r]) ++mismatches;
        if (t % 4 == 0) {
          AuditOptions options;
          options.threads = 2;
          options.principals = true;
          std::size_t r = 0;
          world.audit(options, [&](const WhoCanReach& resource) {
            if (resource != who[r++]) ++mismatches;
          });
        }
      }
    });
  }
  threads.clear();
  EXPECT_EQ(mismatches.load(), 0u);
}

}  // namespace
}  // namespace tenantreach
