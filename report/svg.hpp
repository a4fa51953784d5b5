// Lays out DOT text with Graphviz's `dot` engine, in process (libgvc), and returns the SVG.
#pragma once

#include <string>

namespace tenantreach::report {

// The whole SVG document. Throws std::runtime_error when Graphviz refuses the text or cannot render.
std::string dot_to_svg(const std::string& dot);

// The <svg> element alone (no XML declaration, DOCTYPE or comments), for embedding in HTML.
std::string svg_element(const std::string& svg_document);

}  // namespace tenantreach::report
