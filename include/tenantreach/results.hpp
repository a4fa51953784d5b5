// Answers of the tenantreach API (spec §10) as plain values: strings, numbers, standard containers. They own
// their data and do not refer to the World that produced them, so they may outlive it.
//
// Thread safety: plain values; a const value may be read from many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tenantreach/export.hpp"

namespace tenantreach {

// The paths of spec R6.
enum class Via : std::uint8_t {
  B2BCollaboration = 1,
  B2BDirectConnect = 2,
  Internal = 4,
};

// "b2bCollaboration", "b2bDirectConnect" or "internal": the names of spec §10.
TENANTREACH_API std::string_view to_string(Via via) noexcept;
// The path of one of those names, as written (e.g. from a command line); std::invalid_argument for any other.
TENANTREACH_API Via parse_via(std::string_view name);

// The paths a principal reaches a resource by.
class TENANTREACH_API ViaSet {
 public:
  ViaSet() = default;
  ViaSet(std::initializer_list<Via> vias) {
    for (Via via : vias) insert(via);
  }
  bool contains(Via via) const noexcept { return (bits_ & static_cast<std::uint8_t>(via)) != 0; }
  void insert(Via via) noexcept { bits_ |= static_cast<std::uint8_t>(via); }
  bool empty() const noexcept { return bits_ == 0; }
  // The names of the paths in the set, sorted (as spec §10 lists them).
  std::vector<std::string> names() const;
  friend bool operator==(ViaSet, ViaSet) = default;

 private:
  std::uint8_t bits_ = 0;
};

struct Resource {
  std::string tenant_id;
  std::string id;
  std::string kind;  // standardChannel, privateChannel, sharedChannel, group, site, application, container
  std::string display_name;
  std::string tenant_name;  // the organization's displayName of its tenant
  friend bool operator==(const Resource&, const Resource&) = default;
};

struct Principal {
  std::string tenant_id;
  std::string user_id;
  bool linked = true;        // false for an external object that links to no home user (R2.3)
  std::string display_name;  // empty when the principal's home tenant is not in the world
  std::string tenant_name;   // likewise: the organization's displayName of its tenant
  friend bool operator==(const Principal&, const Principal&) = default;
};

struct Counts {
  std::size_t total = 0;
  std::map<std::string, std::size_t> by_via;     // path name -> principals (or resources) reached by it
  std::map<std::string, std::size_t> by_tenant;  // tenant id -> principals (what-can-reach: resources)
  friend bool operator==(const Counts&, const Counts&) = default;
};

struct PrincipalAccess {
  Principal principal;
  ViaSet via;
  friend bool operator==(const PrincipalAccess&, const PrincipalAccess&) = default;
};

// who-can-reach, and one resource of an audit.
struct WhoCanReach {
  Resource resource;
  std::vector<PrincipalAccess> principals;  // sorted by tenant id, then user id; audits fill it only on request
  Counts counts;
  friend bool operator==(const WhoCanReach&, const WhoCanReach&) = default;
};

struct ResourceAccess {
  Resource resource;
  ViaSet via;
  friend bool operator==(const ResourceAccess&, const ResourceAccess&) = default;
};

struct WhatCanReach {
  Principal user;
  std::vector<ResourceAccess> resources;  // sorted by tenant id, then resource id
  Counts counts;                          // by_tenant counts resources by their tenant
  friend bool operator==(const WhatCanReach&, const WhatCanReach&) = default;
};

// Why a path is closed: an R8 code, and for Conditional Access the policy.
struct Reason {
  std::string code;
  std::string policy_id;
  std::string policy_name;
  friend bool operator==(const Reason&, const Reason&) = default;
};

struct Step {
  std::string address;       // "<tenantId>/<objectId>"
  std::string display_name;  // empty when unknown
  friend bool operator==(const Step&, const Step&) = default;
};

struct Path {
  Via via = Via::Internal;
  std::vector<Step> steps;  // from the user to the resource
  bool allowed = false;
  std::vector<Reason> reasons;  // empty when allowed
  friend bool operator==(const Path&, const Path&) = default;
};

struct Explanation {
  Principal user;
  Resource resource;
  bool reachable = false;
  std::vector<Path> paths;  // one per way in; a single not-granted path when there is none
  friend bool operator==(const Explanation&, const Explanation&) = default;
};

struct Warning {
  std::string code;  // e.g. "dangling-member", "ambiguous-link"
  std::string message;
  friend bool operator==(const Warning&, const Warning&) = default;
};

struct Stats {
  std::map<std::string, std::size_t> counts;    // e.g. "users.internal", "resources.sharedChannel"
  std::map<std::string, std::size_t> warnings;  // by warning code
  std::vector<Warning> warning_list;
  // Per tenant id, the files it was read from, relative to its folder.
  std::map<std::string, std::vector<std::string>> sources;
  friend bool operator==(const Stats&, const Stats&) = default;
};

}  // namespace tenantreach
