#include "index/inspect.h"

#include <fmt/format.h>
#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "error.h"
#include "index/database.h"
#include "index/schema.h"
#include "index/shards.h"
#include "segment/segmenter.h"

namespace tracuu {

DatabaseInfo database_info(const std::string& path) {
  const Collection c = open_collection({path}, {});
  const Xapian::Database& db = c.all;
  const Xapian::Database& first = c.model_shard().db;
  DatabaseInfo info;
  info.path = path;
  info.shards = c.shards.size();
  info.schema = std::stoi(first.get_metadata(std::string(schema::kVersionKey)));
  const std::string analyzer = first.get_metadata(std::string(schema::kAnalyzerKey));
  info.analyzer = analyzer.empty() ? 0 : std::stoi(analyzer);
  info.passages = db.get_doccount();
  const std::string prefix(schema::kPrefixReport);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) ++info.reports;
  const std::string model = first.get_metadata(std::string(schema::kSegmenterKey));
  info.model_bytes = model.size();
  if (!model.empty()) {
    try {
      const Segmenter s = Segmenter::deserialize(model, path);
      info.model_features = s.feature_count();
      info.model_ngrams = s.ngram_count();
      info.model_words = s.word_count();
    } catch (const ModelError& e) {
      throw Error(e.what());
    }
  }
  std::error_code ec;
  for (const Shard& shard : c.shards) {
    if (shard.remote) continue;
    for (const auto& entry : std::filesystem::directory_iterator(shard.name, ec)) {
      if (entry.is_regular_file(ec)) info.disk_bytes += entry.file_size(ec);
    }
  }
  if (c.shards.size() == 1) {
    info.revision = db.get_revision();
    info.uuid = db.get_uuid();
  }
  return info;
}

std::vector<ReportSummary> list_reports(const std::string& path) {
  const Collection c = open_collection({path}, {});
  const Xapian::Database& db = c.all;
  std::vector<ReportSummary> out;
  const std::string prefix(schema::kPrefixReport);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    ReportSummary r;
    r.id = term.substr(prefix.size());
    r.passages = it.get_termfreq();
    auto first = db.postlist_begin(term);
    if (first != db.postlist_end(term)) {
      const auto data = nlohmann::json::parse(db.get_document(*first).get_data(), nullptr, false);
      if (!data.is_object() || !data.contains("text")) {
        std::vector<std::string> folders;
        for (const Shard& shard : c.shards) folders.push_back(shard.name);
        throw corrupt_database_error(folders, fmt::format("the data of report \"{}\" is not what "
                                                          "tracuu writes",
                                                          r.id));
      }
      if (data.contains("title") && data["title"].is_string()) r.title = data["title"];
      if (data.contains("date") && data["date"].is_string()) r.date = data["date"];
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tracuu
