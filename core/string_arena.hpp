// Strings of the directory (ids, names, addresses of users and groups) stored once in an arena per tenant instead
// of one std::string each: a user object held eleven of them, 32 bytes apiece plus a heap block for most, and
// ingest spent much of its time in malloc (docs/DECISIONS.md, "Directory strings in an arena").
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tenantreach::core {

// A string of a StringArena: 8 bytes, read without the arena. It stays valid as long as the arena that made it
// (a tenant shares its arena with its copies: Tenant::strings). The pointer is kept in the low 48 bits, which
// hold every user-space address on x86-64 and AArch64 Linux, and the size in the high 16; a string of 65,535
// bytes or more has its size written in the 8 bytes before it.
class Text {
 public:
  constexpr Text() = default;

  const char* data() const { return reinterpret_cast<const char*>(bits_ & kPointerMask); }
  std::size_t size() const {
    const std::uint64_t size = bits_ >> kSizeShift;
    if (size != kLongSize) return size;
    std::uint64_t long_size;
    std::memcpy(&long_size, data() - sizeof long_size, sizeof long_size);
    return long_size;
  }
  bool empty() const { return bits_ >> kSizeShift == 0; }
  std::string_view view() const { return {data(), size()}; }
  std::string str() const { return std::string(view()); }
  operator std::string_view() const { return view(); }
  // Outputs and the structures built for them (policies, query results) hold std::strings: copying into one is
  // implicit, as it was when these fields were std::strings. Hot paths read view() and never copy.
  operator std::string() const { return str(); }

  friend bool operator==(Text a, Text b) { return a.view() == b.view(); }
  friend bool operator==(Text a, std::string_view b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(Text a, Text b) { return a.view() <=> b.view(); }
  friend std::strong_ordering operator<=>(Text a, std::string_view b) { return a.view() <=> b; }
  // Messages are built with +, as with std::string.
  friend std::string operator+(std::string a, Text b) { return a.append(b.view()); }
  friend std::string operator+(Text a, std::string_view b) { return a.str().append(b); }
  friend std::ostream& operator<<(std::ostream& out, Text text);

 private:
  friend class StringArena;
  static constexpr unsigned kSizeShift = 48;
  static constexpr std::uint64_t kPointerMask = (std::uint64_t{1} << kSizeShift) - 1;
  static constexpr std::uint64_t kLongSize = 0xFFFF;

  std::uint64_t bits_ = 0;
};

static_assert(sizeof(Text) == 8);

// Append-only storage for Texts: blocks that never move, so a Text stays valid while strings are added; or the
// bytes of strings kept elsewhere, whose owners it keeps alive (refer). Not thread-safe; parallel ingest gives each
// range its own arena and adopts it into the tenant's.
class StringArena {
 public:
  StringArena() = default;
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;

  Text add(std::string_view text);
  Text add_lower(std::string_view text);  // ASCII letters lower-cased, as core::to_lower
  // A Text of bytes kept elsewhere, which `owner` keeps where they are: the arena holds `owner` as long as it lives
  // (a snapshot's user ids point into the graph's string pool instead of being copied). A string of 65,535 bytes
  // or more, which needs its size in front of it, is copied instead.
  Text refer(std::string_view text, const std::shared_ptr<const void>& owner);
  // Takes the blocks of `other`: its Texts stay valid and now live as long as this arena.
  void adopt(StringArena&& other);
  std::size_t allocated_bytes() const { return allocated_; }

 private:
  char* reserve(std::size_t bytes);
  Text make(char* data, std::size_t size) const;

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::shared_ptr<const void>> owners_;  // of the bytes refer() points to, each once
  char* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t allocated_ = 0;
};

}  // namespace tenantreach::core
