#include "bench_util.h"

#include <fmt/format.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "index/index_run.h"
#include "index/schema.h"
#include "index/segmentation.h"
#include "index/writer.h"
#include "query/plan.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace tracuu::bench {
namespace {

class CountingObserver : public IndexObserver {
 public:
  void skipped(const std::string&, const std::string&) override { ++skipped_; }
  void note(const std::string&) override {}
  void progress(const IndexStats&) override {}
  std::size_t skipped_ = 0;
};

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(fmt::format("sqlite {}: {}", what, sqlite3_errmsg(db)));
  }
}

}  // namespace

double build_tracuu(const std::vector<std::string>& corpus, const std::string& db_path) {
  const auto start = std::chrono::steady_clock::now();
  CountingObserver observer;
  IndexWriter writer(db_path);
  prepare_segmenter(writer, db_path, corpus, ModelOptions());
  index_paths(writer, corpus, observer);
  writer.commit();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<Passage> read_passages(const std::string& db_path) {
  Xapian::Database db(db_path);
  std::vector<Passage> out;
  out.reserve(db.get_doccount());
  std::map<std::string, std::string> titles;  // on each report's first passage (schema.h)
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    const auto data = nlohmann::json::parse(doc.get_data());
    out.push_back({doc.get_value(schema::kSlotReport), data.at("passage").get<unsigned>(),
                   data.at("text").get<std::string>(), ""});
    if (data.contains("title")) titles[out.back().id] = data.at("title").get<std::string>();
  }
  for (Passage& p : out) p.title = titles[p.id];
  return out;
}

sqlite3* build_fts5(const std::vector<Passage>& passages, const std::string& path,
                    double& seconds) {
  const auto start = std::chrono::steady_clock::now();
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    throw std::runtime_error(fmt::format("cannot open sqlite database {}", path));
  }
  check(sqlite3_exec(db,
                     "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                     "CREATE VIRTUAL TABLE passages USING fts5(text, "
                     "tokenize='unicode61 remove_diacritics 2');"
                     "BEGIN;",
                     nullptr, nullptr, nullptr),
        db, "create");
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(db, "INSERT INTO passages(rowid, text) VALUES (?, ?)", -1, &insert,
                           nullptr),
        db, "prepare insert");
  for (std::size_t i = 0; i < passages.size(); ++i) {
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(i + 1));
    sqlite3_bind_text(insert, 2, passages[i].text.data(), static_cast<int>(passages[i].text.size()),
                      SQLITE_STATIC);
    check(sqlite3_step(insert), db, "insert");
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  check(sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr), db, "commit");
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return db;
}

std::vector<std::size_t> fts5_search(sqlite3* db, const std::string& query, std::size_t k,
                                     bool any_word) {
  std::string match;
  for (const Token& t : tokenize(query)) {
    std::string word(query.substr(t.start, t.end - t.start));
    if (!match.empty()) match += any_word ? " OR " : " ";
    match += '"' + word + '"';
  }
  std::vector<std::size_t> out;
  if (match.empty()) return out;
  sqlite3_stmt* stmt = nullptr;
  check(sqlite3_prepare_v2(db,
                           "SELECT rowid FROM passages WHERE passages MATCH ? "
                           "ORDER BY bm25(passages) LIMIT ?",
                           -1, &stmt, nullptr),
        db, "prepare search");
  sqlite3_bind_text(stmt, 1, match.c_str(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt, 2, static_cast<sqlite3_int64>(k));
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    out.push_back(static_cast<std::size_t>(sqlite3_column_int64(stmt, 0) - 1));
  }
  sqlite3_finalize(stmt);
  return out;
}

std::string comparable(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(to_nfc(text));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

RankingWeights parse_weights(const std::string& spec) {
  RankingWeights w;
  std::size_t at = 0;
  while (at < spec.size()) {
    auto comma = spec.find(',', at);
    if (comma == std::string::npos) comma = spec.size();
    const std::string item = spec.substr(at, comma - at);
    at = comma + 1;
    const auto eq = item.find('=');
    if (eq == std::string::npos) throw std::runtime_error("--weights: want name=value: " + item);
    const std::string name = item.substr(0, eq);
    const double value = std::stod(item.substr(eq + 1));
    if (name == "exact")
      w.exact = value;
    else if (name == "phrase")
      w.phrase = value;
    else if (name == "whole")
      w.whole = value;
    else if (name == "near")
      w.near = value;
    else if (name == "close")
      w.close = value;
    else if (name == "adjacent")
      w.adjacent = value;
    else if (name == "article")
      w.article = value;
    else if (name == "other_forms_closeness")
      w.other_forms_closeness = value;
    else if (name == "gap")
      w.gap = value;
    else if (name == "title")
      w.title = value;
    else if (name == "word")
      w.word = value;
    else if (name == "likely")
      w.likely = value;
    else if (name == "prefix")
      w.prefix = value;
    else if (name == "forms")
      w.forms = value;
    else if (name == "coverage")
      w.coverage = value;
    else if (name == "report")
      w.report = value;
    else if (name == "title_coverage")
      w.title_coverage = value;
    else if (name == "window")
      w.window = static_cast<unsigned>(value);
    else if (name == "k1")
      w.k1 = value;
    else if (name == "b")
      w.b = value;
    else if (name == "min_normlen")
      w.min_normlen = value;
    else
      throw std::runtime_error("--weights: unknown weight " + name);
  }
  return w;
}

}  // namespace tracuu::bench
