// `tenantreach export` as one call: the options the command line gathers, and the run. Built into a module of its
// own (tenantreach-export.so), which the program loads only for `export`: libcurl and OpenSSL bring about forty
// shared libraries (gnutls, krb5, ldap, ...) whose loading cost every other command 15 ms of start-up
// (docs/DECISIONS.md, "export is a module loaded on demand").
#pragma once

#include <string>

#include "export/tenant_export.hpp"
#include "export/token_source.hpp"

namespace tenantreach::exporter {

struct CommandOptions {
  AuthOptions auth;
  ExportOptions run;
  std::string world;
  std::string cloud = "global";
  bool quiet = false;
};

// Exit codes: 0 exported (gaps, with --keep-going, are in the summary and export-report.json), 2 bad options,
// 3 the sign-in or Graph failed (the tenant's folder is untouched; --resume continues).
int run_command(CommandOptions options);

}  // namespace tenantreach::exporter

// The module's entry point, looked up by name (dlsym). Same build, same compiler: the options cross as C++.
extern "C" int tenantreach_export_run(const tenantreach::exporter::CommandOptions* options);
