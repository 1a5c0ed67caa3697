// The public API (include/tracuu/tracuu.h) through libtracuu.so, as a program that embeds
// tracuu sees it: reports indexed as structs into a real database, searched, counted,
// faceted; errors as tracuu::Error with the programs' messages.
#include <gtest/gtest.h>
#include <tracuu/tracuu.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "support/temp_dir.h"

namespace tracuu::testing {
namespace {

ReportInput report(std::string id, std::string title, std::string body, std::string date = "",
                   std::string url = "") {
  ReportInput r;
  r.id = std::move(id);
  r.title = std::move(title);
  r.body = std::move(body);
  r.date = std::move(date);
  r.url = std::move(url);
  return r;
}

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Indexer indexer(db());
    indexer.add(
        report("n1", "UBND tỉnh họp về Covid",
               "UBND tỉnh Nghệ An họp bàn phòng chống dịch Covid theo Nghị quyết 57-NQ/TW.\n"
               "Các sở báo cáo tình hình thủy lợi.",
               "2025-06-16", "https://dantri.com.vn/xa-hoi/n1.htm"));
    indexer.add(report("n2", "Đê điều", "Hệ thống thuỷ lợi và đê điều được gia cố.", "2024-09-09"));
    indexer.add(report("n3", "Bỏ đi", "Báo cáo sẽ bị xoá: thủy lợi."));
    indexer.commit();
    EXPECT_TRUE(indexer.remove("n3"));
    EXPECT_FALSE(indexer.remove("no-such-report"));
    indexer.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db() { return *dir_ / "news.db"; }
  static TempDir* dir_;
};
TempDir* Api::dir_ = nullptr;

TEST_F(Api, SearchesWhatItIndexed) {
  Database db(Api::db());
  const std::vector<Result> results = db.search("thủy lợi");
  ASSERT_EQ(results.size(), 2u);
  std::set<std::string> ids;
  for (const Result& r : results) ids.insert(r.id);
  EXPECT_EQ(ids, (std::set<std::string>{"n1", "n2"}));  // n3 was removed
  const Result& n1 = results[0].id == "n1" ? results[0] : results[1];
  EXPECT_EQ(n1.text, "Các sở báo cáo tình hình thủy lợi.");
  EXPECT_EQ(n1.passage, 1u);
  EXPECT_EQ(n1.date, "2025-06-16");
  EXPECT_EQ(n1.source, "dantri.com.vn");  // the URL's host, as tracuu-index gives it
  EXPECT_EQ(n1.url, "https://dantri.com.vn/xa-hoi/n1.htm");
  EXPECT_FALSE(n1.number.has_value());
  EXPECT_FALSE(n1.line.has_value());
  EXPECT_EQ(n1.match, "all");
  EXPECT_EQ(results[0].rank, 1u);
  EXPECT_EQ(results[1].rank, 2u);
  // Highlights in bytes and in code points: "thủy" is 4 characters and 6 bytes.
  ASSERT_EQ(n1.highlights.size(), 2u);
  ASSERT_EQ(n1.highlight_chars.size(), 2u);
  const auto [start, end] = n1.highlights[0];
  EXPECT_EQ(n1.text.substr(start, end - start), "thủy");
  EXPECT_EQ(n1.highlight_chars[0].second - n1.highlight_chars[0].first, 4u);
  EXPECT_EQ(n1.highlight_chars[0].first,
            std::string("Các sở báo cáo tình hình ").size() - 7);  // 7 two-byte letters
}

TEST_F(Api, TakesTheOptionsOfTheCommandLine) {
  Database db(Api::db());
  SearchParams params;
  params.sort = Sort::kOldest;
  params.limit = 1;
  std::vector<Result> r = db.search("thủy lợi", params);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].id, "n2");
  params.offset = 1;
  r = db.search("thủy lợi", params);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].id, "n1");
  EXPECT_EQ(r[0].rank, 2u);
  params = {};
  params.context = 1;
  r = db.search("\"Nghệ An\"", params);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].after.size(), 1u);
  EXPECT_EQ(r[0].after[0].passage, 1u);
  EXPECT_TRUE(db.search("thủy lợi date:2025").size() == 1);  // filters in the query
}

TEST_F(Api, CountsFacetsAndCitations) {
  Database db(Api::db());
  const Totals totals = db.count("thủy lợi");
  EXPECT_EQ(totals.passages, 2u);
  EXPECT_EQ(totals.reports, 2u);
  const std::vector<FacetCount> years = db.facet("thủy lợi", "year");
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].value, "2024");
  EXPECT_EQ(years[1].value, "2025");
  EXPECT_EQ(years[0].count, 1u);
  const std::vector<CitedDocument> refs = db.top_refs(5);
  ASSERT_FALSE(refs.empty());
  EXPECT_EQ(refs[0].ref, "NQ-57");
  EXPECT_EQ(db.search("ref:57-NQ/TW").size(), 1u);
  // UBND is also Ủy ban nhân dân, from the shipped abbreviations.
  EXPECT_EQ(db.count("\"Ủy ban nhân dân\"").passages, 1u);
}

// The message of the tracuu::Error `f` throws ("no error": none).
template <typename F>
std::string message(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST_F(Api, ErrorsAreTracuuErrorsWithTheProgramsMessages) {
  Database db(Api::db());
  EXPECT_EQ(message([&] { db.search("khuyết (điểm OR"); }),
            "OR needs something to search for after it, not the end of the query (column 14)");
  EXPECT_NE(message([&] { db.facet("x", "month"); }).find("year, source or ref"),
            std::string::npos);
  EXPECT_NE(message([] { Database(Api::db() + "-missing"); }).find("no database"),
            std::string::npos);
  // A stub line that would run a program is refused unless allowed, as by tracuu-search.
  const std::string stub = dir_->write("remote.stub", "remote :/bin/true\n");
  EXPECT_NE(message([&] { Database{stub}; }).find("remote.stub:1"), std::string::npos);
  // A corrupt or foreign folder is named.
  const std::string other = dir_->write("other/notes.txt", "x");
  EXPECT_NE(message([&] { Indexer{std::filesystem::path(other).parent_path().string()}; }),
            "no error");
}

TEST_F(Api, AQueryParsedOnceRunsAsItsText) {
  Database db(Api::db());
  const std::vector<std::string> texts = {
      "thủy lợi",    "thuy loi",     "thủy lợi date:2025", "\"Ủy ban nhân dân\"",
      "UBND -Covid", "ref:57-NQ/TW", "thuy lọi",           "khuyêt điểm"};
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    const Query query = Query::parse(text);
    EXPECT_EQ(query.text(), text);
    // Each call twice (the database keeps the last query's forms), and between two
    // queries, as tracuu-search runs them.
    for (int twice = 0; twice < 2; ++twice) {
      EXPECT_EQ(db.suggestion(query), db.suggestion(text));
      const Totals a = db.count(query), b = db.count(text);
      EXPECT_EQ(a.passages, b.passages);
      EXPECT_EQ(a.reports, b.reports);
      const std::vector<FacetCount> fa = db.facet(query, "year"), fb = db.facet(text, "year");
      ASSERT_EQ(fa.size(), fb.size());
      for (std::size_t i = 0; i < fa.size(); ++i) {
        EXPECT_EQ(fa[i].value, fb[i].value);
        EXPECT_EQ(fa[i].count, fb[i].count);
      }
      SearchParams params;
      params.context = 1;
      const std::vector<Result> ra = db.search(query, params), rb = db.search(text, params);
      ASSERT_EQ(ra.size(), rb.size());
      for (std::size_t i = 0; i < ra.size(); ++i) {
        EXPECT_EQ(ra[i].id, rb[i].id);
        EXPECT_EQ(ra[i].passage, rb[i].passage);
        EXPECT_EQ(ra[i].score, rb[i].score);
        EXPECT_EQ(ra[i].match, rb[i].match);
        EXPECT_EQ(ra[i].highlights, rb[i].highlights);
        EXPECT_EQ(ra[i].after.size(), rb[i].after.size());
      }
    }
  }
  EXPECT_EQ(db.suggestion(Query::parse("thuy loi")), "thủy lợi");
  EXPECT_EQ(db.count(Query::parse("\"Ủy ban nhân dân\"")).passages, 1u);  // UBND
}

TEST_F(Api, AQueryGetsTheSynonymsOfEachDatabase) {
  // One Query, two databases: each gives its units the other forms it knows.
  OpenOptions with;
  with.synonym_files = {dir_->write("tl.tsv", "TL\tthủy lợi\n")};
  Database plain(Api::db()), synonyms(Api::db(), with);
  const Query query = Query::parse("TL");
  const Query copy = query;
  EXPECT_EQ(plain.count(query).passages, 0u);
  EXPECT_EQ(synonyms.count(copy).passages, 2u);
  EXPECT_EQ(synonyms.search(query).size(), 2u);
  EXPECT_EQ(plain.search(copy).size(), 0u);
}

TEST_F(Api, AQueryThatDoesNotParseIsTheErrorTheStringsGive) {
  Database db(Api::db());
  EXPECT_EQ(message([] { Query::parse("khuyết (điểm OR"); }),
            "OR needs something to search for after it, not the end of the query (column 14)");
  EXPECT_EQ(message([] { Query::parse("\"unclosed"); }), message([&] { db.count("\"unclosed"); }));
  EXPECT_EQ(message([] { Query::parse("a AND"); }), message([&] { db.suggestion("a AND"); }));
  // The parameters are checked before the query, as ever.
  SearchParams zero;
  zero.limit = 0;
  EXPECT_EQ(message([&] { db.search("a AND", zero); }), "limit 0: from 1 to 100000");
  EXPECT_EQ(message([&] { db.search(Query::parse("a"), zero); }), "limit 0: from 1 to 100000");
  EXPECT_NE(message([&] { db.facet("a AND", "month"); }).find("year, source or ref"),
            std::string::npos);
  EXPECT_NE(message([&] { db.facet(Query::parse("a"), "month"); }).find("year, source or ref"),
            std::string::npos);
}

TEST(Segment, GroupsSyllablesIntoWords) {
  EXPECT_EQ(
      segment("Tổng Bí thư Tô Lâm làm việc với Thành ủy Hà Nội."),
      (std::vector<std::string>{"Tổng Bí thư", "Tô Lâm", "làm việc", "với", "Thành ủy", "Hà Nội"}));
  EXPECT_EQ(segment(""), std::vector<std::string>{});
}

TEST(Version, IsTheProjects) { EXPECT_EQ(version(), TRACUU_VERSION); }

}  // namespace
}  // namespace tracuu::testing
