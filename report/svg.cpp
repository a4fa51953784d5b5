#include "report/svg.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>

#include <gvc.h>
#include <gvplugin.h>

extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
}

namespace tenantreach::report {
namespace {

// Only the `dot` layout and the core renderers (SVG among them), linked in rather than loaded from Graphviz's
// plugin configuration: text is measured with the font metrics Graphviz carries, so a layout does not depend on
// the fonts a machine has, and no font library is loaded (Debian's pango plugin reads freed memory when a second
// context is created, and fontconfig keeps caches it never frees).
lt_symlist_t kBuiltinPlugins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {nullptr, nullptr},
};

// Graphviz reports errors through a callback; they go into the exception, not to stderr.
std::string graphviz_errors;
int collect_error(char* message) {
  graphviz_errors += message;
  return 0;
}

std::string failure(const std::string& what) {
  std::string message = "graphviz: " + what;
  while (!graphviz_errors.empty() && (graphviz_errors.back() == '\n' || graphviz_errors.back() == ' ')) graphviz_errors.pop_back();
  if (!graphviz_errors.empty()) message += " (" + graphviz_errors + ")";
  return message;
}

}  // namespace

std::string dot_to_svg(const std::string& dot) {
  // Graphviz keeps global state (its error callback, the layout's scratch): one layout at a time.
  static std::mutex graphviz;
  const std::lock_guard lock(graphviz);
  graphviz_errors.clear();
  agseterrf(collect_error);
  const std::unique_ptr<GVC_t, int (*)(GVC_t*)> context(gvContextPlugins(kBuiltinPlugins, 0), gvFreeContext);
  if (!context) throw std::runtime_error(failure("cannot create a context"));
  const std::unique_ptr<Agraph_t, int (*)(Agraph_t*)> graph(agmemread(dot.c_str()), agclose);
  if (!graph) throw std::runtime_error(failure("the DOT text does not parse"));
  if (gvLayout(context.get(), graph.get(), "dot") != 0) throw std::runtime_error(failure("layout failed"));
  char* data = nullptr;
  unsigned int length = 0;
  const int rendered = gvRenderData(context.get(), graph.get(), "svg", &data, &length);
  std::string svg = rendered == 0 && data != nullptr ? std::string(data, length) : std::string();
  gvFreeRenderData(data);
  gvFreeLayout(context.get(), graph.get());
  if (svg.empty()) throw std::runtime_error(failure("SVG rendering failed"));
  return svg;
}

std::string svg_element(const std::string& svg_document) {
  const auto start = svg_document.find("<svg");
  if (start == std::string::npos) return svg_document;
  // Graphviz writes one comment per element with its DOT name ("<!-- t0&#45;&gt;t1 -->"); HTML needs none.
  std::string out;
  out.reserve(svg_document.size() - start);
  for (std::size_t at = start; at < svg_document.size();) {
    const auto comment = svg_document.find("<!--", at);
    const auto end = comment == std::string::npos ? std::string::npos : svg_document.find("-->", comment);
    if (end == std::string::npos) {
      out.append(svg_document, at, std::string::npos);
      break;
    }
    out.append(svg_document, at, comment - at);
    at = end + 3;
  }
  return out;
}

}  // namespace tenantreach::report
