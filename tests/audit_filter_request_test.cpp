// The one place that turns path names, --external and tenant names into an audit filter (the CLI's audit and
// diff, and the API's World::audit use it): graph::parse_via, parallel::kept_vias, parallel::make_audit_filter.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "parallel/audit_filter.hpp"
#include "tenantreach/results.hpp"

namespace tenantreach {
namespace {

const std::string kContoso = "11111111-1111-1111-1111-111111111111";
const std::string kFabrikam = "22222222-2222-2222-2222-222222222222";
const std::string kLitware = "33333333-3333-3333-3333-333333333333";
constexpr graph::ViaSet kAllPaths = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect | graph::kViaInternal;

const graph::CompiledWorld& example() {
  static const graph::CompiledWorld compiled =
      graph::compile(core::load_world(std::string(TENANTREACH_EXAMPLES_DIR) + "/three-tenants/world"));
  return compiled;
}

TEST(ParseVia, ReadsTheNamesItWrites) {
  for (graph::Via via : graph::kAllVias) EXPECT_EQ(graph::parse_via(graph::via_name(via)), via);
  for (Via via : {Via::B2BCollaboration, Via::B2BDirectConnect, Via::Internal}) EXPECT_EQ(parse_via(to_string(via)), via);
}

TEST(ParseVia, OtherNamesAreInvalidArgumentsNamingTheThree) {
  for (const char* name : {"teleport", "Internal", "", "b2bCollaboration "}) {
    try {
      graph::parse_via(name);
      ADD_FAILURE() << "'" << name << "' was accepted";
    } catch (const std::invalid_argument& error) {
      EXPECT_EQ(error.what(), "unknown via '" + std::string(name) +
                                  "' (one of internal, b2bCollaboration, b2bDirectConnect)");
    }
  }
  EXPECT_THROW(parse_via("teleport"), std::invalid_argument);
}

TEST(KeptVias, NoNamesKeepEveryPathAndExternalDropsInternal) {
  EXPECT_EQ(parallel::kept_vias({}, false), kAllPaths);
  EXPECT_EQ(parallel::kept_vias({}, true), graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect);
  EXPECT_EQ(parallel::kept_vias({graph::kViaB2BDirectConnect}, false), graph::kViaB2BDirectConnect);
  EXPECT_EQ(parallel::kept_vias({graph::kViaInternal, graph::kViaB2BCollaboration}, false),
            graph::kViaInternal | graph::kViaB2BCollaboration);
  EXPECT_EQ(parallel::kept_vias({graph::kViaInternal, graph::kViaB2BCollaboration}, true),
            graph::kViaB2BCollaboration);
  EXPECT_EQ(parallel::kept_vias({graph::kViaInternal}, true), 0);
}

TEST(MakeAuditFilter, LooksTenantsUpByIdNameOrDomain) {
  parallel::AuditFilterRequest request;
  request.vias = {graph::kViaInternal, graph::kViaB2BDirectConnect};
  request.external = true;
  request.resource_tenants = {"Contoso", kLitware};
  request.principal_tenants = {"fabrikam.example", "LITWARE"};
  request.min_principals = 3;
  const parallel::AuditFilter filter = parallel::make_audit_filter(example(), request);
  EXPECT_EQ(filter.vias, graph::kViaB2BDirectConnect);
  EXPECT_EQ(filter.resource_tenants, (std::vector<std::string>{kContoso, kLitware}));
  EXPECT_EQ(filter.principal_tenants, (std::vector<std::string>{kFabrikam, kLitware}));
  EXPECT_EQ(filter.min_principals, 3u);
}

TEST(MakeAuditFilter, NoFiltersKeepEverything) {
  const parallel::AuditFilter filter = parallel::make_audit_filter(example(), {});
  EXPECT_EQ(filter.vias, kAllPaths);
  EXPECT_TRUE(filter.resource_tenants.empty());
  EXPECT_TRUE(filter.principal_tenants.empty());
  EXPECT_EQ(filter.min_principals, 0u);
}

TEST(MakeAuditFilter, AnUnknownTenantIsNotFound) {
  parallel::AuditFilterRequest resource_request;
  resource_request.resource_tenants = {"Northwind"};
  EXPECT_THROW(parallel::make_audit_filter(example(), resource_request), core::NotFoundError);
  parallel::AuditFilterRequest principal_request;
  principal_request.principal_tenants = {"Contoso", "northwind.example"};
  EXPECT_THROW(parallel::make_audit_filter(example(), principal_request), core::NotFoundError);
}

}  // namespace
}  // namespace tenantreach
