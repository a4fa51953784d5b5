// Small string helpers for the case-insensitive comparisons the spec asks for (R1.2).
#pragma once

#include <string>
#include <string_view>

namespace tenantreach::core {

std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);

}  // namespace tenantreach::core
