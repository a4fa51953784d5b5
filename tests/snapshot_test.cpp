// Snapshots answer exactly as the world they were compiled from, whatever part of the model was decoded, and
// damaged snapshots are refused (exit 2) without ever being decoded: truncation at many offsets, bit flips, another
// format version; a damaged model block when it is read.
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "graph/lookup.hpp"
#include "graph/queries.hpp"
#include "graph/render.hpp"
#include "graph/stats.hpp"
#include "graph/trust_map.hpp"
#include "report/dot.hpp"
#include "report/exposure_page.hpp"
#include "report/html.hpp"
#include "parallel/audit.hpp"
#include "serialization/snapshot.hpp"
#include "serialization/source.hpp"
#include "support/fixtures.hpp"

namespace tenantreach {
namespace {

std::filesystem::path fixture_world(const std::string& name) {
  return testing::shared_dir() / "fixtures" / "random" / name / "world";
}

std::vector<std::string> audit_lines(const graph::CompiledWorld& compiled) {
  std::vector<std::string> lines;
  parallel::AuditOptions options;
  options.principals = true;
  parallel::audit(compiled, options, [&](const std::string& line) { lines.push_back(line); });
  return lines;
}

std::string address(const graph::AccessGraph& graph, std::uint32_t principal) {
  return std::string(graph.principal_tenant_id(principal)) + "/" + std::string(graph.principal_user_id(principal));
}

class SnapshotRoundTrip : public ::testing::TestWithParam<std::string> {
 protected:
  // The fixture world compiled, after saving it as the snapshot file_.
  graph::CompiledWorld compile_and_save() {
    const auto world = fixture_world(GetParam());
    auto direct = graph::compile(core::load_world(world));
    serialization::save_snapshot(direct, serialization::describe_world(world), file_);
    return direct;
  }
  testing::TempDir scratch_;
  std::filesystem::path file_ = scratch_.path() / "world.snap";
};

TEST_P(SnapshotRoundTrip, AnswersEveryQueryIdentically) {
  testing::TempDir scratch;
  const auto world = fixture_world(GetParam());
  const auto direct = graph::compile(core::load_world(world));
  const auto file = scratch.path() / "world.snap";
  serialization::save_snapshot(direct, serialization::describe_world(world), file);
  serialization::SnapshotHeader header;
  const auto loaded = serialization::load_snapshot(file, &header);

  EXPECT_EQ(header.format_version, serialization::kSnapshotFormatVersion);
  EXPECT_EQ(header.source.content_hash, serialization::describe_world(world).content_hash);
  EXPECT_EQ(audit_lines(loaded), audit_lines(direct));
  EXPECT_EQ(graph::to_json(graph::compute_stats(loaded)), graph::to_json(graph::compute_stats(direct)));
  // explain over a spread of (principal, resource) pairs: every resource, principals in a stride.
  const auto& principals = direct.graph.principals;
  for (std::uint32_t r = 0; r < direct.graph.resource_count(); ++r) {
    for (std::size_t p = r % 7; p < principals.size(); p += 7) {
      const std::string user = address(direct.graph, static_cast<std::uint32_t>(p));
      ASSERT_EQ(graph::to_json(graph::explain(loaded, user, r)), graph::to_json(graph::explain(direct, user, r)));
    }
  }
  for (std::uint32_t p = 0; p < direct.graph.principals.size(); ++p) {
    const std::string user = address(direct.graph, p);
    ASSERT_EQ(graph::to_json(graph::what_can_reach(loaded, user)), graph::to_json(graph::what_can_reach(direct, user)));
  }
}

TEST_P(SnapshotRoundTrip, CommandLineAuditFromSnapshotEqualsExpected) {
  testing::TempDir scratch;
  const auto snap = scratch.path() / "world.snap";
  const auto compiled = testing::run_cli({"compile", fixture_world(GetParam()).string(), "-o", snap.string()});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  const auto from_snapshot = testing::run_cli({"audit", "--principals", snap.string()});
  const auto from_world = testing::run_cli({"audit", "--principals", fixture_world(GetParam()).string()});
  ASSERT_EQ(from_snapshot.exit_code, 0) << from_snapshot.err;
  EXPECT_EQ(from_snapshot.out, from_world.out);
}

// who-can-reach, what-can-reach, audit and stats answer from the graph section alone; world() decodes the
// model, once, whoever asks first.
TEST_P(SnapshotRoundTrip, GraphQueriesAndStatsDoNotDecodeTheModel) {
  const auto direct = compile_and_save();
  EXPECT_TRUE(direct.world_loaded());
  const auto loaded = serialization::load_snapshot(file_);
  EXPECT_FALSE(loaded.world_loaded());
  audit_lines(loaded);
  for (std::uint32_t r = 0; r < loaded.graph.resource_count(); ++r) graph::who_can_reach(loaded, r);
  for (std::uint32_t p = 0; p < loaded.graph.principals.size(); ++p)
    graph::what_can_reach(loaded, address(loaded.graph, p));
  EXPECT_EQ(graph::to_json(graph::compute_stats(loaded)), graph::to_json(graph::compute_stats(direct)));
  EXPECT_FALSE(loaded.world_loaded());  // stats are summarised in the graph section too
  EXPECT_FALSE(loaded.model_loaded());

  std::vector<const core::World*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = &loaded.world(); });
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(loaded.world_loaded());
  for (const core::World* world_seen : seen) EXPECT_EQ(world_seen, &loaded.world());
}

std::size_t directories_decoded(const core::World& world) {
  std::size_t decoded = 0;
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) decoded += world.directory_decoded(t);
  return decoded;
}

// The tenants whose directory `explanation` must read: those of the groups and shared teams on its chains, the
// steps before the last (the resource) that are not user objects (looked up in the fully decoded `world`).
std::set<std::uint32_t> tenants_of_group_steps(const core::World& world, const graph::Explanation& explanation) {
  std::set<std::uint32_t> tenants;
  for (const graph::ExplainedPath& path : explanation.paths) {
    for (std::size_t i = 0; i + 1 < path.steps.size(); ++i) {
      const std::string& step = path.steps[i];
      const auto slash = step.find('/');
      const std::uint32_t t = world.tenant_position(step.substr(0, slash));
      if (t != core::kNone && world.tenants[t].find_user(step.substr(slash + 1)) == nullptr) tenants.insert(t);
    }
  }
  return tenants;
}

// Each explain on a fresh load decodes the policies and the directories of the tenants whose groups its chains
// name (verdicts and reasons come from the graph), and answers as the fully decoded world does; the trust map
// needs no directory at all.
TEST_P(SnapshotRoundTrip, ExplainAndTheTrustMapDecodeOnlyWhatTheyRead) {
  const auto direct = compile_and_save();
  const auto mapped = serialization::load_snapshot(file_);
  EXPECT_EQ(report::trust_map_dot(graph::build_trust_map(mapped)), report::trust_map_dot(graph::build_trust_map(direct)));
  EXPECT_EQ(directories_decoded(mapped.model()), 0u);

  const auto& principals = direct.graph.principals;
  std::size_t with_groups = 0, without_groups = 0;
  // Per third resource, a principal in a stride (mostly not granted) and the first one that reaches it.
  std::vector<std::pair<std::string, std::uint32_t>> pairs;
  for (std::uint32_t r = 0; r < direct.graph.resource_count(); r += 3) {
    pairs.emplace_back(address(direct.graph, static_cast<std::uint32_t>((r * 11) % principals.size())), r);
    const graph::WhoCanReachIds reach = graph::who_can_reach(direct, r);
    if (!reach.principals.empty()) pairs.emplace_back(address(direct.graph, reach.principals.front().principal), r);
  }
  for (const auto& [user, r] : pairs) {
    const auto loaded = serialization::load_snapshot(file_);
    const graph::Explanation explanation = graph::explain(direct, user, r);
    ASSERT_EQ(graph::to_json(graph::explain(loaded, user, r)), graph::to_json(explanation));
    EXPECT_FALSE(loaded.world_loaded());
    const std::set<std::uint32_t> needed = tenants_of_group_steps(direct.world(), explanation);
    for (std::uint32_t t = 0; t < loaded.model().tenants.size(); ++t)
      EXPECT_EQ(loaded.model().directory_decoded(t), needed.count(t) == 1) << user << " into resource " << r << ", tenant " << t << ": " << graph::to_json(explanation);
    (needed.empty() ? without_groups : with_groups) += 1;
  }
  EXPECT_GT(with_groups, 0u);
  EXPECT_GT(without_groups, 0u);
}

// The report counts denials from the reasons compiled into the graph, so from a snapshot it reads the policies
// (for Conditional Access policy names and the trust map) and no directory, and renders the same page. (The
// trust map is compared as DOT: Graphviz may route parallel edges differently on a second layout in one process.)
TEST_P(SnapshotRoundTrip, TheReportDecodesNoDirectory) {
  const auto direct = compile_and_save();
  const auto loaded = serialization::load_snapshot(file_);
  const report::ReportOptions options{"world", "test"};
  report::ReportPage from_snapshot = report::build_report_page(loaded, options);
  report::ReportPage from_world = report::build_report_page(direct, options);
  EXPECT_EQ(report::trust_map_dot(from_snapshot.trust_map), report::trust_map_dot(from_world.trust_map));
  from_snapshot.trust_map_svg = from_world.trust_map_svg = "<svg/>";
  EXPECT_EQ(report::render_html(from_snapshot), report::render_html(from_world));
  EXPECT_EQ(directories_decoded(loaded.model()), 0u);
}

// Every field of a user object, for comparing a decoded directory with the one ingest read.
std::string user_fields(const core::User& u) {
  std::string out = u.id + "|" + u.user_principal_name + "|" + u.display_name + "|" + u.mail + "|";
  const core::UserExtras& x = *u.extras;
  for (core::Text mail : x.other_mails) out += mail + ",";
  out += "|" + (x.external_user_state ? x.external_user_state->str() : "-") + "|" + x.creation_type + "|" +
         x.home_tenant_id + "|" + x.home_user_id + "|" + x.linked_tenant_id + "|" + x.linked_user_id + "|";
  out += std::to_string(static_cast<int>(u.user_type)) + std::to_string(u.account_enabled) +
         std::to_string(u.external) + std::to_string(static_cast<int>(u.link_rule));
  return out;
}

// A decoded directory holds the users ingest read, field by field; extras only where some field is set, and a
// mail equal to the userPrincipalName shares its string, as after ingest.
TEST_P(SnapshotRoundTrip, UsersDecodeAsIngestReadThem) {
  const auto direct = compile_and_save();
  const auto loaded = serialization::load_snapshot(file_);
  const core::World& read = direct.world();
  const core::World& decoded = loaded.world();
  ASSERT_EQ(decoded.tenants.size(), read.tenants.size());
  for (std::size_t t = 0; t < read.tenants.size(); ++t) {
    const auto& users = decoded.tenants[t].users;
    ASSERT_EQ(users.size(), read.tenants[t].users.size());
    for (std::size_t u = 0; u < users.size(); ++u) {
      ASSERT_EQ(user_fields(users[u]), user_fields(read.tenants[t].users[u]));
      EXPECT_EQ(users[u].extras.present(), !users[u].extras->empty());
      const std::uint32_t vertex = loaded.graph.user_vertex(static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(u));
      EXPECT_EQ(users[u].id.data(), loaded.graph.user_ids[vertex].data());  // shared with the graph, not copied
      if (!users[u].display_name.empty()) {
        EXPECT_EQ(users[u].display_name.data(), loaded.graph.user_display_names[vertex].data());
      }
      if (!users[u].mail.empty() && users[u].mail == users[u].user_principal_name) {
        EXPECT_EQ(users[u].mail.data(), users[u].user_principal_name.data());
      }
    }
  }
}

// The users' ids and names point into the graph's string pools, which they keep alive: a copy of the model
// reads them after the compiled world is gone.
TEST_P(SnapshotRoundTrip, ADecodedModelOutlivesItsGraph) {
  const auto direct = compile_and_save();
  std::optional<core::World> kept;
  std::weak_ptr<const void> ids;
  {
    const auto loaded = serialization::load_snapshot(file_);
    ids = loaded.graph.user_ids.keep_alive();
    kept = loaded.world();
    kept->directory_source.reset();  // every directory is decoded; now only the tenants' arenas hold the pools
  }
  EXPECT_FALSE(ids.expired());
  ASSERT_EQ(kept->tenants.size(), direct.world().tenants.size());
  for (std::size_t t = 0; t < kept->tenants.size(); ++t) {
    const auto& users = kept->tenants[t].users;
    ASSERT_EQ(users.size(), direct.world().tenants[t].users.size());
    for (std::size_t u = 0; u < users.size(); ++u) {
      ASSERT_EQ(users[u].id, direct.world().tenants[t].users[u].id);
      ASSERT_EQ(users[u].display_name, direct.world().tenants[t].users[u].display_name);
    }
  }
  kept.reset();
  EXPECT_TRUE(ids.expired());
}

// A tenant left undecoded is never read as a tenant without users: its id lookups refuse.
TEST_P(SnapshotRoundTrip, AnUndecodedDirectoryIsNotReadAsEmpty) {
  const auto direct = compile_and_save();
  const auto loaded = serialization::load_snapshot(file_);
  const core::Tenant& tenant = loaded.model().tenants.front();
  ASSERT_FALSE(loaded.model().directory_decoded(0));
  EXPECT_THROW(tenant.user_index("anyone"), std::logic_error);
  EXPECT_EQ(loaded.model().directory(0).users.size(), direct.world().tenants.front().users.size());
  EXPECT_NO_THROW(tenant.user_index("anyone"));
}

INSTANTIATE_TEST_SUITE_P(Shared, SnapshotRoundTrip, ::testing::ValuesIn(testing::fixture_names("random")),
                         [](const auto& info) { return info.param.substr(info.param.find('-') + 1); });

// diff loads OLD and NEW at once: each as load_source gives it, and OLD's error first when both are bad.
TEST_P(SnapshotRoundTrip, TwoSourcesLoadAtOnceAsEachAlone) {
  const auto world = fixture_world(GetParam());
  const graph::CompiledWorld direct = compile_and_save();
  std::size_t progress_lines = 0;
  const auto [from_world, from_snapshot] =
      serialization::load_sources(world, file_, [&](const std::string&) { ++progress_lines; });
  EXPECT_EQ(audit_lines(from_world), audit_lines(direct));
  EXPECT_EQ(audit_lines(from_snapshot), audit_lines(direct));
  EXPECT_GT(progress_lines, 0u);

  const auto missing_old = scratch_.path() / "old-missing";
  const auto missing_new = scratch_.path() / "new-missing";
  try {
    serialization::load_sources(missing_old, missing_new);
    ADD_FAILURE() << "expected an InputError";
  } catch (const core::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("old-missing"), std::string::npos) << error.what();
  }
  EXPECT_THROW(serialization::load_sources(file_, missing_new), core::InputError);
}

class DamagedSnapshot : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto world = fixture_world("seed-1002");
    serialization::save_snapshot(graph::compile(core::load_world(world)), serialization::describe_world(world),
                                 good_);
    bytes_ = testing::read_file(good_);
  }
  void write(const std::string& bytes) {
    std::ofstream out(bad_, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  // Why the damaged file is refused, at load or when its model is decoded; empty when it is not.
  std::string refusal() {
    try {
      serialization::load_snapshot(bad_).world();
    } catch (const core::InputError& error) {
      return error.what();
    }
    return {};
  }
  testing::TempDir scratch_;
  std::filesystem::path good_ = scratch_.path() / "good.snap";
  std::filesystem::path bad_ = scratch_.path() / "bad.snap";
  std::string bytes_;
};

TEST_F(DamagedSnapshot, TruncationAtAnyOffsetIsRefusedAsTruncated) {
  std::mt19937_64 random(7);
  std::vector<std::size_t> offsets = {0, 1, 7, 8, 11, 12, 20, bytes_.size() / 2, bytes_.size() - 1};
  for (int i = 0; i < 200; ++i) offsets.push_back(random() % bytes_.size());
  for (std::size_t offset : offsets) {
    write(bytes_.substr(0, offset));
    const std::string message = refusal();
    ASSERT_FALSE(message.empty()) << "truncated at " << offset << " was accepted";
    if (offset >= 12) {
      EXPECT_NE(message.find("truncated"), std::string::npos) << offset << ": " << message;
    }
  }
}

TEST_F(DamagedSnapshot, EveryBitFlipIsRefused) {
  std::mt19937_64 random(11);
  for (int i = 0; i < 300; ++i) {
    std::string damaged = bytes_;
    const std::size_t offset = random() % damaged.size();
    damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << (random() % 8)));
    write(damaged);
    ASSERT_FALSE(refusal().empty()) << "bit flip at byte " << offset << " was accepted";
  }
}

TEST_F(DamagedSnapshot, AFlipInTheGraphOrTheModelIndexIsRefusedAtLoadByName) {
  serialization::SnapshotHeader header;
  serialization::load_snapshot(good_, &header);
  ASSERT_EQ(header.sections.size(), 3u);
  const std::size_t model_begin = bytes_.size() - header.sections[2].size;
  const std::size_t index_begin = model_begin - header.sections[1].size;
  const std::size_t graph_begin = index_begin - header.sections[0].size;
  for (const auto& [offset, name] : {std::pair{graph_begin + header.sections[0].size / 2, "graph"},
                                     std::pair{index_begin + header.sections[1].size - 1, "model index"}}) {
    std::string damaged = bytes_;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x10);
    write(damaged);
    try {
      serialization::load_snapshot(bad_);
      ADD_FAILURE() << "a flip in the " << name << " section was accepted at load";
    } catch (const core::InputError& error) {
      EXPECT_NE(std::string(error.what()).find(std::string(name) + " checksum mismatch"), std::string::npos)
          << error.what();
    }
  }
}

// A damaged tenant directory is found when that directory is read, and named; the rest of the snapshot answers.
TEST_F(DamagedSnapshot, ADamagedTenantDirectoryIsRefusedWhenItIsRead) {
  std::string damaged = bytes_;
  damaged.back() = static_cast<char>(damaged.back() ^ 0x01);  // in the last tenant's directory block
  write(damaged);
  const auto loaded = serialization::load_snapshot(bad_);
  const core::World& model = loaded.model();
  const std::uint32_t last = static_cast<std::uint32_t>(model.tenants.size() - 1);
  EXPECT_NO_THROW(model.directory(0));
  try {
    model.directory(last);
    FAIL() << "a damaged directory was decoded";
  } catch (const core::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("model checksum mismatch in the directory of tenant " + model.tenants[last].id),
              std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(model.directory_decoded(last));
  EXPECT_THROW(loaded.world(), core::InputError);

  // find reads every directory; the report reads none (its denial reasons are in the graph section).
  const auto found = testing::run_cli({"find", bad_.string(), "a", "-o", (scratch_.path() / "found.json").string()});
  EXPECT_EQ(found.exit_code, 2);
  EXPECT_NE(found.err.find("model checksum mismatch in the directory of tenant"), std::string::npos) << found.err;
  EXPECT_FALSE(std::filesystem::exists(scratch_.path() / "found.json"));
  const auto report = testing::run_cli({"report", bad_.string(), "-o", (scratch_.path() / "report.html").string()});
  EXPECT_EQ(report.exit_code, 0) << report.err;
}

TEST_F(DamagedSnapshot, AnOlderFormatIsRefusedByName) {
  std::string older = bytes_;
  older[8] = static_cast<char>(serialization::kSnapshotFormatVersion - 1);
  write(older);
  const std::string message = refusal();
  EXPECT_NE(message.find("snapshot format version " + std::to_string(serialization::kSnapshotFormatVersion - 1) +
                         ", but this build reads version " + std::to_string(serialization::kSnapshotFormatVersion) +
                         "; compile the world again"),
            std::string::npos)
      << message;
}

// The model is decoded after the load, from the file still open: a file changed in place meanwhile is refused,
// not decoded. (Replacing it by rename, as compile does, is invisible to the open file.)
TEST_F(DamagedSnapshot, AModelChangedInPlaceAfterTheLoadIsRefused) {
  write(bytes_);
  const auto loaded = serialization::load_snapshot(bad_);
  {
    std::fstream out(bad_, std::ios::in | std::ios::out | std::ios::binary);
    out.seekp(static_cast<std::streamoff>(bytes_.size() - 1));
    out.put(static_cast<char>(bytes_.back() ^ 1));
  }
  try {
    loaded.world();
    FAIL() << "a changed model was decoded";
  } catch (const core::InputError& error) {
    EXPECT_NE(std::string(error.what()).find("changed after it was loaded"), std::string::npos) << error.what();
  }
  EXPECT_FALSE(loaded.world_loaded());

  write(bytes_);
  const auto replaced = serialization::load_snapshot(bad_);
  std::filesystem::resize_file(bad_, bytes_.size() / 2);
  EXPECT_THROW(replaced.world(), core::InputError);
  write(bytes_);  // the file as it was: the next call decodes it
  EXPECT_NO_THROW(replaced.world());
}

TEST_F(DamagedSnapshot, AnotherFormatVersionIsRefusedByName) {
  std::string other = bytes_;
  other[8] = static_cast<char>(serialization::kSnapshotFormatVersion + 1);
  write(other);
  const std::string message = refusal();
  EXPECT_NE(message.find("format version " + std::to_string(serialization::kSnapshotFormatVersion + 1)),
            std::string::npos)
      << message;
}

TEST_F(DamagedSnapshot, CommandLineExitsWithTwo) {
  write(bytes_.substr(0, bytes_.size() - 5));
  const auto result = testing::run_cli({"audit", bad_.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("truncated"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace tenantreach
