// Small string helpers: the case-insensitive comparisons the spec asks for (R1.2), and JSON string quoting.
#pragma once

#include <string>
#include <string_view>

namespace tenantreach::core {

std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);

// Appends `text` as a JSON string: quotes, backslashes and control characters escaped; other bytes (UTF-8)
// copied as they are.
void append_json_string(std::string& out, std::string_view text);

}  // namespace tenantreach::core
