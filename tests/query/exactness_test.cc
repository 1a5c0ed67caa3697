// What a query matches as typed, what it counts and how the rest ranks and is labelled,
// on real (temporary) Xapian databases: a word typed with a diacritic means that form (in
// any case, tone placement, Unicode form, Ð for Đ); typed without, every form. --count,
// --facet and --strict see the query as typed; other forms, the title and some of the
// words only rank, labelled.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "index/shards.h"
#include "index/writer.h"
#include "ingest/report.h"
#include "query/query.h"
#include "query/searcher.h"
#include "query/suggest.h"
#include "segment/segmenter.h"
#include "support/temp_dir.h"

namespace tracuu {
namespace {

using testing::TempDir;

Report report(const std::string& id, std::vector<std::string> passages,
              const std::string& title = "Tin") {
  Report r;
  r.id = id;
  r.title = title;
  r.source = id + ".txt";
  r.passages = std::move(passages);
  return r;
}

std::string build(const TempDir& dir, const std::vector<Report>& reports) {
  const std::string path = dir / "db";
  IndexWriter writer(path);
  writer.set_segmenter(Segmenter());
  for (const Report& r : reports) writer.replace_report(r);
  writer.commit();
  return path;
}

// The texts of the hits, and how each matches.
std::vector<std::pair<std::string, Match>> found(Searcher& s, const std::string& query,
                                                 bool strict = false) {
  SearchOptions o;
  o.limit = 50;
  o.strict = strict;
  std::vector<std::pair<std::string, Match>> out;
  for (const Hit& h : s.search(s.parse(query), o)) out.emplace_back(h.text, h.match);
  return out;
}

TEST(Exactness, CountsTheWordsAsTyped) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"Đảng bộ tỉnh họp.", "Ông đang làm việc.", "Ðảng viên mới.",
                                      "Tỉnh Hòa Bình.", "Xã hoà bình.", "HOÀ BÌNH yên.",
                                      "Người hòa bính.", "Họ muốn tham, nhưng không được.",
                                      "Chống tham nhũng.", "Đê thuỷ lợi.", "Kênh thủy lợi."})}));
  struct Case {
    std::string query;
    std::uint64_t passages;
  } cases[] = {
      {"Đảng", 2},  // Ðảng (U+00D0) too
      {"ĐẢNG", 2},
      {"\xc4\x90\x61\xcc\x89ng", 2},  // Đảng decomposed (NFD)
      {"đang", 1},
      {"dang", 3},
      {"Hòa Bình", 3},
      {"Hoà Bình", 3},
      {"HÒA BÌNH", 3},
      {"hoa binh", 4},
      {"\"tham nhũng\"", 1},
      {"\"tham nhung\"", 2},
      {"tham nhũng", 1},
      {"thủy lợi", 2},
      {"thuỷ lợi", 2},
      {"-đang Đảng", 2},
      {"dang -đang", 2},
      {"Ha Bình", 0},  // "Ha" typed bare matches every form, but "Ha Bình" is no passage's
  };
  for (const Case& c : cases) {
    EXPECT_EQ(s.count(s.parse(c.query)).passages, c.passages) << c.query;
    // --strict shows exactly the passages counted.
    EXPECT_EQ(found(s, c.query, true).size(), c.passages) << c.query;
  }
}

TEST(Exactness, OtherFormsRankAfterTheFormTypedAndAreLabelled) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"Họ muốn tham, nhưng không được.", "Chống tham nhũng.",
                                      "Người tham gia.", "Trời mưa."})}));
  const auto hits = found(s, "tham nhũng");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0], std::make_pair(std::string("Chống tham nhũng."), Match::kAll));
  EXPECT_EQ(hits[1], std::make_pair(std::string("Họ muốn tham, nhưng không được."), Match::kForms));
  EXPECT_EQ(hits[2].second, Match::kSome);
  EXPECT_EQ(found(s, "tham nhũng", true).size(), 1u);
}

// The last word, typed as a prefix, ranks its completions, but the query as typed counts
// the word as typed.
TEST(Exactness, ACompletionIsAnotherFormOfTheLastWord) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"Không né tránh khuyết điểm.", "Khuyết tật."})}));
  EXPECT_EQ(s.count(s.parse("khuyế")).passages, 0u);
  const auto hits = found(s, "khuyế");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].second, Match::kForms);
}

TEST(Exactness, TitleFiltersMatchTheTitleAsTyped) {
  TempDir dir;
  Searcher s(build(dir, {report("r1", {"Khai mạc.", "Bế mạc."}, "Đại hội Đảng bộ tỉnh"),
                         report("r2", {"Nộp hồ sơ.", "Xong."}, "Đang bổ sung bộ hồ sơ"),
                         report("r3", {"Họp.", "Xong."}, "Bộ Đảng ủy")}));
  EXPECT_EQ(s.count(s.parse("title:\"Đảng bộ\"")).reports, 1u);
  EXPECT_EQ(s.count(s.parse("title:\"Đảng bộ\"")).passages, 2u);  // every passage of the report
  EXPECT_EQ(s.count(s.parse("title:\"dang bo\"")).reports, 2u);   // "Đang bổ" too
  EXPECT_EQ(s.count(s.parse("title:Đảng")).reports, 2u);
  EXPECT_EQ(s.count(s.parse("title:dang")).reports, 3u);
  EXPECT_EQ(s.count(s.parse("title:\"bộ Đảng\"")).reports, 1u);
  EXPECT_EQ(s.count(s.parse("-title:\"Đảng bộ\" xong")).reports, 2u);
}

// "phòng chống tham nhũng": a passage with its rare word as typed ("chống tham nhũng")
// ranks above one with its common words and the rare one only in another form ("những").
TEST(Exactness, ARareWordAsTypedOutweighsCommonWordsAndOtherForms) {
  TempDir dir;
  std::vector<std::string> passages = {
      "Những người tham gia phòng chống dịch, phòng chống thiên tai.",
      "Cần dồn sức chống tham nhũng."};
  for (int i = 0; i < 30; ++i) {
    passages.push_back(fmt::format("Đợt {} phòng dịch, chống bão, tham quan, những ngày mưa.", i));
  }
  Searcher s(build(dir, {report("a", passages)}));
  const auto hits = found(s, "phòng chống tham nhũng");
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].first, "Cần dồn sức chống tham nhũng.");
}

// A report whose title has the query and whose passages do not is found by its first
// passage, labelled so.
TEST(Exactness, AReportIsFoundByItsTitle) {
  TempDir dir;
  Searcher s(build(
      dir, {report("r1", {"Căn cứ Hiến pháp.", "Ban hành."}, "Nghị quyết 99-NQ/TW về đổi mới"),
            report("r2", {"Nghị quyết 98-NQ/TW.", "Khác."}, "Tin")}));
  SearchOptions o;
  const std::vector<Hit> hits = s.search(s.parse("99-NQ/TW"), o);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "r1");
  EXPECT_EQ(hits[0].passage, 0u);
  EXPECT_EQ(hits[0].match, Match::kTitle);
  EXPECT_EQ(s.count(s.parse("99-NQ/TW")).passages, 0u);  // not in any passage's text
}

// A report found by its title (its first passage, without the quoted words as written)
// earns no closeness, however close its passage has them: the two first passages below,
// of the same words and length, weigh the same.
TEST(Exactness, APassageFoundByItsTitleEarnsNoCloseness) {
  TempDir dir;
  const std::string title = "Đội tuyển Việt Nam thắng";
  std::vector<Report> reports = {
      report("close", {"đội tuyển là Việt Nam một hai ba bốn năm sáu bảy tám chín"}, title),
      report("apart", {"đội tuyển là một hai ba bốn năm sáu bảy tám chín Việt Nam"}, title),
      report("other", {"Đội tuyển Việt Nam đá hay."}, "Tin")};
  for (int i = 0; i < 30; ++i)
    reports.push_back(report(fmt::format("f{}", i), {"Trời mưa to."}));  // the words rare
  Searcher s(build(dir, reports));
  SearchOptions o;
  const std::vector<Hit> hits = s.search(s.parse("\"đội tuyển Việt Nam\""), o);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].id, "other");
  EXPECT_EQ(hits[1].match, Match::kTitle);
  EXPECT_EQ(hits[2].match, Match::kTitle);
  EXPECT_DOUBLE_EQ(hits[1].score, hits[2].score);
}

// A clause of an official document's article is about what the article's heading names:
// "tham ô … phạt tù" finds the clause of the article on embezzlement before the same
// clause of the article on bribery.
TEST(Exactness, AnArticlesHeadingIsTheContextOfItsClauses) {
  TempDir dir;
  Report law = report(
      "bo-luat.txt",
      {"Điều 354. Tội nhận hối lộ",
       "1. Người nào lợi dụng chức vụ, quyền hạn nhận tiền thì bị phạt tù từ 02 năm đến 07 năm.",
       "Điều 353. Tội tham ô tài sản",
       "1. Người nào lợi dụng chức vụ, quyền hạn lấy tiền thì bị phạt tù từ 02 năm đến 07 năm."},
      "BỘ LUẬT HÌNH SỰ");
  law.articles = {"354", "354", "353", "353"};
  Searcher s(build(dir, {law}));
  SearchOptions o;
  const std::vector<Hit> hits = s.search(s.parse("tham ô phạt tù"), o);
  std::vector<unsigned> order;
  for (const Hit& h : hits) order.push_back(h.passage);
  // Alike but for their articles; without the headings, the first would come first.
  const auto embezzlement = std::find(order.begin(), order.end(), 3u),
             bribery = std::find(order.begin(), order.end(), 1u);
  ASSERT_NE(embezzlement, order.end());
  ASSERT_NE(bribery, order.end());
  EXPECT_LT(embezzlement, bribery);
  EXPECT_EQ(hits[static_cast<std::size_t>(embezzlement - order.begin())].match,
            Match::kTitle);  // with its heading
}

// A query naming an article of a document ("Điều 25 Hiến pháp") finds that article of the
// document its title names first, before the same article of other documents, which say
// "Hiến pháp" in their own text (the words side by side as typed would still come first).
TEST(Exactness, AQueryNamingAnArticleFindsItInTheDocumentNamed) {
  TempDir dir;
  Report constitution =
      report("hien-phap.txt", {"Căn cứ.", "Điều 25.", "Công dân có quyền tự do ngôn luận."},
             "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  constitution.articles = {"", "25", "25"};
  Report other = report("luat.txt",
                        {"Căn cứ Hiến pháp.", "Điều 25. Trái với Hiến pháp",
                         "Văn bản trái với Hiến pháp, Điều 4 Hiến pháp, thì bị hủy bỏ."},
                        "LUẬT HOẠT ĐỘNG GIÁM SÁT");
  other.articles = {"", "25", "25"};
  Searcher s(build(dir, {other, constitution}));
  for (const char* q : {"Điều 25 Hiến pháp", "dieu 25 hien phap"}) {
    SearchOptions o;
    o.limit = 3;
    const std::vector<Hit> hits = s.search(s.parse(q), o);
    ASSERT_FALSE(hits.empty()) << q;
    EXPECT_EQ(hits[0].id, "hien-phap.txt") << q;
    EXPECT_EQ(hits[0].article, "25") << q;
  }
}

// A query with diacritics that no passage has as typed brings "did you mean" with the forms
// passages have; one that passages have as typed brings none.
TEST(Exactness, NothingAsTypedBringsTheFormsPassagesHave) {
  TempDir dir;
  Searcher s(build(
      dir, {report("a", {"Không né tránh khuyết điểm.", "Điểm thi cao.", "Khuyết điểm lớn."})}));
  EXPECT_EQ(s.suggestion(s.parse("khuyết điềm")), "khuyết điểm");
  EXPECT_EQ(s.suggestion(s.parse("Khuyết Điềm")), "Khuyết Điểm");  // in the case typed
  EXPECT_EQ(s.suggestion(s.parse("khuyết điểm")), "");
}

// "Did you mean" and the search of the same query choose the likely forms once: suggest()
// gives likely_forms()' answer where its own computation is that one (no word read as
// another), and a search after the suggestion is the search without it.
TEST(Exactness, TheSuggestionsLikelyFormsAreTheSearchs) {
  TempDir dir;
  const std::string path =
      build(dir, {report("a", {"Không né tránh khuyết điểm.", "Điểm thi cao.", "Khuyết điểm lớn.",
                               "Giữ nề nếp.", "Nề nếp tốt.", "Thuyền tròng trành."})});
  const Xapian::Database db(path);
  struct Case {
    std::string query;
    bool shared;
  } cases[] = {{"khuyet diem", true},     {"ne tranh", true},    {"khuyte diem", false},
               {"khuyết điềm", false},    {"khuyết điểm", true}, {"ne nep -diem", true},
               {"\"tron tranh\"", false}, {"UBND", true}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    const ParsedQuery q = parse_query(c.query);
    std::optional<std::vector<std::string>> likely;
    suggest(q, db, false, {}, &likely);
    EXPECT_EQ(likely.has_value(), c.shared);
    if (likely) {
      EXPECT_EQ(*likely, likely_forms(q, db));
    }
    suggest(q, db, true, {}, &likely);
    EXPECT_FALSE(likely.has_value());  // read as if typed without diacritics

    Searcher fresh(path), after(path);
    const std::vector<Hit> a = fresh.search(fresh.parse(c.query), 0, 20);
    const std::string suggestion = after.suggestion(after.parse(c.query));
    const std::vector<Hit> b = after.search(after.parse(c.query), 0, 20);
    EXPECT_EQ(suggestion, fresh.suggestion(fresh.parse(c.query)));
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].text, b[i].text);
      EXPECT_EQ(a[i].score, b[i].score);
      EXPECT_EQ(a[i].match, b[i].match);
    }
  }
}

// A query typed without diacritics gets back the forms the database's model shows
// together in its corpus (its n-grams' cohesion), over forms that are more frequent each
// alone; with a model that does not know them together, the more frequent forms win.
TEST(Exactness, RestoredDiacriticsFollowTheModelsNgrams) {
  const std::vector<Report> reports = {
      report("a", {"Không né tránh khuyết điểm.", "Giữ nề nếp.", "Nề nếp tốt.", "Nề nếp cũ.",
                   "Thuyền tròng trành.", "Tròng trành mãi.", "Xe tròng trành."})};
  Lexicon together;
  const std::uint64_t ne_tranh[] = {form_hash("né"), form_hash("tránh")};
  together.add_ngram(ngram_key(ne_tranh, 2), 0.9f);
  Segmenter knows;  // joins nothing: no word terms, only the n-gram
  knows.set_lexicon(together);
  struct Case {
    Segmenter model;
    std::string suggestion;
  } cases[] = {{knows, "né tránh"}, {Segmenter(), "nề trành"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.suggestion);
    TempDir dir;
    IndexWriter writer(dir / "db");
    writer.set_segmenter(c.model);
    for (const Report& r : reports) writer.replace_report(r);
    writer.commit();
    Searcher s(dir / "db");
    EXPECT_EQ(s.suggestion(s.parse("ne tranh")), c.suggestion);
  }

  // Archives indexed separately, each with its model: the n-grams of any of them count,
  // whichever is listed first.
  TempDir a, b;
  IndexWriter plain(a / "db"), other(b / "db");
  plain.set_segmenter(Segmenter());
  for (const Report& r : reports) plain.replace_report(r);
  plain.commit();
  other.set_segmenter(knows);
  other.replace_report(report("b", {"Trời mưa to."}));
  other.commit();
  for (const std::vector<std::string>& dbs : {std::vector<std::string>{a / "db", b / "db"},
                                              std::vector<std::string>{b / "db", a / "db"}}) {
    Searcher s(dbs, CollectionOptions{});
    EXPECT_EQ(s.suggestion(s.parse("ne tranh")), "né tránh") << dbs.front();
  }
}

}  // namespace
}  // namespace tracuu
