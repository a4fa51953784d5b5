// HTTP over libcurl: one connection-reusing handle per thread, no redirects followed (a bearer token must never
// travel to a host the caller did not name), every failure of the transport reported as TransportError.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tenantreach::exporter {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string retry_after;  // the Retry-After header, empty when absent
};

// The request never reached an answer (connection refused, reset, timeout): worth retrying.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using FormFields = std::vector<std::pair<std::string, std::string>>;

HttpResponse http_get(const std::string& url, const std::vector<std::string>& headers);
HttpResponse http_post_form(const std::string& url, const FormFields& fields);

// Percent-encodes one URL path segment or query value (channel ids hold ':' and '@').
std::string url_encode(const std::string& text);

}  // namespace tenantreach::exporter
