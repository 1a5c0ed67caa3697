// End-to-end tests of the query language and the search options, on reports written
// for them (tests/data/reports.jsonl) and on corpus/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "e2e/run.h"
#include "support/temp_dir.h"

namespace tracuu::testing {
namespace {

const std::string kReports = TRACUU_TEST_DATA "/reports.jsonl";

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const RunResult r = run({kIndex, "--db", *dir_ / "db", kReports}, kNoDbEnv);
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static RunResult search(std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", *dir_ / "db"});
    return run(args, kNoDbEnv);
  }
  // The (report, passage) of each result.
  static std::vector<std::string> hits(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    if (std::find(args.begin(), args.end(), "-n") == args.end())
      args.insert(args.begin(), {"-n", "50"});
    const RunResult r = search(args);
    EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
    std::vector<std::string> out;
    for (const auto& h : json_lines(r.out)) {
      out.push_back(h["id"].get<std::string>() + ":" + std::to_string(h["passage"].get<int>()));
    }
    return out;
  }
  static std::set<std::string> reports(std::vector<std::string> args) {
    std::set<std::string> out;
    for (const std::string& h : hits(std::move(args))) out.insert(h.substr(0, h.find(':')));
    return out;
  }
  static TempDir* dir_;
};
TempDir* QueryTest::dir_ = nullptr;

using Set = std::set<std::string>;

TEST_F(QueryTest, OrNotAndRequiredAndParentheses) {
  EXPECT_EQ(reports({"Tết OR \"kỳ thi\""}), (Set{"r2020b", "r2021b"}));
  // Exclusions are per passage: r2021a's passage with "khuyết điểm" does not say "đại hội".
  EXPECT_EQ(reports({"\"khuyết điểm\" -\"hình thức\""}), (Set{"r2019"}));
  EXPECT_EQ(reports({"\"khuyết điểm\" NOT (Đảng OR vốn)"}), (Set{"r2021a"}));
  // A bare list ranks passages with all words first and keeps those with some; AND and +
  // require.
  EXPECT_EQ(hits({"tỉnh AND Tết"}), (std::vector<std::string>{"r2021b:0"}));
  EXPECT_EQ(hits({"+Tết tỉnh"}), (std::vector<std::string>{"r2021b:0"}));
  EXPECT_GT(hits({"tỉnh Tết"}).size(), 1u);
}

TEST_F(QueryTest, NearFindsWordsCloseInAnyOrder) {
  // "xe" and "mũ" are 5 positions apart ("xe mô tô phải đội mũ").
  EXPECT_EQ(hits({"mũ NEAR/5 xe"}), (std::vector<std::string>{"r2021b:1"}));
  EXPECT_TRUE(hits({"mũ NEAR/4 xe"}).empty());
}

TEST_F(QueryTest, FieldsAndDates) {
  EXPECT_EQ(reports({"title:\"chuyển đổi số\" kế hoạch"}), (Set{"r2021c"}));
  EXPECT_EQ(reports({"source:\"Báo Giáo dục\" tỉnh"}), (Set{"r2021b"}));
  EXPECT_EQ(reports({"id:r2020a", "tỉnh"}), (Set{"r2020a"}));
  EXPECT_EQ(reports({"date:2021-01-01..2021-03-31", "tỉnh"}), (Set{"r2021a", "r2021b"}));
  EXPECT_EQ(reports({"date:2021-02-01..", "sở "}), (Set{"r2021c"}));  // "sở ": not a prefix
  EXPECT_EQ(reports({"date:..2019-12-31", "tỉnh"}), (Set{"r2019"}));
  EXPECT_EQ(reports({"date:2020", "học"}), (Set{"r2020a"}));
  EXPECT_EQ(reports({"date:20/12/2019", "tỉnh"}), (Set{"r2019"}));
}

TEST_F(QueryTest, AbbreviationsBothWays) {
  EXPECT_EQ(reports({"UBND"}), (Set{"r2019", "r2020a", "r2021c"}));
  EXPECT_EQ(reports({"\"Ủy ban nhân dân\""}), (Set{"r2019", "r2020a", "r2021c"}));
  EXPECT_EQ(reports({"THPT"}), (Set{"r2020a", "r2020b"}));
  // The words of a full form typed apart are each some evidence: --strict keeps the
  // passages with the query as typed, in one form or the other.
  EXPECT_EQ(reports({"--strict", "cảnh sát giao thông"}), (Set{"r2020b", "r2021b"}));
  EXPECT_EQ(reports({"--strict", "TP.HCM chuyển đổi số"}),
            (Set{"r2021c"}));                                      // Thành phố Hồ Chí Minh
  EXPECT_TRUE(reports({"cảnh sát giao thông"}).count("r2020a"));   // "giao thông" alone
  EXPECT_TRUE(reports({"TP.HCM chuyển đổi số"}).count("r2021a"));  // "chuyển đổi số" alone
  // A user's own pairs.
  TempDir d;
  const std::string mine = d.write("mine.tsv", "# ours\nKTTH\tkinh tế tuần hoàn\n");
  std::set<std::string> found;
  for (const auto& h : json_lines(search({"--json", "--synonyms", mine, "KTTH"}).out))
    found.insert(h["id"]);
  EXPECT_EQ(found, (Set{"r2021a"}));
  const RunResult bad = search({"--synonyms", d.write("bad.tsv", "only one form\n"), "x"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad.tsv:1"), std::string::npos) << bad.err;
}

// What the binaries count and show for words typed with and without diacritics: --count
// and --strict the query as typed, the rest of the ranking labelled in JSON and in text.
TEST(Exactness, CountStrictAndLabels) {
  TempDir d;
  const std::string input =
      R"({"id": "a", "title": "Tin", "body": "Đảng bộ tỉnh họp.\nÔng đang làm việc.\nChống tham nhũng.\nHọ muốn tham, nhưng không."})"
      "\n";
  ASSERT_EQ(run({kIndex, "--db", d / "db", "-"}, kNoDbEnv, "", input).status, 0);
  auto search = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", d / "db"});
    return run(args, kNoDbEnv);
  };
  EXPECT_EQ(search({"--count", "Đảng"}).out, "1 passage in 1 report\n");
  EXPECT_EQ(search({"--count", "dang"}).out, "2 passages in 1 report\n");
  EXPECT_EQ(search({"--count", "\"tham nhũng\""}).out, "1 passage in 1 report\n");
  EXPECT_EQ(search({"--count", "\"tham nhung\""}).out, "2 passages in 1 report\n");
  const auto all = json_lines(search({"--json", "tham nhũng"}).out);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["match"], "all");
  EXPECT_EQ(all[1]["match"], "forms");  // "tham, nhưng"
  EXPECT_EQ(json_lines(search({"--json", "--strict", "tham nhũng"}).out).size(), 1u);
  const RunResult text = search({"--color=never", "tham nhũng"});
  EXPECT_NE(text.out.find("passage 3 · every word, some in another form"), std::string::npos)
      << text.out;
  // Nothing as typed: no result with --strict (exit 1), and "did you mean" the form passages have.
  const RunResult none = search({"--strict", "khuyết điềm đảng"});
  EXPECT_EQ(none.status, 1);
  const RunResult wrong = search({"-n", "1", "Đảng bổ"});
  EXPECT_NE(wrong.err.find("did you mean: Đảng bộ"), std::string::npos) << wrong.err;
}

TEST_F(QueryTest, DidYouMean) {
  RunResult r = search({"-n", "1", "khong ne tranh khuyet diem"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("did you mean: không né tránh khuyết điểm\n"), std::string::npos) << r.err;
  r = search({"--json", "-n", "1", "khuyet diemm"});
  EXPECT_NE(r.err.find("did you mean: khuyết điểm"), std::string::npos) << r.err;
  EXPECT_EQ(json_lines(r.out).size(), 1u);  // stdout keeps one result per line
  r = search({"-n", "1", "khuyết điểm"});
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
  // An abbreviation is not a misspelling: "UBNF" stays, though "ubnd" is one letter away
  // (a bug: "BHTN" was "corrected" to "BHN").
  r = search({"-n", "1", "UBNF tỉnh"});
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
  // A form no passage has gets the form passages have, in the case it was typed (a bug:
  // capitals with marks were not seen as capitals, "Uỷ" became "QUÝ").
  r = search({"-n", "1", "Khuyết điễm"});
  EXPECT_NE(r.err.find("did you mean: Khuyết điểm\n"), std::string::npos) << r.err;
  r = search({"-n", "1", "KHUYẾT ĐIỄM"});
  EXPECT_NE(r.err.find("did you mean: KHUYẾT ĐIỂM\n"), std::string::npos) << r.err;
  r = search({"-n", "1", "ubnf tỉnh"});
  EXPECT_NE(r.err.find("did you mean: ubnd tỉnh"), std::string::npos) << r.err;
}

TEST_F(QueryTest, ForgivingTheWayItIsTyped) {
  // A wrong tone mark, the words in another order, the last word half-typed.
  EXPECT_EQ(hits({"-n", "1", "né tránh khuyết điềm"}).front(), "r2021a:1");
  EXPECT_EQ(hits({"-n", "1", "khuyết điểm né tránh không"}).front(), "r2021a:1");
  EXPECT_EQ(hits({"-n", "1", "nồng độ c"}).front(), "r2021b:2");
  EXPECT_EQ(hits({"-n", "1", "nong do co"}).front(), "r2021b:2");
  // Typed correctly, the exact form comes first.
  EXPECT_EQ(hits({"-n", "1", "khuyết điểm"}).front().substr(0, 5), "r2019");
}

TEST_F(QueryTest, PerReportSortContextCountFacetOffset) {
  const auto all = hits({"tỉnh"});
  ASSERT_GE(all.size(), 5u);
  std::set<std::string> seen;
  for (const std::string& h : hits({"--per-report", "1", "tỉnh"})) {
    EXPECT_TRUE(seen.insert(h.substr(0, h.find(':'))).second) << h;
  }
  EXPECT_EQ(hits({"--offset", "2", "tỉnh"}), std::vector<std::string>(all.begin() + 2, all.end()));

  auto dates = [&](const char* sort) {
    std::vector<std::string> out;
    for (const auto& h : json_lines(search({"--json", "-n", "50", "--sort", sort, "tỉnh"}).out))
      out.push_back(h["date"]);
    return out;
  };
  const auto newest = dates("date"), oldest = dates("date-asc");
  EXPECT_TRUE(std::is_sorted(newest.rbegin(), newest.rend()));
  EXPECT_TRUE(std::is_sorted(oldest.begin(), oldest.end()));

  RunResult r = search({"--json", "-C", "1", "-n", "1", "đội mũ bảo hiểm"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto hit = json_lines(r.out).at(0);
  EXPECT_EQ(hit["passage"], 1);
  EXPECT_EQ(hit["context"]["before"].at(0)["passage"], 0);
  EXPECT_EQ(hit["context"]["after"].at(0)["passage"], 2);
  r = search({"-C", "1", "-n", "1", "đội mũ bảo hiểm"});
  EXPECT_NE(r.out.find("   0- CSGT toàn tỉnh"), std::string::npos)
      << r.out;  // as grep -C: "-" beside
  EXPECT_NE(r.out.find("   1: Người điều khiển"), std::string::npos) << r.out;  // ":" on the hit
  EXPECT_NE(r.out.find("\n--\n"), std::string::npos) << r.out;

  r = search({"--count", "khuyết điểm"});
  EXPECT_EQ(r.out, "2 passages in 2 reports\n");
  r = search({"--count", "\"đội mũ bảo hiểm\""});
  EXPECT_EQ(r.out, "1 passage in 1 report\n");
  // Every passage whose own text has tỉnh (or tình, tính, tinh), not every passage of a
  // report whose title has it.
  r = search({"--count", "--json", "tỉnh "});
  EXPECT_EQ(nlohmann::json::parse(r.out), (nlohmann::json{{"passages", 5}, {"reports", 4}}));
  r = search({"--count", "xyzzy"});
  EXPECT_EQ(r.status, 1);

  r = search({"--facet", "year", "--json", "tỉnh"});
  std::map<std::string, int> years;
  for (const auto& f : json_lines(r.out)) years[f["value"]] = f["count"];
  EXPECT_EQ(years.size(), 3u);
  EXPECT_GT(years["2021"], years["2019"]);
  r = search({"--facet", "source", "tỉnh"});
  EXPECT_NE(r.out.find("Báo Tỉnh"), std::string::npos) << r.out;
}

TEST_F(QueryTest, MalformedQueriesPointAtTheProblem) {
  const RunResult r = search({"khuyết (điểm OR"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(
      r.err.find("OR needs something to search for after it, not the end of the query (column 14)"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("\n  khuyết (điểm OR\n               ^\n"), std::string::npos) << r.err;
  for (const char* q : {"date:2025-02-30 x", "title:", "(x", "x)", "OR x", "NEAR x"}) {
    const RunResult e = search({q});
    EXPECT_EQ(e.status, 2) << q;
    EXPECT_NE(e.err.find("column"), std::string::npos) << e.err;
  }
}

}  // namespace
}  // namespace tracuu::testing
