// SIGINT and SIGTERM end the command without leaving a temporary file behind: the handler removes the files that
// open AtomicFiles registered (serialization/temporary_files.hpp) and exits with 128 + the signal number (130,
// 143), as a shell reports a process killed by that signal.
#pragma once

namespace tenantreach::cli {

// Installs the handlers; a signal the process was started with ignored (nohup, `cmd &` in a script) stays ignored.
void install_signal_cleanup();

}  // namespace tenantreach::cli
