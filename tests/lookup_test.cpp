// Addresses (graph/lookup.hpp): every "<tenantId>/<userId>" the engine prints finds its principal, also when an id
// from the export holds a '/' itself (homeTenantId and object ids are free strings; the ingest fuzzer found one);
// and a principal's user objects.
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

// R2.3: a principal's user objects are exactly the user vertices whose principal it is, ascending; the graph
// keeps a list only of those that are not the principal's own object.
TEST(UserObjectsOf, AreTheObjectsWhosePrincipalItIsAndOnlyTheLinkedOnesAreListed) {
  const std::string kU = "22222222-2222-2222-2222-222222222222";
  const std::string kOutside = "33333333-3333-3333-3333-333333333333";
  testing::WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "home").member(kT, "alone").guest(kT, "g-out", kOutside, "x");
  w.tenant(kU, "fabrikam.example").guest(kU, "g-home", kT, "home").guest(kU, "g-out", kOutside, "x");
  w.member(kU, "local").user(kU, R"({"id":"g-unlinked","userType":"Guest",)"
                                 R"("userPrincipalName":"stranger_nowhere.example#EXT#@fabrikam.example"})");
  const graph::CompiledWorld compiled = w.compile();
  const graph::AccessGraph& graph = compiled.graph;
  std::size_t listed = 0;
  for (std::uint32_t p = 0; p < graph.principals.size(); ++p) {
    std::vector<std::uint32_t> expected;
    for (std::uint32_t user = 0; user < graph.user_count; ++user)
      if (graph.principal_of_user[user] == p) expected.push_back(user);
    EXPECT_EQ(graph::user_objects_of(graph, p), expected) << address_of(compiled, p);
    listed += graph.linked_objects_of(p).size();
  }
  EXPECT_EQ(graph::user_objects_of(graph, graph::find_principal(compiled, kT + "/home")).size(), 2u);
  EXPECT_EQ(graph::user_objects_of(graph, graph::find_principal(compiled, kOutside + "/x")).size(), 2u);
  EXPECT_EQ(listed, graph.linked_user_objects.size());
  // g-home (of contoso/home) and both g-out (of outside/x); g-unlinked is a principal of its own.
  EXPECT_EQ(graph.linked_user_objects.size(), 3u);
  EXPECT_EQ(graph::user_objects_of(graph, graph::find_principal(compiled, kU + "/g-unlinked")).size(), 1u);
}

}  // namespace
}  // namespace tenantreach
