// Reports read from HTML pages (the .html format in corpus/README.md).
#pragma once

#include <string>
#include <string_view>

#include "ingest/report.h"

namespace tracuu {

// Parses a decoded (UTF-8) HTML page into a report. The text comes from the page's main
// content (its <main>, else its longest <article>, else <body>) without navigation, page
// header and footer, scripts, forms or hidden elements; each block (p, li, h2, td…) and
// each <br>-separated line is one passage. The title is the content's first <h1>, else
// <title>; date and url come from <meta>, <link rel=canonical> and <time datetime>.
// `fallback_id` is the id and `source` the file, as for parse_text_report. Throws
// InputError at `source` for a page without title or paragraphs, or too large or too
// pathologically nested to parse in bounded time and memory.
Report parse_html_report(std::string_view html, const std::string& fallback_id,
                         const std::string& source);

}  // namespace tracuu
