// Query results as plain C++ values (spec §10). Embedders receive these; json_output.hpp renders them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tenantreach::graph {

// The paths of R6, as a bit set; the order of the bits is the byte order of their names.
enum Via : std::uint8_t {
  kViaB2BCollaboration = 1,
  kViaB2BDirectConnect = 2,
  kViaInternal = 4,
};
using ViaSet = std::uint8_t;
inline constexpr Via kAllVias[] = {kViaB2BCollaboration, kViaB2BDirectConnect, kViaInternal};  // in name order

const char* via_name(Via via);
// The path named `name` (spec §10 spelling); std::invalid_argument naming the three for any other name.
Via parse_via(std::string_view name);
std::vector<std::string> via_names(ViaSet set);  // sorted

struct ResourceRef {
  std::string tenant_id;
  std::string id;
  std::string kind;  // standardChannel, privateChannel, sharedChannel, group, site, application, container
  std::string display_name;
  std::string tenant_name;  // the organization's displayName of its tenant
};

struct PrincipalRef {
  std::string tenant_id;
  std::string user_id;
  bool linked = true;
  std::string display_name;  // empty when the principal's home tenant is not in the world
  std::string tenant_name;   // likewise: the organization's displayName of its tenant
};

struct Counts {
  std::size_t total = 0;
  std::map<std::string, std::size_t> by_via;
  std::map<std::string, std::size_t> by_tenant;
};

struct PrincipalReach {
  PrincipalRef principal;
  ViaSet via = 0;
};

struct WhoCanReach {
  ResourceRef resource;
  std::vector<PrincipalReach> principals;  // sorted by tenant id, then user id
  Counts counts;
};

struct ResourceReach {
  ResourceRef resource;
  ViaSet via = 0;
};

struct WhatCanReach {
  PrincipalRef user;
  std::vector<ResourceReach> resources;  // sorted by tenant id, then id
  Counts counts;                         // by_tenant counts resources by their tenant
};

struct Reason {
  std::string code;         // R8
  std::string policy_id;    // Conditional Access reasons only
  std::string policy_name;  // the policy's displayName, for Conditional Access reasons
};

struct ExplainedPath {
  Via via = kViaInternal;
  std::vector<std::string> steps;       // "<tenantId>/<objectId>" from the user to the resource
  std::vector<std::string> step_names;  // per step: the object's displayName (empty when unknown)
  bool allowed = false;
  std::vector<Reason> reasons;
};

struct Explanation {
  PrincipalRef user;
  ResourceRef resource;
  bool reachable = false;
  std::vector<ExplainedPath> paths;
};

}  // namespace tenantreach::graph
