// tracuu-search: ranked, highlighted passages from a tracuu database.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "error.h"
#include "index/database.h"
#include "query/query.h"
#include "query/searcher.h"
#include "query/snippet.h"

namespace {

constexpr const char* kHighlightOn = "\x1b[1;31m";
constexpr const char* kBoldOn = "\x1b[1m";
constexpr const char* kDimOn = "\x1b[2m";
constexpr const char* kOff = "\x1b[0m";
// Long passages (law articles run to thousands of bytes) are shown as a window around
// their highlights; --json always carries the whole text.
constexpr std::size_t kSnippetBytes = 480;

void print_json(const tracuu::Hit& hit, std::size_t rank) {
  nlohmann::ordered_json line;
  line["rank"] = rank;
  line["score"] = hit.score;
  line["id"] = hit.id;
  line["title"] = hit.title;
  line["passage"] = hit.passage;
  line["source"] = hit.source;
  line["url"] = hit.url.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(hit.url);
  line["date"] = hit.date.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(hit.date);
  line["text"] = hit.text;
  line["highlights"] = nlohmann::ordered_json::array();
  for (const auto& [start, end] : hit.highlights) line["highlights"].push_back({start, end});
  fmt::print("{}\n", line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void print_human(const tracuu::Hit& hit, std::size_t rank, bool color) {
  fmt::print("{}{}. {}{}\n", color ? kBoldOn : "", rank, hit.title, color ? kOff : "");
  std::string meta;
  if (!hit.date.empty()) meta += hit.date + " · ";
  meta += fmt::format("{} · passage {}", hit.source, hit.passage);
  fmt::print("   {}{}{}\n   ", color ? kDimOn : "", meta, color ? kOff : "");

  const std::string_view text = hit.text;
  const tracuu::Snippet shown = tracuu::choose_snippet(text, hit.highlights, kSnippetBytes);
  if (shown.start > 0) fmt::print("…");
  std::size_t at = shown.start;
  for (const auto& [start, end] : hit.highlights) {
    if (start < shown.start || end > shown.end) continue;
    fmt::print("{}", text.substr(at, start - at));
    const std::string_view word = text.substr(start, end - start);
    if (color) {
      fmt::print("{}{}{}", kHighlightOn, word, kOff);
    } else {
      fmt::print("[{}]", word);  // without colour, brackets mark what matched
    }
    at = end;
  }
  fmt::print("{}{}\n\n", text.substr(at, shown.end - at), shown.end < text.size() ? "…" : "");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Search a tracuu database for passages of Vietnamese reports, typed with or "
               "without diacritics. \"Quoted words\" must appear as a phrase.\nExit status: 0 "
               "something matched, 1 nothing matched, 2 error.",
               "tracuu-search"};
  std::string db_flag;
  std::size_t limit = 10;
  bool json = false;
  std::string color_when = "auto";
  std::vector<std::string> words;
  app.add_option("--db", db_flag, "Database folder (default: $TRACUU_DB, else ./tracuu.db)");
  app.add_option("-n,--limit", limit, "Number of passages to show")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  app.add_flag("--json", json, "One JSON object per result line (keys in README.md)");
  app.add_option("--color", color_when, "Highlight in colour: never, always, auto (a terminal)")
      ->capture_default_str()
      ->check(CLI::IsMember({"never", "always", "auto"}));
  app.add_option("QUERY", words, "The query; several arguments are joined with spaces")
      ->required();
  app.set_version_flag("--version", std::string("tracuu-search ") + TRACUU_VERSION);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    fmt::print(stderr, "tracuu-search: {}\nRun 'tracuu-search --help' for usage.\n", e.what());
    return 2;
  }

  std::string raw;
  for (const auto& w : words) raw += (raw.empty() ? "" : " ") + w;
  const bool color = color_when == "always" ||
                     (color_when == "auto" && isatty(STDOUT_FILENO) == 1 &&
                      std::getenv("NO_COLOR") == nullptr);
  try {
    const tracuu::ParsedQuery query = tracuu::parse_query(raw);
    tracuu::Searcher searcher(tracuu::resolve_db_path(db_flag));
    const std::vector<tracuu::Hit> hits = searcher.search(query, 0, limit);
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (json) {
        print_json(hits[i], i + 1);
      } else {
        print_human(hits[i], i + 1, color);
      }
    }
    return hits.empty() ? 1 : 0;
  } catch (const tracuu::Error& e) {
    fmt::print(stderr, "tracuu-search: {}\n", e.what());
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "tracuu-search: database error: {}\n", e.get_description());
  } catch (const std::exception& e) {
    fmt::print(stderr, "tracuu-search: error: {}\n", e.what());
  }
  return 2;
}
