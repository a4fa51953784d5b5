#include "serialization/source_info.hpp"

#include <algorithm>
#include <cstdio>

#include <simdjson.h>

#include "core/error.hpp"
#include "graph/json_writer.hpp"
#include "graph/stats.hpp"
#include "serialization/version.hpp"

namespace tenantreach::serialization {
namespace {

namespace fs = std::filesystem;

std::string hex(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

// The first object of an organization file (R1.1: a Graph page, a bare array, or .jsonl), without checking
// the rest of it: ingest does that, and `info` only names the tenant.
simdjson::dom::object first_object(simdjson::dom::parser& parser, const fs::path& file, const std::string& display) {
  const auto fail = [&](const std::string& problem) -> simdjson::dom::object {
    throw core::InputError(display, "", "", problem);
  };
  simdjson::padded_string text;
  if (simdjson::padded_string::load(file.string()).get(text) != simdjson::SUCCESS) return fail("cannot be read");
  simdjson::dom::element document;
  std::string_view json(text.data(), text.size());
  if (file.extension() == ".jsonl") {
    const std::size_t start = json.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return fail("holds no organization object");
    json = json.substr(start, json.find('\n', start) - start);
  }
  if (parser.parse(json.data(), json.size()).get(document) != simdjson::SUCCESS) return fail("malformed JSON");
  simdjson::dom::array list;
  simdjson::dom::element page_value;
  const bool is_list = document.get_array().get(list) == simdjson::SUCCESS ||
                       (document.at_key("value").get(page_value) == simdjson::SUCCESS &&
                        page_value.get_array().get(list) == simdjson::SUCCESS);
  simdjson::dom::element first = document;
  if (is_list) {
    if (list.size() == 0) return fail("holds no organization object");
    first = *list.begin();
  }
  simdjson::dom::object object;
  if (first.get_object().get(object) != simdjson::SUCCESS) return fail("holds no organization object");
  return object;
}

TenantInfo describe_tenant(simdjson::dom::parser& parser, const fs::path& dir) {
  TenantInfo tenant;
  tenant.id = dir.filename().string();
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) tenant.files.push_back(fs::relative(entry.path(), dir).generic_string());
  std::sort(tenant.files.begin(), tenant.files.end());
  const std::string display_dir = "tenants/" + tenant.id;
  for (const char* name : {"organization.json", "organization.jsonl"}) {
    if (!fs::is_regular_file(dir / name)) continue;
    std::string_view display_name;
    if (first_object(parser, dir / name, display_dir + "/" + name)["displayName"].get(display_name) ==
        simdjson::SUCCESS)
      tenant.display_name = display_name;
    return tenant;
  }
  throw core::InputError(display_dir + "/organization.json", "", "", "organization.json is required for every tenant");
}

SourceInfo describe_world_directory(const fs::path& world_dir) {
  const fs::path tenants_dir = world_dir / "tenants";
  if (!fs::is_directory(tenants_dir)) throw core::InputError("tenants", "", "", "the world has no tenants/ directory");
  SourceInfo info;
  info.kind = SourceInfo::Kind::World;
  info.path = world_dir.string();
  info.world = describe_world(world_dir);
  simdjson::dom::parser parser;
  for (const auto& entry : fs::directory_iterator(tenants_dir))
    if (entry.is_directory()) info.tenants.push_back(describe_tenant(parser, entry.path()));
  std::sort(info.tenants.begin(), info.tenants.end(),
            [](const TenantInfo& a, const TenantInfo& b) { return a.id < b.id; });
  return info;
}

SourceInfo describe_snapshot(const fs::path& file) {
  SnapshotHeader header;
  const graph::CompiledWorld compiled = load_snapshot(file, &header);
  SourceInfo info;
  info.kind = SourceInfo::Kind::Snapshot;
  info.path = file.string();
  info.engine_version = header.engine_version;
  info.snapshot_format = header.format_version;
  info.created_at = header.created_at;
  info.world = header.source;
  const graph::AccessGraph& graph = compiled.graph;
  for (std::uint32_t t = 0; t < graph.tenant_count(); ++t)
    info.tenants.push_back({std::string(graph.tenant_id(t)), std::string(graph.tenant_display_names[t]),
                            graph.tenant_source_files[t]});
  info.counts = graph::compute_stats(compiled).counts;
  return info;
}

void write_source(graph::JsonWriter& json, const SourceInfo& info) {
  const bool snapshot = info.kind == SourceInfo::Kind::Snapshot;
  json.begin_object().key("kind").value(snapshot ? "snapshot" : "world").key("path").value(info.path);
  if (snapshot) {
    json.key("engineVersion").value(info.engine_version);
    json.key("snapshotFormat").value(std::uint64_t{info.snapshot_format});
    json.key("createdAt").value(info.created_at);
  }
  json.key("world").begin_object();
  json.key("path").value(info.world.path).key("contentHash").value(hex(info.world.content_hash));
  json.key("files").value(info.world.files).key("bytes").value(info.world.bytes);
  json.end_object().key("tenants").begin_array();
  for (const TenantInfo& tenant : info.tenants) {
    json.begin_object().key("id").value(tenant.id).key("displayName").value(tenant.display_name);
    json.key("files").strings(tenant.files).end_object();
  }
  json.end_array();
  if (snapshot) {
    json.key("counts").begin_object();
    for (const auto& [name, count] : info.counts) json.key(name).value(static_cast<std::uint64_t>(count));
    json.end_object();
  }
  json.end_object();
}

}  // namespace

SourceInfo describe_source(const fs::path& source) {
  if (fs::is_directory(source)) return describe_world_directory(source);
  if (fs::is_regular_file(source)) return describe_snapshot(source);
  throw core::InputError(source.string() + ": no such world directory or snapshot file");
}

std::string to_json(const SourceInfo& info) {
  std::string out;
  graph::JsonWriter json(out);
  write_source(json, info);
  return out;
}

std::string to_text(const SourceInfo& info) {
  std::string out;
  if (info.kind == SourceInfo::Kind::Snapshot) {
    out += "snapshot: " + info.path + "\n";
    out += "engine version: " + info.engine_version + "\n";
    out += "snapshot format: " + std::to_string(info.snapshot_format) + "\n";
    out += "created at: " + info.created_at + "\n";
  }
  out += "world: " + info.world.path + "\n";
  out += "content hash: " + hex(info.world.content_hash) + "\n";
  out += "files: " + std::to_string(info.world.files) + " (" + std::to_string(info.world.bytes) + " bytes)\n";
  out += "tenants: " + std::to_string(info.tenants.size()) + "\n";
  for (const TenantInfo& tenant : info.tenants) {
    out += "  " + tenant.id + " " + (tenant.display_name.empty() ? "(no displayName)" : tenant.display_name) + ":";
    for (const std::string& file : tenant.files) out += " " + file;
    out += "\n";
  }
  if (info.kind == SourceInfo::Kind::Snapshot) {
    out += "counts:\n";
    for (const auto& [name, count] : info.counts) out += "  " + name + ": " + std::to_string(count) + "\n";
  }
  return out;
}

std::string audit_header_json(const SourceInfo& info) {
  std::string out;
  graph::JsonWriter json(out);
  json.begin_object().key("header").begin_object();
  json.key("engineVersion").value(engine_version());
  json.key("snapshotFormat").value(std::uint64_t{snapshot_format_version()});
  json.key("buildType").value(build_type());
  json.key("source");
  write_source(json, info);
  json.end_object().end_object();
  return out;
}

}  // namespace tenantreach::serialization
