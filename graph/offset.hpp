// Offsets into the graph's arrays (CSR edges, policy gates, string bytes) are 32-bit: 4 bytes per vertex or string
// instead of 8, on arrays sized by the users (issue 9; snapshot format 8). 2^32 edges or gates is hundreds of
// millions of users; a world that needs more is refused when it is compiled, with what overflowed named.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace tenantreach::graph {

using Offset = std::uint32_t;

inline Offset checked_offset(std::uint64_t value, const char* what) {
  if (value > std::numeric_limits<Offset>::max())
    throw std::length_error(std::string("the world is too large to compile: more than 2^32 ") + what);
  return static_cast<Offset>(value);
}

}  // namespace tenantreach::graph
