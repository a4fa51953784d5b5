// Small string helpers: the case-insensitive comparisons the spec asks for (R1.2), and JSON string quoting.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace tenantreach::core {

// A hash for maps keyed by std::string that are also searched with a std::string_view (or a core::Text), without
// making a std::string: std::unordered_map<std::string, V, StringHash, std::equal_to<>>.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

char lower_ascii(char c);  // 'A'..'Z' to 'a'..'z'; every other byte as it is
std::string to_lower(std::string_view text);
// `text` lower-cased into `buffer` (reused, so a hot loop allocates once); returns a view of it.
std::string_view to_lower(std::string_view text, std::string& buffer);
bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);

// Appends `text` as a JSON string: quotes, backslashes and control characters escaped; other bytes (UTF-8)
// copied as they are.
void append_json_string(std::string& out, std::string_view text);

}  // namespace tenantreach::core
