// Reading the files of a world directory as sequences of JSON objects (spec R1.1): a `.json` list file is a
// Graph collection page `{"value": [...]}` or a bare JSON array; a `.jsonl` file holds one object per line
// (blank lines skipped). Every failure is an InputError naming the file (as given by the caller, relative to
// the world) and, where it can, the line or the index. Internal to core/: simdjson types appear here.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tenantreach::core::json {

// Where an object sits in its file; formatted only when an error or a warning names it.
struct Location {
  enum class Kind : std::uint8_t { None, Line, ValueIndex, ArrayIndex };
  Kind kind = Kind::None;
  std::size_t number = 0;  // 1-based line for Line, 0-based index otherwise

  // "line 3", "value[2]" (Graph page), "[2]" (bare array) or "" (single-object file).
  std::string str() const;
};

enum class ListFormat : std::uint8_t { Json, JsonLines };

// "an array", "a string", ... for messages that say what a value is.
const char* type_name(simdjson::dom::element_type type);

// Whole lines of a `.jsonl` text, [begin, end) in bytes, the first of them numbered first_line (1-based).
struct LineRange {
  std::size_t begin = 0, end = 0;
  std::size_t first_line = 1;
  std::size_t newlines = 0;  // in [begin, end): about the objects it holds, for reserving
};

// Splits a `.jsonl` text into at most `parts` ranges of whole lines, of about equal size and in order, so that
// several readers can parse one large file at once (ingest's users and groups).
std::vector<LineRange> split_lines(std::string_view text, std::size_t parts);

// One reader reuses one simdjson parser for every file. The objects handed to a callback are valid only
// during that call (the next document parsed reuses the parser's memory).
class Reader {
 public:
  // Texts that replace files of the world, by display path ("tenants/<folder>/users.json"): what-if reads a
  // patched world this way without writing it. The map must outlive the reader.
  explicit Reader(const std::map<std::string, std::string>* overlay = nullptr) : overlay_(overlay) {}

  using ObjectFn = std::function<void(simdjson::dom::object, const Location&)>;
  using ReserveFn = std::function<void(std::size_t)>;

  // Calls fn for every object of a list file, in file order. reserve (may be empty) is first called with an
  // upper bound of the object count. Throws InputError: unreadable file, malformed JSON (with line and
  // column, or the jsonl line), a document that is neither a page nor an array, an element that is not an
  // object.
  void for_each_object(const std::filesystem::path& file, const std::string& display, ListFormat format,
                       const ObjectFn& fn, const ReserveFn& reserve = {});

  // Calls fn for every object on the lines of `range` of a `.jsonl` text read by load(), in order; throws as
  // for_each_object, naming the line. Readers may parse different ranges of one text at once.
  void for_each_line_object(const simdjson::padded_string& text, const LineRange& range, const std::string& display,
                            const ObjectFn& fn);

  // The text of a file (or the overlay's text for it), checked to be UTF-8. Throws InputError.
  simdjson::padded_string load(const std::filesystem::path& file, const std::string& display) const;

  // A file holding a single JSON object (default.json). Throws InputError as above.
  void read_object(const std::filesystem::path& file, const std::string& display,
                   const std::function<void(simdjson::dom::object)>& fn);

 private:
  simdjson::dom::element parse_document(const simdjson::padded_string& text, const std::string& display);

  const std::map<std::string, std::string>* overlay_;
  simdjson::dom::parser parser_;
};

// Offset of the first JSON syntax error in text, or std::string_view::npos when the grammar is respected
// (UTF-8 validity and depth are not checked). Iterative: any nesting depth is safe.
std::size_t find_syntax_error(std::string_view text);

}  // namespace tenantreach::core::json
