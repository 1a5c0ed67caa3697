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
#include <set>
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
  std::set<std::pair<std::string, unsigned>> judged;      // graded 0, 1 or 2
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
  std::string pool_path;
  app.add_option("--pool", pool_path,
                 "Write the passages in the top 10 of any system that are not judged yet, to be judged "
                 "(JSON lines)");
  app.add_option("--weights", weight_spec,
                 "Ranking weights to try instead of the defaults, e.g. phrase=4,near=1 (names as in "
                 "RankingWeights)");
  CLI11_PARSE(app, argc, argv);

  std::vector<Judged> queries;
  {
    std::ifstream in(judgments);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line);
      Judged q{j.at("id"), j.at("query"), j.value("note", ""), {}, {}};
      for (const auto& r : j.at("relevant")) {
        const std::pair<std::string, unsigned> key{r.at("report").get<std::string>(), r.at("passage").get<unsigned>()};
        q.grade[key] = r.at("grade").get<int>();
        q.judged.insert(key);
      }
      for (const auto& r : j.value("not_relevant", nlohmann::json::array())) {
        q.judged.insert({r.at("report").get<std::string>(), r.at("passage").get<unsigned>()});
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
  searcher.set_weights(parse_weights(weight_spec));
  std::ofstream pool;
  if (!pool_path.empty()) pool.open(pool_path);
  std::map<std::pair<std::string, unsigned>, const Passage*> passage_at;
  for (const Passage& p : passages) passage_at[{p.id, p.ordinal}] = &p;
  Metrics ours_total, theirs_total, any_total;
  std::size_t wins = 0, losses = 0;  // queries where tracuu's nDCG@10 beats FTS5 (any word) by 0.01 or loses
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
    if (pool.is_open()) {
      std::set<std::pair<std::string, unsigned>> pooled;
      for (const auto* list : {&ours, &theirs, &any}) {
        for (const auto& key : *list) {
          if (q.judged.count(key) || !pooled.insert(key).second) continue;
          pool << nlohmann::json{{"id", q.id}, {"query", q.query}, {"note", q.note}, {"report", key.first},
                                 {"passage", key.second}, {"text", passage_at.at(key)->text}}.dump()
               << "\n";
        }
      }
    }
    wins += a.ndcg > c.ndcg + 0.01;
    losses += a.ndcg + 0.01 < c.ndcg;
    any_total.ndcg += c.ndcg;
    any_total.recall += c.recall;
    ours_total.ndcg += a.ndcg;
    ours_total.recall += a.recall;
    theirs_total.ndcg += b.ndcg;
    theirs_total.recall += b.recall;
    if (per_query) {
      if (&q == &queries.front()) fmt::print("query  nDCG@10 and recall@10 of each\n");
      fmt::print("{:<5} tracuu {:.3f} {:.3f} | FTS5 all {:.3f} {:.3f} | FTS5 any {:.3f} {:.3f} | {}\n", q.id,
                 a.ndcg, a.recall, b.ndcg, b.recall, c.ndcg, c.recall, q.query);
    }
  }
  const double n = static_cast<double>(queries.size());
  fmt::print("\n{} judged queries ({} with no FTS5 result)\n", queries.size(), fts_empty);
  fmt::print("{:<8} {:>8} {:>10}\n", "", "nDCG@10", "recall@10");
  fmt::print("{:<8} {:>8.3f} {:>10.3f}\n", "tracuu", ours_total.ndcg / n, ours_total.recall / n);
  fmt::print("{:<8} {:>8.3f} {:>10.3f}   (all words required, as in the known-item benchmark)\n", "FTS5",
             theirs_total.ndcg / n, theirs_total.recall / n);
  fmt::print("{:<8} {:>8.3f} {:>10.3f}   (any of the words)\n", "FTS5", any_total.ndcg / n, any_total.recall / n);
  fmt::print("tracuu against FTS5 (any of the words), nDCG@10 per query: better on {}, worse on {}, "
             "within 0.01 on {}\n",
             wins, losses, queries.size() - wins - losses);
  sqlite3_close(fts);
  if (temporary) fs::remove_all(work);
  return 0;
}
