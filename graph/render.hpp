// Query results as the JSON of spec §10 (one line, no trailing newline) and as text for people.
#pragma once

#include <string>

#include "graph/results.hpp"

namespace tenantreach::graph {

std::string to_json(const WhoCanReach& result);
std::string to_json(const WhatCanReach& result);
std::string to_json(const Explanation& result);
// An audit line: the resource and its counts, and its principals when `with_principals`.
std::string audit_json(const WhoCanReach& result, bool with_principals);

std::string to_text(const WhoCanReach& result);
std::string to_text(const WhatCanReach& result);
std::string to_text(const Explanation& result);

}  // namespace tenantreach::graph
