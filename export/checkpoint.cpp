#include "export/checkpoint.hpp"

#include <fstream>
#include <sstream>

#include "export/staging.hpp"

namespace tenantreach::exporter {

using Json = nlohmann::ordered_json;

Checkpoint::Checkpoint(std::filesystem::path file) : file_(std::move(file)) {
  std::ifstream in(file_);
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    state_ = Json::parse(text.str(), nullptr, false);
  }
  if (!state_.is_object()) state_ = Json::object();
  if (!state_.contains("files")) state_["files"] = Json::object();
  if (!state_.contains("gaps")) state_["gaps"] = Json::array();
}

bool Checkpoint::done(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return state_["files"].contains(name) && state_["files"][name].value("done", false);
}

std::uint64_t Checkpoint::objects(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return state_["files"].contains(name) ? state_["files"][name].value("objects", std::uint64_t{0}) : 0;
}

std::optional<StreamPosition> Checkpoint::position(const std::string& name) const {
  std::lock_guard lock(mutex_);
  if (!state_["files"].contains(name) || !state_["files"][name].contains("next")) return std::nullopt;
  const Json& entry = state_["files"][name];
  return StreamPosition{entry["next"].get<std::string>(), entry.value("bytes", std::uint64_t{0}),
                        entry.value("objects", std::uint64_t{0})};
}

void Checkpoint::save_position(const std::string& name, const StreamPosition& position) {
  std::lock_guard lock(mutex_);
  state_["files"][name] = {{"next", position.next_link}, {"bytes", position.bytes}, {"objects", position.objects}};
  save();
}

void Checkpoint::mark_done(const std::string& name, std::uint64_t objects) {
  std::lock_guard lock(mutex_);
  state_["files"][name] = {{"done", true}, {"objects", objects}};
  save();
}

void Checkpoint::add_gap(const Gap& gap) {
  std::lock_guard lock(mutex_);
  state_["gaps"].push_back({{"file", gap.file}, {"what", gap.what}, {"reason", gap.reason}, {"impact", gap.impact}});
  save();
}

void Checkpoint::clear_gaps(const std::string& name) {
  std::lock_guard lock(mutex_);
  Json kept = Json::array();
  for (Json& gap : state_["gaps"])
    if (gap["file"] != name) kept.push_back(std::move(gap));
  state_["gaps"] = std::move(kept);
  save();
}

std::vector<Gap> Checkpoint::gaps() const {
  std::lock_guard lock(mutex_);
  std::vector<Gap> out;
  for (const Json& gap : state_["gaps"])
    out.push_back({gap["file"], gap["what"], gap["reason"], gap["impact"]});
  return out;
}

Json Checkpoint::files() const {
  std::lock_guard lock(mutex_);
  return state_["files"];
}

void Checkpoint::save() const { write_file_atomically(file_, state_.dump(2) + "\n"); }

}  // namespace tenantreach::exporter
