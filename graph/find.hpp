// `tenantreach find WORLD TEXT`: what a world holds whose id, name or address contains TEXT (case-insensitive),
// so an auditor can find the address of a user, group or resource without reading JSON files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/compiled_world.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

struct FoundTenant {
  std::string id;
  std::string display_name;
  std::vector<std::string> domains;
};

struct FoundUser {
  std::string tenant_id;
  std::string id;
  std::string user_principal_name;
  std::string mail;
  std::string display_name;
  bool external = false;
  std::string principal;  // "<tenantId>/<userId>" of the principal it answers for (R2.3); empty if none
};

struct FoundGroup {
  std::string tenant_id;
  std::string id;
  std::string display_name;
};

struct FindResult {
  std::vector<FoundTenant> tenants;
  std::vector<FoundUser> users;
  std::vector<FoundGroup> groups;
  std::vector<ResourceRef> resources;
  std::size_t omitted = 0;  // matches left out by the limit, over all four lists
};

// At most `limit` matches per list, in world order.
FindResult find_matches(const CompiledWorld& compiled, std::string_view text, std::size_t limit);

std::string to_json(const FindResult& result);
std::string to_text(const FindResult& result);

}  // namespace tenantreach::graph
