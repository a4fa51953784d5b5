// Users and groups built by hand in a test, outside any tenant, need their strings somewhere that outlives them:
// a Text from lasting_text() stays valid for the whole test program.
#pragma once

#include <string_view>

#include "core/string_arena.hpp"

namespace tenantreach::testing {

core::Text lasting_text(std::string_view text);

}  // namespace tenantreach::testing
