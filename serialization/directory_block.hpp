// A tenant's directory in a snapshot (since format 15; internal to tenantreach_serialization): its users and groups
// as columns, not as a stream of objects. A string table holds the strings of users and groups; every string field
// is a column of 32-bit indexes into it, the flags a byte per object, group members one array of 32-bit references
// with an end per group (as core::MemberRef holds them: resolved at ingest, not ids). A user id or display name
// equal to the snapshot graph's is not written at all: the column says "the graph's", and the decoded Text points
// into the graph's pool. Channels and resources, a few per tenant, follow object by object, their strings (and the
// ids of unresolved members) in a second table that is read where it lies: they are copied, or share the Text of
// the object they name. Decoding is a bounds-checked pass over the columns that makes each field's Text point into
// the first table, which is copied once and kept alive by the tenant's arena: no string is parsed or allocated one
// by one (docs/DECISIONS.md, "A tenant's directory as columns (format 15)").
#pragma once

#include <string>
#include <string_view>

#include "core/model.hpp"
#include "serialization/archive.hpp"  // core::UserNames

namespace tenantreach::serialization {

// The directory block of `tenant`. `names` are the graph's ids and display names of the tenant's users (empty when
// the snapshot has none for it): fields equal to them are not written.
std::string encode_directory(const core::Tenant& tenant, const core::UserNames& names);

// Fills tenant.users, groups, objects, channels and resources from `block`, with its Texts in tenant.strings.
// Throws std::runtime_error saying which column or object is malformed (an index out of range, a count past the end
// of the block); the caller names the file and the block.
void decode_directory(std::string_view block, core::Tenant& tenant, const core::UserNames& names);

}  // namespace tenantreach::serialization
