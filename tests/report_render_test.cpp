// The pictures and the HTML page of the exposure report: DOT text with stable ids, Graphviz's SVG keeping them,
// a page that holds everything inline; and the commands that write them (docs/REPORT.md).
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "graph/queries.hpp"
#include "graph/trust_map.hpp"
#include "report/dot.hpp"
#include "report/exposure_page.hpp"
#include "report/html.hpp"
#include "report/svg.hpp"
#include "support/fixtures.hpp"

namespace tenantreach {
namespace {

const std::string kWorld = std::string(TENANTREACH_EXAMPLES_DIR) + "/three-tenants/world";
const std::string kContoso = "11111111-1111-1111-1111-111111111111";
const std::string kFabrikam = "22222222-2222-2222-2222-222222222222";
const std::string kLitware = "33333333-3333-3333-3333-333333333333";
const std::string kPradeep = kFabrikam + "/22222222-0000-0000-0001-000000000001";
const std::string kDesign = kContoso + "/19:projectx-design@thread.tacv2";

const graph::CompiledWorld& example() {
  static const graph::CompiledWorld compiled = graph::compile(core::load_world(kWorld));
  return compiled;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Graphviz writes '-' in attribute values as "&#45;" (a browser reads both the same).
std::string unescaped(std::string svg) {
  for (std::size_t at; (at = svg.find("&#45;")) != std::string::npos;) svg.replace(at, 5, "-");
  return svg;
}

std::size_t occurrences(const std::string& text, const std::regex& pattern) {
  return static_cast<std::size_t>(std::distance(std::sregex_iterator(text.begin(), text.end(), pattern), std::sregex_iterator()));
}

TEST(ReportPictures, TheTrustMapDotNamesEveryTenantAndEdge) {
  const std::string dot = report::trust_map_dot(graph::build_trust_map(example()));
  for (const std::string& tenant : {kContoso, kFabrikam, kLitware}) EXPECT_TRUE(contains(dot, "id=\"tenant-" + tenant + "\""));
  EXPECT_TRUE(contains(dot, "id=\"edge-" + kFabrikam + "-" + kContoso + "-b2bDirectConnect\""));
  EXPECT_TRUE(contains(dot, "label=\"direct connect: partly\\ntrusts MFA\""));
  EXPECT_TRUE(contains(dot, "label=\"Fabrikam\\n" + kFabrikam + "\\ndefault: collaboration in allowed, out allowed"));
  EXPECT_EQ(occurrences(dot, std::regex(" -> ")), 8u);
}

TEST(ReportPictures, NamesAreEscapedNotInterpreted) {
  graph::TrustMap map;
  graph::TrustTenant tenant;
  tenant.id = "t1";
  tenant.name = "Con\"toso \\n \\N <b>";  // a quote, a backslash-n, Graphviz's \N (node name) and markup
  map.tenants.push_back(tenant);
  const std::string dot = report::trust_map_dot(map);
  EXPECT_TRUE(contains(dot, "label=\"Con\\\"toso \\\\n \\\\N <b>\\nt1\\ndefault:")) << dot;
  const std::string svg = report::dot_to_svg(dot);
  EXPECT_TRUE(contains(svg, ">Con&quot;toso \\n \\N &lt;b&gt;</text>")) << svg;
}

TEST(ReportPictures, GraphvizKeepsTheIdsInItsSvg) {
  const std::string svg = unescaped(report::dot_to_svg(report::trust_map_dot(graph::build_trust_map(example()))));
  EXPECT_TRUE(contains(svg, "<svg"));
  EXPECT_EQ(occurrences(svg, std::regex("<g id=\"tenant-[0-9a-f-]+\" class=\"node\"")), 3u);
  EXPECT_EQ(occurrences(svg, std::regex("<g id=\"edge-[0-9a-f-]+-b2b[A-Za-z]+\" class=\"edge\"")), 8u);
  const std::string element = report::svg_element(svg);
  EXPECT_EQ(element.rfind("<svg", 0), 0u);
  EXPECT_FALSE(contains(element, "<!--"));
  try {
    report::dot_to_svg("digraph { a -> }");
    ADD_FAILURE() << "bad DOT was laid out";
  } catch (const std::runtime_error& error) {
    EXPECT_TRUE(contains(error.what(), "syntax error")) << error.what();
  }
}

TEST(ReportPictures, AnExplanationDrawsEveryPathWithItsVerdictAndReasons) {
  const auto explanation = graph::explain(example(), kPradeep, graph::find_resource(example(), kDesign));
  const std::string dot = report::explanation_dot(explanation);
  EXPECT_TRUE(contains(dot, "REACHABLE: Pradeep Gupta -> Design"));
  EXPECT_TRUE(contains(dot, "label=\"b2bCollaboration: refused\""));
  EXPECT_TRUE(contains(dot, "label=\"b2bDirectConnect: allowed\""));
  EXPECT_TRUE(contains(dot, "guest-in-shared-channel"));
  // Three steps (Pradeep, his guest object, Design), the resource drawn once for both paths.
  EXPECT_EQ(occurrences(dot, std::regex("id=\"step-")), 3u);
  EXPECT_TRUE(contains(unescaped(report::dot_to_svg(dot)), "id=\"reasons-0\""));
}

TEST(ReportPage, TheHtmlIsSelfContainedAndHoldsEveryTable) {
  report::ReportOptions options;
  options.source = "examples/three-tenants/world";
  options.version = "test";
  const std::string html = report::render_html(report::build_report_page(example(), options));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* id : {"summary", "trust-map", "most-exposed", "shared-channels", "denials", "partners"})
    EXPECT_TRUE(contains(html, std::string("<section id=\"") + id + "\"")) << id;
  EXPECT_EQ(occurrences(html, std::regex("(src|href)=\"https?:")), 0u);  // nothing loaded from a network
  EXPECT_TRUE(contains(html, "<tr data-resource=\"" + kDesign + "\">"));
  EXPECT_TRUE(contains(html, "Require MFA for all external users"));
  EXPECT_TRUE(contains(unescaped(html), "id=\"edge-" + kLitware + "-" + kContoso + "-b2bCollaboration\""));
  EXPECT_EQ(report::html_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

// ---- the commands -----------------------------------------------------------------------------------------------

TEST(ReportCommands, ReportWritesOnePageAtomically) {
  testing::TempDir dir;
  const std::string file = (dir.path() / "report.html").string();
  const auto result = testing::run_cli({"report", kWorld, "-o", file});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string html = testing::read_file(file);
  EXPECT_TRUE(contains(html, "<section id=\"trust-map\"><h2>Trust map</h2>"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
  EXPECT_EQ(testing::run_cli({"report", kWorld, "-o", (dir.path() / "missing" / "r.html").string()}).exit_code, 2);
}

TEST(ReportCommands, MapPrintsDotOrSvgAndRefusesOtherFormats) {
  const auto dot = testing::run_cli({"map", kWorld});
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_EQ(dot.out, report::trust_map_dot(graph::build_trust_map(example())));
  const auto svg = testing::run_cli({"map", kWorld, "--format", "SVG"});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_TRUE(contains(unescaped(svg.out), "id=\"tenant-" + kLitware + "\""));
  const auto top = testing::run_cli({"map", kWorld, "--max-pairs", "1"});
  EXPECT_TRUE(contains(top.out, "+ 1 more tenant pairs not drawn"));
  const auto json = testing::run_cli({"map", kWorld, "--format", "json"});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_TRUE(contains(json.err, "dot")) << json.err;
}

TEST(ReportCommands, ExplainDrawsDotAndSvg) {
  const auto dot = testing::run_cli({"explain", kWorld, kPradeep, kDesign, "--format", "dot"});
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_EQ(dot.out, report::explanation_dot(graph::explain(example(), kPradeep, graph::find_resource(example(), kDesign))));
  const auto svg = testing::run_cli({"explain", kWorld, kPradeep, kDesign, "--format", "svg"});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_TRUE(contains(unescaped(svg.out), "id=\"path-1-0\""));
}

}  // namespace
}  // namespace tenantreach
