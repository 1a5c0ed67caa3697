// Judged relevance: nDCG@10 and recall@10 of tracuu, SQLite FTS5 and Xapian's default BM25
// on hand-judged queries (bench/judged/*.jsonl), over the same passages, in the same run.
//
//   tracuu-bench-judged [--work DIR] [--weights W] [--per-query] [--pool OUT.jsonl]
//                       JUDGMENTS.jsonl CORPUS...
#include <fmt/format.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "bench_util.h"
#include "query/plan.h"
#include "query/query.h"
#include "query/searcher.h"
#include "text/analyze.h"
#include "text/normalize.h"

namespace fs = std::filesystem;
using namespace tracuu;
using namespace tracuu::bench;

namespace {

using Key = std::pair<std::string, unsigned>;  // report id, passage ordinal

struct Judged {
  std::string id, set, query, note;
  std::map<Key, int> grade;  // 1 or 2
  std::set<Key> judged;      // graded 0, 1 or 2
};

double dcg(const std::vector<int>& gains) {
  double d = 0;
  for (std::size_t i = 0; i < gains.size(); ++i)
    d += (std::pow(2.0, gains[i]) - 1) / std::log2(static_cast<double>(i) + 2);
  return d;
}

struct Metrics {
  double ndcg = 0, recall = 0;
  std::size_t unjudged = 0;  // passages of the top 10 nobody has judged
};

Metrics measure(const Judged& j, const std::vector<Key>& ranked) {
  std::vector<int> gains, ideal;
  Metrics m;
  std::size_t found = 0;
  for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
    const auto it = j.grade.find(ranked[i]);
    gains.push_back(it == j.grade.end() ? 0 : it->second);
    found += it != j.grade.end();
    m.unjudged += !j.judged.count(ranked[i]);
  }
  for (const auto& [key, g] : j.grade) ideal.push_back(g);
  std::sort(ideal.rbegin(), ideal.rend());
  if (ideal.size() > 10) ideal.resize(10);
  if (ideal.empty()) return m;
  m.ndcg = dcg(gains) / dcg(ideal);
  m.recall =
      static_cast<double>(found) / static_cast<double>(std::min<std::size_t>(j.grade.size(), 10));
  return m;
}

std::vector<Judged> read_judgments(const std::string& path) {
  std::vector<Judged> queries;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    Judged q{j.at("id"), j.value("set", ""), j.at("query"), j.value("note", ""), {}, {}};
    for (const auto& r : j.value("relevant", nlohmann::json::array())) {
      const Key key{r.at("report").get<std::string>(), r.at("passage").get<unsigned>()};
      q.grade[key] = r.at("grade").get<int>();
      q.judged.insert(key);
    }
    for (const auto& r : j.value("not_relevant", nlohmann::json::array())) {
      q.judged.insert({r.at("report").get<std::string>(), r.at("passage").get<unsigned>()});
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

// Xapian's default: BM25 with its default parameters over the query's words, folded (as
// FTS5's remove_diacritics), any of them: the tracuu index's own folded terms.
std::vector<Key> xapian_bm25(const Xapian::Database& db, const std::string& query, std::size_t k) {
  std::vector<Xapian::Query> words;
  for (const Word& w : analyze(to_nfc(query))) words.emplace_back(w.folded);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
  std::vector<Key> out;
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(k));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto data = nlohmann::json::parse(it.get_document().get_data());
    out.emplace_back(it.get_document().get_value(1), data.at("passage").get<unsigned>());
  }
  return out;
}

struct System {
  std::string name, about;
  std::function<std::vector<Key>(const std::string& query, std::size_t k)> search;
};

struct Tally {
  Metrics total;
  std::map<std::string, Metrics> by_set;
  std::size_t empty = 0;  // queries it found nothing for
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Judged relevance: nDCG@10 and recall@10, tracuu against SQLite FTS5 and Xapian's BM25"};
  std::string judgments, work, weight_spec;
  std::vector<std::string> corpus;
  bool per_query = false;
  std::size_t pool_depth = 10;
  app.add_option("JUDGMENTS", judgments, "Judged queries (JSON lines, bench/judged/)")->required();
  app.add_option("CORPUS", corpus, "Files or folders the judgments are about")->required();
  app.add_option("--work", work, "Folder for the indexes; reused when it already holds both");
  app.add_flag("--per-query", per_query, "Print each query's figures");
  std::string pool_path;
  app.add_option(
      "--pool", pool_path,
      "Write the passages in the top --pool-depth of any system that are not judged yet, to be "
      "judged (JSON lines)");
  app.add_option("--pool-depth", pool_depth, "How many of each system's passages --pool looks at")
      ->capture_default_str();
  app.add_option(
      "--weights", weight_spec,
      "Ranking weights to try instead of the defaults, e.g. phrase=4,near=1 (names as in "
      "RankingWeights)");
  CLI11_PARSE(app, argc, argv);

  const std::vector<Judged> queries = read_judgments(judgments);
  const bool temporary = work.empty();
  if (temporary)
    work = (fs::temp_directory_path() / fmt::format("tracuu-judged-{}", getpid())).string();
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
  std::map<Key, const Passage*> passage_at;
  for (const Passage& p : passages) passage_at[{p.id, p.ordinal}] = &p;
  {
    std::ifstream in(judgments);
    std::string line;
    std::size_t drift = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      for (const auto& r : nlohmann::json::parse(line).value("relevant", nlohmann::json::array())) {
        const auto it =
            passage_at.find({r.at("report").get<std::string>(), r.at("passage").get<unsigned>()});
        const std::string check = to_nfc(r.value("check", std::string()));
        if (it == passage_at.end() || to_nfc(it->second->text).rfind(check, 0) != 0) ++drift;
      }
    }
    if (drift > 0)
      fmt::print("warning: {} judged passages are not where the judgments say\n", drift);
  }

  Searcher searcher(db_path);
  searcher.set_weights(parse_weights(weight_spec));
  const Xapian::Database xapian_db(db_path);
  auto rows = [&](const std::vector<std::size_t>& found) {
    std::vector<Key> out;
    for (std::size_t row : found) out.emplace_back(passages[row].id, passages[row].ordinal);
    return out;
  };
  std::vector<System> systems = {
      {"tracuu", "",
       [&](const std::string& q, std::size_t k) {
         std::vector<Key> out;
         for (const Hit& h : searcher.search(searcher.parse(q), 0, k))
           out.emplace_back(h.id, h.passage);
         return out;
       }},
      {"FTS5 all", "every word required, as in the known-item benchmark",
       [&](const std::string& q, std::size_t k) { return rows(fts5_search(fts, q, k)); }},
      {"FTS5 any", "any of the words: bm25 ranks passages with more of them first",
       [&](const std::string& q, std::size_t k) { return rows(fts5_search(fts, q, k, true)); }},
      {"Xapian", "Xapian's default BM25 over the folded words, any of them",
       [&](const std::string& q, std::size_t k) { return xapian_bm25(xapian_db, q, k); }},
  };

  std::vector<Tally> tallies(systems.size());
  std::ofstream pool;
  if (!pool_path.empty()) pool.open(pool_path);
  std::size_t wins = 0,
              losses = 0;      // queries where tracuu beats the better baseline by 0.01, or loses
  std::size_t unanswered = 0;  // queries no judged passage answers: left out of the figures
  if (per_query) fmt::print("query  nDCG@10 and recall@10 of each\n");
  for (const Judged& q : queries) {
    if (q.grade.empty()) {
      ++unanswered;
      continue;
    }
    std::vector<Metrics> m;
    std::set<Key> pooled;
    for (std::size_t si = 0; si < systems.size(); ++si) {
      Tally& s = tallies[si];
      const std::vector<Key> ranked =
          systems[si].search(q.query, std::max<std::size_t>(10, pool.is_open() ? pool_depth : 0));
      s.empty += ranked.empty();
      m.push_back(measure(q, ranked));
      for (Metrics* t : {&s.total, &s.by_set[q.set]}) {
        t->ndcg += m.back().ndcg;
        t->recall += m.back().recall;
        t->unjudged += m.back().unjudged;
      }
      if (!pool.is_open()) continue;
      for (std::size_t i = 0; i < ranked.size() && i < pool_depth; ++i) {
        const Key& key = ranked[i];
        if (q.judged.count(key) || !pooled.insert(key).second) continue;
        pool << nlohmann::json{{"id", q.id},
                               {"query", q.query},
                               {"note", q.note},
                               {"report", key.first},
                               {"passage", key.second},
                               {"text", passage_at.at(key)->text}}
                    .dump()
             << "\n";
      }
    }
    const double best_baseline = std::max({m[1].ndcg, m[2].ndcg, m[3].ndcg});
    wins += m[0].ndcg > best_baseline + 0.01;
    losses += m[0].ndcg + 0.01 < best_baseline;
    if (per_query) {
      std::string line = fmt::format("{:<5}", q.id);
      for (std::size_t s = 0; s < systems.size(); ++s) {
        line += fmt::format(" | {} {:.3f} {:.3f}", systems[s].name, m[s].ndcg, m[s].recall);
      }
      fmt::print("{} | {}\n", line, q.query);
    }
  }
  const double n = static_cast<double>(queries.size() - unanswered);
  fmt::print(
      "\n{} judged queries{}\n", queries.size() - unanswered,
      unanswered > 0
          ? fmt::format(" ({} more with no passage judged relevant yet, left out)", unanswered)
          : "");
  fmt::print("{:<10} {:>8} {:>10} {:>9}\n", "", "nDCG@10", "recall@10", "unjudged");
  for (std::size_t si = 0; si < systems.size(); ++si) {
    const Tally& t = tallies[si];
    fmt::print("{:<10} {:>8.3f} {:>10.3f} {:>9}   {}{}\n", systems[si].name, t.total.ndcg / n,
               t.total.recall / n, t.total.unjudged, systems[si].about,
               t.empty > 0 ? fmt::format(" ({} queries with no result)", t.empty) : "");
  }
  std::map<std::string, std::size_t> per_set;
  for (const Judged& q : queries) per_set[q.set] += !q.grade.empty();
  if (per_set.size() > 1) {
    for (const auto& [set, count] : per_set) {
      std::string line = fmt::format("set {} ({} queries), nDCG@10:", set, count);
      for (std::size_t si = 0; si < systems.size(); ++si) {
        line += fmt::format(" {} {:.3f}", systems[si].name,
                            tallies[si].by_set.at(set).ndcg / static_cast<double>(count));
      }
      fmt::print("{}\n", line);
    }
  }
  fmt::print(
      "tracuu against the best of FTS5 and Xapian per query, nDCG@10: better on {}, worse on {}, "
      "within 0.01 on {}\n",
      wins, losses, queries.size() - unanswered - wins - losses);
  fmt::print(
      "(unjudged: passages in a top 10 that nobody judged, counted as not relevant; judge them "
      "with --pool before trusting a new setting's figures)\n");
  sqlite3_close(fts);
  if (temporary) fs::remove_all(work);
  return 0;
}
