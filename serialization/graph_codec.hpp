// The "graph" section of a snapshot: everything who-can-reach, what-can-reach and audit read, as contiguous
// blocks (internal to tenantreach_serialization). Numbers go out as raw arrays, strings as string pools (one
// block of bytes and one of offsets), structs with strings as columns. Decoding allocates once per array, never
// once per string of the hot tables, and rebuilds no index: the graph carries its own sorted lookup arrays.
#pragma once

#include "graph/access_graph.hpp"
#include "serialization/section_io.hpp"

namespace tenantreach::serialization {

void encode_graph(const graph::AccessGraph& graph, SectionWriter& out);
void decode_graph(SectionReader& in, graph::AccessGraph& graph);

}  // namespace tenantreach::serialization
