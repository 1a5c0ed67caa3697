#include "ingest/markdown.h"

#include <cmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "error.h"
#include "ingest/report.h"
#include "text/chars.h"
#include "text/normalize.h"

namespace tracuu {
namespace {

// Runs of white space as one space.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : trim_white_space(s)) {
    if (is_ascii_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The text of a block's inline content: text, code spans and link texts; line breaks
// as spaces; images and raw HTML left out.
void inline_text(cmark_node* node, std::string& out) {
  for (cmark_node* child = cmark_node_first_child(node); child != nullptr;
       child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* literal = cmark_node_get_literal(child)) out += literal;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_IMAGE:
      case CMARK_NODE_HTML_INLINE:
        break;
      default:  // emphasis, strong, link: their children
        inline_text(child, out);
    }
  }
}

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// The front matter's lines, or none; `body` is what follows it.
void read_front_matter(std::string_view text, const std::string& source, Report& report,
                       std::string_view& body, std::size_t& body_line) {
  body = text;
  body_line = 1;
  if (!(text.starts_with("---\n") || text.starts_with("---\r\n"))) return;
  std::size_t pos = text.find('\n') + 1;
  std::size_t line_number = 1;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = trim_white_space(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_number;
    if (line == "---" || line == "...") {
      body = text.substr(std::min(pos, text.size()));
      body_line = line_number + 1;
      return;
    }
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = trim_white_space(line.substr(0, colon));
    std::string_view value = trim_white_space(line.substr(colon + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    const std::string where = fmt::format("{}:{}", source, line_number);
    if (key == "id" || key == "doc_id") {
      report.id = value;
      check_report_id(report.id, where);
    } else if (key == "title") {
      report.title = to_nfc(value);
    } else if (key == "date") {
      // YAML dates may carry a time: "2025-06-16T08:00:00+07:00".
      const auto date = parse_date(value.substr(0, value.find_first_of("T ")));
      if (!date) {
        throw InputError(where, fmt::format("date \"{}\" is not a date (want YYYY-MM-DD)", value));
      }
      report.date = *date;
    } else if (key == "url") {
      report.url = value;
    } else if (key == "source") {
      report.source = value;
    }
  }
  throw InputError(source, "front matter opened with --- is never closed");
}

}  // namespace

Report parse_markdown_report(std::string_view text, const std::string& fallback_id,
                             const std::string& source) {
  Report report;
  report.id = fallback_id;
  std::string_view body;
  std::size_t body_line = 1;
  read_front_matter(text, source, report, body, body_line);
  check_report_id(report.id, source);

  const std::unique_ptr<cmark_node, NodeDeleter> doc(
      cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT));
  if (!doc) throw InputError(source, "cannot parse as Markdown");
  const std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc.get()));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    std::string raw;
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
      inline_text(node, raw);
    } else if (type == CMARK_NODE_CODE_BLOCK) {
      if (const char* literal = cmark_node_get_literal(node)) raw = literal;
    } else {
      continue;
    }
    std::string paragraph = to_nfc(collapse_spaces(raw));
    if (paragraph.empty()) continue;
    if (report.title.empty()) {
      report.title = std::move(paragraph);
      continue;
    }
    report.passages.push_back(std::move(paragraph));
    // cmark counts the body's lines; the front matter's come before them.
    report.lines.push_back(body_line - 1 +
                           static_cast<std::size_t>(std::max(cmark_node_get_start_line(node), 1)));
  }
  if (report.title.empty()) throw InputError(source, "empty report: no title");
  if (report.passages.empty()) throw InputError(source, "no paragraphs after the title");
  return report;
}

}  // namespace tracuu
