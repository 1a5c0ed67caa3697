// Each passage of a tier must weigh what the tier's relevance query gives it alone: the
// tier's condition selects, it must not add weight. Xapian 1.4.22 breaks this for OP_PHRASE
// and OP_NEAR under OP_OR under a filter (the phrase bonus was added to passages without
// the phrase: "học sinh Hải Dương …" ranked passages with one of its words at 400 against
// 8), so plan.cc builds its positional bonuses in a form that keeps it.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cmath>
#include <map>
#include <random>

#include "index/report.h"
#include "index/writer.h"
#include "query/plan.h"
#include "query/query.h"
#include "segment/segmenter.h"
#include "support/temp_dir.h"

namespace tracuu {
namespace {

using testing::TempDir;

// Passages of words drawn from a small vocabulary, so that the query's words meet in every
// way: together, apart, some of them, in other forms.
std::string build(const TempDir& dir) {
  const std::vector<std::string> vocabulary = {"học", "sinh", "hải", "dương", "hút", "ma", "túy", "bằng",
                                               "điếu", "cày", "Hà", "Nội", "tỉnh", "báo", "cáo", "đã",
                                               "mà", "tuy", "đường", "cây", "người", "dân"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1), length(3, 25);
  const std::string path = dir / "db";
  IndexWriter writer(path);
  writer.set_segmenter(Segmenter());
  for (int r = 0; r < 40; ++r) {
    Report report;
    report.id = "r" + std::to_string(r);
    report.title = vocabulary[pick(random)] + " " + vocabulary[pick(random)];
    report.source = report.id + ".txt";
    for (int p = 0; p < 25; ++p) {
      std::string text;
      for (std::size_t n = length(random); n > 0; --n) text += vocabulary[pick(random)] + " ";
      report.passages.push_back(text + "xong.");
    }
    writer.replace_report(report);
  }
  writer.commit();
  return path;
}

std::map<Xapian::docid, double> weights(const Xapian::Database& db, const Xapian::Query& query,
                                        Xapian::doccount n) {
  Xapian::Enquire enquire(db);
  const RankingWeights w;
  enquire.set_weighting_scheme(Xapian::BM25Weight(w.k1, 0, 1, w.b, w.min_normlen));
  enquire.set_query(query);
  std::map<Xapian::docid, double> out;
  const Xapian::MSet mset = enquire.get_mset(0, n);
  for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
  return out;
}

TEST(TierWeights, TheConditionOfATierAddsNoWeight) {
  TempDir dir;
  const Xapian::Database db(build(dir));
  for (const char* q : {"học sinh hải", "hoc sinh Hải Dương hút", "ma túy bằng điếu cày", "người dân Hà Nội"}) {
    const SearchPlan plan = plan_search(parse_query(q));
    for (std::size_t t = 0; t < plan.tiers.size(); ++t) {
      ASSERT_EQ(plan.tiers[t].get_type(), Xapian::Query::OP_FILTER);
      const auto alone = weights(db, plan.tiers[t].get_subquery(0), db.get_doccount());
      for (Xapian::doccount n : {10u, db.get_doccount()}) {
        for (const auto& [doc, weight] : weights(db, plan.tiers[t], n)) {
          ASSERT_TRUE(alone.count(doc));
          EXPECT_NEAR(weight, alone.at(doc), 1e-9) << q << ", tier " << t << ", document " << doc;
        }
      }
    }
  }
}

}  // namespace
}  // namespace tracuu
