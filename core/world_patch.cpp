#include "core/world_patch.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace tenantreach::core {
namespace {

namespace fs = std::filesystem;

struct JsonMember;

// A JSON value that can be edited; objects keep their keys in file order.
struct Json {
  using Array = std::vector<Json>;
  // Not std::pair: a vector may hold a type still incomplete here (Json, JsonMember), a pair may not.
  using Object = std::vector<JsonMember>;
  std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, std::string, Array, Object> value;

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(value); }
  Object* object() { return std::get_if<Object>(&value); }
  const Object* object() const { return std::get_if<Object>(&value); }
  const Json* find(std::string_view key) const;
  Json* find(std::string_view key) { return const_cast<Json*>(std::as_const(*this).find(key)); }
};

struct JsonMember {
  std::string first;
  Json second;
};

const Json* Json::find(std::string_view key) const {
  if (const Object* members = object())
    for (const auto& [name, member] : *members)
      if (name == key) return &member;
  return nullptr;
}

Json from_dom(simdjson::dom::element element) {
  using Type = simdjson::dom::element_type;
  switch (element.type()) {
    case Type::ARRAY: {
      Json::Array items;
      simdjson::dom::array array;
      if (element.get_array().get(array) == simdjson::SUCCESS)
        for (simdjson::dom::element item : array) items.push_back(from_dom(item));
      return {std::move(items)};
    }
    case Type::OBJECT: {
      Json::Object members;
      simdjson::dom::object object;
      if (element.get_object().get(object) == simdjson::SUCCESS)
        for (auto field : object) members.push_back({std::string(field.key), from_dom(field.value)});
      return {std::move(members)};
    }
    case Type::INT64: return {element.get_int64().value_unsafe()};
    case Type::UINT64: return {element.get_uint64().value_unsafe()};
    case Type::DOUBLE: return {element.get_double().value_unsafe()};
    case Type::STRING: return {std::string(element.get_string().value_unsafe())};
    case Type::BOOL: return {element.get_bool().value_unsafe()};
    case Type::NULL_VALUE: break;
  }
  return {nullptr};
}

Json parse(simdjson::dom::parser& parser, std::string_view text, const std::string& file, const std::string& location) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  simdjson::dom::element element;
  if (auto error = parser.parse(simdjson::padded_string(text)).get(element))
    throw InputError(file, location, "", std::string("malformed JSON: ") + simdjson::error_message(error));
  return from_dom(element);
}

void write(std::string& out, const Json& json) {
  std::visit(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) out += "null";
        else if constexpr (std::is_same_v<T, bool>) out += value ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint64_t>) out += std::to_string(value);
        else if constexpr (std::is_same_v<T, double>) {
          char number[32];
          std::snprintf(number, sizeof number, "%.17g", value);
          out += number;
        } else if constexpr (std::is_same_v<T, std::string>) append_json_string(out, value);
        else if constexpr (std::is_same_v<T, Json::Array>) {
          out += '[';
          for (std::size_t i = 0; i < value.size(); ++i) {
            if (i > 0) out += ',';
            write(out, value[i]);
          }
          out += ']';
        } else {
          out += '{';
          for (std::size_t i = 0; i < value.size(); ++i) {
            if (i > 0) out += ',';
            append_json_string(out, value[i].first);
            out += ':';
            write(out, value[i].second);
          }
          out += '}';
        }
      },
      json.value);
}

// RFC 7396 MergePatch(target, patch).
void merge_patch(Json& target, const Json& patch) {
  const Json::Object* changes = patch.object();
  if (changes == nullptr) {
    target = patch;
    return;
  }
  if (target.object() == nullptr) target = Json{Json::Object{}};
  Json::Object& members = *target.object();
  for (const auto& [name, change] : *changes) {
    auto it = std::find_if(members.begin(), members.end(), [&name = name](const auto& member) { return member.first == name; });
    if (change.is_null()) {
      if (it != members.end()) members.erase(it);
    } else if (it != members.end()) {
      merge_patch(it->second, change);
    } else {
      members.push_back({name, Json{nullptr}});
      merge_patch(members.back().second, change);
    }
  }
}

std::string read_text(const fs::path& path, const std::string& display) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) throw InputError(display, "", "", "cannot read the file");
  return text.str();
}

// The objects of a list file, and how to write them back in the file's own shape.
struct ListFile {
  enum class Shape { Page, Array, Lines } shape = Shape::Array;
  Json page;  // a Graph page, whose "value" is replaced by the objects when written
  Json::Array objects;
};

ListFile read_list(simdjson::dom::parser& parser, const std::string& text, const std::string& display) {
  ListFile list;
  if (display.ends_with(".jsonl")) {
    list.shape = ListFile::Shape::Lines;
    std::size_t line = 0;
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      ++line;
      const std::string_view content = std::string_view(text).substr(start, end - start);
      if (content.find_first_not_of(" \t\r") != std::string_view::npos)
        list.objects.push_back(parse(parser, content, display, "line " + std::to_string(line)));
      start = end + 1;
    }
    return list;
  }
  Json document = parse(parser, text, display, "");
  if (auto* items = std::get_if<Json::Array>(&document.value)) {
    list.objects = std::move(*items);
    return list;
  }
  Json* value = document.find("value");
  list.shape = ListFile::Shape::Page;
  list.objects = std::move(std::get<Json::Array>(value->value));
  list.page = std::move(document);
  return list;
}

std::string write_list(ListFile& list) {
  std::string out;
  if (list.shape == ListFile::Shape::Lines) {
    for (const Json& object : list.objects) {
      write(out, object);
      out += '\n';
    }
    return out;
  }
  if (list.shape == ListFile::Shape::Array) {
    write(out, Json{std::move(list.objects)});
    return out;
  }
  list.page.find("value")->value = std::move(list.objects);
  write(out, list.page);
  return out;
}

bool is_list(const Json& document, const std::string& display) {
  if (display.ends_with(".jsonl") || std::holds_alternative<Json::Array>(document.value)) return true;
  const Json* value = document.find("value");
  return value != nullptr && std::holds_alternative<Json::Array>(value->value);
}

std::string apply_list_patch(simdjson::dom::parser& parser, const std::string& text, const std::string& display,
                             const Json& patch, const std::string& patch_name) {
  const Json::Object* changes = patch.object();
  if (changes == nullptr)
    throw InputError(patch_name, "", display,
                     "a list file is patched per object: expected an object mapping object keys to merge patches");
  ListFile list = read_list(parser, text, display);
  const std::string key_field = display.ends_with("partners.json") || display.ends_with("partners.jsonl") ? "tenantId" : "id";
  for (const auto& [key, change] : *changes) {
    auto it = std::find_if(list.objects.begin(), list.objects.end(), [&, &key = key](Json& object) {
      const Json* id = object.find(key_field);
      const std::string* name = id != nullptr ? std::get_if<std::string>(&id->value) : nullptr;
      return name != nullptr && *name == key;
    });
    if (change.is_null()) {
      if (it == list.objects.end())
        throw InputError(patch_name, "", display + "." + key, "null removes an object, but the file holds none with " +
                                                                  key_field + " \"" + key + "\"");
      list.objects.erase(it);
      continue;
    }
    if (change.object() == nullptr)
      throw InputError(patch_name, "", display + "." + key, "expected an object (a merge patch of the object) or null");
    if (it == list.objects.end()) {
      list.objects.push_back(Json{Json::Object{{key_field, Json{key}}}});
      it = std::prev(list.objects.end());
    }
    merge_patch(*it, change);
  }
  return write_list(list);
}

}  // namespace

FileOverlay patch_world_files(const fs::path& world_dir, std::string_view patch_text, const std::string& patch_name) {
  simdjson::dom::parser parser;
  const Json patch = parse(parser, patch_text, patch_name, "");
  const Json::Object* files = patch.object();
  if (files == nullptr) throw InputError(patch_name, "", "", "expected a JSON object mapping world files to merge patches");
  FileOverlay overlay;
  for (const auto& [relative, change] : *files) {
    const fs::path path = fs::path(relative).lexically_normal();
    if (relative.empty() || path.is_absolute() || path.string() != relative || relative.starts_with("..") ||
        !relative.starts_with("tenants/"))
      throw InputError(patch_name, "", relative, "not a file of the world: give its path relative to the world, "
                                                 "as tenants/<tenantId>/<file>");
    std::error_code error;
    if (!fs::is_regular_file(world_dir / path, error))
      throw InputError(patch_name, "", relative, "the world has no such file (" + (world_dir / path).string() + ")");
    const std::string text = read_text(world_dir / path, relative);
    if (relative.ends_with(".jsonl")) {
      overlay[relative] = apply_list_patch(parser, text, relative, change, patch_name);
      continue;
    }
    Json document = parse(parser, text, relative, "");
    if (is_list(document, relative)) {
      overlay[relative] = apply_list_patch(parser, text, relative, change, patch_name);
    } else {
      merge_patch(document, change);
      std::string out;
      write(out, document);
      overlay[relative] = std::move(out);
    }
  }
  return overlay;
}

}  // namespace tenantreach::core
