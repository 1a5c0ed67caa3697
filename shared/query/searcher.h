// Searching a tracuu database: ranked passages with highlights, counts, facets, and
// suggestions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/query.h"

namespace tracuu {

struct RankingWeights;
struct CollectionOptions;  // index/shards.h
struct MissingShard;

// [start, end) byte offsets into a passage's text.
using Span = std::pair<std::uint32_t, std::uint32_t>;

struct Neighbour {
  unsigned passage = 0;
  std::string text;
};

struct Hit {
  double score = 0;  // the passage's weight (see plan.h); weights compare within a tier
  Match match = Match::kAll;
  std::string id;  // report id
  std::string title;
  unsigned passage = 0;  // 0-based ordinal within the report
  std::string source;    // the input's source, else its URL's host, else its top folder
  std::string path;      // the input file as named when indexing ("-": stdin)
  std::size_t line = 0;  // the 1-based line where the passage starts in it; 0: unknown (HTML)
  std::string url;       // empty when unknown
  std::string date;      // "YYYY-MM-DD", empty when unknown
  std::string article;   // the official document's article ("12" for Điều 12), or empty
  std::string number;    // the official document's number ("100/2015/QH13"), or empty
  std::string text;      // the passage as written (decoded, NFC)
  std::vector<Span> highlights;
  std::vector<Neighbour> before, after;  // with SearchOptions::context
};

struct SearchOptions {
  std::size_t offset = 0;
  std::size_t limit = 10;
  unsigned per_report = 0;  // at most this many passages of one report (0: no limit)
  enum class Sort { kRelevance, kNewest, kOldest };
  Sort sort = Sort::kRelevance;
  unsigned context = 0;  // neighbouring passages on each side of a hit
  bool strict = false;   // only the passages with the query as typed (Match::kAll)
};

struct Counts {
  std::uint64_t passages = 0;
  std::uint64_t reports = 0;
};

enum class Facet { kYear, kSource, kRef };

// A document cited by the corpus (text/refs.h key), with how many passages and reports
// cite it.
struct RefCount {
  std::string key;                // its fullest key ("ND-86/2015/CP")
  std::string name;               // as readers write it ("Nghị định 86/2015/NĐ-CP")
  std::vector<std::string> keys;  // every key counted for it: the fullest and those that
                                  // stand for it alone ("ND-86", "ND-86/2015")
  std::uint64_t passages = 0;
  std::uint64_t reports = 0;
};

struct FacetValue {
  std::string value;  // "" for the passages without one (a report without a date)
  std::uint64_t count = 0;
};

// The words of `text` that match the query: for a word typed with diacritics, its
// occurrences in that exact form when the passage has any, else in any form; a quoted
// phrase (or a multi-word form of an abbreviation) only where its words stand together, as
// one span; the query's last word, typed as a prefix, also where a word begins with it:
// any such word, or (`completions`, folded and sorted) only those the search may complete
// it to (those Searcher::search completes it to). The parts of a matching compound are one span too
// (60-NQ/TW).
std::vector<Span> highlight(const ParsedQuery& query, std::string_view text,
                            const std::vector<std::string>* completions = nullptr);

class Searcher {
 public:
  // Opens the database; throws Error when it is missing or of another schema version.
  // `synonym_files` add to the shipped list of abbreviations.
  explicit Searcher(const std::string& db_path, const std::vector<std::string>& synonym_files = {});

  // Opens the databases `dbs` names (folders, sharded folders, stub files: shards.h) and
  // searches them as one collection. Abbreviations come from the shipped list and
  // `synonym_files`, suggestions from the collection's term counts, the segmentation model
  // from a local shard if there is one: nothing needs Xapian's spelling or synonym tables,
  // which the remote backend does not serve.
  Searcher(const std::vector<std::string>& dbs, const CollectionOptions& options,
           const std::vector<std::string>& synonym_files = {});

  // With CollectionOptions::allow_partial: the shards left out, on opening or because they
  // stopped answering during a search (which then ran again without them).
  const std::vector<MissingShard>& missing_shards() const;
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Parses `raw` and gives its units their other forms (abbreviations). Throws QueryError.
  ParsedQuery parse(std::string_view raw) const;
  // Gives the units of `parsed` (parse_query's) their other forms: parse() of its text.
  ParsedQuery with_other_forms(ParsedQuery parsed) const;

  // Replaces the ranking weights (benchmarks explore them; bench/README.md says how the
  // defaults were chosen).
  void set_weights(const RankingWeights& weights);

  // The folded terms of the query's words of two or more units, as the database's
  // segmentation model groups them (the documents' words were grouped by the same model).
  std::vector<std::string> word_terms(const ParsedQuery& query) const;

  // The hits, best first (or by date), from options.offset.
  std::vector<Hit> search(const ParsedQuery& query, const SearchOptions& options);
  std::vector<Hit> search(const ParsedQuery& query, std::size_t offset, std::size_t limit) {
    SearchOptions o;
    o.offset = offset;
    o.limit = limit;
    return search(query, o);
  }

  // How many passages, and of how many reports, have every part of the query.
  Counts count(const ParsedQuery& query);

  // Those passages counted by year (the latest `max` years, oldest first), source or cited
  // document (the largest counts first; a passage citing two documents counts for each).
  std::vector<FacetValue> facet(const ParsedQuery& query, Facet facet, std::size_t max);

  // The documents the whole corpus cites in most passages, most cited first; only those of
  // `kind` ("NQ", any case) unless it is empty. A key that begins one fuller key only
  // (ND-86 of ND-86/2015/CP: the same document, cited shortly) is counted with it.
  std::vector<RefCount> top_refs(std::size_t max, std::string_view kind = {});

  // "Did you mean": the query as probably meant, or "" (suggest.h).
  std::string suggestion(const ParsedQuery& query);

 private:
  template <class F>
  auto guarded(F f) -> decltype(f());
  std::vector<Hit> search_once(const ParsedQuery& query, const SearchOptions& options);
  Counts count_once(const ParsedQuery& query);
  std::vector<FacetValue> facet_once(const ParsedQuery& query, Facet facet, std::size_t max);
  std::vector<RefCount> top_refs_once(std::size_t max, std::string_view kind);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracuu
