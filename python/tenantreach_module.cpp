// The `tenantreach` Python module: the public C++ API (include/tenantreach/) with answers as dicts shaped like the
// CLI's JSON (spec §10 keys, names included), exceptions as Python exceptions, and the GIL released while the
// engine works. The audit is an iterator fed by a worker thread through a small bounded queue, so an audit of
// millions of principals never sits in memory.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "tenantreach/tenantreach.hpp"

namespace py = pybind11;
namespace tr = tenantreach;

namespace {

py::list via_list(tr::ViaSet via) {
  py::list out;
  for (const std::string& name : via.names()) out.append(name);
  return out;
}

py::dict to_dict(const tr::Resource& r) {
  py::dict d;
  d["tenantId"] = r.tenant_id;
  d["id"] = r.id;
  d["kind"] = r.kind;
  d["displayName"] = r.display_name;
  d["tenantName"] = r.tenant_name;
  return d;
}

py::dict to_dict(const tr::Principal& p) {
  py::dict d;
  d["tenantId"] = p.tenant_id;
  d["userId"] = p.user_id;
  d["linked"] = p.linked;
  d["displayName"] = p.display_name;
  d["tenantName"] = p.tenant_name;
  return d;
}

py::dict to_dict(const tr::Counts& c) {
  py::dict d;
  d["total"] = c.total;
  d["byVia"] = c.by_via;
  d["byTenant"] = c.by_tenant;
  return d;
}

py::dict to_dict(const tr::WhoCanReach& w) {
  py::dict d;
  d["resource"] = to_dict(w.resource);
  py::list principals;
  for (const tr::PrincipalAccess& access : w.principals) {
    py::dict p = to_dict(access.principal);
    p["via"] = via_list(access.via);
    principals.append(std::move(p));
  }
  d["principals"] = std::move(principals);
  d["counts"] = to_dict(w.counts);
  return d;
}

py::dict to_dict(const tr::WhatCanReach& w) {
  py::dict d;
  d["user"] = to_dict(w.user);
  py::list resources;
  for (const tr::ResourceAccess& access : w.resources) {
    py::dict r = to_dict(access.resource);
    r["via"] = via_list(access.via);
    resources.append(std::move(r));
  }
  d["resources"] = std::move(resources);
  d["counts"] = to_dict(w.counts);
  return d;
}

py::dict to_dict(const tr::Explanation& e) {
  py::dict d;
  d["user"] = to_dict(e.user);
  d["resource"] = to_dict(e.resource);
  d["reachable"] = e.reachable;
  py::list paths;
  for (const tr::Path& path : e.paths) {
    py::dict p;
    p["via"] = std::string(tr::to_string(path.via));
    py::list steps, names;
    for (const tr::Step& step : path.steps) {
      steps.append(step.address);
      names.append(step.display_name);
    }
    p["steps"] = std::move(steps);
    p["stepNames"] = std::move(names);
    p["allowed"] = path.allowed;
    py::list reasons;
    for (const tr::Reason& reason : path.reasons) {
      py::dict r;
      r["code"] = reason.code;
      if (!reason.policy_id.empty()) {
        r["policyId"] = reason.policy_id;
        r["policyName"] = reason.policy_name;
      }
      reasons.append(std::move(r));
    }
    p["reasons"] = std::move(reasons);
    paths.append(std::move(p));
  }
  d["paths"] = std::move(paths);
  return d;
}

py::dict to_dict(const tr::Stats& s) {
  py::dict d;
  d["counts"] = s.counts;
  d["warnings"] = s.warnings;
  py::list list;
  for (const tr::Warning& w : s.warning_list) {
    py::dict entry;
    entry["code"] = w.code;
    entry["message"] = w.message;
    list.append(std::move(entry));
  }
  d["warningList"] = std::move(list);
  d["sources"] = s.sources;
  return d;
}

// An audit running on a worker thread, handing results over through a queue of at most kQueued resources.
class AuditIterator {
 public:
  AuditIterator(std::shared_ptr<const tr::World> world, tr::AuditOptions options) : world_(std::move(world)) {
    options.stop = stop_.get_token();
    worker_ = std::thread([this, options = std::move(options)] {
      try {
        world_->audit(options, [this](const tr::WhoCanReach& result) {
          std::unique_lock lock(mutex_);
          changed_.wait(lock, [&] { return queue_.size() < kQueued || stop_.stop_requested(); });
          if (stop_.stop_requested()) return;
          queue_.push_back(result);
          changed_.notify_all();
        });
      } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
      }
      std::lock_guard lock(mutex_);
      done_ = true;
      changed_.notify_all();
    });
  }
  AuditIterator(const AuditIterator&) = delete;
  AuditIterator& operator=(const AuditIterator&) = delete;
  ~AuditIterator() { finish(); }

  py::dict next() {
    std::optional<tr::WhoCanReach> result;
    {
      py::gil_scoped_release release;
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (!queue_.empty()) {
        result = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
      }
    }
    if (result) return to_dict(*result);
    finish();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    throw py::stop_iteration();
  }

  // Stops the worker (when the caller left the loop early), waits for it and drops what it had queued: after
  // close(), the iterator is exhausted.
  void finish() {
    if (!worker_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      stop_.request_stop();
      changed_.notify_all();
    }
    {
      py::gil_scoped_release release;
      worker_.join();
    }
    queue_.clear();
  }

 private:
  static constexpr std::size_t kQueued = 256;
  std::shared_ptr<const tr::World> world_;
  std::stop_source stop_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<tr::WhoCanReach> queue_;
  bool done_ = false;
  std::exception_ptr error_;
  std::thread worker_;
};

}  // namespace

PYBIND11_MODULE(tenantreach, m) {
  m.doc() = "tenantreach: who can reach what across Entra ID tenants, and why (docs/PYTHON.md)";
  m.attr("__version__") = TENANTREACH_VERSION_STRING;

  static py::exception<tr::Error> error(m, "Error");
  static py::exception<tr::InputError> input_error(m, "InputError", error.ptr());
  static py::exception<tr::NotFoundError> not_found_error(m, "NotFoundError", error.ptr());
  static py::exception<tr::AmbiguousError> ambiguous_error(m, "AmbiguousError", not_found_error.ptr());
  py::register_exception_translator([](std::exception_ptr thrown) {
    // The C++ error's details become attributes of the Python exception.
    const auto raise = [](py::handle type, const char* message, const py::dict& attributes) {
      py::object instance = py::reinterpret_borrow<py::object>(type)(message);
      for (auto item : attributes) instance.attr(item.first) = item.second;
      PyErr_SetObject(type.ptr(), instance.ptr());
    };
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const tr::InputError& e) {
      raise(input_error, e.what(),
            py::dict(py::arg("file") = e.file(), py::arg("location") = e.location(), py::arg("field") = e.field()));
    } catch (const tr::AmbiguousError& e) {
      raise(ambiguous_error, e.what(),
            py::dict(py::arg("candidates") = e.candidates()));
    } catch (const tr::NotFoundError& e) {
      raise(not_found_error, e.what(), py::dict());
    } catch (const tr::Error& e) {
      raise(error, e.what(), py::dict());
    }
  });

  py::class_<AuditIterator>(m, "AuditIterator")
      .def("__iter__", [](AuditIterator& self) -> AuditIterator& { return self; })
      .def("__next__", &AuditIterator::next)
      .def("close", &AuditIterator::finish, "stop the audit early");

  py::class_<tr::World, std::shared_ptr<tr::World>>(m, "World")
      .def("who_can_reach",
           [](const tr::World& w, const std::string& resource) {
             tr::WhoCanReach result = [&] {
               py::gil_scoped_release release;
               return w.who_can_reach(resource);
             }();
             return to_dict(result);
           },
           py::arg("resource"), "every principal that reaches RESOURCE, with its paths (spec §10)")
      .def("what_can_reach",
           [](const tr::World& w, const std::string& user) {
             tr::WhatCanReach result = [&] {
               py::gil_scoped_release release;
               return w.what_can_reach(user);
             }();
             return to_dict(result);
           },
           py::arg("user"), "every resource USER reaches, with its paths")
      .def("explain",
           [](const tr::World& w, const std::string& user, const std::string& resource) {
             tr::Explanation result = [&] {
               py::gil_scoped_release release;
               return w.explain(user, resource);
             }();
             return to_dict(result);
           },
           py::arg("user"), py::arg("resource"), "every way USER could reach RESOURCE, and the verdict of each")
      .def("stats", [](const tr::World& w) { return to_dict(w.stats()); }, "counts, warnings and the files read")
      .def(
          "audit",
          [](std::shared_ptr<tr::World> w, std::vector<std::string> kinds, std::vector<std::string> via,
             bool external, std::vector<std::string> resource_tenants, std::vector<std::string> principal_tenants,
             std::uint64_t min_principals, bool principals, std::size_t threads) {
            tr::AuditOptions options;
            options.kinds = std::move(kinds);
            for (const std::string& name : via) options.vias.push_back(tr::parse_via(name));  // ValueError for other names
            options.external = external;
            options.resource_tenants = std::move(resource_tenants);
            options.principal_tenants = std::move(principal_tenants);
            options.min_principals = min_principals;
            options.principals = principals;
            options.threads = threads;
            return std::make_unique<AuditIterator>(std::move(w), std::move(options));
          },
          py::kw_only(), py::arg("kinds") = std::vector<std::string>{}, py::arg("via") = std::vector<std::string>{},
          py::arg("external") = false, py::arg("resource_tenants") = std::vector<std::string>{},
          py::arg("principal_tenants") = std::vector<std::string>{}, py::arg("min_principals") = 0,
          py::arg("principals") = false, py::arg("threads") = 0,
          "an iterator over every selected resource's who-can-reach answer, in audit order");

  m.def(
      "open",
      [](const std::string& path) {
        py::gil_scoped_release release;
        return std::make_shared<tr::World>(tr::World::open(path));
      },
      py::arg("path"), "open a world directory or a snapshot");
}
