// Searching a tracuu database: ranked passages with highlights.
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
}

namespace tracuu {

// [start, end) byte offsets into a passage's text.
using Span = std::pair<std::uint32_t, std::uint32_t>;

struct Hit {
  double score = 0;       // Xapian's weight within the hit's tier (see plan.h)
  std::string id;         // report id
  std::string title;
  unsigned passage = 0;   // 0-based ordinal within the report
  std::string source;
  std::string url;        // empty when unknown
  std::string date;       // "YYYY-MM-DD", empty when unknown
  std::string text;       // the passage as written (decoded, NFC)
  std::vector<Span> highlights;
};

// The words of `text` that match the query: for a word typed with diacritics, its
// occurrences in that exact form when the passage has any, else in any form; a quoted
// phrase only where its words stand together, as one span. The parts of a matching
// compound are one span too (60-NQ/TW).
std::vector<Span> highlight(const ParsedQuery& query, std::string_view text);

class Searcher {
 public:
  // Opens the database; throws Error when it is missing or of another schema version.
  explicit Searcher(const std::string& db_path);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Replaces the ranking weights (benchmarks explore them; the defaults are measured best).
  void set_weights(const RankingWeights& weights);

  // The folded terms of the query's words of two or more units, as the database's
  // segmentation model groups them (the documents' words were grouped by the same model).
  std::vector<std::string> word_terms(const ParsedQuery& query) const;

  // The hits ranked `offset` to `offset + count` (0-based), best first.
  std::vector<Hit> search(const ParsedQuery& query, std::size_t offset, std::size_t count);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracuu
