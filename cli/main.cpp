// The tenantreach command (spec §10): parses arguments, calls the library, prints. Exit codes: 0 success,
// 1 a resource or user that the world does not hold, 2 bad input (world, snapshot or arguments).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/error.hpp"
#include "core/generator.hpp"
#include "core/ingest.hpp"
#include "core/world_writer.hpp"
#include "graph/queries.hpp"
#include "graph/render.hpp"
#include "graph/stats.hpp"
#include "graph/sync_plan_render.hpp"
#include "parallel/audit.hpp"
#include "serialization/atomic_file.hpp"
#include "serialization/snapshot.hpp"
#include "serialization/source.hpp"

namespace {

using namespace tenantreach;

struct Options {
  std::string source;
  std::string resource;
  std::string user;
  std::string format = "json";
  std::string output;
  std::vector<std::string> kinds;
  std::string engine = "batch";
  bool principals = false;
};

// Writes to -o FILE atomically, or to stdout.
class Output {
 public:
  explicit Output(const std::string& path) {
    if (!path.empty()) file_.emplace(path);
  }
  void line(const std::string& text) {
    if (file_) {
      file_->write(text);
      file_->write("\n");
    } else {
      std::cout << text << '\n';
    }
  }
  void finish() {
    if (file_) file_->commit();
    std::cout.flush();
  }

 private:
  std::optional<serialization::AtomicFile> file_;
};

void add_source(CLI::App* command, Options& options) {
  command->add_option("SOURCE", options.source, "world directory or snapshot")->required();
}

void add_format(CLI::App* command, Options& options) {
  command->add_option("--format", options.format, "json (default) or text for people")
      ->check(CLI::IsMember({"json", "text"}));
}

template <typename Result>
void print(const Result& result, const Options& options) {
  Output out(options.output);
  out.line(options.format == "text" ? graph::to_text(result) : graph::to_json(result));
  out.finish();
}

// Lines for people waiting on a long load, on stderr and only when stderr is a terminal.
std::function<void(const std::string&)> terminal_progress(const std::string& command) {
  if (::isatty(STDERR_FILENO) == 0) return {};
  const auto started = std::chrono::steady_clock::now();
  return [command, started](const std::string& line) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "%s: %6.1f s  %s\n", command.c_str(), seconds, line.c_str());
  };
}

void run_audit(const graph::CompiledWorld& compiled, const Options& options) {
  Output out(options.output);
  parallel::AuditOptions audit_options;
  audit_options.kinds = options.kinds;
  audit_options.principals = options.principals;
  audit_options.engine = options.engine == "bfs" ? parallel::Engine::Bfs : parallel::Engine::Batch;
  const bool show_progress = ::isatty(STDERR_FILENO) != 0;
  audit_options.format = options.format == "text" ? parallel::LineFormat::Text : parallel::LineFormat::Json;
  parallel::audit(
      compiled, audit_options, [&](const std::string& line) { out.line(line); },
      [&](std::size_t done, std::size_t total) {
        if (show_progress) std::fprintf(stderr, "\raudit: %zu / %zu resources", done, total);
      });
  if (show_progress) std::fprintf(stderr, "\n");
  out.finish();
}

int run(int argc, char** argv) {
  CLI::App app{"tenantreach: who can reach what across Entra ID tenants, and why"};
  app.require_subcommand(1);
  Options options;

  auto* compile = app.add_subcommand("compile", "ingest, check and compile WORLD, write a snapshot, print the report");
  compile->add_option("WORLD", options.source, "world directory")->required();
  compile->add_option("-o,--output", options.output, "the snapshot file to write")->required();
  add_format(compile, options);

  auto* who = app.add_subcommand("who-can-reach", "principals that reach RESOURCE");
  add_source(who, options);
  who->add_option("RESOURCE", options.resource, "<tenantId>/<objectId>, or an object id unique in the world")
      ->required();
  add_format(who, options);

  auto* what = app.add_subcommand("what-can-reach", "resources that USER reaches");
  add_source(what, options);
  what->add_option("USER", options.user, "<tenantId>/<userId>")->required();
  add_format(what, options);

  auto* explain = app.add_subcommand("explain", "every path from USER to RESOURCE, with verdicts and reasons");
  add_source(explain, options);
  explain->add_option("USER", options.user, "<tenantId>/<userId>")->required();
  explain->add_option("RESOURCE", options.resource, "<tenantId>/<objectId>")->required();
  add_format(explain, options);

  auto* audit = app.add_subcommand("audit", "every resource (or those of kinds K), one JSON line each");
  add_source(audit, options);
  audit->add_option("--kind", options.kinds, "standardChannel, privateChannel, sharedChannel, group, site, "
                                             "application or container; repeatable");
  audit->add_flag("--principals", options.principals, "list the principals of each resource, not only counts");
  audit->add_option("--engine", options.engine, "batch (default: 64 resources per pass) or bfs (the baseline)")
      ->check(CLI::IsMember({"batch", "bfs"}));
  audit->add_option("-o,--output", options.output, "write to FILE (atomically) instead of stdout");
  add_format(audit, options);

  auto* stats = app.add_subcommand("stats", "counts of everything, and the compile warnings");
  add_source(stats, options);
  add_format(stats, options);

  auto* sync_plan = app.add_subcommand("sync-plan", "cross-tenant synchronization jobs: active or not, and what they "
                                                    "would create or soft-delete (R9)");
  add_source(sync_plan, options);
  add_format(sync_plan, options);

  // generate (R10): a synthetic world, written in the R1 format.
  std::string generate_preset;
  std::uint64_t generate_seed = 1;
  std::string generate_output;
  auto* generate = app.add_subcommand("generate", "write a synthetic world (deterministic per preset and seed)");
  generate->add_option("--preset", generate_preset, "tiny, property, S, M or L (see docs/GENERATOR.md)")->required();
  generate->add_option("--seed", generate_seed, "the random seed (default 1)");
  generate->add_option("-o,--output", generate_output, "the world directory to create (new or empty)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }

  if (*compile) {
    if (!std::filesystem::is_directory(options.source))
      throw core::InputError(options.source + ": not a world directory");
    const auto progress = terminal_progress("compile");
    const auto compiled = serialization::load_source(options.source, progress);
    if (progress) progress("writing the snapshot");
    serialization::save_snapshot(compiled, serialization::describe_world(options.source), options.output);
    if (progress) progress("done");
    const auto report = graph::compute_stats(compiled);
    std::cout << (options.format == "text" ? graph::to_text(report) : graph::to_json(report)) << '\n';
    return 0;
  }

  if (*generate) {
    const auto started = std::chrono::steady_clock::now();
    const bool show_progress = ::isatty(STDERR_FILENO) != 0;
    auto progress = [&](const std::string& what) {
      if (show_progress) std::cerr << "generate: " << what << std::endl;
    };
    core::check_output_dir(generate_output);  // refuse before spending minutes generating
    progress("generating preset " + generate_preset + ", seed " + std::to_string(generate_seed));
    const core::World world = core::generate_world({generate_preset, generate_seed, progress});
    core::write_world(world, generate_output, {}, progress);
    std::size_t users = 0, groups = 0, resources = 0;
    for (const core::Tenant& tenant : world.tenants) {
      users += tenant.users.size();
      groups += tenant.groups.size();
      resources += tenant.channels.size() + tenant.resources.size();
      for (const core::Group& group : tenant.groups) resources += group.unified ? 1 : 0;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "generate: preset %s seed %llu: %zu tenants, %zu users, %zu groups, %zu resources in %.2f s\n",
                 generate_preset.c_str(), static_cast<unsigned long long>(generate_seed), world.tenants.size(), users,
                 groups, resources, seconds);
    return 0;
  }

  const graph::CompiledWorld compiled =
      serialization::load_source(options.source, terminal_progress(app.get_subcommands().front()->get_name()));
  if (*who) print(graph::who_can_reach(compiled, graph::find_resource(compiled, options.resource)), options);
  if (*what) print(graph::what_can_reach(compiled, options.user), options);
  if (*explain)
    print(graph::explain(compiled, options.user, graph::find_resource(compiled, options.resource)), options);
  if (*audit) run_audit(compiled, options);
  if (*stats) print(graph::compute_stats(compiled), options);
  if (*sync_plan) print(core::plan_sync(compiled.world()), options);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const tenantreach::core::NotFoundError& error) {
    std::cerr << "tenantreach: " << error.what() << '\n';
    return 1;
  } catch (const tenantreach::core::InputError& error) {
    std::cerr << "tenantreach: bad input: " << error.what() << '\n';
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "tenantreach: " << error.what() << '\n';
    return 2;
  }
}
