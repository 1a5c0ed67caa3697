// Shared pieces of the benchmarks: building both indexes over the same passages.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

namespace tracuu {
struct RankingWeights;
}

namespace tracuu::bench {

struct Passage {
  std::string id;  // report id
  unsigned ordinal = 0;
  std::string text;
  std::string title;  // the report's
};

// Indexes `corpus` (files or folders) into a new tracuu database at `db_path`; returns
// the wall time in seconds. Input problems are counted, not printed.
double build_tracuu(const std::vector<std::string>& corpus, const std::string& db_path);

// Every passage stored in the tracuu database, in document order, with its report's title.
std::vector<Passage> read_passages(const std::string& db_path);

// An SQLite FTS5 table passages(text) with unicode61 remove_diacritics 2 over `passages`,
// rowid = index in `passages` + 1. Returns the open database; `seconds` gets build time.
sqlite3* build_fts5(const std::vector<Passage>& passages, const std::string& path, double& seconds);

// The top `k` rowids - 1 (indexes into passages) for a query whose words must all match,
// ranked by bm25. The words are our tokenizer's tokens of `query`, each quoted.
// With `any_word`, the words are ORed instead.
std::vector<std::size_t> fts5_search(sqlite3* db, const std::string& query, std::size_t k,
                                     bool any_word = false);

// Ranking weights from "name=value,..." (names as in RankingWeights), over the defaults.
// Throws std::runtime_error naming a bad item.
RankingWeights parse_weights(const std::string& spec);

// NFC + full case folding, for comparing texts the way readers do.
std::string comparable(const std::string& text);

}  // namespace tracuu::bench
