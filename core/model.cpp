#include "core/model.hpp"

#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace tenantreach::core {

ExternalTenantsKind ExternalTenants::kind() const {
  if (!membership_kind.empty()) {
    if (membership_kind == "all") return ExternalTenantsKind::All;
    if (membership_kind == "enumerated") return ExternalTenantsKind::Enumerated;
    return ExternalTenantsKind::Undecidable;  // unknownFutureValue, or a value Graph does not define
  }
  if (odata_type == "#microsoft.graph.conditionalaccessallexternaltenants") return ExternalTenantsKind::All;
  if (odata_type == "#microsoft.graph.conditionalaccessenumeratedexternaltenants") return ExternalTenantsKind::Enumerated;
  return ExternalTenantsKind::Undecidable;
}

std::string_view list_entity_path(ListEntity entity) {
  switch (entity) {
    case ListEntity::Organization: return "organization";
    case ListEntity::Users: return "users";
    case ListEntity::Groups: return "groups";
    case ListEntity::Partners: return "crossTenantAccessPolicy/partners";
    case ListEntity::ConditionalAccessPolicies: return "conditionalAccessPolicies";
    case ListEntity::Channels: return "channels";
    case ListEntity::Resources: return "resources";
    case ListEntity::CrossTenantSync: return "crossTenantSync";
  }
  return "";
}

std::vector<std::string> Tenant::source_files() const {
  std::vector<std::string> files;
  for (std::size_t e = 0; e < kListEntityCount; ++e) {
    const auto entity = static_cast<ListEntity>(e);
    if (entity == ListEntity::Partners && has_default_settings) files.emplace_back("crossTenantAccessPolicy/default.json");
    if (!(files_present & list_entity_bit(entity))) continue;
    files.push_back(std::string(list_entity_path(entity)) + ((files_jsonl & list_entity_bit(entity)) ? ".jsonl" : ".json"));
  }
  return files;
}

namespace {

void require_directory(const Tenant& tenant) {
  if (!tenant.directory_present)
    throw std::logic_error("the directory of tenant " + tenant.id + " was read before it was decoded (World::directory)");
}

}  // namespace

std::optional<ObjectRef> Tenant::find_object(std::string_view id) const {
  require_directory(*this);
  return objects.find(id, object_ids());
}

std::uint32_t Tenant::user_index(std::string_view id) const {
  const std::optional<ObjectRef> object = find_object(id);
  return (object && object->kind == MemberKind::User) ? object->index : kNone;
}

std::uint32_t Tenant::group_index(std::string_view id) const {
  const std::optional<ObjectRef> object = find_object(id);
  return (object && object->kind == MemberKind::Group) ? object->index : kNone;
}

void Tenant::index_objects() {
  objects.clear();
  objects.reserve(users.size() + groups.size(), object_ids());
  for (std::uint32_t u = 0; u < users.size(); ++u)
    objects.insert(users[u].id, ObjectRef{MemberKind::User, u}, object_ids());
  index_groups();
}

void Tenant::index_groups() {
  objects.reserve(users.size() + groups.size(), object_ids());
  for (std::uint32_t g = 0; g < groups.size(); ++g)
    objects.insert(groups[g].id, ObjectRef{MemberKind::Group, g}, object_ids());
}

void Group::add_unresolved(MemberKind kind, Text id) {
  std::vector<Text>& ids = unresolved_ids.edit();
  members.push_back(MemberRef::unresolved(kind, static_cast<std::uint32_t>(ids.size())));
  ids.push_back(id);
}

void Tenant::add_member(Group& group, MemberKind kind, std::string_view id, StringArena& strings) const {
  const std::optional<ObjectRef> object = objects.find(id, object_ids());
  if (object && object->kind == kind) {
    group.members.push_back(MemberRef::object(kind, object->index));
  } else {
    group.add_unresolved(kind, object ? object_id(*object) : strings.add(id));
  }
}

Text Tenant::id_text(std::string_view id) const {
  const std::optional<ObjectRef> object = objects.find(id, object_ids());
  return object ? object_id(*object) : strings->add(id);
}

ConversationMember ConversationMemberTexts::make(std::string_view user_id, std::string_view tenant_id) {
  ConversationMember member;
  if (!tenant_id.empty()) {
    auto it = tenant_ids_.find(tenant_id);
    if (it == tenant_ids_.end()) {
      const Text text = tenant_.strings->add(tenant_id);
      it = tenant_ids_.emplace(text.view(), text).first;
    }
    member.tenant_id = it->second;
  }
  const std::uint32_t user = (tenant_id.empty() || tenant_id == tenant_.id) ? tenant_.user_index(user_id) : kNone;
  member.user_id = user != kNone ? tenant_.users[user].id : tenant_.strings->add(user_id);
  return member;
}

void Tenant::resolve_members() {
  const tbb::blocked_range<std::size_t> all(0, groups.size(), 256);
  tbb::parallel_for(all, [&](const tbb::blocked_range<std::size_t>& range) {
    for (std::size_t g = range.begin(); g < range.end(); ++g) {
      Group& group = groups[g];
      if (!group.unresolved_ids.present()) continue;
      const std::vector<Text> ids = std::move(group.unresolved_ids.edit());
      group.unresolved_ids.reset();
      for (MemberRef& member : group.members) {
        if (member.resolved()) continue;
        const Text id = ids[member.slot()];
        const std::optional<ObjectRef> object = objects.find(id, object_ids());
        if (object && object->kind == member.kind()) {
          member = MemberRef::object(member.kind(), object->index);
        } else {
          std::vector<Text>& left = group.unresolved_ids.edit();
          member = MemberRef::unresolved(member.kind(), static_cast<std::uint32_t>(left.size()));
          left.push_back(id);
        }
      }
    }
  });
}

const User* Tenant::find_user(std::string_view id) const {
  std::uint32_t index = user_index(id);
  return index == kNone ? nullptr : &users[index];
}

const Group* Tenant::find_group(std::string_view id) const {
  std::uint32_t index = group_index(id);
  return index == kNone ? nullptr : &groups[index];
}

const CrossTenantSettings* Tenant::find_partner(std::string_view tenant_id) const {
  auto it = partner_index.find(tenant_id);
  return it == partner_index.end() ? nullptr : &partners[it->second];
}

std::uint32_t World::tenant_position(std::string_view id) const {
  auto it = tenant_index.find(id);
  return it == tenant_index.end() ? kNone : it->second;
}

const Tenant* World::find_tenant(std::string_view id) const {
  std::uint32_t position = tenant_position(id);
  return position == kNone ? nullptr : &tenants[position];
}

DirectorySource::DirectorySource(std::size_t tenants)
    : once_(std::make_unique<std::once_flag[]>(tenants)), decoded_(std::make_unique<std::atomic<bool>[]>(tenants)) {}

DirectorySource::~DirectorySource() = default;

void DirectorySource::ensure(std::uint32_t position, Tenant& tenant) const {
  if (decoded(position)) return;
  std::call_once(once_[position], [&] {
    decode(position, tenant);
    tenant.directory_present = true;
    decoded_[position].store(true, std::memory_order_release);
  });
}

const Tenant& World::directory(std::uint32_t position) const {
  // The directory fields of tenants[position] are written once, by the source, before anyone reads them.
  if (directory_source != nullptr) directory_source->ensure(position, const_cast<Tenant&>(tenants[position]));
  return tenants[position];
}

}  // namespace tenantreach::core
