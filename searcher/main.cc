// tracuu-search: ranked, highlighted passages from a tracuu database.
#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "api/query.h"
#include "cli/manual.h"
#include "error.h"
#include "index/database.h"
#include "ingest/formats.h"
#include "manual.h"
#include "query/query.h"
#include "query/searcher.h"
#include "query/snippet.h"
#include "text/normalize.h"
#include "text/refs.h"
#include "text/utf8.h"
#include "tracuu/tracuu.h"

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

// How results are printed.
struct Output {
  bool json = false;
  bool color = false;         // highlights in colour
  std::string open, close;    // else between these marks (none when both are empty)
  bool with_context = false;  // -C
  std::size_t query = 0;      // --queries: the 1-based line of the query; 0 for one query
};

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

Json spans(const std::vector<tracuu::Offsets>& offsets) {
  Json out = Json::array();
  for (const auto& [start, end] : offsets) out.push_back({start, end});
  return out;
}

// A result as --json prints it: its fields under their names, in this order.
void print_json(const tracuu::Result& hit, const Output& out) {
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

// Text output shows what the index holds through tracuu::printable (control characters,
// bidi overrides as U+FFFD); --json carries it exactly, JSON-escaped.
using tracuu::printable;

// The passage, or the regions of a long one with its highlights (up to three, joined by
// "…"), the highlights marked as `out` says.
void print_text(std::string_view text, const std::vector<tracuu::Offsets>& offsets,
                const Output& out) {
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
std::string location(const tracuu::Result& hit) {
  std::string meta = hit.line ? fmt::format("{}:{}", hit.path, *hit.line) : hit.id;
  if (hit.date) meta += " · " + *hit.date;
  if (hit.url) meta += " · " + *hit.url;
  if (hit.number) meta += " · Số " + *hit.number;
  meta += fmt::format(" · passage {}", hit.passage);
  if (hit.article) meta += fmt::format(" · Điều {}", *hit.article);
  return meta + match_note(hit.match);
}

void print_human(const tracuu::Result& hit, const Output& out) {
  const std::size_t rank = hit.rank;
  const bool color = out.color;
  fmt::print("{}{}. {}{}\n", color ? kBoldOn : "", rank,
             hit.title.empty() ? "(no title)" : printable(hit.title), color ? kOff : "");
  fmt::print("   {}{}{}\n", color ? kDimOn : "", printable(location(hit)), color ? kOff : "");
  Output plain;  // neighbours: no highlights
  auto neighbour = [&](const tracuu::NearbyPassage& n) {
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

// Where the query begins in argv: at the first argument that is not an option or an
// option's value (every argument from there on is the query, "-word" too), or after "--".
// Returns that index and whether a "--" comes just before it.
std::pair<int, bool> query_start(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return {i + 1, true};
    if (arg.size() < 2 || arg[0] != '-') return {i, false};
    // An option: its value is the next argument unless written in it (--db=X, -n5).
    const bool long_form = arg.starts_with("--");
    if ((long_form && arg.find('=') != std::string_view::npos) || (!long_form && arg.size() > 2))
      continue;
    const CLI::Option* option =
        app.get_option_no_throw(std::string(long_form ? arg : arg.substr(0, 2)));
    if (option != nullptr && option->get_expected_max() > 0 && option->get_type_size_max() > 0 &&
        i + 1 < argc)
      ++i;
  }
  return {argc, false};
}

// The queries of --queries FILE ("-": stdin), a line at a time, so that a pipe can feed
// them as they come; a line too long to be a query comes back with too_long set.
class QueryLines {
 public:
  explicit QueryLines(const std::string& path) : name_(path == "-" ? "stdin" : path) {
    if (path != "-") {
      std::error_code ec;
      if (std::filesystem::is_directory(path, ec)) {
        throw tracuu::Error(fmt::format("--queries {}: a folder, not a file of queries", path));
      }
      file_.open(path, std::ios::binary);
      if (!file_) throw tracuu::Error(fmt::format("--queries {}: cannot be read", path));
    }
    // Standard input is read as the bytes come (read(2)), not a full buffer at a time, so
    // that a script can send a query and wait for its answer.
    tracuu::ByteSource bytes =
        path == "-" ? tracuu::fd_source(STDIN_FILENO, name_) : tracuu::stream_source(file_, name_);
    // A NUL byte: not a text of queries (/dev/zero would be one endless line).
    auto text = [bytes = std::move(bytes), name = name_, at = std::size_t{0}](
                    char* buffer, std::size_t size) mutable {
      const std::size_t n = bytes(buffer, size);
      if (const void* nul = std::memchr(buffer, '\0', n)) {
        throw tracuu::Error(
            fmt::format("--queries {}: a NUL byte at byte {}: not a text of queries", name,
                        at + static_cast<std::size_t>(static_cast<const char*>(nul) - buffer)));
      }
      at += n;
      return n;
    };
    lines_.emplace(std::move(text), 4 * tracuu::kMaxQueryBytes);
  }
  bool next(tracuu::LineReader::Line& line) { return lines_->next(line); }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::ifstream file_;
  std::optional<tracuu::LineReader> lines_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Search a tracuu database for passages of Vietnamese reports, typed with or "
      "without diacritics. Query syntax: words, \"phrases\", OR, AND, NOT, -word, "
      "+word, ( ), NEAR, NEAR/n, title:, source:, id:, ref:, dieu:, date:FROM..TO (the "
      "manual, and README.md: installed in PREFIX/share/doc/tracuu).",
      "tracuu-search"};
  const tracuu::cli::Manual manual = search_manual();
  // The values of the options that take one of a few (checked, and completed in bash).
  const std::map<std::string, std::vector<std::string>> choices = {
      {"--sort", {"relevance", "date", "date-asc"}},
      {"--facet", {"year", "source", "ref"}},
      {"--color", {"never", "always", "auto"}}};
  std::string generate;
  std::vector<std::string> db_flags;
  double timeout = 5;
  bool allow_partial = false, allow_programs = false;
  std::size_t limit = 10, offset = 0;
  unsigned per_report = 0, context = 0;
  bool json = false, count = false, top_refs = false, strict = false, total = false;
  std::string color_when = "auto", sort = "relevance", facet, mark, queries_file, kind;
  std::vector<std::string> words, synonyms;
  auto* db_opt = app.add_option(
      "--db", db_flags,
      "Database folder, sharded database folder, or Xapian stub file (auto PATH, remote "
      "HOST:PORT lines); repeat to search several as one (default: $TRACUU_DB, else "
      "./tracuu.db)");
  db_opt->type_name("DIR|STUB")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
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
      ->type_name("SECONDS")
      ->capture_default_str()
      ->check(finite)
      ->check(CLI::Range(0.001, 3600.0));
  app.add_flag("--allow-partial", allow_partial,
               "Answer from the shards that can be reached; name the others on stderr (without "
               "it, a shard that is down is an error)");
  app.add_option("--queries", queries_file,
                 "Run one query per line of FILE ('-': stdin) with the same options; JSON lines "
                 "carry \"query\": the line number, text output a '== N: QUERY' header")
      ->type_name("FILE");
  app.add_option("-n,--limit", limit, "Number of passages to show")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  app.add_option("--offset", offset, "Skip this many passages first (paging)")
      ->type_name("K")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000000}));  // "-5" would wrap around
  app.add_option("--per-report", per_report, "At most this many passages of one report")
      ->type_name("N")
      ->check(CLI::Range(1u, 100000u));
  app.add_option("--sort", sort, "relevance, date (newest first) or date-asc (oldest first)")
      ->type_name("ORDER")
      ->capture_default_str()
      ->check(CLI::IsMember(choices.at("--sort")));
  app.add_option("-C,--context", context, "Show this many neighbouring passages around each hit")
      ->type_name("N")
      ->check(CLI::Range(1u, 50u));
  app.add_flag("--strict", strict,
               "Show only the passages with every word as typed (what --count counts), not those "
               "with some words, or words in another form");
  app.add_flag("--total", total,
               "After the results, how many passages and reports have every word as typed "
               "(what --count prints)");
  app.add_flag("--count", count,
               "Print only how many passages and reports have every word as typed");
  app.add_option("--facet", facet,
                 "Print how many matching passages there are per year (in year order), source or "
                 "cited document (ref)")
      ->type_name("FIELD")
      ->check(CLI::IsMember(choices.at("--facet")));
  app.add_flag(
      "--top-refs", top_refs,
      "Print the documents the corpus cites most (no QUERY): passages, reports, name, key");
  app.add_option("--kind", kind,
                 "With --top-refs, only documents of this kind: " + tracuu::ref_kinds())
      ->type_name("KIND");
  auto* syn = app.add_option("--synonyms", synonyms,
                             "More forms of one thing (FORM<TAB>OTHER FORM per line), beside the "
                             "shipped abbreviations");
  syn->type_name("FILE")->expected(1)->allow_extra_args(false)->multi_option_policy(
      CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--json", json, "One JSON object per line (its keys below)");
  app.add_option("--color", color_when,
                 "Highlight in colour: never, always, auto (a terminal; else no marks)")
      ->type_name("WHEN")
      ->capture_default_str()
      ->check(CLI::IsMember(choices.at("--color")));
  app.add_option("--mark", mark,
                 "Mark highlights in text output with these two marks, separated by a space "
                 "('[ ]', '<b> </b>'), whatever the output is")
      ->type_name("'OPEN CLOSE'");
  app.set_version_flag("--version", std::string("tracuu-search ") + TRACUU_VERSION);
  tracuu::cli::add_generate_option(app, generate);
  app.footer(manual.description + "\n\n" + tracuu::cli::help_footer(manual));
  Output out;
  try {
    // The options are parsed by CLI11; the query, from its first word, is taken as it is.
    const auto [start, dashes] = query_start(app, argc, argv);
    words.assign(argv + start, argv + argc);
    app.parse(dashes ? start - 1 : start, argv);
    if (generate == "man") {
      fmt::print("{}", tracuu::cli::man_page(app, manual, TRACUU_VERSION));
      return 0;
    }
    if (generate == "complete-bash") {
      fmt::print("{}", tracuu::cli::bash_completion(app, choices,
                                                    {"--db", "--queries", "--synonyms"}, {}));
      return 0;
    }
    const bool batch = !queries_file.empty();
    if (count && !facet.empty()) throw CLI::ValidationError("--count and --facet: one at a time");
    if (total && (count || !facet.empty() || top_refs)) {
      throw CLI::ValidationError(
          "--total goes with results, not with --count, --facet or --top-refs");
    }
    if (top_refs && (!words.empty() || batch))
      throw CLI::ValidationError("--top-refs takes no QUERY");
    if (!kind.empty() && !top_refs) throw CLI::ValidationError("--kind goes with --top-refs");
    for (char& c : kind) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (!kind.empty() && !tracuu::is_ref_kind(kind)) {
      throw CLI::ValidationError("--kind " + kind +
                                 ": not a kind of document: " + tracuu::ref_kinds());
    }
    if (batch && !words.empty())
      throw CLI::ValidationError("--queries FILE and QUERY: one or the other");
    if (!top_refs && !batch && words.empty()) throw CLI::RequiredError("QUERY");
    if (!mark.empty()) {
      const std::size_t space = mark.find(' ');
      if (space == std::string::npos || space == 0 || space + 1 == mark.size() ||
          mark.find(' ', space + 1) != std::string::npos) {
        throw CLI::ValidationError("--mark: two marks separated by one space, as '[ ]'");
      }
      out.open = mark.substr(0, space);
      out.close = mark.substr(space + 1);
    }
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    fmt::print(stderr, "tracuu-search: {}\n", e.what());
    // "-Covid UBND": "-C" with the value "ovid". An exclusion cannot open a query.
    for (int i = 1; i < argc; ++i) {
      const std::string_view arg = argv[i];
      if (arg == "--") break;
      if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
          !std::isdigit(static_cast<unsigned char>(arg[2]))) {
        fmt::print(stderr,
                   "(a query word beginning with '-' comes after the first query word, or "
                   "after '--': tracuu-search -- {} …)\n",
                   printable(arg));
        break;
      }
    }
    fmt::print(stderr, "Run 'tracuu-search --help' for usage.\n");
    return 2;
  }

  // Highlights: colour on a terminal (or asked for); marks when asked for, or on a terminal
  // without colour; nothing in a pipe, where scripts read the text.
  const bool terminal = isatty(STDOUT_FILENO) == 1;
  out.color = mark.empty() && (color_when == "always" || (color_when == "auto" && terminal &&
                                                          std::getenv("NO_COLOR") == nullptr));
  if (mark.empty() && !out.color && terminal) {
    out.open = "[";
    out.close = "]";
  }
  out.json = json;
  out.with_context = context > 0;

  tracuu::SearchParams params;
  params.offset = offset;
  params.limit = limit;
  params.per_report = per_report;
  params.context = context;
  params.strict = strict;
  params.sort = sort == "date"       ? tracuu::Sort::kNewest
                : sort == "date-asc" ? tracuu::Sort::kOldest
                                     : tracuu::Sort::kRelevance;
  // The collection is opened once, also for a thousand queries (the public API's Database,
  // which opens it again on a new revision when an indexer's commits require it).
  std::optional<tracuu::Database> database;
  const auto open = [&]() -> tracuu::Database& {
    if (!database) {
      tracuu::OpenOptions collection;
      collection.timeout_seconds = timeout;
      collection.allow_partial = allow_partial;
      collection.allow_programs = allow_programs;  // --db only (needs): never $TRACUU_DB
      collection.synonym_files = synonyms;
      database.emplace(
          db_flags.empty() ? std::vector<std::string>{tracuu::resolve_db_path("")} : db_flags,
          collection);
    }
    return *database;
  };
  // What the searcher finds, computed before anything is printed.
  struct Found {
    std::string suggestion;
    tracuu::Totals counts;
    std::vector<tracuu::FacetCount> facet;
    std::vector<tracuu::CitedDocument> refs;
    std::vector<tracuu::Result> hits;
  };
  std::size_t warned = 0;  // shards left out (--allow-partial) already named
  // `query`: the query parsed, none with --top-refs.
  const auto find = [&](const std::optional<tracuu::Query>& query) {
    Found found;
    tracuu::Database& db = open();
    if (!query) {
      found.refs = db.top_refs(limit, kind);
    } else {
      found.suggestion = db.suggestion(*query);
      if (count || total) found.counts = db.count(*query);
      if (!facet.empty()) {
        found.facet = db.facet(*query, facet, limit);
      } else if (!count) {
        found.hits = db.search(*query, params);
      }
    }
    const std::vector<std::string> missing = db.missing_shards();
    for (; warned < missing.size(); ++warned) {
      fmt::print(stderr, "tracuu-search: warning: {} (left out: --allow-partial)\n",
                 printable(missing[warned]));
    }
    return found;
  };
  const auto counts_line = [&](const tracuu::Totals& c, bool as_total) {
    if (json) {
      Json line = json_line(out);
      if (as_total) {
        line["total"] = {{"passages", c.passages}, {"reports", c.reports}};
      } else {
        line["passages"] = c.passages;
        line["reports"] = c.reports;
      }
      print_json_line(line);
    } else {
      fmt::print("{} passage{} in {} report{}\n", c.passages, c.passages == 1 ? "" : "s", c.reports,
                 c.reports == 1 ? "" : "s");
    }
  };
  // Prints what one query found; whether anything matched.
  const auto print = [&](const Found& found) {
    if (top_refs) {
      for (const auto& r : found.refs) {
        if (json) {
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
      return !found.refs.empty();
    }
    if (!found.suggestion.empty()) {
      fmt::print(stderr, "did you mean{}: {}\n",
                 out.query > 0 ? fmt::format(" (query {})", out.query) : "",
                 printable(found.suggestion));
    }
    if (count) {
      counts_line(found.counts, false);
      return found.counts.passages > 0;
    }
    if (!facet.empty()) {
      for (const auto& v : found.facet) {
        if (json) {
          Json line = json_line(out);
          line["facet"] = facet;
          line["value"] = or_null(v.value);
          line["count"] = v.count;
          print_json_line(line);
        } else {
          fmt::print("{:>8}  {}\n", v.count, v.value ? printable(*v.value) : "(none)");
        }
      }
      return !found.facet.empty();
    }
    for (const tracuu::Result& hit : found.hits) {
      if (json)
        print_json(hit, out);
      else
        print_human(hit, out);
    }
    if (total) counts_line(found.counts, true);
    return !found.hits.empty();
  };
  // Parses the query once, for the error to report and for the database to run.
  const auto parse = [](const std::string& raw) {
    return tracuu::query_of(raw, tracuu::parse_query(raw));
  };
  // A query that does not parse: its message, and the query with a caret under the column.
  const auto report_query_error = [](const tracuu::QueryError& e, const std::string& raw,
                                     const std::string& where) {
    // One character shown for one typed, so that the caret stays under its column; a query
    // over the limit is not shown back whole.
    fmt::print(stderr, "tracuu-search: {}{} (column {})\n", where, printable(e.what()), e.column());
    if (raw.size() <= tracuu::kMaxQueryBytes) {
      fmt::print(stderr, "{}\n", tracuu::point_at(printable(tracuu::to_nfc(raw)), e.column()));
    }
  };

  try {
    if (!queries_file.empty()) {
      // Batch: the collection first (an error there ends the run); a query that does not
      // parse is named by its line, and the others run.
      QueryLines lines(queries_file);
      open();
      bool any_failed = false, any_found = false;
      tracuu::LineReader::Line line;
      while (lines.next(line)) {
        const std::string where = fmt::format("{}:{}: ", lines.name(), line.number);
        if (line.too_long) {
          fmt::print(stderr, "tracuu-search: {}a query of {} bytes, at most {} allowed\n", where,
                     line.bytes, tracuu::kMaxQueryBytes);
          any_failed = true;
          continue;
        }
        if (line.text.find_first_not_of(" \t\f\v") == std::string::npos)
          continue;  // counted, not run
        std::optional<tracuu::Query> query;
        try {
          query = parse(line.text);
        } catch (const tracuu::QueryError& e) {
          report_query_error(e, line.text, where);
          any_failed = true;
          continue;
        }
        out.query = line.number;
        const Found found = find(query);
        if (!json) fmt::print("== {}: {}\n", line.number, printable(line.text));
        any_found |= print(found);
        std::fflush(stdout);  // a script reading the answers as the queries come
      }
      return any_failed ? 2 : any_found ? 0 : 1;
    }
    std::string raw;
    for (const auto& w : words) raw += (raw.empty() ? "" : " ") + w;
    // The query first: a malformed one is the error to report, whatever the database.
    std::optional<tracuu::Query> query;
    if (!top_refs) {
      try {
        query = parse(raw);
      } catch (const tracuu::QueryError& e) {
        report_query_error(e, raw, "");
        return 2;
      }
    }
    return print(find(query)) ? 0 : 1;
  } catch (const tracuu::Error& e) {
    fmt::print(stderr, "tracuu-search: {}\n", printable(e.what()));
  } catch (const tracuu::InputError& e) {
    fmt::print(stderr, "tracuu-search: {}: {}\n", printable(e.location()), printable(e.what()));
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "tracuu-search: database error: {}\n", printable(e.get_description()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "tracuu-search: error: {}\n", printable(e.what()));
  }
  return 2;
}
