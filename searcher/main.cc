// tracuu-search: ranked, highlighted passages from a tracuu database. This file maps the
// command line to the public API (tracuu/tracuu.h); output.cc prints what it returns.
#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "api/query.h"
#include "cli/manual.h"
#include "error.h"
#include "index/database.h"
#include "ingest/formats.h"
#include "manual.h"
#include "output.h"
#include "query/query.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/refs.h"
#include "text/utf8.h"
#include "tracuu/tracuu.h"

namespace {

using tracuu::printable;
using tracuu::search_cli::Output;

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
    // A NUL byte: not a text of queries (/dev/zero would be one endless line). The lines
    // before it are answered first; the read after them ends the run.
    auto text = [bytes = std::move(bytes), name = name_, line = std::size_t{1},
                 nul_line = std::size_t{0}](char* buffer, std::size_t size) mutable {
      const auto not_text = [&] {
        return tracuu::Error(fmt::format(
            "--queries {}:{}: a NUL byte: not a text of queries (no line from it on is run)", name,
            nul_line));
      };
      if (nul_line > 0) throw not_text();
      std::size_t n = bytes(buffer, size);
      if (const void* nul = std::memchr(buffer, '\0', n)) {
        n = static_cast<std::size_t>(static_cast<const char*>(nul) - buffer);
        nul_line = line + static_cast<std::size_t>(std::count(buffer, buffer + n, '\n'));
        if (n == 0) throw not_text();  // 0 would be read as the end
      }
      line += static_cast<std::size_t>(std::count(buffer, buffer + n, '\n'));
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

// --help's usage line names the query, which CLI11 does not see (query_start).
class UsageWithQuery : public CLI::Formatter {
 public:
  std::string make_usage(const CLI::App* app, std::string name) const override {
    std::string usage = CLI::Formatter::make_usage(app, std::move(name));
    const std::size_t end = usage.find('\n');
    return usage.insert(end == std::string::npos ? usage.size() : end, " [QUERY...]");
  }
};

// The command line, as CLI11 parses it.
struct Options {
  std::string generate;  // --generate man|complete-bash (hidden: the build's)
  std::vector<std::string> db_flags, synonyms, words;
  double timeout = 5;
  bool allow_partial = false, allow_programs = false;
  std::size_t limit = 10, offset = 0;
  unsigned per_report = 0, context = 0;
  bool json = false, count = false, top_refs = false, strict = false, total = false;
  std::string color_when = "auto", sort = "relevance", facet, mark, queries_file, kind;
};

// The values of the options that take one of a few (checked, and completed in bash).
const std::map<std::string, std::vector<std::string>>& choices() {
  static const std::map<std::string, std::vector<std::string>> kChoices = {
      {"--sort", {"relevance", "date", "date-asc"}},
      {"--facet", {"year", "source", "ref"}},
      {"--color", {"never", "always", "auto"}}};
  return kChoices;
}

// The options of tracuu-search on `app`, bound to `o` (--help and the man page read them).
void declare_options(CLI::App& app, Options& o, const tracuu::cli::Manual& manual) {
  // A range alone lets NaN through (no comparison holds for it): it would mean no timeout.
  const CLI::Validator finite(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool number = end != text.c_str() && *end == '\0';
        return number && std::isfinite(value) ? "" : "not a finite number: " + text;
      },
      "FINITE");
  const auto& values = choices();
  auto* db_opt = app.add_option(
      "--db", o.db_flags,
      "Database folder, sharded database folder, or Xapian stub file (auto PATH, remote "
      "HOST:PORT lines); repeat to search several as one (default: $TRACUU_DB, else "
      "./tracuu.db)");
  db_opt->type_name("DIR|STUB")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--allow-programs", o.allow_programs,
               "Run the programs that 'remote :PROGRAM ARGS' lines name (xapian-progsrv) in the "
               "stub files given with --db (never those of database folders or of stub files "
               "they name)")
      ->needs(db_opt);
  app.add_option("--timeout", o.timeout,
                 "Seconds to wait for a remote shard to connect or answer before giving up on it")
      ->type_name("SECONDS")
      ->capture_default_str()
      ->check(finite)
      ->check(CLI::Range(0.001, 3600.0));
  app.add_flag("--allow-partial", o.allow_partial,
               "Answer from the shards that can be reached; name the others on stderr (without "
               "it, a shard that is down is an error)");
  app.add_option("--queries", o.queries_file,
                 "Run one query per line of FILE ('-': stdin) with the same options; JSON lines "
                 "carry \"query\": the line number, text output a '== N: QUERY' header")
      ->type_name("FILE");
  app.add_option("-n,--limit", o.limit, "Number of passages to show")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, tracuu::kMaxLimit));
  app.add_option("--offset", o.offset, "Skip this many passages first (paging)")
      ->type_name("K")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, tracuu::kMaxOffset));  // "-5" would wrap around
  app.add_option("--per-report", o.per_report, "At most this many passages of one report")
      ->type_name("N")
      ->check(CLI::Range(1u, tracuu::kMaxPerReport));
  app.add_option("--sort", o.sort, "relevance, date (newest first) or date-asc (oldest first)")
      ->type_name("ORDER")
      ->capture_default_str()
      ->check(CLI::IsMember(values.at("--sort")));
  app.add_option("-C,--context", o.context, "Show this many neighbouring passages around each hit")
      ->type_name("N")
      ->check(CLI::Range(1u, tracuu::kMaxContext));
  app.add_flag("--strict", o.strict,
               "Show only the passages with every word as typed (what --count counts), not those "
               "with some words, or words in another form");
  app.add_flag("--total", o.total,
               "After the results, how many passages and reports have every word as typed "
               "(what --count prints)");
  app.add_flag("--count", o.count,
               "Print only how many passages and reports have every word as typed");
  app.add_option("--facet", o.facet,
                 "Print how many matching passages there are per year (in year order), source or "
                 "cited document (ref)")
      ->type_name("FIELD")
      ->check(CLI::IsMember(values.at("--facet")));
  app.add_flag(
      "--top-refs", o.top_refs,
      "Print the documents the corpus cites most (no QUERY): passages, reports, name, key");
  app.add_option("--kind", o.kind,
                 "With --top-refs, only documents of this kind: " + tracuu::ref_kinds())
      ->type_name("KIND");
  auto* syn = app.add_option("--synonyms", o.synonyms,
                             "More forms of one thing (FORM<TAB>OTHER FORM per line), beside the "
                             "shipped abbreviations");
  syn->type_name("FILE")->expected(1)->allow_extra_args(false)->multi_option_policy(
      CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--json", o.json, "One JSON object per line (its keys: see the description)");
  app.add_option("--color", o.color_when,
                 "Highlight in colour: never, always, auto (a terminal; else no marks)")
      ->type_name("WHEN")
      ->capture_default_str()
      ->check(CLI::IsMember(values.at("--color")));
  app.add_option("--mark", o.mark,
                 "Mark highlights in text output with these two marks, separated by a space "
                 "('[ ]', '<b> </b>'), whatever the output is")
      ->type_name("'OPEN CLOSE'");
  app.formatter(std::make_shared<UsageWithQuery>());
  app.set_version_flag("--version", std::string("tracuu-search ") + TRACUU_VERSION);
  tracuu::cli::add_generate_option(app, o.generate);
  app.footer(manual.description + "\n\n" + tracuu::cli::help_footer(manual));
}

// Checks what CLI11 cannot (options that go together or not, --kind, --mark), puts --kind
// in capitals and sets the marks of `out`; throws CLI::ParseError.
void finish_options(Options& o, Output& out) {
  const bool batch = !o.queries_file.empty();
  if (o.count && !o.facet.empty()) throw CLI::ValidationError("--count and --facet: one at a time");
  if (o.total && (o.count || !o.facet.empty() || o.top_refs)) {
    throw CLI::ValidationError(
        "--total goes with results, not with --count, --facet or --top-refs");
  }
  if (o.top_refs && (!o.words.empty() || batch))
    throw CLI::ValidationError("--top-refs takes no QUERY");
  if (!o.kind.empty() && !o.top_refs) throw CLI::ValidationError("--kind goes with --top-refs");
  o.kind = tracuu::upper_ascii(o.kind);
  if (!o.kind.empty() && !tracuu::is_ref_kind(o.kind)) {
    throw CLI::ValidationError("--kind " + o.kind +
                               ": not a kind of document: " + tracuu::ref_kinds());
  }
  if (batch && !o.words.empty())
    throw CLI::ValidationError("--queries FILE and QUERY: one or the other");
  if (!o.top_refs && !batch && o.words.empty()) throw CLI::RequiredError("QUERY");
  if (!o.mark.empty()) {
    const std::size_t space = o.mark.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 == o.mark.size() ||
        o.mark.find(' ', space + 1) != std::string::npos) {
      throw CLI::ValidationError("--mark: two marks separated by one space, as '[ ]'");
    }
    out.open = o.mark.substr(0, space);
    out.close = o.mark.substr(space + 1);
  }
}

// A parse error's message, and what to do when the query opens with "-word": among the
// options (argv[1, start): before the query), a short option glued to a value that is no
// number, as "-Covid" ("-C" with the value "ovid"). Not with --queries, which takes no query.
int usage_error(const CLI::ParseError& e, int start, char** argv) {
  fmt::print(stderr, "tracuu-search: {}\n", e.what());
  std::string_view glued;
  for (int i = 1; i < start; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--queries" || arg.starts_with("--queries=")) {
      glued = {};
      break;
    }
    if (glued.empty() && arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
        !tracuu::is_ascii_digit(static_cast<unsigned char>(arg[2]))) {
      glued = arg;
    }
  }
  if (!glued.empty()) {
    fmt::print(stderr,
               "(a query word beginning with '-' comes after the first query word, or after "
               "'--': tracuu-search -- {} …)\n",
               printable(glued));
  }
  fmt::print(stderr, "Run 'tracuu-search --help' for usage.\n");
  return 2;
}

// A query that does not parse: its message, and the query with a caret under the column.
void report_query_error(const tracuu::QueryError& e, const std::string& raw,
                        const std::string& where) {
  // One character shown for one typed, so that the caret stays under its column; a query
  // over the limit is not shown back whole.
  fmt::print(stderr, "tracuu-search: {}{} (column {})\n", where, printable(e.what()), e.column());
  if (raw.size() <= tracuu::kMaxQueryBytes) {
    fmt::print(stderr, "{}\n", tracuu::point_at(printable(tracuu::to_nfc(raw)), e.column()));
  }
}

// Parses the query once, for the error to report and for the database to run.
tracuu::Query parse(const std::string& raw) {
  return tracuu::query_of(raw, tracuu::parse_query(raw));
}

// Queries run against one collection, opened at the first (once, also for a thousand
// queries: the API's Database opens it again when an indexer's commits require it), each
// answer printed as the options say.
class Session {
 public:
  Session(const Options& o, Output out) : o_(o), out_(std::move(out)) {
    params_.offset = o.offset;
    params_.limit = o.limit;
    params_.per_report = o.per_report;
    params_.context = o.context;
    params_.strict = o.strict;
    params_.sort = o.sort == "date"       ? tracuu::Sort::kNewest
                   : o.sort == "date-asc" ? tracuu::Sort::kOldest
                                          : tracuu::Sort::kRelevance;
  }

  // The query of the command line (none with --top-refs); the exit status.
  int one(const std::string& raw) {
    // The query first: a malformed one is the error to report, whatever the database.
    std::optional<tracuu::Query> query;
    if (!o_.top_refs) {
      try {
        query = parse(raw);
      } catch (const tracuu::QueryError& e) {
        report_query_error(e, raw, "");
        return 2;
      }
    }
    return print(find(query)) ? 0 : 1;
  }

  // --queries FILE: the collection first (an error there ends the run); a query that does
  // not parse is named by its line, and the others run. The exit status.
  int batch(const std::string& file) {
    QueryLines lines(file);
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
      if (line.text.find_first_not_of(" \t\f\v") == std::string::npos) continue;  // counted
      std::optional<tracuu::Query> query;
      try {
        query = parse(line.text);
      } catch (const tracuu::QueryError& e) {
        report_query_error(e, line.text, where);
        any_failed = true;
        continue;
      }
      out_.query = line.number;
      const Found found = find(query);
      if (!o_.json) fmt::print("== {}: {}\n", line.number, printable(line.text));
      any_found |= print(found);
      std::fflush(stdout);  // a script reading the answers as the queries come
    }
    return any_failed ? 2 : any_found ? 0 : 1;
  }

 private:
  // What the searcher finds, computed before anything is printed.
  struct Found {
    std::string suggestion;
    tracuu::Totals counts;
    std::vector<tracuu::FacetCount> facet;
    std::vector<tracuu::CitedDocument> refs;
    std::vector<tracuu::Result> hits;
  };

  tracuu::Database& open() {
    if (!database_) {
      tracuu::OpenOptions collection;
      collection.timeout_seconds = o_.timeout;
      collection.allow_partial = o_.allow_partial;
      collection.allow_programs = o_.allow_programs;  // --db only (needs): never $TRACUU_DB
      collection.synonym_files = o_.synonyms;
      database_.emplace(
          o_.db_flags.empty() ? std::vector<std::string>{tracuu::resolve_db_path("")} : o_.db_flags,
          collection);
    }
    return *database_;
  }

  // `query`: the query parsed, none with --top-refs.
  Found find(const std::optional<tracuu::Query>& query) {
    Found found;
    tracuu::Database& db = open();
    if (!query) {
      found.refs = db.top_refs(o_.limit, o_.kind);
    } else {
      found.suggestion = db.suggestion(*query);
      if (o_.count || o_.total) found.counts = db.count(*query);
      if (!o_.facet.empty()) {
        found.facet = db.facet(*query, o_.facet, o_.limit);
      } else if (!o_.count) {
        found.hits = db.search(*query, params_);
      }
    }
    const std::vector<std::string> missing = db.missing_shards();
    for (; warned_ < missing.size(); ++warned_) {
      fmt::print(stderr, "tracuu-search: warning: {} (left out: --allow-partial)\n",
                 printable(missing[warned_]));
    }
    return found;
  }

  // Prints what one query found; whether anything matched.
  bool print(const Found& found) const {
    using namespace tracuu::search_cli;
    if (o_.top_refs) {
      print_refs(found.refs, out_);
      return !found.refs.empty();
    }
    if (!found.suggestion.empty()) {
      fmt::print(stderr, "did you mean{}: {}\n",
                 out_.query > 0 ? fmt::format(" (query {})", out_.query) : "",
                 printable(found.suggestion));
    }
    if (o_.count) {
      print_counts(found.counts, false, out_);
      return found.counts.passages > 0;
    }
    if (!o_.facet.empty()) {
      print_facet(o_.facet, found.facet, out_);
      return !found.facet.empty();
    }
    for (const tracuu::Result& hit : found.hits) print_hit(hit, out_);
    if (o_.total) print_counts(found.counts, true, out_);
    return !found.hits.empty();
  }

  const Options& o_;
  Output out_;
  tracuu::SearchParams params_;
  std::optional<tracuu::Database> database_;
  std::size_t warned_ = 0;  // shards left out (--allow-partial) already named
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
  Options o;
  declare_options(app, o, manual);
  Output out;
  // The options are parsed by CLI11; the query, from its first word, is taken as it is.
  const auto [start, dashes] = query_start(app, argc, argv);
  try {
    o.words.assign(argv + start, argv + argc);
    app.parse(dashes ? start - 1 : start, argv);
    if (o.generate == "man") {
      fmt::print("{}", tracuu::cli::man_page(app, manual, TRACUU_VERSION));
      return 0;
    }
    if (o.generate == "complete-bash") {
      fmt::print("{}", tracuu::cli::bash_completion(app, choices(),
                                                    {"--db", "--queries", "--synonyms"}, {}));
      return 0;
    }
    finish_options(o, out);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return usage_error(e, dashes ? start - 1 : start, argv);
  }
  // Highlights: colour on a terminal (or asked for); marks when asked for, or on a terminal
  // without colour; nothing in a pipe, where scripts read the text.
  const bool terminal = isatty(STDOUT_FILENO) == 1;
  out.color = o.mark.empty() && (o.color_when == "always" || (o.color_when == "auto" && terminal &&
                                                              std::getenv("NO_COLOR") == nullptr));
  if (o.mark.empty() && !out.color && terminal) {
    out.open = "[";
    out.close = "]";
  }
  out.json = o.json;
  out.with_context = o.context > 0;

  try {
    Session session(o, out);
    if (!o.queries_file.empty()) return session.batch(o.queries_file);
    std::string raw;
    for (const auto& w : o.words) raw += (raw.empty() ? "" : " ") + w;
    return session.one(raw);
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
