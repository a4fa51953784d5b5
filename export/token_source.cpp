#include "export/token_source.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "export/client_assertion.hpp"
#include "export/http_client.hpp"

namespace tenantreach::exporter {
namespace {

using Json = nlohmann::json;

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string token_endpoint(const AuthOptions& options, const std::string& which) {
  return options.login_url + '/' + url_encode(options.tenant) + "/oauth2/v2.0/" + which;
}

// The token endpoint's answer: the access token, or an error carrying the endpoint's own explanation (which
// names the problem, such as AADSTS7000215 for a wrong secret, and never echoes the secret).
Json post_to_token_endpoint(const std::string& url, const FormFields& fields) {
  const HttpResponse response = http_post_form(url, fields);
  Json body = Json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    throw std::runtime_error("the token endpoint " + url + " answered HTTP " + std::to_string(response.status) +
                             " without a JSON body");
  return body;
}

std::string describe_token_error(const Json& body) {
  std::string text = body.value("error", std::string("error"));
  const std::string description = body.value("error_description", std::string());
  if (!description.empty()) text += ": " + description.substr(0, description.find("\r\n"));
  return text;
}

std::string access_token_from(const Json& body, const std::string& url) {
  if (!body.contains("access_token") || !body["access_token"].is_string())
    throw std::runtime_error("sign-in failed at " + url + ": " + describe_token_error(body));
  return body["access_token"].get<std::string>();
}

class ClientCredentials : public TokenSource {
 public:
  ClientCredentials(AuthOptions options, std::string secret, std::optional<Certificate> certificate)
      : options_(std::move(options)), secret_(std::move(secret)), certificate_(std::move(certificate)) {}

 protected:
  std::string acquire() override {
    const std::string url = token_endpoint(options_, "token");
    FormFields fields = {{"client_id", options_.client_id},
                         {"scope", options_.graph_url + "/.default"},
                         {"grant_type", "client_credentials"}};
    if (certificate_) {
      fields.emplace_back("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      fields.emplace_back("client_assertion", make_client_assertion(*certificate_, options_.client_id, url,
                                                                    std::chrono::system_clock::now()));
    } else {
      fields.emplace_back("client_secret", secret_);
    }
    return access_token_from(post_to_token_endpoint(url, fields), url);
  }

 private:
  AuthOptions options_;
  std::string secret_;
  std::optional<Certificate> certificate_;
};

class DeviceCode : public TokenSource {
 public:
  DeviceCode(AuthOptions options, std::function<void(const std::string&)> tell_user)
      : options_(std::move(options)), tell_user_(std::move(tell_user)) {}

 protected:
  std::string acquire() override {
    const std::string url = token_endpoint(options_, "token");
    const std::string scope = options_.graph_url + "/.default offline_access";
    if (!refresh_token_.empty()) {
      const Json body = post_to_token_endpoint(url, {{"client_id", options_.client_id},
                                                     {"grant_type", "refresh_token"},
                                                     {"refresh_token", refresh_token_},
                                                     {"scope", scope}});
      if (body.contains("access_token")) return keep(body);
    }
    const std::string code_url = token_endpoint(options_, "devicecode");
    const Json start = post_to_token_endpoint(code_url, {{"client_id", options_.client_id}, {"scope", scope}});
    if (!start.contains("device_code"))
      throw std::runtime_error("device code sign-in failed at " + code_url + ": " + describe_token_error(start));
    tell_user_(start.value("message", std::string("open the verification page and enter the code ") +
                                          start.value("user_code", std::string())));
    auto interval = std::chrono::seconds(start.value("interval", 5));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(start.value("expires_in", 900));
    while (std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(interval);
      const Json body = post_to_token_endpoint(
          url, {{"client_id", options_.client_id},
                {"grant_type", "urn:ietf:params:oauth:grant-type:device_code"},
                {"device_code", start["device_code"].get<std::string>()}});
      const std::string error = body.value("error", std::string());
      if (error == "authorization_pending") continue;
      if (error == "slow_down") {
        interval += std::chrono::seconds(5);
        continue;
      }
      return keep(body);
    }
    throw std::runtime_error("device code sign-in: the code expired before the sign-in was completed");
  }

 private:
  std::string keep(const Json& body) {
    std::string token = access_token_from(body, token_endpoint(options_, "token"));
    refresh_token_ = body.value("refresh_token", std::string());
    return token;
  }

  AuthOptions options_;
  std::function<void(const std::string&)> tell_user_;
  std::string refresh_token_;
};

// Runs the user's command through the shell and takes its output as the token: a bare token, or JSON with
// "accessToken" (az account get-access-token) or "access_token".
class TokenCommand : public TokenSource {
 public:
  explicit TokenCommand(std::string command) : command_(std::move(command)) {}

 protected:
  std::string acquire() override {
    FILE* pipe = ::popen(command_.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run the --token-command");
    std::string output;
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    if (status != 0)
      throw std::runtime_error("the --token-command failed (exit status " +
                               std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : status) + ")");
    output = trim(output);
    if (!output.empty() && output.front() == '{') {
      const Json body = Json::parse(output, nullptr, false);
      for (const char* name : {"accessToken", "access_token"})
        if (!body.is_discarded() && body.contains(name) && body[name].is_string()) return body[name];
      throw std::runtime_error("the --token-command printed JSON without accessToken or access_token");
    }
    if (output.empty() || output.find_first_of(" \t\r\n") != std::string::npos)
      throw std::runtime_error("the --token-command must print one bearer token (or JSON with accessToken)");
    return output;
  }

 private:
  std::string command_;
};

std::string read_secret(const AuthOptions& options) {
  if (!options.client_secret_env.empty()) {
    const char* value = std::getenv(options.client_secret_env.c_str());
    if (value == nullptr || *value == '\0')
      throw std::invalid_argument("the environment variable " + options.client_secret_env + " is not set");
    return value;
  }
  std::ifstream in(options.client_secret_file);
  std::string secret;
  if (!in || !std::getline(in, secret) || trim(secret).empty())
    throw std::invalid_argument("cannot read a secret from " + options.client_secret_file);
  return trim(secret);
}

}  // namespace

std::string TokenSource::token() {
  std::lock_guard lock(mutex_);
  if (current_.empty()) current_ = acquire();
  return current_;
}

void TokenSource::refresh(const std::string& rejected) {
  std::lock_guard lock(mutex_);
  if (current_ == rejected) current_ = acquire();
}

std::unique_ptr<TokenSource> make_token_source(const AuthOptions& options,
                                               std::function<void(const std::string&)> tell_user) {
  const int ways = !options.client_secret_env.empty() + !options.client_secret_file.empty() +
                   !options.certificate_file.empty() + options.device_code + !options.token_command.empty();
  if (ways != 1)
    throw std::invalid_argument(
        "choose one sign-in: --client-secret-env, --client-secret-file, --certificate, --device-code or "
        "--token-command");
  if (!options.token_command.empty()) return std::make_unique<TokenCommand>(options.token_command);
  if (options.client_id.empty()) throw std::invalid_argument("--client-id is required for this sign-in");
  if (options.device_code) return std::make_unique<DeviceCode>(options, std::move(tell_user));
  if (!options.certificate_file.empty())
    return std::make_unique<ClientCredentials>(options, "", load_certificate(options.certificate_file));
  return std::make_unique<ClientCredentials>(options, read_secret(options), std::nullopt);
}

}  // namespace tenantreach::exporter
