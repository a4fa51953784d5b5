#include "core/denial.hpp"

namespace tenantreach::core {

std::string_view denial_name(DenialCode code) {
  switch (code) {
    case DenialCode::AccountDisabled: return "account-disabled";
    case DenialCode::HomeAccountDisabled: return "home-account-disabled";
    case DenialCode::OutboundBlocked: return "outbound-blocked";
    case DenialCode::InboundBlocked: return "inbound-blocked";
    case DenialCode::CaBlock: return "ca-block";
    case DenialCode::CaMfaUntrusted: return "ca-mfa-untrusted";
    case DenialCode::CaDeviceUntrusted: return "ca-device-untrusted";
    case DenialCode::CaUnsupportedControl: return "ca-unsupported-control";
    case DenialCode::GuestInSharedChannel: return "guest-in-shared-channel";
    case DenialCode::NotInternalMember: return "not-internal-member";
    case DenialCode::NotGranted: return "not-granted";
  }
  return "unknown";
}

}  // namespace tenantreach::core
