// What an export has done so far, saved in its staging folder after every file and every page of a streamed
// file: --resume reads it to skip finished files and to continue a streamed file from its last page. It also
// keeps each file's gaps, so the report of a resumed export still lists them. It holds no token or secret.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace tenantreach::exporter {

// Something the export could not fetch, and what that means for an audit of the world.
struct Gap {
  std::string file;
  std::string what;
  std::string reason;  // Graph's answer, with the missing permission for a 403
  std::string impact;
};

struct StreamPosition {
  std::string next_link;
  std::uint64_t bytes = 0;
  std::uint64_t objects = 0;
};

class Checkpoint {
 public:
  // Loads `file` when it exists (a resumed export), else starts empty.
  explicit Checkpoint(std::filesystem::path file);

  bool done(const std::string& name) const;
  std::uint64_t objects(const std::string& name) const;
  std::optional<StreamPosition> position(const std::string& name) const;

  void save_position(const std::string& name, const StreamPosition& position);
  void mark_done(const std::string& name, std::uint64_t objects);
  void add_gap(const Gap& gap);
  // Forgets the gaps of a file that is exported again (after --resume).
  void clear_gaps(const std::string& name);
  std::vector<Gap> gaps() const;
  nlohmann::ordered_json files() const;

 private:
  void save() const;

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  nlohmann::ordered_json state_;
};

}  // namespace tenantreach::exporter
