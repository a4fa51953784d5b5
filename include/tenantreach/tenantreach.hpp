// The tenantreach library: who can reach what across Entra ID tenants, and why. docs/API.md is the guide.
//
//   tenantreach::World world = tenantreach::World::open("M.snap");
//   for (const auto& access : world.who_can_reach("<tenantId>/<resourceId>").principals) ...
#pragma once

#include "tenantreach/audit.hpp"
#include "tenantreach/error.hpp"
#include "tenantreach/results.hpp"
#include "tenantreach/version.hpp"
#include "tenantreach/world.hpp"
