#include "graph/find.hpp"

#include "core/text.hpp"
#include "graph/json_writer.hpp"
#include "graph/lookup.hpp"

namespace tenantreach::graph {
namespace {

template <typename Item>
void keep(std::vector<Item>& list, Item item, std::size_t limit, std::size_t& omitted) {
  if (list.size() < limit) list.push_back(std::move(item));
  else ++omitted;
}

}  // namespace

FindResult find_matches(const CompiledWorld& compiled, std::string_view text, std::size_t limit) {
  const AccessGraph& graph = compiled.graph;
  const core::World& world = compiled.world();
  FindResult result;
  auto hit = [&](std::string_view field) { return core::icontains(field, text); };
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    const core::Tenant& tenant = world.tenants[t];
    bool domain_hit = false;
    for (const std::string& domain : tenant.verified_domains) domain_hit = domain_hit || hit(domain);
    if (hit(tenant.id) || hit(tenant.display_name) || domain_hit)
      keep(result.tenants, FoundTenant{tenant.id, tenant.display_name, tenant.verified_domains}, limit, result.omitted);
    for (std::uint32_t u = 0; u < tenant.users.size(); ++u) {
      const core::User& user = tenant.users[u];
      if (!hit(user.id) && !hit(user.user_principal_name) && !hit(user.mail) && !hit(user.display_name)) continue;
      const std::uint32_t principal = graph.principal_of_user[graph.user_vertex(t, u)];
      std::string address;
      if (principal != core::kNone)
        address = std::string(graph.principal_tenant_id(principal)) + "/" + std::string(graph.principal_user_id(principal));
      keep(result.users,
           FoundUser{tenant.id, user.id, user.user_principal_name, user.mail, user.display_name, user.external,
                     std::move(address)},
           limit, result.omitted);
    }
    for (const core::Group& group : tenant.groups)
      if (hit(group.id) || hit(group.display_name))
        keep(result.groups, FoundGroup{tenant.id, group.id, group.display_name}, limit, result.omitted);
  }
  for (std::uint32_t r = 0; r < graph.resource_count(); ++r)
    if (hit(graph.resources[r].id) || hit(graph.resources[r].display_name))
      keep(result.resources, resource_ref(graph, r), limit, result.omitted);
  return result;
}

std::string to_json(const FindResult& result) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("tenants").begin_array();
  for (const FoundTenant& tenant : result.tenants) {
    json.begin_object().key("id").value(tenant.id).key("displayName").value(tenant.display_name);
    json.key("domains").strings(tenant.domains).end_object();
  }
  json.end_array().key("users").begin_array();
  for (const FoundUser& user : result.users) {
    json.begin_object().key("tenantId").value(user.tenant_id).key("id").value(user.id);
    json.key("userPrincipalName").value(user.user_principal_name).key("mail").value(user.mail);
    json.key("displayName").value(user.display_name).key("external").value(user.external);
    json.key("principal");
    if (user.principal.empty()) json.null();
    else json.value(user.principal);
    json.end_object();
  }
  json.end_array().key("groups").begin_array();
  for (const FoundGroup& group : result.groups) {
    json.begin_object().key("tenantId").value(group.tenant_id).key("id").value(group.id);
    json.key("displayName").value(group.display_name).end_object();
  }
  json.end_array().key("resources").begin_array();
  for (const ResourceRef& resource : result.resources) {
    json.begin_object().key("tenantId").value(resource.tenant_id).key("id").value(resource.id);
    json.key("kind").value(resource.kind).key("displayName").value(resource.display_name).end_object();
  }
  json.end_array().key("omitted").value(static_cast<std::uint64_t>(result.omitted)).end_object();
  return out;
}

std::string to_text(const FindResult& result) {
  std::string out;
  for (const FoundTenant& tenant : result.tenants) out += "tenant    " + tenant.id + "  " + tenant.display_name + "\n";
  for (const FoundUser& user : result.users) {
    out += std::string(user.external ? "guest     " : "user      ") + user.tenant_id + "/" + user.id + "  " +
           user.display_name + " <" + user.user_principal_name + ">";
    if (user.external && !user.principal.empty()) out += "  answers for " + user.principal;
    out += "\n";
  }
  for (const FoundGroup& group : result.groups)
    out += "group     " + group.tenant_id + "/" + group.id + "  " + group.display_name + "\n";
  for (const ResourceRef& resource : result.resources)
    out += "resource  " + resource.tenant_id + "/" + resource.id + "  " + resource.kind + "  " + resource.display_name + "\n";
  if (result.omitted != 0) out += "(" + std::to_string(result.omitted) + " more; narrow the text or raise --limit)\n";
  if (out.empty()) out = "nothing matches\n";
  return out;
}

}  // namespace tenantreach::graph
