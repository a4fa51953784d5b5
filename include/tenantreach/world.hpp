// tenantreach::World: a loaded world (or snapshot), compiled for queries.
//
// Thread safety: open() builds a World; after that every const member function may be called from any number of
//   threads at once on one World (they only read it; what they cache internally is guarded). Moving or destroying
//   a World while another thread uses it is a data race, as for any standard container.
// Memory: the compiled graph, held once per World (its large arrays in transparent huge pages where the kernel
//   allows them). Per thread, nothing until the thread's first query. A thread that runs who_can_reach then maps
//   scratch of 4 bytes per vertex (users + groups + resources) + 1 byte per principal, and one that runs
//   what_can_reach 4 bytes per vertex + 1 byte per resource. The scratch is mapped, not written: it takes memory
//   only for the pages the thread's queries touch (a resource whose grants reach a few hundred users costs a few
//   pages; one that reaches every user, all of it). It is reused by the thread's later queries on the same World
//   (a query on another World replaces it) and freed when the thread ends. explain() keeps no per-thread
//   scratch. A World opened from a snapshot decodes the model in parts, each once and shared by all threads:
//   every tenant's policies on the first explain() or address given by name, UPN or domain rather than by id; a
//   tenant's users and groups when an explain() or such an address first reads that tenant. explain()
//   also builds the policy tables once. audit() runs on its own worker threads, each with bit masks of up to
//   8 bytes per vertex (plus 8 per group and resource), mapped the same way, and holds one block of results
//   (docs/API.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>

#include "tenantreach/audit.hpp"
#include "tenantreach/error.hpp"
#include "tenantreach/export.hpp"
#include "tenantreach/results.hpp"

namespace tenantreach {

class TENANTREACH_API World {
 public:
  // A world directory (WORLD/tenants/<tenantId>/*.json|*.jsonl, spec §1) is ingested and compiled; a regular file
  // is read as a snapshot written by `tenantreach compile`. Throws InputError for bad input (file, location and
  // field say where) or a path that is neither.
  static World open(const std::filesystem::path& path);

  World(World&&) noexcept;
  World& operator=(World&&) noexcept;
  ~World();

  // RESOURCE: "<tenantId>/<id>", an id unique in the world, "<tenant>/<display name>" or a display name unique in
  // the world. USER: "<tenantId>/<userId>" (a principal, or an external object linked to one), a user id unique in
  // the world, a userPrincipalName or mail address, or "<tenant>/<display name>". Addresses are case-insensitive.
  // Each throws NotFoundError when nothing matches and AmbiguousError when several objects do.
  WhoCanReach who_can_reach(std::string_view resource) const;
  WhatCanReach what_can_reach(std::string_view user) const;
  // Every path from USER to RESOURCE, with its verdict and the reasons of spec R8.
  Explanation explain(std::string_view user, std::string_view resource) const;
  // Counts of everything in the world, and the warnings of ingest and compile.
  Stats stats() const;

  // Hands every selected resource to `callback`, in audit order, on this thread, while worker threads evaluate
  // the next ones. Throws InputError for an unknown kind and NotFoundError / AmbiguousError for an unknown
  // tenant, before any resource is evaluated.
  AuditSummary audit(const AuditOptions& options, const AuditCallback& callback) const;

 private:
  struct Impl;
  explicit World(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenantreach
