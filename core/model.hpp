// The world as loaded from Graph exports (spec §1): one struct per Graph entity, fields as the spec reads them.
// Every id, enum value, keyword and app id is stored lower-case, because the spec compares them
// case-insensitively (R1.2) and prints ids lower-case (R10); display strings keep their case.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/object_index.hpp"
#include "core/string_arena.hpp"
#include "core/text.hpp"

namespace tenantreach::core {

inline constexpr std::uint32_t kNone = UINT32_MAX;

enum class UserType : std::uint8_t { Member, Guest };

// How an external user object was tied to its home user (R5.1); None for internal or unlinked objects.
enum class LinkRule : std::uint8_t { None, HomeIds, Mail, Upn };

// A value most objects leave at its default, held out of line: 8 bytes where it is absent, a copy where it is
// copied. Read through -> or * (the default when absent); write through edit(), which makes it present.
template <class T>
class OutOfLine {
 public:
  OutOfLine() = default;
  OutOfLine(const OutOfLine& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  OutOfLine(OutOfLine&&) noexcept = default;
  OutOfLine& operator=(const OutOfLine& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  OutOfLine& operator=(OutOfLine&&) noexcept = default;

  const T& operator*() const { return value_ ? *value_ : kDefault; }
  const T* operator->() const { return &**this; }
  T& edit() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }
  bool present() const { return value_ != nullptr; }
  void reset() { value_.reset(); }

 private:
  static inline const T kDefault{};
  std::unique_ptr<T> value_;
};

// The fields of a user object that most leave empty: the invitation state of external users, extension fields,
// and the home user a link found. One user object in twenty has any of them on the M preset; kept out of line,
// they cost the others 8 bytes instead of 80.
struct UserExtras {
  std::vector<Text> other_mails;
  std::optional<Text> external_user_state;  // lower-case: "pendingacceptance", "accepted", ...
  Text creation_type;
  Text home_tenant_id;  // extension fields an exporter may add (R5.1 (1))
  Text home_user_id;
  Text linked_tenant_id;  // the home user's tenant when User::link_rule != None
  Text linked_user_id;

  bool empty() const {
    return other_mails.empty() && !external_user_state && creation_type.empty() && home_tenant_id.empty() &&
           home_user_id.empty() && linked_tenant_id.empty() && linked_user_id.empty();
  }
};

// The strings of users and groups are Texts in their tenant's arena (Tenant::strings): set them with
// tenant.strings->add(...) or add_lower(...), never from a std::string of shorter life.
struct User {
  Text id;
  Text user_principal_name;  // as exported; compared lower-case
  Text display_name;
  Text mail;  // shares the Text of user_principal_name when they are equal, as they mostly are
  UserType user_type = UserType::Member;
  bool account_enabled = true;
  // Derived by ingest (R1.4) and by linking (R5).
  bool external = false;
  LinkRule link_rule = LinkRule::None;
  OutOfLine<UserExtras> extras;
};

struct Group {
  Text id;
  Text display_name;
  bool unified = false;  // groupTypes contains "Unified": a Microsoft 365 group, a resource (R2.1)
  bool team = false;     // resourceProvisioningOptions contains "Team"
  bool security_enabled = false;
  std::vector<MemberRef> members;  // only user and group members (R1.3 groups)
  // The ids of the members not resolved to an object, by MemberRef::slot(); most groups have none.
  OutOfLine<std::vector<Text>> unresolved_ids;

  // Appends a member by its id, to be resolved by Tenant::resolve_members (or left dangling).
  void add_unresolved(MemberKind kind, Text id);
};

// ---- Cross-tenant access settings (spec §1.4, R4) ------------------------------------------------------------

enum class AccessType : std::uint8_t { Allowed, Blocked };

struct Target {
  std::string target;       // lower-case: "allusers", "allapplications", an object id, an app id
  std::string target_type;  // lower-case: "user", "group", "application" (may be empty)
};

struct TargetList {
  AccessType access_type = AccessType::Allowed;
  std::vector<Target> targets;
  // `targets` absent or null: the export does not say whom the list names, so every target is undecidable
  // (R0: a match in an allowed list, none in a blocked one). An empty list [] names nobody.
  bool targets_missing = false;
};

// A set property such as b2bCollaborationInbound; an absent or null sub-object inherits (R4.1).
struct AccessSetting {
  std::optional<TargetList> users_and_groups;
  std::optional<TargetList> applications;
};

struct InboundTrust {
  std::optional<bool> is_mfa_accepted;
  std::optional<bool> is_compliant_device_accepted;
  std::optional<bool> is_hybrid_azure_ad_joined_device_accepted;
};

// default.json or one partners.json entry, exactly as written: every optional is "absent or null".
struct CrossTenantSettings {
  std::string tenant_id;  // partners only
  std::optional<AccessSetting> b2b_collaboration_inbound;
  std::optional<AccessSetting> b2b_collaboration_outbound;
  std::optional<AccessSetting> b2b_direct_connect_inbound;
  std::optional<AccessSetting> b2b_direct_connect_outbound;
  std::optional<InboundTrust> inbound_trust;
  std::optional<bool> consent_inbound_allowed;
  std::optional<bool> consent_outbound_allowed;
  std::optional<bool> user_sync_inbound_allowed;  // identitySynchronization.userSyncInbound.isSyncAllowed
  bool is_service_provider = false;
};

// ---- Conditional Access (spec §1.5, R7) ------------------------------------------------------------------------

// The kind of an externalTenants object (R7.2): what it says, or Undecidable when it says nothing we know.
enum class ExternalTenantsKind : std::uint8_t { All, Enumerated, Undecidable };

// externalTenants as written: its membershipKind and @odata.type (lower-case, empty when absent) and members.
struct ExternalTenants {
  std::string membership_kind;
  std::string odata_type;
  std::vector<std::string> members;  // lower-case tenant ids

  ExternalTenantsKind kind() const;  // membershipKind, else @odata.type, else Undecidable (R7.2)
};

struct GuestsOrExternalUsers {
  std::vector<std::string> types;  // lower-case entries of guestOrExternalUserTypes
  std::optional<ExternalTenants> external_tenants;  // absent or null: every tenant (R7.2)

  ExternalTenantsKind tenants_kind() const {
    return external_tenants ? external_tenants->kind() : ExternalTenantsKind::All;
  }
};

struct ConditionalAccessPolicy {
  std::string id;  // the policy's id, or "#<index>" when it has none
  std::string display_name;
  std::string state;  // lower-case
  std::vector<std::string> include_users, exclude_users, include_groups, exclude_groups;
  std::vector<std::string> include_roles, exclude_roles;
  std::optional<GuestsOrExternalUsers> include_guests_or_external_users;
  std::optional<GuestsOrExternalUsers> exclude_guests_or_external_users;
  std::vector<std::string> include_applications, exclude_applications;
  // The first sign-in condition that narrows the policy to contexts the engine cannot see (R7.1), or empty.
  std::string narrowing_condition;
  bool operator_and = false;          // grantControls.operator; a missing operator means OR
  std::vector<std::string> controls;  // builtInControls, plus "termsofuse" / "authenticationstrength" when set
  // Some session control is enabled. Read so that a world round-trips through the writer; it never makes a
  // policy unsatisfiable (R7.4).
  bool session_controls_enabled = false;
};

// ---- Channels and other resources (spec §1.6, §1.7) -------------------------------------------------------------

enum class ChannelType : std::uint8_t { Standard, Private, Shared };

// Its ids are Texts in the tenant's arena (Tenant::strings), made by ConversationMemberTexts: a channel has tens of
// members, each of whom held two std::strings (160 bytes with their heap blocks; 6 bytes per user object on M).
struct ConversationMember {
  Text user_id;
  Text tenant_id;  // empty when the export omits it: the containing object's tenant (R3.4)
};

struct SharedWithTeam {
  std::string team_id;
  std::string tenant_id;  // empty: the channel's tenant
  std::string display_name;
  std::optional<std::vector<ConversationMember>> allowed_members;  // absent and null are the same
  bool is_host_team = false;
};

struct Channel {
  std::string id;
  std::string display_name;
  ChannelType type = ChannelType::Standard;
  Text team_id;  // the team's group id, sharing its Text when the group is in the tenant (Tenant::id_text)
  std::vector<ConversationMember> members;
  std::vector<SharedWithTeam> shared_with_teams;
};

enum class ResourceKind : std::uint8_t { Site, Application, Container };
enum class GrantType : std::uint8_t { User, Group, Everyone, EveryoneExceptExternalUsers };

struct Grant {
  GrantType type;
  Text principal_id;  // empty for the two everyone kinds; a Text of the tenant's arena (Tenant::id_text)
};

struct Resource {
  std::string id;
  std::string display_name;
  ResourceKind kind = ResourceKind::Site;
  std::string app_id;  // lower-case; "office365" by default for sites and containers
  std::vector<Grant> grants;
};

struct SyncJob {
  std::string id;
  std::string target_tenant_id;
  bool scope_all = false;
  std::vector<std::string> assigned_users;
  std::vector<std::string> assigned_groups;
  UserType user_type_mapping = UserType::Member;
};

struct Tenant;

// Makes the ids of a tenant's conversation members (both lower-case already): a user id of the tenant's own users
// shares that user's Text, a tenant id the Text made for it before (members name a few tenants), and the rest are
// copied into the tenant's arena. Reads the tenant's objects index: make members after its users are read.
class ConversationMemberTexts {
 public:
  explicit ConversationMemberTexts(Tenant& tenant) : tenant_(tenant) {}
  ConversationMember make(std::string_view user_id, std::string_view tenant_id);

 private:
  Tenant& tenant_;
  std::unordered_map<std::string_view, Text> tenant_ids_;  // keyed by the bytes of their Texts
};

// ---- Tenants and the world --------------------------------------------------------------------------------------

// The list files of a tenant folder (§1), for recording which were read and in which format.
enum class ListEntity : std::uint8_t {
  Organization,
  Users,
  Groups,
  Partners,
  ConditionalAccessPolicies,
  Channels,
  Resources,
  CrossTenantSync,
};
inline constexpr std::size_t kListEntityCount = 8;
// The file name of an entity without extension, relative to the tenant folder ("crossTenantAccessPolicy/partners").
std::string_view list_entity_path(ListEntity entity);
inline constexpr std::uint16_t list_entity_bit(ListEntity entity) {
  return static_cast<std::uint16_t>(1u << static_cast<unsigned>(entity));
}

struct Tenant {
  std::string id;
  std::string display_name;
  std::vector<std::string> verified_domains;  // lower-case
  // The strings of users and groups; shared with copies of the tenant, so their Texts outlive the original.
  std::shared_ptr<StringArena> strings = std::make_shared<StringArena>();
  std::vector<User> users;
  std::vector<Group> groups;
  ObjectIndex objects;  // id -> user or group (ids are unique per tenant); probed with object_ids()
  bool has_default_settings = false;
  CrossTenantSettings default_settings;
  std::vector<CrossTenantSettings> partners;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> partner_index;  // partner tenant id -> index in partners
  std::vector<ConditionalAccessPolicy> conditional_access_policies;
  std::vector<Channel> channels;
  std::vector<Resource> resources;
  std::vector<SyncJob> sync_jobs;
  // Which list files the tenant's folder held (bits of list_entity_bit), and which of them were .jsonl (R1.1).
  std::uint16_t files_present = 0;
  std::uint16_t files_jsonl = 0;
  // False while the directory (users, groups, objects, channels, resources) of a lazily loaded world is not
  // decoded (World::directory): the id lookups below throw rather than answer "no such object".
  bool directory_present = true;

  // The files a tenant was read from, relative to its folder, in §1 order ("users.jsonl",
  // "crossTenantAccessPolicy/default.json", ...).
  std::vector<std::string> source_files() const;

  // The id of a user or group, and that lookup as the callable ObjectIndex probes with.
  Text object_id(ObjectRef ref) const {
    return ref.kind == MemberKind::User ? users[ref.index].id : groups[ref.index].id;
  }
  auto object_ids() const {
    return [this](ObjectRef ref) { return object_id(ref); };
  }
  // `id` as a Text of this tenant: the Text of the user or group with that id (indexed in `objects`), else a copy
  // in the tenant's arena. A grant names one of them, and holds no copy then.
  Text id_text(std::string_view id) const;
  // The id of a member of `group` (one of this tenant's groups), resolved or not.
  Text member_id(const Group& group, MemberRef member) const {
    return member.resolved() ? object_id(ObjectRef{member.kind(), member.index()})
                             : (*group.unresolved_ids)[member.slot()];
  }
  // Appends the member of kind `kind` with id `id` (lower-case) to `group`: resolved when the objects index holds an
  // object of that kind with that id; else unresolved, sharing the Text of an object of the other kind with that
  // id, or a copy in `strings` (a group's members share the ids of objects read before them instead of holding
  // copies). Only reads the tenant, so ranges of groups are parsed at once, each with its own arena.
  void add_member(Group& group, MemberKind kind, std::string_view id, StringArena& strings) const;
  // The user or group with that id (of a decoded directory); std::nullopt when there is none.
  std::optional<ObjectRef> find_object(std::string_view id) const;
  // Registers users[u] and groups[g] in `objects` (emptied first), as the snapshot decoder and build_indexes do.
  void index_objects();
  // Registers groups[g] in `objects`, which holds the users already (the snapshot decoder: users, then the groups
  // whose members share their ids, then this).
  void index_groups();
  const User* find_user(std::string_view id) const;
  const Group* find_group(std::string_view id) const;
  std::uint32_t user_index(std::string_view id) const;  // kNone when no user has that id
  std::uint32_t group_index(std::string_view id) const;
  const CrossTenantSettings* find_partner(std::string_view tenant_id) const;
  // Resolves the members of every group whose objects `objects` knows now, in parallel; a group's ids left
  // unresolved keep their order.
  void resolve_members();
};

// A dangling reference or suspicious configuration: counted in the compile report, never fatal (R1.3).
struct Warning {
  std::string code;  // e.g. "dangling-member", "ambiguous-link"
  std::string message;
};

// Decodes the directories of a world loaded with only its tenants' policies (a snapshot's model: docs/DECISIONS.md,
// "Snapshots decode the model lazily"). Thread-safe: one decode per tenant, concurrent callers wait for it, and a
// decode that throws (core::InputError for a damaged block) is tried again by the next caller.
class DirectorySource {
 public:
  explicit DirectorySource(std::size_t tenants);
  virtual ~DirectorySource();
  DirectorySource(const DirectorySource&) = delete;
  DirectorySource& operator=(const DirectorySource&) = delete;

  void ensure(std::uint32_t position, Tenant& tenant) const;
  bool decoded(std::uint32_t position) const { return decoded_[position].load(std::memory_order_acquire); }

 private:
  // Fills tenant.users, groups, channels and resources, and the objects index.
  virtual void decode(std::uint32_t position, Tenant& tenant) const = 0;

  std::unique_ptr<std::once_flag[]> once_;
  std::unique_ptr<std::atomic<bool>[]> decoded_;
};

struct World {
  std::vector<Tenant> tenants;  // sorted by tenant id
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> tenant_index;
  std::vector<Warning> warnings;
  // Null when every directory is present (ingest, the generator); set by a snapshot's lazy model.
  std::shared_ptr<const DirectorySource> directory_source;

  const Tenant* find_tenant(std::string_view id) const;
  std::uint32_t tenant_position(std::string_view id) const;  // kNone when not in the world

  // Tenant `position` with its directory, decoded first if the world was loaded without it. Code that may run on
  // a lazily loaded world (explain, the rules it calls, lookups) reads users, groups and objects through this.
  const Tenant& directory(std::uint32_t position) const;
  bool directory_decoded(std::uint32_t position) const {
    return directory_source == nullptr || directory_source->decoded(position);
  }
};

}  // namespace tenantreach::core
