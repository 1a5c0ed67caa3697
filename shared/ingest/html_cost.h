// Whether an HTML page can be parsed in bounded time and memory, told before Gumbo runs.
// Gumbo follows the HTML5 tree-building rules, which on pathological pages (thousands of
// unclosed elements or formatting tags) cost quadratic time or memory, and it has no limits
// of its own: parse_html_report asks this first.
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// Throws InputError at `source` when `html` is larger than a page may be (32 MiB), or when
// building its tree would take more than about a second of Gumbo's time or ~400 MB: too
// deeply nested, too many unclosed formatting elements, a tag with too many attributes.
void check_tree_cost(std::string_view html, const std::string& source);

}  // namespace tracuu
