// What a database holds, for tracuu-index --info and --list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tracuu {

struct DatabaseInfo {
  std::string path;
  std::size_t shards = 1;
  int schema = 0;
  int analyzer = 0;
  std::size_t reports = 0;
  std::size_t passages = 0;
  std::size_t model_features = 0;  // the segmentation model's weights
  std::size_t model_ngrams = 0;    // n-grams learned from the corpus (and the base model's)
  std::size_t model_words = 0;     // words from --lexicon lists
  std::size_t model_bytes = 0;
  std::uint64_t disk_bytes = 0;  // the database folder on disk
  std::uint64_t revision = 0;    // Xapian's commit counter (a database of one shard)
  std::string uuid;              // (a database of one shard)
};

struct ReportSummary {
  std::string id;
  std::string date;  // "YYYY-MM-DD" or ""
  std::string title;
  std::size_t passages = 0;
};

// Throws Error when `path` is not a tracuu database (open_for_search's rules).
DatabaseInfo database_info(const std::string& path);

// Every report, by id.
std::vector<ReportSummary> list_reports(const std::string& path);

}  // namespace tracuu
