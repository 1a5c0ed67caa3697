// Reports written in Markdown (CommonMark, parsed with Debian's libcmark).
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

struct Report;

// Parses a decoded (UTF-8) Markdown report: optional YAML-style front matter between
// "---" lines (id or doc_id, title, date, url, source; other keys ignored), then the
// document. The title is the front matter's, else the document's first block (its
// "# heading", as a rule); every other paragraph, heading, list item, quotation and code block is a
// passage, its inline markup dropped (links keep their text, images go). Errors are
// InputError located at "<source>:<line>" (front matter) or "<source>".
Report parse_markdown_report(std::string_view text, const std::string& fallback_id,
                             const std::string& source);

}  // namespace tracuu
