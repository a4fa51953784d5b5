#include "report/html.hpp"

#include <algorithm>

#include "report/dot.hpp"

namespace tenantreach::report {
namespace {

const char* kStyle = R"css(
:root { --ink: #1f2933; --muted: #5c6b80; --line: #d9dee7; --panel: #f7f9fc; --accent: #1565c0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); }
.meta, .note { color: var(--muted); font-size: 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 160px; }
.card .value { font-size: 22px; font-weight: 600; } .card .label { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); white-space: nowrap; }
.sortable-ready table.sortable th { cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " \25B2"; } th[aria-sort="descending"]::after { content: " \25BC"; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.id { color: var(--muted); font-size: 11px; word-break: break-all; }
.map { overflow: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px; background: #fff; }
.map svg { max-width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 16px; } .swatch { display: inline-block; width: 24px; height: 3px;
  vertical-align: middle; margin-right: 4px; }
.allowed { color: #2e7d32; } .partly { color: #c77700; } .blocked { color: #c62828; }
@media print { body { padding: 0; max-width: none; } section { break-inside: avoid-page; }
  .map { overflow: visible; border: none; } }
)css";

const char* kScript = R"js(
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0];
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var key = function (row) { var cell = row.cells[column]; return cell.getAttribute("data-sort") || cell.textContent; };
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
// Headers look clickable only once they are.
document.body.classList.add("sortable-ready");
)js";

std::string number(std::uint64_t value) {
  std::string digits = std::to_string(value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string count_cell(std::uint64_t value) {
  return "<td class=\"number\" data-sort=\"" + std::to_string(value) + "\">" + number(value) + "</td>";
}

std::string cell(std::string_view text) { return "<td>" + html_escape(text) + "</td>"; }

std::string header_row(const std::vector<std::pair<std::string, bool>>& columns) {  // name, numeric
  std::string out = "<thead><tr>";
  for (const auto& [name, numeric] : columns)
    out += std::string(numeric ? "<th class=\"number\">" : "<th>") + html_escape(name) + "</th>";
  return out + "</tr></thead>";
}

std::size_t count(const std::map<std::string, std::size_t>& counts, const std::string& key) {
  const auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

std::string card(const std::string& id, std::uint64_t value, const std::string& label) {
  return "<div class=\"card\" id=\"" + id + "\"><div class=\"value\">" + number(value) + "</div><div class=\"label\">" +
         html_escape(label) + "</div></div>";
}

class Page {
 public:
  explicit Page(const ReportPage& page) : page_(page) {
    for (const auto& [id, name] : page.tenants) names_[id] = name;
  }

  std::string render() {
    out_ = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>tenantreach exposure report</title><style>";
    out_ += kStyle;
    out_ += "</style></head><body>\n<header><h1>Exposure report</h1><div class=\"meta\">" + html_escape(page_.source) +
            " &middot; " + html_escape(page_.version) + "</div></header>\n";
    summary();
    trust_map();
    resources("most-exposed", "Most exposed resources", page_.exposure.most_exposed,
              "Resources by principals from outside their tenant (users of other tenants, and guests linked to nobody).");
    resources("shared-channels", "Shared channels", page_.exposure.shared_channels,
              "Shared channels by principals from outside their tenant.");
    denials();
    partners();
    out_ += "<script>";
    out_ += kScript;
    out_ += "</script>\n</body></html>";
    return std::move(out_);
  }

 private:
  std::string tenant_name(const std::string& id) const {
    const auto it = names_.find(id);
    return it == names_.end() || it->second.empty() ? id : it->second;
  }

  std::string tenant_cell(const std::string& id) const {
    return "<td data-sort=\"" + html_escape(tenant_name(id)) + "\">" + html_escape(tenant_name(id)) +
           (names_.count(id) ? "" : " <span class=\"note\">(not in the world)</span>") + "</td>";
  }

  void summary() {
    const auto& exposure = page_.exposure;
    out_ += "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">";
    out_ += card("summary-tenants", page_.tenants.size(), "tenants");
    out_ += card("summary-users", count(page_.counts, "users.internal"), "users (internal)");
    out_ += card("summary-guests", count(page_.counts, "users") - count(page_.counts, "users.internal"),
                 "guest and other external user objects");
    out_ += card("summary-resources", exposure.resources, "resources");
    out_ += card("summary-outside", exposure.reached_from_outside, "resources reached from outside their tenant");
    for (const char* via : {"b2bCollaboration", "b2bDirectConnect"})
      out_ += card(std::string("summary-") + via, count(exposure.outside_by_via, via),
                   std::string("resources reached via ") + via);
    out_ += card("summary-warnings", page_.warnings, "compile warnings");
    out_ += "</div><p>Tenants: ";
    for (std::size_t t = 0; t < page_.tenants.size(); ++t) {
      if (t == 30) {
        out_ += " and " + number(page_.tenants.size() - t) + " more";
        break;
      }
      out_ += (t == 0 ? "" : ", ") + html_escape(tenant_name(page_.tenants[t].first));
    }
    out_ += ".</p><p>Resources by kind: ";
    bool first = true;
    for (const auto& [kind, n] : exposure.resources_by_kind) {
      out_ += (first ? "" : ", ") + html_escape(kind) + " " + number(n);
      first = false;
    }
    out_ += ".</p></section>\n";
  }

  void trust_map() {
    const graph::TrustMap& map = page_.trust_map;
    out_ += "<section id=\"trust-map\"><h2>Trust map</h2><p class=\"note\">An arrow runs from the users' home tenant to "
            "the tenant whose resources they use: the home tenant's outbound setting and the resource tenant's inbound "
            "setting together (R4). Arrows ending in a diamond are B2B direct connect; dashed ones are blocked. "
            "&ldquo;trusts&rdquo; lists the claims (MFA, device) the resource tenant accepts from the home tenant.";
    if (map.omitted_pairs != 0)
      out_ += " The " + number(map.omitted_pairs) + " least exposed tenant pairs are left out.";
    out_ += "</p><div class=\"legend\">";
    for (graph::Openness openness : {graph::Openness::Allowed, graph::Openness::Partly, graph::Openness::Blocked})
      out_ += std::string("<span><span class=\"swatch\" style=\"background:") + openness_colour(openness) + "\"></span>" +
              graph::openness_name(openness) + (openness == graph::Openness::Partly ? " (some users or apps)" : "") +
              "</span>";
    out_ += std::string("<span><span class=\"swatch\" style=\"background:") + kSyncColour +
            "\"></span>synchronization job</span></div>";
    out_ += "<div class=\"map\">" + page_.trust_map_svg + "</div>";
    out_ += "<table class=\"sortable\" id=\"trust-map-table\">" +
            header_row({{"From (home)", false}, {"To (resources)", false}, {"Path", false}, {"Outbound", false},
                        {"Inbound", false}, {"Result", false}, {"Trusts", false}}) +
            "<tbody>";
    for (const graph::TrustEdge& edge : map.edges) {
      std::string trusts;
      if (edge.trust.mfa_accepted) trusts += "MFA ";
      if (edge.trust.compliant_device_accepted) trusts += "compliant device ";
      if (edge.trust.hybrid_joined_device_accepted) trusts += "hybrid joined device";
      const char* effective = graph::openness_name(edge.effective);
      out_ += "<tr>" + tenant_cell(map.tenants[edge.from].id) + tenant_cell(map.tenants[edge.to].id) +
              cell(graph::via_name(edge.kind)) + cell(graph::openness_name(edge.outbound)) +
              cell(graph::openness_name(edge.inbound)) + "<td class=\"" + effective + "\">" + effective + "</td>" +
              cell(trusts) + "</tr>";
    }
    for (const graph::SyncEdge& edge : map.syncs) {
      out_ += "<tr>" + tenant_cell(map.tenants[edge.from].id) + tenant_cell(map.tenants[edge.to].id) +
              cell("synchronization " + edge.job_id) + cell("") + cell("") +
              cell(edge.active ? "active" : "inactive: " + edge.inactive_reason + " is off") + cell("") + "</tr>";
    }
    out_ += "</tbody></table></section>\n";
  }

  void resources(const std::string& id, const std::string& title, const std::vector<parallel::ExposedResource>& rows,
                 const std::string& note) {
    out_ += "<section id=\"" + id + "\"><h2>" + html_escape(title) + "</h2><p class=\"note\">" + html_escape(note) +
            " Top " + number(rows.size()) + ".</p>";
    out_ += "<table class=\"sortable\" id=\"" + id + "-table\">" +
            header_row({{"Resource", false}, {"Kind", false}, {"Tenant", false}, {"Outside", true},
                        {"b2bCollaboration", true}, {"b2bDirectConnect", true}, {"Internal", true},
                        {"Outside principals come from", false}}) +
            "<tbody>";
    for (const parallel::ExposedResource& row : rows) {
      const auto& r = row.resource;
      std::string from;
      for (std::size_t i = 0; i < row.from_tenants.size() && i < 5; ++i)
        from += (i == 0 ? "" : ", ") + tenant_name(row.from_tenants[i].first) + " " + number(row.from_tenants[i].second);
      if (row.from_tenants.size() > 5) from += ", …";
      out_ += "<tr data-resource=\"" + html_escape(r.tenant_id + "/" + r.id) + "\"><td data-sort=\"" +
              html_escape(r.display_name) + "\">" + html_escape(r.display_name.empty() ? r.id : r.display_name) +
              "<div class=\"id\">" + html_escape(r.id) + "</div></td>" + cell(r.kind) + tenant_cell(r.tenant_id) +
              count_cell(row.outside) + count_cell(row.b2b_collaboration) + count_cell(row.b2b_direct_connect) +
              count_cell(row.internal) + cell(from) + "</tr>";
    }
    out_ += "</tbody></table></section>\n";
  }

  void denials() {
    out_ += "<section id=\"denials\"><h2>Denials</h2><p class=\"note\">Ways in that are refused, by reason (R8): a user "
            "object in a resource's grants, or a direct connect membership, that a setting, policy or account state "
            "stops, counted once per resource. Conditional Access reasons are per policy: the policies that matter.</p>";
    out_ += "<table class=\"sortable\" id=\"denials-table\">" +
            header_row({{"Reason", false}, {"Policy", false}, {"Resource tenant", false}, {"Refused paths", true}}) +
            "<tbody>";
    for (const parallel::DenialCount& row : page_.exposure.denials) {
      const std::string policy = row.policy_id.empty() ? std::string()
                                 : row.policy_name.empty() ? row.policy_id
                                                           : row.policy_name;
      out_ += "<tr data-reason=\"" + html_escape(row.code) + "\">" + cell(row.code) + "<td>" + html_escape(policy) +
              (row.policy_id.empty() ? "" : "<div class=\"id\">" + html_escape(row.policy_id) + "</div>") + "</td>" +
              tenant_cell(page_.tenants[row.tenant].first) + count_cell(row.paths) + "</tr>";
    }
    out_ += "</tbody></table></section>\n";
  }

  // One row per pair of tenants: what each side's users reach in the other.
  void partners() {
    struct Both {
      const parallel::TenantReach* forward = nullptr;   // users of `a` into `b`
      const parallel::TenantReach* backward = nullptr;  // users of `b` into `a`
    };
    std::map<std::pair<std::string, std::string>, Both> pairs;
    for (const parallel::TenantReach& reach : page_.exposure.tenant_reach) {
      const std::string& into = page_.tenants[reach.into].first;
      if (reach.from < into) pairs[{reach.from, into}].forward = &reach;
      else pairs[{into, reach.from}].backward = &reach;
    }
    std::vector<std::pair<std::uint64_t, std::pair<std::string, std::string>>> ranked;
    for (const auto& [key, both] : pairs)
      ranked.push_back({(both.forward ? both.forward->principals : 0) + (both.backward ? both.backward->principals : 0), key});
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });

    out_ += "<section id=\"partners\"><h2>Partner tenants</h2><p class=\"note\">Per pair of tenants: the resources of "
            "B that users of A reach, and of A that users of B reach, with the (principal, resource) pairs behind them.";
    if (ranked.size() > page_.max_partner_rows)
      out_ += " The " + number(page_.max_partner_rows) + " pairs with the most access of " + number(ranked.size()) + ".";
    out_ += "</p><table class=\"sortable\" id=\"partners-table\">" +
            header_row({{"Tenant A", false}, {"Tenant B", false}, {"A's users: resources of B", true},
                        {"A's users: accesses", true}, {"B's users: resources of A", true},
                        {"B's users: accesses", true}}) +
            "<tbody>";
    for (std::size_t i = 0; i < ranked.size() && i < page_.max_partner_rows; ++i) {
      const auto& [a, b] = ranked[i].second;
      const Both& both = pairs[ranked[i].second];
      out_ += "<tr data-pair=\"" + html_escape(a + " " + b) + "\">" + tenant_cell(a) + tenant_cell(b) +
              count_cell(both.forward ? both.forward->resources : 0) + count_cell(both.forward ? both.forward->principals : 0) +
              count_cell(both.backward ? both.backward->resources : 0) +
              count_cell(both.backward ? both.backward->principals : 0) + "</tr>";
    }
    out_ += "</tbody></table></section>\n";
  }

  const ReportPage& page_;
  std::map<std::string, std::string> names_;
  std::string out_;
};

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html(const ReportPage& page) { return Page(page).render(); }

}  // namespace tenantreach::report
