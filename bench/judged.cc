// Judged relevance: nDCG@10 and recall@10 of tracuu and SQLite FTS5 on hand-judged
// queries (bench/judged/*.jsonl), over the same passages, in the same run.
//
//   tracuu-bench-judged [--work DIR] [--weights W] JUDGMENTS.jsonl CORPUS...
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "query/plan.h"
#include "query/query.h"
#include "query/searcher.h"
#include "text/normalize.h"

namespace fs = std::filesystem;
using namespace tracuu;
using namespace tracuu::bench;

namespace {

struct Judged {
  std::string id, query, note;
  std::map<std::pair<std::string, unsigned>, int> grade;  // (report, passage) → 1 or 2
};

double dcg(const std::vector<int>& gains) {
  double d = 0;
  for (std::size_t i = 0; i < gains.size(); ++i) d += (std::pow(2.0, gains[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  return d;
}

struct Metrics {
  double ndcg = 0, recall = 0;
};

Metrics measure(const Judged& j, const std::vector<std::pair<std::string, unsigned>>& ranked) {
  std::vector<int> gains, ideal;
  std::size_t found = 0;
  for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
    const auto it = j.grade.find(ranked[i]);
    gains.push_back(it == j.grade.end() ? 0 : it->second);
    found += it != j.grade.end();
  }
  for (const auto& [key, g] : j.grade) ideal.push_back(g);
  std::sort(ideal.rbegin(), ideal.rend());
  if (ideal.size() > 10) ideal.resize(10);
  Metrics m;
  m.ndcg = dcg(gains) / dcg(ideal);
  m.recall = static_cast<double>(found) / static_cast<double>(std::min<std::size_t>(j.grade.size(), 10));
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Judged relevance: nDCG@10 and recall@10, tracuu against SQLite FTS5"};
  std::string judgments, work, weight_spec;
  std::vector<std::string> corpus;
  bool per_query = false;
  app.add_option("JUDGMENTS", judgments, "Judged queries (JSON lines, bench/judged/)")->required();
  app.add_option("CORPUS", corpus, "Files or folders the judgments are about")->required();
  app.add_option("--work", work, "Folder for the indexes; reused when it already holds both");
  app.add_flag("--per-query", per_query, "Print each query's figures");
  CLI11_PARSE(app, argc, argv);

  std::vector<Judged> queries;
  {
    std::ifstream in(judgments);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line);
      Judged q{j.at("id"), j.at("query"), j.value("note", ""), {}};
      for (const auto& r : j.at("relevant")) {
        q.grade[{r.at("report").get<std::string>(), r.at("passage").get<unsigned>()}] = r.at("grade").get<int>();
      }
      queries.push_back(std::move(q));
    }
  }
  const bool temporary = work.empty();
  if (temporary) work = (fs::temp_directory_path() / fmt::format("tracuu-judged-{}", getpid())).string();
  fs::create_directories(work);
  const std::string db_path = work + "/tracuu.db", fts_path = work + "/fts5.sqlite";
  const bool reuse = fs::exists(db_path) && fs::exists(fts_path);
  if (!reuse) fmt::print("tracuu index built in {:.2f} s\n", build_tracuu(corpus, db_path));
  const std::vector<Passage> passages = read_passages(db_path);
  double fts_seconds = 0;
  sqlite3* fts = nullptr;
  if (reuse) {
    if (sqlite3_open(fts_path.c_str(), &fts) != SQLITE_OK) return 2;
  } else {
    fts = build_fts5(passages, fts_path, fts_seconds);
  }

  // Every judged passage must be where the judgments say (its first words match).
  {
    std::map<std::pair<std::string, unsigned>, const Passage*> at;
    for (const Passage& p : passages) at[{p.id, p.ordinal}] = &p;
    std::ifstream in(judgments);
    std::string line;
    std::size_t drift = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      for (const auto& r : nlohmann::json::parse(line).at("relevant")) {
        const auto it = at.find({r.at("report").get<std::string>(), r.at("passage").get<unsigned>()});
        const std::string check = to_nfc(r.value("check", std::string()));
        if (it == at.end() || to_nfc(it->second->text).rfind(check, 0) != 0) ++drift;
      }
    }
    if (drift > 0) fmt::print("warning: {} judged passages are not where the judgments say\n", drift);
  }

  Searcher searcher(db_path);
  Metrics ours_total, theirs_total, any_total;
  std::size_t fts_empty = 0;
  for (const Judged& q : queries) {
    std::vector<std::pair<std::string, unsigned>> ours, theirs;
    for (const Hit& h : searcher.search(searcher.parse(q.query), 0, 10)) ours.emplace_back(h.id, h.passage);
    for (std::size_t row : fts5_search(fts, q.query, 10)) theirs.emplace_back(passages[row].id, passages[row].ordinal);
    fts_empty += theirs.empty();
    // FTS5 with any of the words (its bm25 ranks passages with more of them first).
    std::vector<std::pair<std::string, unsigned>> any;
    for (std::size_t row : fts5_search(fts, q.query, 10, true)) any.emplace_back(passages[row].id, passages[row].ordinal);
    const Metrics a = measure(q, ours), b = measure(q, theirs), c = measure(q, any);
    any_total.ndcg += c.ndcg;
    any_total.recall += c.recall;
    ours_total.ndcg += a.ndcg;
    ours_total.recall += a.recall;
    theirs_total.ndcg += b.ndcg;
    theirs_total.recall += b.recall;
    if (per_query) {
      fmt::print("{:<5} tracuu nDCG {:.3f} R {:.3f} | FTS5 nDCG {:.3f} R {:.3f} | {}\n", q.id, a.ndcg,
                 a.recall, b.ndcg, b.recall, q.query);
    }
  }
  const double n = static_cast<double>(queries.size());
  fmt::print("\n{} judged queries ({} with no FTS5 result)\n", queries.size(), fts_empty);
  fmt::print("{:<8} {:>8} {:>10}\n", "", "nDCG@10", "recall@10");
  fmt::print("{:<8} {:>8.3f} {:>10.3f}\n", "tracuu", ours_total.ndcg / n, ours_total.recall / n);
  fmt::print("{:<8} {:>8.3f} {:>10.3f}   (all words required, as in the known-item benchmark)\n", "FTS5",
             theirs_total.ndcg / n, theirs_total.recall / n);
  fmt::print("{:<8} {:>8.3f} {:>10.3f}   (any of the words)\n", "FTS5", any_total.ndcg / n, any_total.recall / n);
  sqlite3_close(fts);
  if (temporary) fs::remove_all(work);
  return 0;
}
