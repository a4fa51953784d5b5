// The tenantreach command (spec §10; docs/CLI.md is its reference): parses arguments, calls the library,
// prints. Exit codes: 0 success, 1 a resource, user or tenant that the world does not hold (or a name that fits
// several), 2 bad input (world, snapshot, arguments, output file), 3 a change that diff/what-if --fail-on names,
// 130/143 interrupted by SIGINT/SIGTERM.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <tbb/global_control.h>

#ifdef TENANTREACH_EXPORT
#include "cli/export_command.hpp"
#endif
#include "cli/output.hpp"
#include "cli/signal_cleanup.hpp"
#include "core/error.hpp"
#include "worldgen/generator.hpp"
#include "core/ingest.hpp"
#include "worldgen/world_mutation.hpp"
#include "core/world_patch.hpp"
#include "worldgen/world_writer.hpp"
#include "graph/find.hpp"
#include "graph/lookup.hpp"
#include "graph/queries.hpp"
#include "graph/render.hpp"
#include "graph/stats.hpp"
#include "graph/sync_plan_render.hpp"
#include "graph/trust_map.hpp"
#include "parallel/audit.hpp"
#include "parallel/audit_filter.hpp"
#include "report/dot.hpp"
#include "report/exposure_page.hpp"
#include "report/svg.hpp"
#include "parallel/audit_diff.hpp"
#include "parallel/diff_gate.hpp"
#include "parallel/diff_render.hpp"
#include "serialization/snapshot.hpp"
#include "serialization/source.hpp"
#include "serialization/source_info.hpp"
#include "serialization/version.hpp"

namespace {

using namespace tenantreach;
using cli::Format;

struct Options {
  std::string source;
  std::string resource;
  std::string user;
  std::string text;  // find
  std::string format = "json";
  std::string output;
  bool names = false;
  std::size_t threads = 0;  // 0: every core
  std::size_t limit = 50;   // find
  // audit
  std::vector<std::string> kinds;
  std::vector<std::string> vias;
  std::vector<std::string> resource_tenants;
  std::vector<std::string> principal_tenants;
  bool external = false;
  std::uint64_t min_principals = 0;
  bool header = false;
  std::string engine = "batch";
  bool principals = false;
  // report and map
  std::size_t top = 50;
  std::size_t max_pairs = 20;
  std::string picture_format = "dot";  // map
  // diff, what-if
  std::string after_source;
  std::string patch;
  bool why = false;
  bool summary = false;
  std::vector<std::string> fail_on;
};

const std::vector<std::string> kKinds = {"standardChannel", "privateChannel", "sharedChannel", "group",
                                         "site",            "application",    "container"};
const std::vector<std::string> kVias = {"internal", "b2bCollaboration", "b2bDirectConnect"};

// Every enum option is validated alike: case-insensitive, normalised to its canonical spelling, and an error
// that lists the valid values.
CLI::IsMember one_of(const std::vector<std::string>& values) { return CLI::IsMember(values, CLI::ignore_case); }

void add_source(CLI::App* command, Options& options) {
  command->add_option("SOURCE", options.source, "world directory or snapshot (from `compile`)")->required();
}

void add_format(CLI::App* command, Options& options, const std::vector<std::string>& formats) {
  std::string values;
  for (const std::string& format : formats) values += (values.empty() ? "" : ", ") + format;
  command->add_option("--format", options.format, values + " (default json)")->transform(one_of(formats));
}

void add_output(CLI::App* command, Options& options) {
  command->add_option("-o,--output", options.output, "write to FILE (atomically) instead of stdout");
}

void add_names(CLI::App* command, Options& options) {
  command->add_flag("--names", options.names,
                    "JSON: add displayName and tenantName beside ids (text and CSV always show names)");
}

void add_threads(CLI::App* command, Options& options) {
  command->add_option("--threads", options.threads, "worker threads (default: every core)")
      ->check(CLI::PositiveNumber);
}

Format format_of(const Options& options) {
  if (options.format == "text") return Format::Text;
  if (options.format == "csv") return Format::Csv;
  return Format::Json;
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

void print_json_or_text(const std::string& json, const std::string& text, const Options& options) {
  cli::Output out(options.output, format_of(options));
  out.line(options.format == "text" ? text : json);
  out.finish();
}

void print_csv(const std::string& header, const std::string& rows, const Options& options) {
  cli::Output out(options.output, Format::Csv);
  out.line(header);
  if (!rows.empty()) out.line(rows);
  out.finish();
}

// A picture: DOT as written, or laid out into SVG by Graphviz.
void print_picture(const std::string& dot, const std::string& format, const Options& options) {
  std::string text = format == "svg" ? report::dot_to_svg(dot) : dot;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  print_json_or_text(text, text, options);
}

std::vector<graph::Via> vias_named(const Options& options) {
  std::vector<graph::Via> vias;
  for (const std::string& name : options.vias) vias.push_back(graph::parse_via(name));
  return vias;
}

parallel::AuditFilter audit_filter(const graph::CompiledWorld& compiled, const Options& options) {
  return parallel::make_audit_filter(compiled, {vias_named(options), options.external, options.resource_tenants,
                                                options.principal_tenants, options.min_principals});
}

std::string human_bytes(std::uint64_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f GB", static_cast<double>(bytes) / 1e9);
  return buffer;
}

void run_audit(const graph::CompiledWorld& compiled, const Options& options) {
  if (options.header && options.format != "json")
    throw std::invalid_argument("--header needs --format json (it adds one JSON line first)");
  parallel::AuditOptions audit_options;
  audit_options.kinds = options.kinds;
  audit_options.filter = audit_filter(compiled, options);
  audit_options.principals = options.principals;
  audit_options.engine = options.engine == "bfs" ? parallel::Engine::Bfs : parallel::Engine::Batch;
  audit_options.format = options.format == "text"  ? parallel::LineFormat::Text
                         : options.format == "csv" ? parallel::LineFormat::Csv
                                                   : parallel::LineFormat::Json;
  audit_options.render.names = options.names;
  audit_options.on_estimate = [](const parallel::AuditEstimate& estimate) {
    if (estimate.bytes > 1'000'000'000)
      std::fprintf(stderr, "audit: about %s to write (%zu resources, up to %llu principal entries)\n",
                   human_bytes(estimate.bytes).c_str(), estimate.resources,
                   static_cast<unsigned long long>(estimate.principals));
  };
  cli::Output out(options.output, format_of(options));
  if (options.header) out.line(serialization::audit_header_json(serialization::describe_source(options.source)));
  if (options.format == "csv") out.line(graph::audit_csv_header(options.principals));
  const bool show_progress = ::isatty(STDERR_FILENO) != 0;
  parallel::audit(
      compiled, audit_options, [&](const std::string& line) { out.line(line); },
      [&](std::size_t done, std::size_t total) {
        if (show_progress) std::fprintf(stderr, "\raudit: %zu / %zu resources", done, total);
      });
  if (show_progress) std::fprintf(stderr, "\n");
  out.finish();
}

std::string read_patch(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) throw core::InputError(path, "", "", "cannot read the patch file");
  return text.str();
}

// A tenant named on the command line, looked up in the newer world first (it may be new), then in the older.
std::string diff_tenant_id(const graph::CompiledWorld& before, const graph::CompiledWorld& after, const std::string& name) {
  try {
    return graph::find_tenant_id(after, name);
  } catch (const core::NotFoundError&) {
    return graph::find_tenant_id(before, name);
  }
}

// Prints the change report of diff and what-if; returns 3 when a change named by --fail-on exists, else 0.
int run_diff(const graph::CompiledWorld& before, const graph::CompiledWorld& after, const Options& options) {
  parallel::DiffOptions diff_options;
  diff_options.kinds = options.kinds;
  diff_options.vias = parallel::kept_vias(vias_named(options), options.external);
  for (const std::string& tenant : options.resource_tenants)
    diff_options.resource_tenants.push_back(diff_tenant_id(before, after, tenant));
  for (const std::string& tenant : options.principal_tenants)
    diff_options.principal_tenants.push_back(diff_tenant_id(before, after, tenant));
  diff_options.why = options.why;
  parallel::DiffGate gate(options.fail_on);
  parallel::DiffSummary summary;
  cli::Output out(options.output, format_of(options));
  if (options.format == "csv" && !options.summary) out.line(parallel::diff_csv_header());
  parallel::diff(before, after, diff_options, [&](const parallel::ResourceDiff& change) {
    gate.add(change);
    if (options.summary) summary.add(change);
    else if (options.format == "text") out.line(parallel::diff_text(change));
    else if (options.format == "csv") out.line(parallel::diff_csv(change));
    else out.line(parallel::diff_json(change, {options.names}));
  });
  if (options.summary)
    out.line(options.format == "text" ? summary.text() : options.format == "csv" ? summary.csv() : summary.json());
  out.finish();
  if (gate.failing() == 0) return 0;
  std::fprintf(stderr, "tenantreach: %zu principal changes match --fail-on\n", gate.failing());
  return 3;
}

void add_diff_options(CLI::App* command, Options& options) {
  command->add_option("--kind", options.kinds, "only resources of these kinds (repeatable)")->transform(one_of(kKinds));
  command->add_flag("--external", options.external, "only paths from outside the resource's tenant (every path but internal)");
  command->add_option("--via", options.vias, "only these paths (repeatable): internal, b2bCollaboration, b2bDirectConnect")
      ->transform(one_of(kVias));
  command->add_option("--resource-tenant", options.resource_tenants, "only resources of these tenants (repeatable)");
  command->add_option("--principal-tenant", options.principal_tenants, "only principals of these tenants (repeatable)");
  command->add_flag("--why", options.why, "the cause of each change: the gate that flipped (explains every changed pair)");
  command->add_flag("--summary", options.summary, "counts per resource tenant x principal tenant x path instead of the list");
  command->add_option("--fail-on", options.fail_on, "exit 3 when such a change exists (repeatable): gained-external, "
                                                    "gained, lost")
      ->transform(one_of({"gained-external", "gained", "lost"}));
  add_format(command, options, {"json", "text", "csv"});
  add_names(command, options);
  add_output(command, options);
  add_threads(command, options);
}

std::string command_list(const CLI::App& app) {
  std::string out;
  for (const CLI::App* command : app.get_subcommands({})) out += (out.empty() ? "" : ", ") + command->get_name();
  return out;
}

int run(int argc, char** argv) {
  CLI::App app{"tenantreach: who can reach what across Entra ID tenants, and why (docs/CLI.md)"};
  app.set_version_flag("--version", serialization::version_line());
  Options options;
#ifdef TENANTREACH_EXPORT
  cli::ExportCommandOptions export_options;
  auto* export_command = cli::add_export_command(app, export_options);
#endif

  auto* compile = app.add_subcommand("compile", "ingest, check and compile WORLD, write a snapshot, print the report");
  compile->add_option("WORLD", options.source, "world directory")->required();
  compile->add_option("-o,--output", options.output, "the snapshot file to write")->required();
  add_format(compile, options, {"json", "text"});
  add_threads(compile, options);

  auto* who = app.add_subcommand("who-can-reach", "principals that reach RESOURCE");
  add_source(who, options);
  who->add_option("RESOURCE", options.resource,
                  "<tenantId>/<id>, an id unique in the world, <tenant>/<display name> or a unique display name")
      ->required();
  add_format(who, options, {"json", "text", "csv"});
  add_names(who, options);
  add_output(who, options);

  auto* what = app.add_subcommand("what-can-reach", "resources that USER reaches");
  add_source(what, options);
  what->add_option("USER", options.user,
                   "<tenantId>/<userId>, a unique user id, a UPN or mail address, or <tenant>/<display name>")
      ->required();
  add_format(what, options, {"json", "text", "csv"});
  add_names(what, options);
  add_output(what, options);

  auto* explain = app.add_subcommand("explain", "every path from USER to RESOURCE, with verdicts and reasons");
  add_source(explain, options);
  explain->add_option("USER", options.user, "as for what-can-reach")->required();
  explain->add_option("RESOURCE", options.resource, "as for who-can-reach")->required();
  add_format(explain, options, {"json", "text", "dot", "svg"});
  add_names(explain, options);
  add_output(explain, options);

  auto* audit = app.add_subcommand("audit", "every resource (or those the filters keep), one line each");
  add_source(audit, options);
  audit->add_option("--kind", options.kinds, "only resources of these kinds (repeatable): standardChannel, "
                                             "privateChannel, sharedChannel, group, site, application, container")
      ->transform(one_of(kKinds));
  audit->add_flag("--external", options.external,
                  "only access from outside the resource's tenant: every path but internal");
  audit->add_option("--via", options.vias, "only these paths (repeatable): internal, b2bCollaboration, "
                                           "b2bDirectConnect")
      ->transform(one_of(kVias));
  audit->add_option("--resource-tenant", options.resource_tenants,
                    "only resources of these tenants (repeatable; id, name or domain)");
  audit->add_option("--principal-tenant", options.principal_tenants,
                    "only principals of these tenants (repeatable; id, name or domain)");
  audit->add_option("--min-principals", options.min_principals,
                    "only resources that at least N principals (after the filters) reach");
  audit->add_flag("--principals", options.principals, "list the principals of each resource, not only counts");
  audit->add_flag("--header", options.header,
                  "first a JSON line with the provenance: engine version, source, content hash, counts");
  audit->add_option("--engine", options.engine, "batch (default: 64 resources per pass) or bfs (the baseline)")
      ->transform(one_of({"batch", "bfs"}));
  add_format(audit, options, {"json", "text", "csv"});
  add_names(audit, options);
  add_output(audit, options);
  add_threads(audit, options);

  auto* report_command = app.add_subcommand(
      "report", "one self-contained HTML page: summary, trust map, most exposed resources, denials, partner tenants "
                "(docs/REPORT.md)");
  add_source(report_command, options);
  add_output(report_command, options);
  report_command->add_option("--top", options.top, "rows of the resource tables (default 50)")->check(CLI::PositiveNumber);
  report_command->add_option("--max-pairs", options.max_pairs,
                             "tenant pairs on the trust map: those with the most access between them (default 20)")
      ->check(CLI::PositiveNumber);
  add_threads(report_command, options);

  auto* map = app.add_subcommand("map", "the tenant trust map: cross-tenant settings between tenants, and sync jobs");
  add_source(map, options);
  map->add_option("--format", options.picture_format, "dot or svg (default dot)")->transform(one_of({"dot", "svg"}));
  map->add_option("--max-pairs", options.max_pairs,
                  "at most N tenant pairs, the most open ones (default 20)")
      ->check(CLI::PositiveNumber);
  add_output(map, options);
  auto* diff = app.add_subcommand("diff", "who gained or lost which paths into which resources from OLD to NEW");
  diff->add_option("OLD", options.source, "world directory or snapshot")->required();
  diff->add_option("NEW", options.after_source, "world directory or snapshot")->required();
  add_diff_options(diff, options);

  auto* what_if = app.add_subcommand("what-if", "the diff report of WORLD against WORLD with PATCH applied in memory");
  what_if->add_option("WORLD", options.source, "world directory")->required();
  what_if->add_option("--patch", options.patch, "JSON Merge Patches per file of the world (docs/CLI.md, what-if)")
      ->required();
  add_diff_options(what_if, options);

  auto* stats = app.add_subcommand("stats", "counts of everything, the compile warnings, the files read");
  add_source(stats, options);
  add_format(stats, options, {"json", "text"});
  add_output(stats, options);

  auto* sync_plan = app.add_subcommand("sync-plan", "cross-tenant synchronization jobs: active or not, and what they "
                                                    "would create or soft-delete (R9)");
  add_source(sync_plan, options);
  add_format(sync_plan, options, {"json", "text"});
  add_output(sync_plan, options);

  auto* find = app.add_subcommand("find", "tenants, users, groups and resources whose id, name or address "
                                          "contains TEXT (case-insensitive)");
  add_source(find, options);
  find->add_option("TEXT", options.text, "what to look for")->required();
  find->add_option("--limit", options.limit, "at most N matches per kind (default 50)")->check(CLI::PositiveNumber);
  add_format(find, options, {"json", "text"});
  add_output(find, options);

  auto* info = app.add_subcommand("info", "what SOURCE is: a snapshot's provenance (engine, format, source, "
                                          "content hash, created at, counts) or a world's tenants and files");
  add_source(info, options);
  add_format(info, options, {"json", "text"});
  add_output(info, options);

  // generate (R10): a synthetic world, written in the R1 format.
  std::string generate_preset;
  std::uint64_t generate_seed = 1;
  std::string generate_output;
  auto* generate = app.add_subcommand("generate", "write a synthetic world (deterministic per preset and seed)");
  generate->add_option("--preset", generate_preset, "tiny, property, S, M or L (see docs/GENERATOR.md)")
      ->required()
      ->transform(one_of({"tiny", "property", "S", "M", "L"}));
  generate->add_option("--seed", generate_seed, "the random seed (default 1)");
  generate->add_option("-o,--output", generate_output, "the world directory to create (new or empty)")->required();
  std::optional<std::uint64_t> mutate_seed;
  std::size_t mutate_changes = 1;
  generate->add_option("--mutate", mutate_seed, "write the world with realistic changes drawn with this seed, and "
                                                "print the changes as JSON lines (for diff)");
  generate->add_option("--changes", mutate_changes, "how many changes --mutate makes (default 1)")
      ->check(CLI::PositiveNumber);

  const auto commands = app.get_subcommands({});
  if (argc > 1 && argv[1][0] != '-' &&
      std::none_of(commands.begin(), commands.end(), [&](const CLI::App* command) { return command->check_name(argv[1]); })) {
    std::cerr << "tenantreach: unknown command '" << argv[1] << "'; the commands are " << command_list(app)
              << " (tenantreach --help)\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  if (app.get_subcommands().empty()) {
    std::cerr << "tenantreach: a command is required: " << command_list(app) << " (tenantreach --help)\n";
    return 2;
  }
#ifdef TENANTREACH_EXPORT
  if (*export_command) return cli::run_export_command(export_options);
#endif
  std::optional<tbb::global_control> threads;
  if (options.threads != 0) threads.emplace(tbb::global_control::max_allowed_parallelism, options.threads);

  if (*compile) {
    if (!std::filesystem::is_directory(options.source))
      throw core::InputError(options.source + ": not a world directory");
    serialization::check_output_path(options.output);
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
    worldgen::check_output_dir(generate_output);  // refuse before spending minutes generating
    progress("generating preset " + generate_preset + ", seed " + std::to_string(generate_seed));
    core::World world = worldgen::generate_world({generate_preset, generate_seed, progress});
    if (mutate_seed)
      for (const worldgen::Mutation& mutation : worldgen::mutate_world(world, *mutate_seed, mutate_changes))
        std::cout << worldgen::to_json(mutation) << '\n';
    worldgen::write_world(world, generate_output, {}, progress);
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

  if (*info) {
    const auto source_info = serialization::describe_source(options.source);
    print_json_or_text(serialization::to_json(source_info), serialization::to_text(source_info), options);
    return 0;
  }

  // Refuse a bad -o before loading: a world of millions of users takes minutes.
  if (!options.output.empty()) serialization::check_output_path(options.output);
  if (*what_if) {
    if (!std::filesystem::is_directory(options.source))
      throw core::InputError(options.source + ": not a world directory (what-if patches the files of a world)");
    const core::FileOverlay overlay =
        core::patch_world_files(options.source, read_patch(options.patch), options.patch);
    const auto progress = terminal_progress("what-if");
    const graph::CompiledWorld before = serialization::load_source(options.source, progress);
    const graph::CompiledWorld after = graph::compile(core::load_world(options.source, overlay, progress));
    return run_diff(before, after, options);
  }
  if (*diff) {
    const auto progress = terminal_progress("diff");
    const auto [before, after] = serialization::load_sources(options.source, options.after_source, progress);
    return run_diff(before, after, options);
  }
  const graph::CompiledWorld compiled =
      serialization::load_source(options.source, terminal_progress(app.get_subcommands().front()->get_name()));
  const graph::RenderOptions render{options.names};
  if (*who) {
    const std::uint32_t resource = graph::find_resource(compiled, options.resource);
    const auto result = graph::make_who_can_reach(compiled, graph::who_can_reach(compiled, resource));
    if (options.format == "csv") print_csv(graph::audit_csv_header(true), graph::audit_csv(result, true), options);
    else print_json_or_text(graph::to_json(result, render), graph::to_text(result), options);
  }
  if (*what) {
    const auto result = graph::what_can_reach(compiled, options.user);
    if (options.format == "csv") print_csv(graph::what_csv_header(), graph::to_csv(result), options);
    else print_json_or_text(graph::to_json(result, render), graph::to_text(result), options);
  }
  if (*explain) {
    const auto result = graph::explain(compiled, options.user, graph::find_resource(compiled, options.resource));
    if (options.format == "dot" || options.format == "svg") print_picture(report::explanation_dot(result), options.format, options);
    else print_json_or_text(graph::to_json(result, render), graph::to_text(result), options);
  }
  if (*audit) run_audit(compiled, options);
  if (*report_command) {
    const report::ReportOptions report_options{options.source, serialization::version_line(), options.top, options.max_pairs};
    const bool show_progress = ::isatty(STDERR_FILENO) != 0;
    const auto page = report::build_report_page(compiled, report_options, [&](std::size_t done, std::size_t total) {
      if (show_progress) std::fprintf(stderr, "\rreport: %zu / %zu resources", done, total);
    });
    if (show_progress) std::fprintf(stderr, "\n");
    print_json_or_text(report::render_html(page), {}, options);
  }
  if (*map) {
    const graph::TrustMap full = graph::build_trust_map(compiled);
    print_picture(report::trust_map_dot(graph::top_pairs(full, graph::openness_weight(full), options.max_pairs)),
                  options.picture_format, options);
  }
  if (*stats) {
    const auto result = graph::compute_stats(compiled);
    print_json_or_text(graph::to_json(result), graph::to_text(result), options);
  }
  if (*sync_plan) {
    const auto result = core::plan_sync(compiled.model());
    print_json_or_text(graph::to_json(result), graph::to_text(result), options);
  }
  if (*find) {
    const auto result = graph::find_matches(compiled, options.text, options.limit);
    print_json_or_text(graph::to_json(result), graph::to_text(result), options);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  tenantreach::cli::install_signal_cleanup();
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
