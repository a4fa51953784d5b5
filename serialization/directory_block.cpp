#include "serialization/directory_block.hpp"

#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "graph/string_pool.hpp"

namespace tenantreach::serialization {
namespace {

using core::Text;

// Values of a string column that are not indexes into the table; the table's strings are numbered below them.
constexpr std::uint32_t kEmpty = UINT32_MAX;          // the empty string
constexpr std::uint32_t kFromGraph = UINT32_MAX - 1;  // a user's id or display name: the graph's for that user
constexpr std::uint32_t kSameAsUpn = UINT32_MAX - 2;  // a user's mail: its userPrincipalName, as it mostly is
constexpr std::uint32_t kAbsent = UINT32_MAX - 3;     // externalUserState absent (std::nullopt), not empty
constexpr std::uint32_t kMaxStrings = kAbsent;

// A user's flags byte: user type, account state, external, and the link rule (core::LinkRule) in bits 3 and 4.
constexpr std::uint8_t kGuest = 1, kDisabled = 2, kExternal = 4, kLinkRuleShift = 3, kUserFlags = 0x1F;
constexpr std::uint8_t kUnified = 1, kTeam = 2, kSecurityEnabled = 4, kGroupFlags = 0x07;
// A member as the block writes it: its kind in bit 31, "unresolved" in bit 30, the index or slot below (a
// core::MemberRef's meaning, not its bytes, so the format does not follow the class).
constexpr std::uint32_t kMemberGroup = 1u << 31, kMemberUnresolved = 1u << 30, kMemberValue = kMemberUnresolved - 1;

// Per extra: the user, the count of other mails, the seven Text fields (otherMails' indexes follow the count).
constexpr std::size_t kExtraBytes = 9 * sizeof(std::uint32_t);

class BlockWriter {
 public:
  template <class T> void value(T v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  template <class T> void column(const std::vector<T>& values) {
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void append(std::string_view bytes) { bytes_.append(bytes); }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class StringTable {
 public:
  std::uint32_t add(std::string_view text) {
    if (text.empty()) return kEmpty;
    if (pool_.size() == kMaxStrings) throw std::length_error("more than 2^32 - 4 directory strings in one tenant");
    return pool_.add(text);
  }
  void write(BlockWriter& out) const {
    out.value<std::uint64_t>(pool_.bytes().size());
    out.append({pool_.bytes().data(), pool_.bytes().size()});
    out.value<std::uint32_t>(pool_.size());
    for (const graph::Offset offset : pool_.offsets()) out.value<std::uint32_t>(offset);
  }

 private:
  graph::StringPool pool_;
};

std::uint32_t member_code(core::MemberRef member) {
  return (member.kind() == core::MemberKind::Group ? kMemberGroup : 0) | (member.resolved() ? 0 : kMemberUnresolved) |
         member.index();
}

// A column read where it lies in the block: values are copied out one at a time (the block need not be aligned).
template <class T> class Column {
 public:
  Column(const char* data, std::uint64_t size) : data_(data), size_(size) {}
  T operator[](std::uint64_t i) const {
    T value;
    std::memcpy(&value, data_ + i * sizeof(T), sizeof(T));
    return value;
  }
  std::uint64_t size() const { return size_; }
  const char* data() const { return data_; }

 private:
  const char* data_;
  std::uint64_t size_;
};

[[noreturn]] void malformed(const std::string& why) { throw std::runtime_error(why); }

class BlockReader {
 public:
  explicit BlockReader(std::string_view bytes) : bytes_(bytes) {}

  template <class T> T value(const char* what) { return column<T>(1, what)[0]; }
  template <class T> Column<T> column(std::uint64_t count, const char* what) {
    if (count > remaining() / sizeof(T)) malformed(std::string(what) + " run past the end of the block");
    const Column<T> out(bytes_.data() + position_, count);
    position_ += count * sizeof(T);
    return out;
  }
  // A count of items that take at least `bytes_each` bytes of what follows.
  std::uint64_t count(std::size_t bytes_each, const char* what) {
    const auto n = value<std::uint64_t>(what);
    if (n > remaining() / bytes_each)
      malformed(std::string(what) + ": " + std::to_string(n) + " run past the end of the block");
    return n;
  }
  std::size_t remaining() const { return bytes_.size() - position_; }

 private:
  std::string_view bytes_;
  std::size_t position_ = 0;
};

// A string table read where it lies in the block: views valid while the block is.
class TableView {
 public:
  TableView(BlockReader& in, const char* name) : name_(name) {
    const auto size = in.value<std::uint64_t>(name);
    bytes_ = in.column<char>(size, name).data();
    count_ = in.value<std::uint32_t>(name);
    if (count_ > kMaxStrings) malformed(std::string(name) + " count " + std::to_string(count_) + " strings");
    offsets_ = in.column<std::uint32_t>(std::uint64_t{count_} + 1, name);
    std::uint32_t previous = 0;
    for (std::uint32_t i = 0; i <= count_; ++i) {
      const std::uint32_t offset = offsets_[i];
      if (offset < previous || (i == 0 && offset != 0) || (i == count_ && offset != size))
        malformed(std::string(name) + ": offsets not ascending from 0 to the table's size");
      previous = offset;
    }
  }
  const char* bytes() const { return bytes_; }
  std::size_t total_size() const { return offsets_[count_]; }
  // String `index`, or the empty string for kEmpty; the other markers are the caller's to read first.
  std::string_view view(std::uint32_t index, const char* object, std::uint64_t i, const char* field) const {
    if (index == kEmpty) return {};
    if (index >= count_)
      malformed(std::string(object) + " " + std::to_string(i) + "'s " + field + " names string " +
                std::to_string(index) + " of " + name_ + ", which has " + std::to_string(count_));
    const std::uint32_t begin = offsets_[index];
    return {bytes_ + begin, offsets_[index + 1] - begin};
  }

 private:
  const char* name_;
  const char* bytes_ = nullptr;
  std::uint32_t count_ = 0;
  Column<std::uint32_t> offsets_{nullptr, 0};
};

// The strings of users and groups: their bytes copied once into a buffer the tenant's arena keeps alive, and each
// field a Text pointing into it.
class KeptStrings {
 public:
  KeptStrings(BlockReader& in, core::StringArena& arena) : table_(in, "the directory's strings"), arena_(arena) {
    // A graph::BulkVector: a block of 64 KiB or more is a mapping of its own, not a malloc size class up to a
    // quarter larger; resize() leaves the bytes unwritten until they are copied.
    auto storage = std::make_shared<graph::BulkVector<char>>();
    storage->resize(table_.total_size());
    if (!storage->empty()) std::memcpy(storage->data(), table_.bytes(), storage->size());
    data_ = storage->data();
    owner_ = std::move(storage);
  }

  // String `index` as a Text of the arena, or the empty Text for kEmpty.
  Text at(std::uint32_t index, const char* object, std::uint64_t i, const char* field) const {
    const std::string_view view = table_.view(index, object, i, field);
    if (view.empty()) return Text{};
    return arena_.refer({data_ + (view.data() - table_.bytes()), view.size()}, owner_);
  }

 private:
  TableView table_;
  core::StringArena& arena_;
  const char* data_ = nullptr;
  std::shared_ptr<const void> owner_;
};

// A user's id or display name: the graph's (kFromGraph), or a string of the table.
class UserNameColumn {
 public:
  UserNameColumn(const graph::StringPool* graph_names, const core::UserNames& names, const char* field)
      : graph_names_(graph_names),
        first_(names.first),
        count_(names.count),
        field_(field),
        owner_(graph_names != nullptr ? graph_names->keep_alive() : nullptr) {}

  std::uint32_t encode(std::uint32_t user, Text value, StringTable& table) const {
    if (graph_names_ != nullptr && user < count_ && (*graph_names_)[first_ + user] == value.view()) return kFromGraph;
    return table.add(value);
  }
  Text decode(std::uint32_t code, std::uint64_t user, const KeptStrings& strings, core::StringArena& arena) const {
    if (code != kFromGraph) return strings.at(code, "user", user, field_);
    if (graph_names_ == nullptr || user >= count_)
      malformed("user " + std::to_string(user) + "'s " + field_ + " is the graph's, but the graph has " +
                std::to_string(count_) + " users of this tenant");
    return arena.refer((*graph_names_)[first_ + static_cast<std::uint32_t>(user)], owner_);
  }

 private:
  const graph::StringPool* graph_names_;
  std::uint32_t first_, count_;
  const char* field_;
  std::shared_ptr<const void> owner_;
};

void encode_extras(std::uint32_t user, const core::UserExtras& extras, StringTable& table, BlockWriter& out) {
  out.value(user);
  out.value(static_cast<std::uint32_t>(extras.other_mails.size()));
  for (const Text mail : extras.other_mails) out.value(table.add(mail));
  out.value(extras.external_user_state ? table.add(*extras.external_user_state) : kAbsent);
  for (const Text text : {extras.creation_type, extras.home_tenant_id, extras.home_user_id, extras.linked_tenant_id,
                          extras.linked_user_id})
    out.value(table.add(text));
}

void decode_extras(BlockReader& in, const KeptStrings& strings, core::Tenant& t) {
  const std::uint64_t count = in.count(kExtraBytes, "the users' extras");
  std::uint64_t next = 0;  // users are listed in ascending order, each once
  for (std::uint64_t e = 0; e < count; ++e) {
    const auto user = in.value<std::uint32_t>("the users' extras");
    if (user < next || user >= t.users.size())
      malformed("extras " + std::to_string(e) + " name user " + std::to_string(user) + " (of " +
                std::to_string(t.users.size()) + ", after " + std::to_string(next) + ")");
    next = std::uint64_t{user} + 1;
    core::UserExtras& extras = t.users[user].extras.edit();
    const auto mails = in.value<std::uint32_t>("the users' extras");
    const Column<std::uint32_t> mail_codes = in.column<std::uint32_t>(mails, "the users' otherMails");
    extras.other_mails.reserve(mails);
    for (std::uint32_t m = 0; m < mails; ++m)
      extras.other_mails.push_back(strings.at(mail_codes[m], "user", user, "otherMails"));
    const Column<std::uint32_t> fields = in.column<std::uint32_t>(6, "the users' extras");
    if (fields[0] != kAbsent) extras.external_user_state = strings.at(fields[0], "user", user, "externalUserState");
    extras.creation_type = strings.at(fields[1], "user", user, "creationType");
    extras.home_tenant_id = strings.at(fields[2], "user", user, "home tenant id");
    extras.home_user_id = strings.at(fields[3], "user", user, "home user id");
    extras.linked_tenant_id = strings.at(fields[4], "user", user, "linked tenant id");
    extras.linked_user_id = strings.at(fields[5], "user", user, "linked user id");
  }
}

// Channels and resources, a few per tenant: written object by object, their strings in the table of other strings.
constexpr std::uint8_t kHostTeam = 1, kHasAllowedMembers = 2, kSharedTeamFlags = 0x03;

void encode_members(const std::vector<core::ConversationMember>& members, StringTable& table, BlockWriter& out) {
  out.value(static_cast<std::uint32_t>(members.size()));
  for (const core::ConversationMember& member : members) {
    out.value(table.add(member.user_id));
    out.value(table.add(member.tenant_id));
  }
}

void encode_channels_and_resources(const core::Tenant& t, StringTable& table, BlockWriter& out) {
  out.value<std::uint64_t>(t.channels.size());
  for (const core::Channel& channel : t.channels) {
    out.value(table.add(channel.id));
    out.value(table.add(channel.display_name));
    out.value(static_cast<std::uint8_t>(channel.type));
    out.value(table.add(channel.team_id));
    encode_members(channel.members, table, out);
    out.value(static_cast<std::uint32_t>(channel.shared_with_teams.size()));
    for (const core::SharedWithTeam& team : channel.shared_with_teams) {
      out.value(table.add(team.team_id));
      out.value(table.add(team.tenant_id));
      out.value(table.add(team.display_name));
      out.value(static_cast<std::uint8_t>((team.is_host_team ? kHostTeam : 0) |
                                          (team.allowed_members ? kHasAllowedMembers : 0)));
      if (team.allowed_members) encode_members(*team.allowed_members, table, out);
    }
  }
  out.value<std::uint64_t>(t.resources.size());
  for (const core::Resource& resource : t.resources) {
    out.value(table.add(resource.id));
    out.value(table.add(resource.display_name));
    out.value(static_cast<std::uint8_t>(resource.kind));
    out.value(table.add(resource.app_id));
    out.value(static_cast<std::uint32_t>(resource.grants.size()));
    for (const core::Grant& grant : resource.grants) {
      out.value(static_cast<std::uint8_t>(grant.type));
      out.value(table.add(grant.principal_id));
    }
  }
}

// Reads a tenant's channels and resources; ids that name its users and groups share their Texts, as at ingest.
class ChannelsAndResourcesDecoder {
 public:
  ChannelsAndResourcesDecoder(BlockReader& in, const TableView& strings, core::Tenant& t)
      : in_(in), strings_(strings), t_(t), texts_(t) {}

  void decode() {
    const std::uint64_t channels = in_.count(3 * 4 + 1 + 2 * 4, "the channels");
    t_.channels.resize(channels);
    for (std::uint64_t c = 0; c < channels; ++c) {
      core::Channel& channel = t_.channels[c];
      channel.id = string(c, "channel", "id");
      channel.display_name = string(c, "channel", "displayName");
      channel.type = enumerated<core::ChannelType>(2, c, "channel", "membershipType");
      channel.team_id = object_id(c, "channel", "team id");
      channel.members = members(c, "channel");
      const std::uint32_t teams = count(3 * 4 + 1, c, "channel", "shared teams");
      channel.shared_with_teams.resize(teams);
      for (core::SharedWithTeam& team : channel.shared_with_teams) {
        team.team_id = string(c, "channel", "shared team id");
        team.tenant_id = string(c, "channel", "shared team tenant id");
        team.display_name = string(c, "channel", "shared team displayName");
        const auto flags = in_.value<std::uint8_t>("the channels");
        if ((flags & ~kSharedTeamFlags) != 0)
          malformed("channel " + std::to_string(c) + "'s shared team flags are " + std::to_string(flags));
        team.is_host_team = (flags & kHostTeam) != 0;
        if ((flags & kHasAllowedMembers) != 0) team.allowed_members = members(c, "channel");
      }
    }
    const std::uint64_t resources = in_.count(3 * 4 + 1 + 4, "the resources");
    t_.resources.resize(resources);
    for (std::uint64_t r = 0; r < resources; ++r) {
      core::Resource& resource = t_.resources[r];
      resource.id = string(r, "resource", "id");
      resource.display_name = string(r, "resource", "displayName");
      resource.kind = enumerated<core::ResourceKind>(2, r, "resource", "kind");
      resource.app_id = string(r, "resource", "app id");
      resource.grants.resize(count(1 + 4, r, "resource", "grants"));
      for (core::Grant& grant : resource.grants) {
        grant.type = enumerated<core::GrantType>(3, r, "resource", "grant type");
        grant.principal_id = object_id(r, "resource", "grant principal id");
      }
    }
  }

 private:
  std::string_view view(std::uint64_t i, const char* object, const char* field) {
    return strings_.view(in_.value<std::uint32_t>(object), object, i, field);
  }
  std::string string(std::uint64_t i, const char* object, const char* field) {
    return std::string(view(i, object, field));
  }
  Text object_id(std::uint64_t i, const char* object, const char* field) {
    return t_.id_text(view(i, object, field));  // a copy when no object has it: the view is of the block
  }
  template <class E> E enumerated(std::uint8_t last, std::uint64_t i, const char* object, const char* field) {
    const auto value = in_.value<std::uint8_t>(object);
    if (value > last)
      malformed(std::string(object) + " " + std::to_string(i) + "'s " + field + " is " + std::to_string(value));
    return static_cast<E>(value);
  }
  // A count of items that take at least `bytes_each` bytes of what follows.
  std::uint32_t count(std::size_t bytes_each, std::uint64_t i, const char* object, const char* field) {
    const auto n = in_.value<std::uint32_t>(object);
    if (n > in_.remaining() / bytes_each)
      malformed(std::string(object) + " " + std::to_string(i) + "'s " + field + ": " + std::to_string(n) +
                " run past the end of the block");
    return n;
  }
  std::vector<core::ConversationMember> members(std::uint64_t i, const char* object) {
    std::vector<core::ConversationMember> out(count(2 * 4, i, object, "members"));
    for (core::ConversationMember& member : out) {
      const std::string_view user = view(i, object, "member user id");
      member = texts_.make(user, view(i, object, "member tenant id"));
    }
    return out;
  }

  BlockReader& in_;
  const TableView& strings_;
  core::Tenant& t_;
  core::ConversationMemberTexts texts_;
};

}  // namespace

std::string encode_directory(const core::Tenant& t, const core::UserNames& names) {
  // The Texts of users and groups, kept; and the strings read once (ids that mostly name objects, whose Texts
  // they share, and the strings of channels and resources, which are copied).
  StringTable table, other;
  const UserNameColumn id_column(names.ids, names, "id"), name_column(names.display_names, names, "displayName");
  const std::size_t users = t.users.size();
  std::vector<std::uint32_t> ids(users), upns(users), display_names(users), mails(users);
  std::vector<std::uint8_t> user_flags(users);
  BlockWriter extras;
  std::uint64_t extras_count = 0;
  for (std::uint32_t u = 0; u < users; ++u) {
    const core::User& user = t.users[u];
    ids[u] = id_column.encode(u, user.id, table);
    upns[u] = table.add(user.user_principal_name);
    display_names[u] = name_column.encode(u, user.display_name, table);
    mails[u] = user.mail == user.user_principal_name ? kSameAsUpn : table.add(user.mail);
    user_flags[u] = static_cast<std::uint8_t>((user.user_type == core::UserType::Guest ? kGuest : 0) |
                                              (user.account_enabled ? 0 : kDisabled) | (user.external ? kExternal : 0) |
                                              static_cast<unsigned>(user.link_rule) << kLinkRuleShift);
    if (!user.extras->empty()) {
      encode_extras(u, *user.extras, table, extras);
      ++extras_count;
    }
  }

  const std::size_t groups = t.groups.size();
  std::vector<std::uint32_t> group_ids(groups), group_names(groups), member_ends(groups), members;
  std::vector<std::uint8_t> group_flags(groups);
  BlockWriter unresolved;
  std::uint64_t unresolved_count = 0;
  for (std::uint32_t g = 0; g < groups; ++g) {
    const core::Group& group = t.groups[g];
    group_ids[g] = table.add(group.id);
    group_names[g] = table.add(group.display_name);
    group_flags[g] = static_cast<std::uint8_t>((group.unified ? kUnified : 0) | (group.team ? kTeam : 0) |
                                               (group.security_enabled ? kSecurityEnabled : 0));
    for (const core::MemberRef member : group.members) members.push_back(member_code(member));
    if (members.size() > UINT32_MAX) throw std::length_error("more than 2^32 group members in one tenant");
    member_ends[g] = static_cast<std::uint32_t>(members.size());
    if (!group.unresolved_ids->empty()) {
      unresolved.value(g);
      unresolved.value(static_cast<std::uint32_t>(group.unresolved_ids->size()));
      for (const Text id : *group.unresolved_ids) unresolved.value(other.add(id));
      ++unresolved_count;
    }
  }

  BlockWriter out;  // written after the string tables, complete only once the channels and resources are
  out.value<std::uint64_t>(users);
  for (const auto* column : {&ids, &upns, &display_names, &mails}) out.column(*column);
  out.column(user_flags);
  out.value(extras_count);
  out.append(extras.bytes());
  out.value<std::uint64_t>(groups);
  out.column(group_ids);
  out.column(group_names);
  out.column(group_flags);
  out.value(unresolved_count);
  out.append(unresolved.bytes());
  out.column(member_ends);
  out.column(members);
  BlockWriter channels_and_resources;
  encode_channels_and_resources(t, other, channels_and_resources);

  BlockWriter block;
  table.write(block);
  other.write(block);
  block.append(out.bytes());
  block.append(channels_and_resources.bytes());
  return std::move(block.bytes());
}

void decode_directory(std::string_view block, core::Tenant& t, const core::UserNames& names) {
  BlockReader in(block);
  core::StringArena& arena = *t.strings;
  const KeptStrings strings(in, arena);
  const TableView other(in, "the other strings");

  const UserNameColumn id_column(names.ids, names, "id"), name_column(names.display_names, names, "displayName");
  const std::uint64_t users = in.count(4 * sizeof(std::uint32_t) + 1, "the users");
  const Column<std::uint32_t> ids = in.column<std::uint32_t>(users, "the users' ids");
  const Column<std::uint32_t> upns = in.column<std::uint32_t>(users, "the users' userPrincipalNames");
  const Column<std::uint32_t> display_names = in.column<std::uint32_t>(users, "the users' displayNames");
  const Column<std::uint32_t> mails = in.column<std::uint32_t>(users, "the users' mails");
  const Column<std::uint8_t> user_flags = in.column<std::uint8_t>(users, "the users' flags");
  if (users > core::MemberRef::kMaxIndex) malformed(std::to_string(users) + " users: more than 2^30 in one tenant");
  t.users.resize(users);
  for (std::uint64_t u = 0; u < users; ++u) {
    core::User& user = t.users[u];
    user.id = id_column.decode(ids[u], u, strings, arena);
    user.user_principal_name = strings.at(upns[u], "user", u, "userPrincipalName");
    user.display_name = name_column.decode(display_names[u], u, strings, arena);
    const std::uint32_t mail = mails[u];
    user.mail = mail == kSameAsUpn ? user.user_principal_name : strings.at(mail, "user", u, "mail");
    const std::uint8_t flags = user_flags[u];
    if ((flags & ~kUserFlags) != 0) malformed("user " + std::to_string(u) + "'s flags are " + std::to_string(flags));
    user.user_type = (flags & kGuest) != 0 ? core::UserType::Guest : core::UserType::Member;
    user.account_enabled = (flags & kDisabled) == 0;
    user.external = (flags & kExternal) != 0;
    user.link_rule = static_cast<core::LinkRule>(flags >> kLinkRuleShift);
  }
  decode_extras(in, strings, t);

  const std::uint64_t groups = in.count(3 * sizeof(std::uint32_t) + 1, "the groups");
  const Column<std::uint32_t> group_ids = in.column<std::uint32_t>(groups, "the groups' ids");
  const Column<std::uint32_t> group_names = in.column<std::uint32_t>(groups, "the groups' displayNames");
  const Column<std::uint8_t> group_flags = in.column<std::uint8_t>(groups, "the groups' flags");
  if (groups > core::MemberRef::kMaxIndex) malformed(std::to_string(groups) + " groups: more than 2^30 in one tenant");
  t.groups.resize(groups);
  for (std::uint64_t g = 0; g < groups; ++g) {
    core::Group& group = t.groups[g];
    group.id = strings.at(group_ids[g], "group", g, "id");
    group.display_name = strings.at(group_names[g], "group", g, "displayName");
    const std::uint8_t flags = group_flags[g];
    if ((flags & ~kGroupFlags) != 0) malformed("group " + std::to_string(g) + "'s flags are " + std::to_string(flags));
    group.unified = (flags & kUnified) != 0;
    group.team = (flags & kTeam) != 0;
    group.security_enabled = (flags & kSecurityEnabled) != 0;
  }
  // Indexed before the members' ids are read: one an object has shares its Text, as at ingest (Tenant::add_member).
  t.index_objects();
  const std::uint64_t unresolved = in.count(2 * sizeof(std::uint32_t), "the groups' unresolved members");
  std::uint64_t next = 0;
  for (std::uint64_t e = 0; e < unresolved; ++e) {
    const auto g = in.value<std::uint32_t>("the groups' unresolved members");
    if (g < next || g >= groups)
      malformed("unresolved members " + std::to_string(e) + " name group " + std::to_string(g) + " (of " +
                std::to_string(groups) + ", after " + std::to_string(next) + ")");
    next = std::uint64_t{g} + 1;
    const auto count = in.value<std::uint32_t>("the groups' unresolved members");
    const Column<std::uint32_t> codes = in.column<std::uint32_t>(count, "the groups' unresolved members");
    std::vector<Text>& ids = t.groups[g].unresolved_ids.edit();
    ids.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      ids.push_back(t.id_text(other.view(codes[i], "group", g, "unresolved member id")));
    }
  }
  const Column<std::uint32_t> member_ends = in.column<std::uint32_t>(groups, "the groups' member ends");
  const std::uint64_t member_count = groups == 0 ? 0 : member_ends[groups - 1];
  const Column<std::uint32_t> members = in.column<std::uint32_t>(member_count, "the groups' members");
  std::uint32_t begin = 0;
  for (std::uint64_t g = 0; g < groups; ++g) {
    const std::uint32_t end = member_ends[g];
    if (end < begin || end > member_count)
      malformed("group " + std::to_string(g) + "'s members end at " + std::to_string(end) + ", outside " +
                std::to_string(begin) + ".." + std::to_string(member_count));
    core::Group& group = t.groups[g];
    group.members.reserve(end - begin);
    const std::size_t slots = group.unresolved_ids->size();
    for (std::uint32_t m = begin; m < end; ++m) {
      const std::uint32_t code = members[m];
      const core::MemberKind kind = (code & kMemberGroup) != 0 ? core::MemberKind::Group : core::MemberKind::User;
      const std::uint32_t value = code & kMemberValue;
      if ((code & kMemberUnresolved) != 0) {
        if (value >= slots)
          malformed("group " + std::to_string(g) + "'s member " + std::to_string(m - begin) + " is unresolved id " +
                    std::to_string(value) + " of " + std::to_string(slots));
        group.members.push_back(core::MemberRef::unresolved(kind, value));
        continue;
      }
      const std::uint64_t objects = kind == core::MemberKind::User ? users : groups;
      if (value >= objects)
        malformed("group " + std::to_string(g) + "'s member " + std::to_string(m - begin) + " is " +
                  (kind == core::MemberKind::User ? "user " : "group ") + std::to_string(value) + " of " +
                  std::to_string(objects));
      group.members.push_back(core::MemberRef::object(kind, value));
    }
    begin = end;
  }
  t.resolve_members();  // ids a world's edits left unresolved that name an object now, as ingest would
  ChannelsAndResourcesDecoder(in, other, t).decode();
  if (in.remaining() != 0) malformed(std::to_string(in.remaining()) + " bytes after the resources");
}

}  // namespace tenantreach::serialization
