#include "support/json_value.hpp"

#include <fstream>
#include <stdexcept>

#include <simdjson.h>

namespace tenantreach::testing {
namespace {

JsonValue convert(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
      JsonValue::Array array;
      for (simdjson::dom::element item : element.get_array()) array.push_back(convert(item));
      return {std::move(array)};
    }
    case simdjson::dom::element_type::OBJECT: {
      JsonValue::Object object;
      for (auto field : element.get_object()) object[std::string(field.key)] = convert(field.value);
      return {std::move(object)};
    }
    case simdjson::dom::element_type::STRING: return {std::string(element.get_string().value())};
    case simdjson::dom::element_type::BOOL: return {element.get_bool().value()};
    case simdjson::dom::element_type::NULL_VALUE: return {nullptr};
    default: return {element.get_double().value()};
  }
}

void append(const JsonValue& value, std::string& out) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) out += "null";
        else if constexpr (std::is_same_v<T, bool>) out += v ? "true" : "false";
        else if constexpr (std::is_same_v<T, double>) out += std::to_string(v);
        else if constexpr (std::is_same_v<T, std::string>) out += '"' + v + '"';
        else if constexpr (std::is_same_v<T, JsonValue::Array>) {
          out += '[';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            append(v[i], out);
          }
          out += ']';
        } else {
          out += '{';
          bool first = true;
          for (const auto& [key, item] : v) {
            if (!first) out += ',';
            first = false;
            out += '"' + key + "\":";
            append(item, out);
          }
          out += '}';
        }
      },
      value.value);
}

}  // namespace

JsonValue parse_json(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element element;
  if (auto error = parser.parse(padded).get(element)) throw std::runtime_error(simdjson::error_message(error));
  return convert(element);
}

std::string to_string(const JsonValue& value) {
  std::string out;
  append(value, out);
  return out;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace tenantreach::testing
