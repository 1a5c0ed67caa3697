// tracuu-search: ranked, highlighted passages from a tracuu database.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "error.h"
#include "index/database.h"
#include "index/shards.h"
#include "query/query.h"
#include "query/searcher.h"
#include "query/snippet.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace {

constexpr const char* kHighlightOn = "\x1b[1;31m";
constexpr const char* kBoldOn = "\x1b[1m";
constexpr const char* kDimOn = "\x1b[2m";
constexpr const char* kOff = "\x1b[0m";
// Long passages (law articles run to thousands of bytes) are shown as a window around
// their highlights; --json always carries the whole text.
constexpr std::size_t kSnippetBytes = 480;

using Json = nlohmann::ordered_json;

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// The JSON name of how a passage matches, and what the text output says of it.
const char* match_name(tracuu::Match m) {
  switch (m) {
    case tracuu::Match::kAll: return "all";
    case tracuu::Match::kForms: return "forms";
    case tracuu::Match::kTitle: return "title";
    case tracuu::Match::kSome: break;
  }
  return "some";
}
const char* match_note(tracuu::Match m) {
  switch (m) {
    case tracuu::Match::kAll: return "";
    case tracuu::Match::kForms: return " · every word, some in another form";
    case tracuu::Match::kTitle: return " · every word with the report's title";
    case tracuu::Match::kSome: break;
  }
  return " · some of the words";
}

void print_json(const tracuu::Hit& hit, std::size_t rank, bool with_context) {
  Json line;
  line["rank"] = rank;
  line["score"] = hit.score;
  line["match"] = match_name(hit.match);
  line["id"] = hit.id;
  line["title"] = hit.title;
  line["passage"] = hit.passage;
  line["source"] = hit.source;
  line["url"] = or_null(hit.url);
  line["date"] = or_null(hit.date);
  line["article"] = or_null(hit.article);
  line["text"] = hit.text;
  line["highlights"] = Json::array();
  for (const auto& [start, end] : hit.highlights) line["highlights"].push_back({start, end});
  if (with_context) {
    Json before = Json::array(), after = Json::array();
    for (const auto& n : hit.before) before.push_back({{"passage", n.passage}, {"text", n.text}});
    for (const auto& n : hit.after) after.push_back({{"passage", n.passage}, {"text", n.text}});
    line["context"] = {{"before", before}, {"after", after}};
  }
  fmt::print("{}\n", line.dump(-1, ' ', false, Json::error_handler_t::replace));
}

// Text output shows what the index holds through tracuu::printable (control characters,
// bidi overrides as U+FFFD); --json carries it exactly, JSON-escaped.
using tracuu::printable;

void print_text(std::string_view text, const std::vector<tracuu::Span>& highlights, bool color) {
  const tracuu::Snippet shown = tracuu::choose_snippet(text, highlights, kSnippetBytes);
  if (shown.start > 0) fmt::print("…");
  std::size_t at = shown.start;
  for (const auto& [start, end] : highlights) {
    if (start < shown.start || end > shown.end) continue;
    fmt::print("{}", printable(text.substr(at, start - at)));
    const std::string word = printable(text.substr(start, end - start));
    if (color) {
      fmt::print("{}{}{}", kHighlightOn, word, kOff);
    } else {
      fmt::print("[{}]", word);  // without colour, brackets mark what matched
    }
    at = end;
  }
  fmt::print("{}{}\n", printable(text.substr(at, shown.end - at)), shown.end < text.size() ? "…" : "");
}

void print_human(const tracuu::Hit& hit, std::size_t rank, bool color, bool with_context) {
  fmt::print("{}{}. {}{}\n", color ? kBoldOn : "", rank, printable(hit.title), color ? kOff : "");
  std::string meta;
  if (!hit.number.empty()) meta += "Số " + hit.number + " · ";
  if (!hit.date.empty()) meta += hit.date + " · ";
  meta += fmt::format("{} · passage {}", hit.source, hit.passage);
  if (!hit.article.empty()) meta += fmt::format(" · Điều {}", hit.article);
  meta += match_note(hit.match);
  fmt::print("   {}{}{}\n", color ? kDimOn : "", printable(meta), color ? kOff : "");
  auto neighbour = [&](const tracuu::Neighbour& n) {
    fmt::print("   {}{}- ", color ? kDimOn : "", n.passage);
    print_text(n.text, {}, false);
    if (color) fmt::print("{}", kOff);
  };
  for (const auto& n : hit.before) neighbour(n);
  fmt::print("   {}", with_context ? fmt::format("{}: ", hit.passage) : "");
  print_text(hit.text, hit.highlights, color);
  for (const auto& n : hit.after) neighbour(n);
  fmt::print("{}\n", with_context ? "--" : "");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Search a tracuu database for passages of Vietnamese reports, typed with or "
               "without diacritics. Query syntax: words, \"phrases\", OR, AND, NOT, -word, "
               "+word, ( ), NEAR, NEAR/n, title:, source:, id:, ref:, dieu:, date:FROM..TO (see "
               "README.md)."
               "\nExit status: 0 something matched, 1 nothing matched, 2 error.",
               "tracuu-search"};
  std::vector<std::string> db_flags;
  double timeout = 5;
  bool allow_partial = false, allow_programs = false;
  std::size_t limit = 10, offset = 0;
  unsigned per_report = 0, context = 0;
  bool json = false, count = false, top_refs = false, strict = false;
  std::string color_when = "auto", sort = "relevance", facet;
  std::vector<std::string> words, synonyms;
  auto* db_opt = app.add_option(
      "--db", db_flags,
      "Database folder, sharded database folder, or Xapian stub file (auto PATH, remote "
      "HOST:PORT lines); repeat to search several as one (default: $TRACUU_DB, else "
      "./tracuu.db)");
  db_opt->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--allow-programs", allow_programs,
               "Run the programs that 'remote :PROGRAM ARGS' lines name (xapian-progsrv) in the "
               "stub files given with --db (never those of database folders or of stub files "
               "they name)")
      ->needs(db_opt);
  // A range alone lets NaN through (no comparison holds for it): it would mean no timeout.
  const CLI::Validator finite(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool number = end != text.c_str() && *end == '\0';
        return number && std::isfinite(value) ? "" : "not a finite number: " + text;
      },
      "FINITE");
  app.add_option("--timeout", timeout,
                 "Seconds to wait for a remote shard to connect or answer before giving up on it")
      ->capture_default_str()
      ->check(finite)
      ->check(CLI::Range(0.001, 3600.0));
  app.add_flag("--allow-partial", allow_partial,
               "Answer from the shards that can be reached; name the others on stderr (without "
               "it, a shard that is down is an error)");
  app.add_option("-n,--limit", limit, "Number of passages to show")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  app.add_option("--offset", offset, "Skip this many passages first (paging)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000000}));  // "-5" would wrap around
  app.add_option("--per-report", per_report, "At most this many passages of one report")
      ->check(CLI::Range(1u, 100000u));
  app.add_option("--sort", sort, "relevance, date (newest first) or date-asc (oldest first)")
      ->capture_default_str()
      ->check(CLI::IsMember({"relevance", "date", "date-asc"}));
  app.add_option("-C,--context", context, "Show this many neighbouring passages around each hit")
      ->check(CLI::Range(1u, 50u));
  app.add_flag("--strict", strict,
               "Show only the passages with every word as typed (what --count counts), not those "
               "with some words, or words in another form");
  app.add_flag("--count", count, "Print only how many passages and reports have every word as typed");
  app.add_option("--facet", facet,
                 "Print how many matching passages there are per year, source or cited document "
                 "(ref)")
      ->check(CLI::IsMember({"year", "source", "ref"}));
  app.add_flag("--top-refs", top_refs,
               "Print the documents the corpus cites most (no QUERY): key, passages, reports");
  auto* syn = app.add_option("--synonyms", synonyms,
                             "More forms of one thing (FORM<TAB>OTHER FORM per line), beside the "
                             "shipped abbreviations");
  syn->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--json", json, "One JSON object per line (shapes in README.md)");
  app.add_option("--color", color_when, "Highlight in colour: never, always, auto (a terminal)")
      ->capture_default_str()
      ->check(CLI::IsMember({"never", "always", "auto"}));
  app.add_option("QUERY", words, "The query; several arguments are joined with spaces");
  app.set_version_flag("--version", std::string("tracuu-search ") + TRACUU_VERSION);
  try {
    app.parse(argc, argv);
    if (count && !facet.empty()) throw CLI::ValidationError("--count and --facet: one at a time");
    if (top_refs && !words.empty()) throw CLI::ValidationError("--top-refs takes no QUERY");
    if (!top_refs && words.empty()) throw CLI::RequiredError("QUERY");
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
  // What the searcher finds, computed before anything is printed: an indexer committing
  // meanwhile can make Xapian give up on the revision it was reading
  // (DatabaseModifiedError), and then the search is simply run again on the new one.
  struct Found {
    std::string suggestion;
    tracuu::Counts counts;
    std::vector<tracuu::FacetValue> facet;
    std::vector<tracuu::RefCount> refs;
    std::vector<tracuu::Hit> hits;
    std::vector<std::string> warnings;  // shards left out (--allow-partial)
  };
  tracuu::SearchOptions options;
  options.offset = offset;
  options.limit = limit;
  options.per_report = per_report;
  options.context = context;
  options.strict = strict;
  options.sort = sort == "date"       ? tracuu::SearchOptions::Sort::kNewest
                 : sort == "date-asc" ? tracuu::SearchOptions::Sort::kOldest
                                      : tracuu::SearchOptions::Sort::kRelevance;
  auto find = [&]() {
    Found found;
    tracuu::CollectionOptions collection;
    collection.timeout_ms = static_cast<unsigned>(timeout * 1000 + 0.5);
    collection.allow_partial = allow_partial;
    collection.allow_programs = allow_programs;  // --db only (needs): never $TRACUU_DB
    tracuu::Searcher searcher(db_flags.empty() ? std::vector<std::string>{tracuu::resolve_db_path("")}
                                               : db_flags,
                              collection, synonyms);
    const auto warn = [&] {
      for (const tracuu::MissingShard& m : searcher.missing_shards()) {
        found.warnings.push_back(fmt::format("{} (left out: --allow-partial)", m.why));
      }
    };
    if (top_refs) {
      found.refs = searcher.top_refs(limit);
      warn();
      return found;
    }
    const tracuu::ParsedQuery query = searcher.parse(raw);
    found.suggestion = searcher.suggestion(query);
    if (count) {
      found.counts = searcher.count(query);
    } else if (!facet.empty()) {
      found.facet = searcher.facet(query,
                                   facet == "year"     ? tracuu::Facet::kYear
                                   : facet == "source" ? tracuu::Facet::kSource
                                                       : tracuu::Facet::kRef,
                                   limit);
    } else {
      found.hits = searcher.search(query, options);
    }
    warn();
    return found;
  };
  try {
    // The query first: a malformed one is the error to report, whatever the database.
    if (!top_refs) {
      try {
        tracuu::parse_query(raw);
      } catch (const tracuu::QueryError& e) {
        // One character shown for one typed, so that the caret stays under its column; a
        // query over the limit is not shown back whole.
        fmt::print(stderr, "tracuu-search: {} (column {})\n", printable(e.what()), e.column());
        if (raw.size() <= tracuu::kMaxQueryBytes) {
          fmt::print(stderr, "{}\n", tracuu::point_at(printable(tracuu::to_nfc(raw)), e.column()));
        }
        return 2;
      }
    }
    Found found;
    for (int attempt = 1;; ++attempt) {
      try {
        found = find();
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        // Each commit keeps the revision before it readable, so a retry fails only if two
        // more commits land while it reads: with the indexer's batches seconds apart, rare.
        if (attempt == 20) throw;
      }
    }
    for (const std::string& w : found.warnings) {
      fmt::print(stderr, "tracuu-search: warning: {}\n", printable(w));
    }
    if (top_refs) {
      for (const auto& r : found.refs) {
        if (json) {
          fmt::print("{}\n", Json{{"ref", r.key}, {"passages", r.passages}, {"reports", r.reports}}.dump());
        } else {
          fmt::print("{:>8} {:>8}  {}\n", r.passages, r.reports, printable(r.key));
        }
      }
      return found.refs.empty() ? 1 : 0;
    }
    if (!found.suggestion.empty()) fmt::print(stderr, "did you mean: {}\n", printable(found.suggestion));
    if (count) {
      const tracuu::Counts c = found.counts;
      if (json) {
        fmt::print("{}\n", Json{{"passages", c.passages}, {"reports", c.reports}}.dump());
      } else {
        fmt::print("{} passage{} in {} report{}\n", c.passages, c.passages == 1 ? "" : "s", c.reports,
                   c.reports == 1 ? "" : "s");
      }
      return c.passages > 0 ? 0 : 1;
    }
    if (!facet.empty()) {
      for (const auto& v : found.facet) {
        if (json) {
          fmt::print("{}\n", Json{{"facet", facet}, {"value", or_null(v.value)}, {"count", v.count}}
                                 .dump(-1, ' ', false, Json::error_handler_t::replace));
        } else {
          fmt::print("{:>8}  {}\n", v.count, v.value.empty() ? "(none)" : printable(v.value));
        }
      }
      return found.facet.empty() ? 1 : 0;
    }
    const std::vector<tracuu::Hit>& hits = found.hits;
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (json) {
        print_json(hits[i], offset + i + 1, context > 0);
        continue;
      }
      print_human(hits[i], offset + i + 1, color, context > 0);
    }
    return hits.empty() ? 1 : 0;
  } catch (const tracuu::Error& e) {
    fmt::print(stderr, "tracuu-search: {}\n", printable(e.what()));
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "tracuu-search: database error: {}\n", printable(e.get_description()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "tracuu-search: error: {}\n", printable(e.what()));
  }
  return 2;
}
