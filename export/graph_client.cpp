#include "export/graph_client.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <random>
#include <thread>

#include "export/http_client.hpp"
#include "export/permissions.hpp"

namespace tenantreach::exporter {
namespace {

// "teams/{id}/allChannels" from "https://graph…/v1.0/teams/{id}/allChannels?$top=…": what errors name.
std::string graph_path(const std::string& url, const std::string& graph_url) {
  std::string path = url.starts_with(graph_url) ? url.substr(graph_url.size()) : url;
  path = path.substr(0, path.find('?'));
  for (const char* version : {"/v1.0/", "/beta/"})
    if (path.starts_with(version)) return path.substr(std::string(version).size());
  return path;
}

std::string graph_error_text(const std::string& body) {
  const Json parsed = Json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
    const Json& error = parsed["error"];
    std::string text = error.value("code", std::string());
    const std::string message = error.value("message", std::string());
    if (!message.empty()) text += (text.empty() ? "" : ": ") + message;
    return text;
  }
  return "";
}

bool retryable(long status) { return status == 429 || status == 500 || status == 502 || status == 503 || status == 504; }

}  // namespace

double parse_retry_after(const std::string& header, std::time_t now) {
  if (header.empty()) return -1;
  if (header.find_first_not_of("0123456789.") == std::string::npos) {
    try {
      return std::stod(header);
    } catch (const std::exception&) {
      return -1;
    }
  }
  std::tm date{};
  if (::strptime(header.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &date) == nullptr) return -1;
  return std::max(0.0, std::difftime(::timegm(&date), now));
}

GraphClient::GraphClient(std::string graph_url, TokenSource& tokens, RetryPolicy policy)
    : graph_url_(std::move(graph_url)), tokens_(tokens), policy_(policy) {
  while (graph_url_.ends_with('/')) graph_url_.pop_back();
}

Json GraphClient::get(const std::string& path_or_link) {
  const bool absolute = path_or_link.starts_with("http://") || path_or_link.starts_with("https://");
  // A nextLink elsewhere would receive our bearer token: refuse it.
  if (absolute && !path_or_link.starts_with(graph_url_ + "/"))
    throw GraphError(0, path_or_link, "Graph returned a link outside " + graph_url_ + "; refusing to follow it");
  const std::string url = absolute ? path_or_link : graph_url_ + path_or_link;
  const std::string path = graph_path(url, graph_url_);
  thread_local std::mt19937_64 random(std::random_device{}());

  bool refreshed = false;
  std::string last_problem;
  for (int attempt = 0; attempt < policy_.attempts; ++attempt) {
    const std::string token = tokens_.token();
    HttpResponse response;
    double wait = -1;
    try {
      counters_.requests++;
      response = http_get(url, {"Authorization: Bearer " + token, "ConsistencyLevel: eventual"});
    } catch (const TransportError& error) {
      counters_.unavailable++;
      last_problem = error.what();
      response.status = 0;
    }
    if (response.status == 200) {
      Json body = Json::parse(response.body, nullptr, false);
      if (body.is_discarded()) throw GraphError(200, path, "GET " + path + ": Graph answered with malformed JSON");
      return body;
    }
    if (response.status == 401 && !refreshed) {
      // An expired token: one new token per request, so a token that never works fails fast.
      counters_.token_refreshes++;
      tokens_.refresh(token);
      refreshed = true;
      --attempt;
      continue;
    }
    if (response.status != 0 && !retryable(response.status)) {
      std::string message = "GET " + path + ": HTTP " + std::to_string(response.status);
      const std::string detail = graph_error_text(response.body);
      if (!detail.empty()) message += " " + detail;
      if (response.status == 403 || response.status == 401) {
        const Permission needed = permission_for(path);
        message += ". The export needs the permission " + std::string(needed.application) +
                   " (or, signed in as a user, the role " + std::string(needed.role) + ")";
      }
      throw GraphError(response.status, path, message);
    }
    if (response.status == 429) counters_.throttled++;
    else if (response.status != 0) counters_.unavailable++;
    if (response.status != 0) {
      last_problem = "HTTP " + std::to_string(response.status);
      wait = parse_retry_after(response.retry_after, std::time(nullptr));
    }
    if (wait < 0) {
      const double ceiling = policy_.first_backoff_s * std::pow(2.0, attempt);
      wait = std::uniform_real_distribution<double>(ceiling / 2, ceiling)(random);
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(std::min(wait, policy_.longest_wait_s)));
  }
  throw GraphError(0, path, "GET " + path + ": gave up after " + std::to_string(policy_.attempts) +
                                " attempts (" + last_problem + ")");
}

void GraphClient::for_each_page(const std::string& path,
                                const std::function<void(Json& items, const std::string& next)>& on_page) {
  std::string link = path;
  while (!link.empty()) {
    Json page = get(link);
    link = page.contains("@odata.nextLink") && page["@odata.nextLink"].is_string()
               ? page["@odata.nextLink"].get<std::string>()
               : "";
    Json items = page.contains("value") && page["value"].is_array() ? std::move(page["value"]) : Json::array();
    on_page(items, link);
  }
}

Json GraphClient::get_all(const std::string& path) {
  Json all = Json::array();
  for_each_page(path, [&](Json& items, const std::string&) {
    for (Json& item : items) all.push_back(std::move(item));
  });
  return all;
}

}  // namespace tenantreach::exporter
