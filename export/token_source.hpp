// Bearer tokens for Graph, by one of four sign-ins: client credentials with a secret (read from an environment
// variable or a file, never from the command line) or with a certificate (a signed JWT assertion), the device
// code flow for delegated read-only roles, or a command that prints a token (the Azure CLI, for instance).
// Tokens and secrets never appear in an error message.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace tenantreach::exporter {

struct AuthOptions {
  std::string tenant;     // tenant id or verified domain, as the token endpoint accepts it
  std::string login_url;  // https://login.microsoftonline.com (or a national cloud, or the test server)
  std::string graph_url;  // the scope is <graph_url>/.default
  std::string client_id;
  std::string client_secret_env;   // name of the environment variable holding the secret
  std::string client_secret_file;  // a file whose first line is the secret
  std::string certificate_file;    // PEM: private key and certificate
  bool device_code = false;
  std::string token_command;
};

// Thread-safe: workers share one source; a 401 makes one of them fetch a new token, the others reuse it.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  std::string token();
  // Graph refused `rejected` (expired or revoked): replaces it unless another thread already did.
  void refresh(const std::string& rejected);

 protected:
  virtual std::string acquire() = 0;

 private:
  std::mutex mutex_;
  std::string current_;
};

// Checks the options (exactly one sign-in; what it needs is given) and builds the source. Throws
// std::invalid_argument for bad options. `tell_user` receives what the user must do (the device code message).
std::unique_ptr<TokenSource> make_token_source(const AuthOptions& options,
                                               std::function<void(const std::string&)> tell_user);

}  // namespace tenantreach::exporter
