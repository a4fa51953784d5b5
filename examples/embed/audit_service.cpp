// A small audit service on the tenantreach library: it loads a snapshot (or world) once, then answers
// who-can-reach and explain, and runs a filtered audit through the callback, as a service would per request.
//
//   audit_service SOURCE RESOURCE USER
//
// Exit codes as the tenantreach command: 0 success, 1 a name the world does not hold, 2 bad input.
#include <iostream>

#include <tenantreach/tenantreach.hpp>

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : "+") + name;
  return out;
}

void answer_who_can_reach(const tenantreach::World& world, const std::string& resource) {
  const tenantreach::WhoCanReach who = world.who_can_reach(resource);
  std::cout << "who-can-reach " << who.resource.display_name << ": " << who.counts.total << " principals\n";
  for (const tenantreach::PrincipalAccess& access : who.principals)
    std::cout << "  " << access.principal.tenant_id << '/' << access.principal.user_id << ' '
              << access.principal.display_name << " via " << joined(access.via.names()) << '\n';
}

void answer_explain(const tenantreach::World& world, const std::string& user, const std::string& resource) {
  const tenantreach::Explanation explanation = world.explain(user, resource);
  std::cout << "explain " << explanation.user.display_name << " -> " << explanation.resource.display_name << ": "
            << (explanation.reachable ? "reachable" : "not reachable") << '\n';
  for (const tenantreach::Path& path : explanation.paths) {
    std::cout << "  " << tenantreach::to_string(path.via) << ' ' << (path.allowed ? "allowed" : "denied");
    for (const tenantreach::Reason& reason : path.reasons) std::cout << ' ' << reason.code;
    std::cout << '\n';
  }
}

// External access to shared channels, one line per resource that anyone outside its tenant reaches.
void run_external_audit(const tenantreach::World& world) {
  tenantreach::AuditOptions options;
  options.kinds = {"sharedChannel"};
  options.external = true;
  options.min_principals = 1;
  options.principals = true;
  const tenantreach::AuditSummary summary = world.audit(options, [](const tenantreach::WhoCanReach& resource) {
    std::cout << "external " << resource.resource.tenant_id << '/' << resource.resource.id << ": "
              << resource.counts.total << " principals\n";
  });
  std::cout << "audit: " << summary.reported << " of " << summary.selected << " shared channels reached from outside"
            << (summary.cancelled ? " (cancelled)" : "") << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: audit_service SOURCE RESOURCE USER\n";
    return 2;
  }
  std::cout << "tenantreach " << tenantreach::library_version() << '\n';
  try {
    const tenantreach::World world = tenantreach::World::open(argv[1]);  // once; then any number of requests
    answer_who_can_reach(world, argv[2]);
    answer_explain(world, argv[3], argv[2]);
    run_external_audit(world);
  } catch (const tenantreach::NotFoundError& error) {  // AmbiguousError too: error.candidates() lists them
    std::cerr << "audit_service: " << error.what() << '\n';
    return 1;
  } catch (const tenantreach::InputError& error) {
    std::cerr << "audit_service: bad input in " << error.file() << " at " << error.location() << ", field "
              << error.field() << ": " << error.what() << '\n';
    return 2;
  }
  return 0;
}
