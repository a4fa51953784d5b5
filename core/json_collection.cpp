#include "core/json_collection.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/error.hpp"

namespace tenantreach::core::json {

std::string Location::str() const {
  switch (kind) {
    case Kind::None:
      return {};
    case Kind::Line:
      return "line " + std::to_string(number);
    case Kind::ValueIndex:
      return "value[" + std::to_string(number) + "]";
    case Kind::ArrayIndex:
      return "[" + std::to_string(number) + "]";
  }
  return {};
}

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }


// Number of bytes of a leading UTF-8 byte order mark (PowerShell's Out-File -Encoding utf8 writes one).
std::size_t bom_length(std::string_view text) {
  return text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
                 static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF
             ? 3
             : 0;
}

bool is_utf16(std::string_view text) {
  if (text.size() < 2) return false;
  auto a = static_cast<unsigned char>(text[0]), b = static_cast<unsigned char>(text[1]);
  return (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF);
}

// "line L, column C" of a byte offset (both 1-based).
std::string line_column(std::string_view text, std::size_t offset, std::size_t first_line) {
  offset = std::min(offset, text.size());
  std::size_t line = first_line, line_start = 0;
  const char* base = text.data();
  const char* p = base;
  const char* end = base + offset;
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    ++line;
    p = static_cast<const char*>(nl) + 1;
    line_start = static_cast<std::size_t>(p - base);
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

[[noreturn]] void throw_malformed(const std::string& display, std::string_view text, simdjson::error_code error,
                                  std::size_t first_line, bool always_line) {
  std::size_t offset = find_syntax_error(text);
  std::string location;
  if (offset != std::string_view::npos) {
    location = line_column(text, offset, first_line);
  } else if (always_line) {
    location = "line " + std::to_string(first_line);
  }
  std::string problem = "malformed JSON: ";
  problem += simdjson::error_message(error);
  throw InputError(display, location, "", problem);
}

void check_utf8(const simdjson::padded_string& text, const std::string& display) {
  if (is_utf16(std::string_view(text.data(), text.size()))) {
    throw InputError(display, "", "", "the file is UTF-16 encoded; JSON input must be UTF-8");
  }
}

[[noreturn]] void not_an_object(const std::string& display, const Location& where, element value) {
  throw InputError(display, where.str(), "",
                   std::string("expected a JSON object, found ") + type_name(value.type()));
}

}  // namespace

const char* type_name(element_type type) {
  switch (type) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

simdjson::padded_string Reader::load(const std::filesystem::path& file, const std::string& display) const {
  simdjson::padded_string text;
  const std::string* replaced = nullptr;
  if (overlay_ != nullptr) {
    if (const auto it = overlay_->find(display); it != overlay_->end()) replaced = &it->second;
  }
  if (replaced != nullptr) {
    text = simdjson::padded_string(*replaced);
  } else if (simdjson::padded_string::load(file.string()).get(text) != simdjson::SUCCESS) {
    throw InputError(display, "", "", "cannot read the file");
  }
  check_utf8(text, display);
  return text;
}

element Reader::parse_document(const simdjson::padded_string& text, const std::string& display) {
  std::string_view view(text.data(), text.size());
  std::size_t skip = bom_length(view);
  element doc;
  // The padded_string keeps SIMDJSON_PADDING readable bytes after its end, so no copy is needed.
  auto error = parser_.parse(text.data() + skip, text.size() - skip, false).get(doc);
  if (error) throw_malformed(display, view.substr(skip), error, 1, false);
  return doc;
}

void Reader::for_each_object(const std::filesystem::path& file, const std::string& display, ListFormat format,
                             const ObjectFn& fn, const ReserveFn& reserve) {
  simdjson::padded_string text = load(file, display);
  if (format == ListFormat::Json) {
    element doc = parse_document(text, display);
    simdjson::dom::array list;
    Location::Kind kind = Location::Kind::ArrayIndex;
    if (doc.get_array().get(list) != simdjson::SUCCESS) {
      simdjson::dom::object page;
      element value;
      if (doc.get_object().get(page) != simdjson::SUCCESS || page.at_key("value").get(value) != simdjson::SUCCESS ||
          value.get_array().get(list) != simdjson::SUCCESS) {
        throw InputError(display, "", "value", "expected a Graph page {\"value\": [...]} or a JSON array");
      }
      kind = Location::Kind::ValueIndex;
    }
    if (reserve) reserve(list.size());
    std::size_t index = 0;
    for (element item : list) {
      Location where{kind, index++};
      simdjson::dom::object object;
      if (item.get_object().get(object) != simdjson::SUCCESS) not_an_object(display, where, item);
      fn(object, where);
    }
    return;
  }

  if (reserve) reserve(static_cast<std::size_t>(std::count(text.data(), text.data() + text.size(), '\n')) + 1);
  for_each_line_object(text, LineRange{0, text.size(), 1}, display, fn);
}

void Reader::for_each_line_object(const simdjson::padded_string& text, const LineRange& range,
                                  const std::string& display, const ObjectFn& fn) {
  const char* begin = text.data();
  const char* end = begin + range.end;
  const char* p = begin + range.begin;
  if (range.begin == 0) p += bom_length(std::string_view(begin, text.size()));
  std::size_t line = range.first_line - 1;
  while (p < end) {
    ++line;
    const char* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const char* line_end = newline != nullptr ? newline : end;
    if (!std::all_of(p, line_end, is_space)) {
      element doc;
      // The rest of the file (and the padded_string's padding) follows the line: reading past its end is safe.
      auto error = parser_.parse(p, static_cast<std::size_t>(line_end - p), false).get(doc);
      std::string_view line_text(p, static_cast<std::size_t>(line_end - p));
      if (error) throw_malformed(display, line_text, error, line, true);
      Location where{Location::Kind::Line, line};
      simdjson::dom::object object;
      if (doc.get_object().get(object) != simdjson::SUCCESS) not_an_object(display, where, doc);
      fn(object, where);
    }
    if (newline == nullptr) break;
    p = newline + 1;
  }
}

std::vector<LineRange> split_lines(std::string_view text, std::size_t parts) {
  std::vector<LineRange> ranges;
  const std::size_t target = text.size() / std::max<std::size_t>(parts, 1) + 1;
  std::size_t begin = 0, line = 1;
  while (begin < text.size()) {
    std::size_t end = std::min(text.size(), begin + target);
    if (end < text.size()) {  // extend to the end of the line the cut falls in
      const std::size_t newline = text.find('\n', end);
      end = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    // Counted from newline to newline with memchr: the count numbers the next range's lines and tells each range
    // how many objects to reserve for.
    std::size_t newlines = 0;
    for (const char* at = text.data() + begin; const void* found = std::memchr(at, '\n', text.data() + end - at);
         at = static_cast<const char*>(found) + 1)
      ++newlines;
    ranges.push_back({begin, end, line, newlines});
    line += newlines;
    begin = end;
  }
  return ranges;
}

void Reader::read_object(const std::filesystem::path& file, const std::string& display,
                         const std::function<void(simdjson::dom::object)>& fn) {
  simdjson::padded_string text = load(file, display);
  element doc = parse_document(text, display);
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) not_an_object(display, Location{}, doc);
  fn(object);
}

std::size_t find_syntax_error(std::string_view s) {
  enum class State : std::uint8_t { Value, ValueOrEnd, Key, KeyOrEnd, Colon, CommaOrEnd, Done };
  const std::size_t n = s.size();
  std::vector<char> stack;  // '{' or '['
  State state = State::Value;
  std::size_t i = 0;
  auto after_value = [&] { state = stack.empty() ? State::Done : State::CommaOrEnd; };
  // Returns the offset after a string starting at i, or npos-like n+1 on error (error offset stored in bad).
  std::size_t bad = std::string_view::npos;
  auto scan_string = [&](std::size_t at) -> std::size_t {
    std::size_t k = at + 1;
    while (k < n) {
      char c = s[k];
      if (c == '"') return k + 1;
      if (c == '\\') {
        if (k + 1 >= n) break;
        char e = s[k + 1];
        if (e == 'u') {
          for (std::size_t h = 2; h < 6; ++h) {
            if (k + h >= n || !is_hex(s[k + h])) {
              bad = std::min(k + h, n);
              return 0;
            }
          }
          k += 6;
          continue;
        }
        if (std::strchr("\"\\/bfnrt", e) == nullptr || e == '\0') {
          bad = k + 1;
          return 0;
        }
        k += 2;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        bad = k;
        return 0;
      }
      ++k;
    }
    bad = n;
    return 0;
  };
  auto scan_number = [&](std::size_t at) -> std::size_t {
    std::size_t k = at;
    if (k < n && s[k] == '-') ++k;
    if (k < n && s[k] == '0') {
      ++k;
    } else if (k < n && is_digit(s[k])) {
      while (k < n && is_digit(s[k])) ++k;
    } else {
      bad = k;
      return 0;
    }
    if (k < n && s[k] == '.') {
      ++k;
      if (k >= n || !is_digit(s[k])) {
        bad = k;
        return 0;
      }
      while (k < n && is_digit(s[k])) ++k;
    }
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
      ++k;
      if (k < n && (s[k] == '+' || s[k] == '-')) ++k;
      if (k >= n || !is_digit(s[k])) {
        bad = k;
        return 0;
      }
      while (k < n && is_digit(s[k])) ++k;
    }
    return k;
  };

  while (true) {
    while (i < n && is_space(s[i])) ++i;
    if (i >= n) return state == State::Done ? std::string_view::npos : n;
    const char c = s[i];
    switch (state) {
      case State::Done:
        return i;
      case State::Value:
      case State::ValueOrEnd:
        if (state == State::ValueOrEnd && c == ']') {
          stack.pop_back();
          ++i;
          after_value();
        } else if (c == '{') {
          stack.push_back('{');
          ++i;
          state = State::KeyOrEnd;
        } else if (c == '[') {
          stack.push_back('[');
          ++i;
          state = State::ValueOrEnd;
        } else if (c == '"') {
          std::size_t next = scan_string(i);
          if (next == 0) return bad;
          i = next;
          after_value();
        } else if (c == '-' || is_digit(c)) {
          std::size_t next = scan_number(i);
          if (next == 0) return bad;
          i = next;
          after_value();
        } else {
          bool matched = false;
          for (std::string_view literal : {std::string_view("true"), std::string_view("false"), std::string_view("null")}) {
            if (s.substr(i, literal.size()) == literal) {
              i += literal.size();
              matched = true;
              break;
            }
          }
          if (!matched) return i;
          after_value();
        }
        break;
      case State::Key:
      case State::KeyOrEnd:
        if (state == State::KeyOrEnd && c == '}') {
          stack.pop_back();
          ++i;
          after_value();
        } else if (c == '"') {
          std::size_t next = scan_string(i);
          if (next == 0) return bad;
          i = next;
          state = State::Colon;
        } else {
          return i;
        }
        break;
      case State::Colon:
        if (c != ':') return i;
        ++i;
        state = State::Value;
        break;
      case State::CommaOrEnd: {
        const char open = stack.back();
        if (c == ',') {
          ++i;
          state = open == '{' ? State::Key : State::Value;
        } else if (c == (open == '{' ? '}' : ']')) {
          stack.pop_back();
          ++i;
          after_value();
        } else {
          return i;
        }
        break;
      }
    }
  }
}

}  // namespace tenantreach::core::json
