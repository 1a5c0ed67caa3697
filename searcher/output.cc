#include "output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "query/snippet.h"
#include "text/utf8.h"

namespace tracuu::search_cli {
namespace {

constexpr const char* kHighlightOn = "\x1b[1;31m";
constexpr const char* kBoldOn = "\x1b[1m";
constexpr const char* kDimOn = "\x1b[2m";
constexpr const char* kOff = "\x1b[0m";
// Long passages (law articles run to thousands of bytes) are shown as windows around
// their highlights, together about this long; --json always carries the whole text.
constexpr std::size_t kSnippetBytes = 480;

using Json = nlohmann::ordered_json;

// What the text output says of how a passage matches (Result::match).
const char* match_note(const std::string& match) {
  if (match == "all") return "";
  if (match == "forms") return " · every word, some in another form";
  if (match == "title") return " · every word with the report's title";
  return " · some of the words";
}

// A JSON output line, with the query's line number first in batch mode.
Json json_line(const Output& out) {
  Json line = Json::object();
  if (out.query > 0) line["query"] = out.query;
  return line;
}

void print_json_line(const Json& line) {
  fmt::print("{}\n", line.dump(-1, ' ', false, Json::error_handler_t::replace));
}

template <class T>
Json or_null(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json spans(const std::vector<Offsets>& offsets) {
  Json out = Json::array();
  for (const auto& [start, end] : offsets) out.push_back({start, end});
  return out;
}

// A result as --json prints it: its fields under their names, in this order.
void print_json(const Result& hit, const Output& out) {
  Json line = json_line(out);
  line["rank"] = hit.rank;
  line["score"] = hit.score;
  line["match"] = hit.match;
  line["id"] = hit.id;
  line["title"] = hit.title;
  line["number"] = or_null(hit.number);
  line["passage"] = hit.passage;
  line["path"] = hit.path;
  line["line"] = or_null(hit.line);
  line["source"] = hit.source;
  line["url"] = or_null(hit.url);
  line["date"] = or_null(hit.date);
  line["article"] = or_null(hit.article);
  line["text"] = hit.text;
  line["highlights"] = spans(hit.highlights);
  line["highlight_chars"] = spans(hit.highlight_chars);
  if (out.with_context) {
    Json before = Json::array(), after = Json::array();
    for (const auto& n : hit.before) before.push_back({{"passage", n.passage}, {"text", n.text}});
    for (const auto& n : hit.after) after.push_back({{"passage", n.passage}, {"text", n.text}});
    line["context"] = {{"before", before}, {"after", after}};
  }
  print_json_line(line);
}

// The passage, or the regions of a long one with its highlights (up to three, joined by
// "…"), the highlights marked as `out` says. Text output shows what the index holds through
// printable (control characters, bidi overrides as U+FFFD); --json carries it exactly.
void print_text(std::string_view text, const std::vector<Offsets>& offsets, const Output& out) {
  std::vector<tracuu::Span> highlights;
  for (const auto& [start, end] : offsets) {
    highlights.emplace_back(static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end));
  }
  const std::vector<tracuu::Snippet> shown =
      tracuu::choose_fragments(text, highlights, kSnippetBytes);
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const tracuu::Snippet& part = shown[i];
    if (i > 0)
      fmt::print(" … ");
    else if (part.start > 0)
      fmt::print("…");
    std::size_t at = part.start;
    for (const auto& [start, end] : highlights) {
      if (start < part.start || end > part.end) continue;
      fmt::print("{}", printable(text.substr(at, start - at)));
      const std::string word = printable(text.substr(start, end - start));
      if (out.color) {
        fmt::print("{}{}{}", kHighlightOn, word, kOff);
      } else {
        fmt::print("{}{}{}", out.open, word, out.close);
      }
      at = end;
    }
    fmt::print("{}", printable(text.substr(at, part.end - at)));
  }
  fmt::print("{}\n", !shown.empty() && shown.back().end < text.size() ? "…" : "");
}

// Where the hit is, first as an editor takes it (PATH:LINE, as ripgrep's --vimgrep; the
// report id where the line is unknown), then its date and URL, number, passage, article.
std::string location(const Result& hit) {
  std::string meta = hit.line ? fmt::format("{}:{}", hit.path, *hit.line) : hit.id;
  if (hit.date) meta += " · " + *hit.date;
  if (hit.url) meta += " · " + *hit.url;
  if (hit.number) meta += " · Số " + *hit.number;
  meta += fmt::format(" · passage {}", hit.passage);
  if (hit.article) meta += fmt::format(" · Điều {}", *hit.article);
  return meta + match_note(hit.match);
}

void print_human(const Result& hit, const Output& out) {
  const std::size_t rank = hit.rank;
  const bool color = out.color;
  fmt::print("{}{}. {}{}\n", color ? kBoldOn : "", rank,
             hit.title.empty() ? "(no title)" : printable(hit.title), color ? kOff : "");
  fmt::print("   {}{}{}\n", color ? kDimOn : "", printable(location(hit)), color ? kOff : "");
  Output plain;  // neighbours: no highlights
  auto neighbour = [&](const NearbyPassage& n) {
    fmt::print("   {}{}- ", color ? kDimOn : "", n.passage);
    print_text(n.text, {}, plain);
    if (color) fmt::print("{}", kOff);
  };
  for (const auto& n : hit.before) neighbour(n);
  fmt::print("   {}", out.with_context ? fmt::format("{}: ", hit.passage) : "");
  print_text(hit.text, hit.highlights, out);
  for (const auto& n : hit.after) neighbour(n);
  fmt::print("{}\n", out.with_context ? "--" : "");
}

}  // namespace

void print_hit(const Result& hit, const Output& out) {
  if (out.json)
    print_json(hit, out);
  else
    print_human(hit, out);
}

void print_counts(const Totals& counts, bool as_total, const Output& out) {
  if (out.json) {
    Json line = json_line(out);
    if (as_total) {
      line["total"] = {{"passages", counts.passages}, {"reports", counts.reports}};
    } else {
      line["passages"] = counts.passages;
      line["reports"] = counts.reports;
    }
    print_json_line(line);
  } else {
    fmt::print("{} passage{} in {} report{}\n", counts.passages, counts.passages == 1 ? "" : "s",
               counts.reports, counts.reports == 1 ? "" : "s");
  }
}

void print_facet(const std::string& field, const std::vector<FacetCount>& values,
                 const Output& out) {
  for (const auto& v : values) {
    if (out.json) {
      Json line = json_line(out);
      line["facet"] = field;
      line["value"] = or_null(v.value);
      line["count"] = v.count;
      print_json_line(line);
    } else {
      fmt::print("{:>8}  {}\n", v.count, v.value ? printable(*v.value) : "(none)");
    }
  }
}

void print_refs(const std::vector<CitedDocument>& refs, const Output& out) {
  for (const auto& r : refs) {
    if (out.json) {
      print_json_line(Json{{"ref", r.ref},
                           {"name", r.name},
                           {"keys", r.keys},
                           {"passages", r.passages},
                           {"reports", r.reports}});
    } else {
      fmt::print("{:>8} {:>8}  {} ({})\n", r.passages, r.reports, printable(r.name),
                 printable(r.ref));
    }
  }
}

}  // namespace tracuu::search_cli
