// channels.json: Graph has no "channels with their members", so each channel is assembled from the team's
// allChannels (minus incomingChannels: a shared channel belongs to its host tenant's file only), its direct
// members, and for shared channels the teams it is shared with and their allowedMembers (R3.3, R3.4).
#include <atomic>
#include <set>

#include "export/file_exports.hpp"
#include "export/http_client.hpp"
#include "export/staging.hpp"

namespace tenantreach::exporter {
namespace {

constexpr const char* kFile = "channels.json";


// The sharedWithTeams entries of a shared channel, each with its allowedMembers when Graph gives them. When
// it cannot, the property stays absent: then the team's members count (R3.4), where an empty list would admit
// nobody.
// `without_allowed_members` counts the teams whose allowedMembers Graph does not have (404).
Json shared_with_teams(ExportContext& context, const std::string& channel_path, const std::string& channel_name,
                       std::atomic<std::uint64_t>& without_allowed_members) {
  Json teams = context.graph.get_all(channel_path + "/sharedWithTeams");
  for (Json& team : teams) {
    const std::string id = team.value("id", std::string());
    try {
      team["allowedMembers"] = context.graph.get_all(channel_path + "/sharedWithTeams/" + url_encode(id) +
                                                     "/allowedMembers");
    } catch (const GraphError& error) {
      if (error.status() != 404)
        context.gap_or_throw(error, kFile, "allowedMembers of team " + id + " in shared channel " + channel_name,
                             "all members of that team are counted as reaching the channel (R3.4): this may "
                             "over-report");
      ++without_allowed_members;
    }
  }
  return teams;
}

// The channels of one team that this tenant hosts, complete with what the ingest reads.
Json team_channels(ExportContext& context, const std::string& team_id,
                   std::atomic<std::uint64_t>& without_allowed_members) {
  const std::string team_path = "/v1.0/teams/" + url_encode(team_id);
  Json all = context.graph.get_all(team_path + "/allChannels");
  std::set<std::string> incoming;
  for (const Json& channel : context.graph.get_all(team_path + "/incomingChannels"))
    incoming.insert(channel.value("id", std::string()));

  Json hosted = Json::array();
  for (Json& channel : all) {
    const std::string id = channel.value("id", std::string());
    if (incoming.contains(id)) continue;
    if (channel.contains("tenantId") && channel["tenantId"].is_string() &&
        lower(channel["tenantId"].get<std::string>()) != context.tenant_id)
      continue;
    channel["teamId"] = team_id;  // not a Graph property of a channel; required for standard channels (§1.6)
    const std::string type = lower(channel.value("membershipType", std::string("standard")));
    const std::string channel_path = team_path + "/channels/" + url_encode(id);
    if (type == "private" || type == "shared") {
      // Direct members only: allMembers would add the members of teams the channel is shared with (R3.4).
      channel["members"] = context.graph.get_all(channel_path + "/members");
    }
    if (type == "shared") channel["sharedWithTeams"] = shared_with_teams(context, channel_path, id, without_allowed_members);
    hosted.push_back(std::move(channel));
  }
  return hosted;
}

}  // namespace

void export_channels(ExportContext& context) {
  const Json teams = context.graph.get_all("/v1.0/teams?$select=id,displayName");
  std::vector<Json> per_team(teams.size());
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> without_allowed_members{0};
  run_concurrently(teams.size(), context.concurrency, [&](std::size_t i) {
    const std::string team_id = teams[i].value("id", std::string());
    try {
      per_team[i] = team_channels(context, team_id, without_allowed_members);
    } catch (const GraphError& error) {
      if (error.path().starts_with("teams?") || error.path() == "teams") throw;
      context.gap_or_throw(error, kFile, "channels of team " + team_id,
                           "the team's private and shared channels are missing: access to them is under-reported");
    }
    context.progress.update(kFile, ++done);
  });
  if (without_allowed_members > 0)
    context.progress.note("  " + std::string(kFile) + ": " + std::to_string(without_allowed_members.load()) +
                          " team(s) in shared channels without allowedMembers: all their members count (R3.4)");
  Json channels = Json::array();
  for (Json& team : per_team)
    if (team.is_array())
      for (Json& channel : team) channels.push_back(std::move(channel));
  write_file_atomically(context.staging / kFile, as_graph_page(channels));
  context.checkpoint.mark_done(kFile, channels.size());
}

}  // namespace tenantreach::exporter
