#include "cli/signal_cleanup.hpp"

#include <csignal>

#include <unistd.h>

#include "serialization/temporary_files.hpp"

namespace tenantreach::cli {
namespace {

extern "C" void remove_temporaries_and_exit(int signal_number) {
  serialization::remove_registered_temporary_files();
  ::_exit(128 + signal_number);
}

}  // namespace

void install_signal_cleanup() {
  struct sigaction action {};
  action.sa_handler = remove_temporaries_and_exit;
  // While one of them is handled the other waits: the handler runs once, to the end.
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  for (const int signal_number : {SIGINT, SIGTERM}) {
    struct sigaction previous {};
    if (::sigaction(signal_number, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
    ::sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace tenantreach::cli
