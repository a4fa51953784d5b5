// Microsoft Graph as a client must use it: bearer tokens (replaced on 401), 429/503/504 and network errors
// retried after Retry-After or an exponential back-off with jitter, @odata.nextLink paging, and a 403 turned
// into an error that names the permission the export lacks.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "export/token_source.hpp"

namespace tenantreach::exporter {

using Json = nlohmann::ordered_json;

// Graph answered with an error that retrying does not fix (403, 404, 400, or retries exhausted).
class GraphError : public std::runtime_error {
 public:
  GraphError(long status, std::string path, const std::string& message)
      : std::runtime_error(message), status_(status), path_(std::move(path)) {}
  long status() const { return status_; }
  const std::string& path() const { return path_; }  // the Graph path without version and query

 private:
  long status_;
  std::string path_;
};

struct GraphCounters {
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> throttled{0};    // 429 answers
  std::atomic<std::uint64_t> unavailable{0};  // 5xx answers and network errors
  std::atomic<std::uint64_t> token_refreshes{0};
};

struct RetryPolicy {
  int attempts = 8;             // per request, 429/5xx/network errors together
  double first_backoff_s = 0.5; // doubled per attempt, jittered between half and all of it
  double longest_wait_s = 120;  // cap on Retry-After and back-off alike
};

// Seconds a Retry-After header asks for: delta-seconds or an HTTP date; negative when absent or unreadable.
double parse_retry_after(const std::string& header, std::time_t now);

class GraphClient {
 public:
  // `graph_url` without a trailing slash, e.g. https://graph.microsoft.com.
  GraphClient(std::string graph_url, TokenSource& tokens, RetryPolicy policy = {});

  // GET of a path such as "/v1.0/users?$top=999" or of an absolute @odata.nextLink of this Graph.
  Json get(const std::string& path_or_link);
  // Every page from `path`, in order: on_page(items of the page, the nextLink or "" on the last page).
  void for_each_page(const std::string& path, const std::function<void(Json& items, const std::string& next)>& on_page);
  // Every item of a collection (for lists that are small per parent: members, channels, assignments).
  Json get_all(const std::string& path);

  const std::string& graph_url() const { return graph_url_; }
  const GraphCounters& counters() const { return counters_; }

 private:
  std::string graph_url_;
  TokenSource& tokens_;
  RetryPolicy policy_;
  GraphCounters counters_;
};

}  // namespace tenantreach::exporter
