// Denial reasons (R8). A refused path carries one or more; Conditional Access reasons name their policy.
#pragma once

#include <cstdint>
#include <string_view>

namespace tenantreach::core {

enum class DenialCode : std::uint8_t {
  AccountDisabled,
  HomeAccountDisabled,
  OutboundBlocked,
  InboundBlocked,
  CaBlock,
  CaMfaUntrusted,
  CaDeviceUntrusted,
  CaUnsupportedControl,
  GuestInSharedChannel,
  NotInternalMember,
  NotGranted,
};
inline constexpr DenialCode kLastDenialCode = DenialCode::NotGranted;

std::string_view denial_name(DenialCode code);

struct Denial {
  DenialCode code;
  std::uint32_t policy = UINT32_MAX;  // index into the resource tenant's conditional_access_policies, CA only
};

}  // namespace tenantreach::core
