// tracuu: full-text search of Vietnamese reports, embedded in a program.
//
//   tracuu::Database db("tracuu.db");
//   for (const tracuu::Result& r : db.search("không né tránh khuyết điểm")) ...
//
// The database is what tracuu-index writes; a search here gives exactly what
// tracuu-search gives for the same query and options (its --json fields are the fields of
// Result). CMake: find_package(tracuu) and target_link_libraries(app tracuu::tracuu).
// Every function may throw tracuu::Error (tracuu/error.h), and nothing else but
// std::bad_alloc. A Database or Indexer is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tracuu/error.h"

namespace tracuu {

// "0.1.0".
TRACUU_API std::string version();

// How a database is opened: tracuu-search's options of the same names.
struct OpenOptions {
  double timeout_seconds = 5;   // --timeout: remote shards' connection and each exchange
  bool allow_partial = false;   // --allow-partial: search the shards that answer
  bool allow_programs = false;  // --allow-programs: run 'remote :PROG' lines of a stub file
                                // opened here (never those of folders or nested stubs)
  std::vector<std::string> synonym_files;  // --synonyms: beside the shipped abbreviations
};

enum class Sort { kRelevance, kNewest, kOldest };  // --sort relevance, date, date-asc

// The ranges of a search's options, the same in tracuu-search (-n 1–100000, --offset,
// --per-report 1–100000, -C 1–50) and here; a value outside them is an Error.
inline constexpr std::size_t kMaxLimit = 100000;
inline constexpr std::size_t kMaxOffset = 1000000000;
inline constexpr unsigned kMaxPerReport = 100000;
inline constexpr unsigned kMaxContext = 50;

// tracuu-search's options for a search.
struct SearchParams {
  std::size_t limit = 10;        // -n
  std::size_t offset = 0;        // --offset
  unsigned per_report = 0;       // --per-report; 0: no limit
  Sort sort = Sort::kRelevance;  // --sort
  unsigned context = 0;          // -C: neighbouring passages on each side (Result::before, after)
  bool strict = false;           // --strict: only passages with every part as typed
};

// [start, end) offsets into Result::text.
using Offsets = std::pair<std::size_t, std::size_t>;

struct NearbyPassage {
  unsigned passage = 0;
  std::string text;
};

// One passage found: the fields of tracuu-search --json, under its names (README.md "JSON
// output"); an empty optional is JSON's null.
struct Result {
  std::size_t rank = 0;  // 1-based, counting from SearchParams::offset
  double score = 0;
  std::string match;  // "all", "forms", "title" or "some"
  std::string id;     // the report's
  std::string title;
  std::optional<std::string> number;  // an official document's ("08/2017/QH14")
  unsigned passage = 0;               // 0-based, within the report
  std::string path;                   // the file indexed ("-": stdin)
  std::optional<std::size_t> line;    // where the passage starts in it
  std::string source;
  std::optional<std::string> url;
  std::optional<std::string> date;           // "YYYY-MM-DD"
  std::optional<std::string> article;        // "12" for Điều 12
  std::string text;                          // the passage, UTF-8, NFC
  std::vector<Offsets> highlights;           // the matched words, in UTF-8 bytes
  std::vector<Offsets> highlight_chars;      // the same in code points (Python's str offsets)
  std::vector<NearbyPassage> before, after;  // with SearchParams::context
};

// --count: passages with every part of the query as typed, and their reports.
struct Totals {
  std::uint64_t passages = 0;
  std::uint64_t reports = 0;
};

// --facet: one value and its passages; no value for the passages without one.
struct FacetCount {
  std::optional<std::string> value;
  std::uint64_t count = 0;
};

// --top-refs: a cited document (its key, as readers write it, every key counted for it).
struct CitedDocument {
  std::string ref;
  std::string name;
  std::vector<std::string> keys;
  std::uint64_t passages = 0;
  std::uint64_t reports = 0;
};

// A query parsed once (tracuu-search's syntax), to run as often as needed, on any
// Database: Database's string overloads parse the text each time they are called.
class TRACUU_API Query {
 public:
  // Throws Error for a query that does not parse, with the column in the message.
  static Query parse(const std::string& text);
  ~Query();
  Query(const Query&);  // (a move copies too: a Query is never empty)
  Query& operator=(const Query&);

  const std::string& text() const;  // as given to parse

  struct Impl;  // the library's parse, shared by the copies (immutable)

 private:
  explicit Query(std::shared_ptr<const Impl> impl);
  friend class Database;
  friend Query query_of(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

// A tracuu database (or several, searched as one) opened for searching.
class TRACUU_API Database {
 public:
  // Opens what tracuu-search --db takes: a database folder, a sharded database folder or
  // a Xapian stub file. Throws Error when it is missing, corrupt, of another version, or
  // would run a program without options.allow_programs.
  explicit Database(const std::string& path, const OpenOptions& options = {});
  // Several, searched as one collection (--db given several times).
  explicit Database(const std::vector<std::string>& paths, const OpenOptions& options = {});
  ~Database();
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  // The passages matching `query` (tracuu-search's syntax), best first or by date. Throws
  // Error for a query that does not parse, with the column in the message.
  std::vector<Result> search(const std::string& query, const SearchParams& params = {});
  // --count.
  Totals count(const std::string& query);
  // --facet FIELD ("year", "source" or "ref"), at most `limit` values.
  std::vector<FacetCount> facet(const std::string& query, const std::string& field,
                                std::size_t limit = 10);
  // --top-refs [--kind KIND] (kind "" for all).
  std::vector<CitedDocument> top_refs(std::size_t limit = 10, const std::string& kind = "");
  // "Did you mean": the query as probably meant, or "".
  std::string suggestion(const std::string& query);
  // The same for a query parsed once: the results, errors and order of checks of the
  // string overloads, with the text parsed only by Query::parse.
  std::vector<Result> search(const Query& query, const SearchParams& params = {});
  Totals count(const Query& query);
  std::vector<FacetCount> facet(const Query& query, const std::string& field,
                                std::size_t limit = 10);
  std::string suggestion(const Query& query);
  // With OpenOptions::allow_partial: why each shard left out so far was left out.
  std::vector<std::string> missing_shards() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A report to index: the fields of a JSON line of tracuu-index's input (corpus/README.md).
struct ReportInput {
  std::string id;  // identity: indexing a report of the same id replaces it
  std::string title;
  std::string body;    // paragraphs separated by line breaks: each becomes a passage
  std::string date;    // "YYYY-MM-DD"; "" when unknown (a date in the text is then used)
  std::string source;  // "" : the URL's host
  std::string url;
  std::string path;  // what Result::path says of it ("" unless given)
};

// Writes reports into a database (created when missing), as tracuu-index does.
class TRACUU_API Indexer {
 public:
  // Opens the database folder (or sharded folder) at `path`, creating it when missing; a
  // new database gets the shipped segmentation model (tracuu-index would also learn the
  // n-grams of its corpus). Throws Error when another indexer holds it or it cannot be used.
  explicit Indexer(const std::string& path);
  // Drops what was not committed: the database keeps its last commit.
  ~Indexer();
  Indexer(Indexer&&) noexcept;
  Indexer& operator=(Indexer&&) noexcept;

  // Adds the report, replacing every passage of a report of the same id. Throws Error
  // naming the report when it cannot be indexed (no id, a bad date, more than 4 MiB of
  // text or 50,000 passages: tracuu-index's limits).
  void add(const ReportInput& report);
  // Removes the report; false when there was none.
  bool remove(const std::string& id);
  // Makes what was added and removed durable and visible to searches, at once.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The words of `text` as the shipped segmentation model groups its syllables ("Tổng Bí
// thư", "Tô Lâm", ...), each as written; punctuation is not a word.
TRACUU_API std::vector<std::string> segment(const std::string& text);

}  // namespace tracuu
