// Addresses (graph/lookup.hpp): every "<tenantId>/<userId>" the engine prints finds its principal, also when an id
// from the export holds a '/' itself (homeTenantId and object ids are free strings; the ingest fuzzer found one).
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "graph/lookup.hpp"
#include "support/world_builder.hpp"

namespace tenantreach {
namespace {

const std::string kT = "11111111-1111-1111-1111-111111111111";

std::string address_of(const graph::CompiledWorld& compiled, std::uint32_t principal) {
  return std::string(compiled.graph.principal_tenant_id(principal)) + "/" +
         std::string(compiled.graph.principal_user_id(principal));
}

TEST(FindPrincipal, EveryPrintedAddressFindsItsPrincipalWhenAnIdHoldsASlash) {
  testing::WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "plain").member(kT, "with/slash").guest(kT, "guest", "outside/odd", "home");
  const graph::CompiledWorld compiled = w.compile();
  ASSERT_EQ(compiled.graph.principals.size(), 3u);
  for (std::uint32_t p = 0; p < compiled.graph.principals.size(); ++p)
    EXPECT_EQ(graph::find_principal(compiled, address_of(compiled, p)), p) << address_of(compiled, p);
}

TEST(FindPrincipal, TwoPrincipalsBehindOneAddressAreAmbiguous) {
  testing::WorldBuilder w;
  w.tenant(kT, "contoso.example").guest(kT, "g1", "a", "b/c").guest(kT, "g2", "a/b", "c");
  const graph::CompiledWorld compiled = w.compile();
  EXPECT_THROW(graph::find_principal(compiled, "a/b/c"), core::AmbiguousError);
}

}  // namespace
}  // namespace tenantreach
