// Query results as the JSON of spec §10 (one line, no trailing newline), as CSV (RFC 4180) and as text for
// people. JSON is exactly spec §10 unless `names` is asked for: then resources and principals also carry
// `displayName` and `tenantName`, explain paths `stepNames` and CA reasons `policyName` (docs/CLI.md). Text
// always shows names beside ids.
#pragma once

#include <string>

#include "graph/results.hpp"

namespace tenantreach::graph {

struct RenderOptions {
  bool names = false;  // JSON and CSV: add display names beside ids
};

std::string to_json(const WhoCanReach& result, const RenderOptions& options = {});
std::string to_json(const WhatCanReach& result, const RenderOptions& options = {});
std::string to_json(const Explanation& result, const RenderOptions& options = {});
// An audit line: the resource and its counts, and its principals when `with_principals`.
std::string audit_json(const WhoCanReach& result, bool with_principals, const RenderOptions& options = {});

// CSV: a header row, then rows; rows are separated by CRLF and carry no terminator after the last one, so a
// caller writes one row block per result followed by CRLF. Per resource (with its counts), or per resource and
// principal pair with `with_principals` (a resource nobody reaches then has no row).
std::string audit_csv_header(bool with_principals);
std::string audit_csv(const WhoCanReach& result, bool with_principals);
std::string what_csv_header();
std::string to_csv(const WhatCanReach& result);
std::string csv_field(std::string_view text);  // quoted when it holds a comma, quote, CR or LF
// resourceTenantId,resourceTenantName,resourceId,resourceKind,resourceName
std::string resource_csv(const ResourceRef& resource);
std::string via_joined(ViaSet set, const char* separator);  // path names in name order

// For people: `Pradeep Gupta (<tenantId>/<userId>) of Fabrikam`, `sharedChannel Design (<tenantId>/<id>) in Contoso`.
std::string principal_text(const PrincipalRef& principal);
std::string resource_text(const ResourceRef& resource);

std::string to_text(const WhoCanReach& result);
std::string to_text(const WhatCanReach& result);
std::string to_text(const Explanation& result);

}  // namespace tenantreach::graph
