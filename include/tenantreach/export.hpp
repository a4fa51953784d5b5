// TENANTREACH_API marks what the library exports. A shared build compiles everything else with hidden
// visibility, so only the types and functions of include/tenantreach/ are part of its ABI.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define TENANTREACH_API __attribute__((visibility("default")))
#else
#define TENANTREACH_API
#endif
