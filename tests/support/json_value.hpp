// JSON documents as comparable values (objects compare regardless of key order, as spec §10 says outputs
// are compared), for tests that check engine output against expected files.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tenantreach::testing {

struct JsonValue {
  using Array = std::vector<JsonValue>;
  using Object = std::map<std::string, JsonValue>;
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object> value;

  bool operator==(const JsonValue& other) const = default;
};

// Throws std::runtime_error on malformed JSON.
JsonValue parse_json(std::string_view text);
std::string to_string(const JsonValue& value);

std::vector<std::string> read_lines(const std::string& path);

}  // namespace tenantreach::testing
