// Ranking and highlighting on real (temporary) Xapian databases.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <tuple>

#include "error.h"
#include "hash.h"
#include "index/schema.h"
#include "index/segmentation.h"
#include "index/shards.h"
#include "index/writer.h"
#include "ingest/report.h"
#include "query/query.h"
#include "query/searcher.h"
#include "segment/segmenter.h"
#include "support/temp_dir.h"

namespace tracuu {
namespace {

using testing::TempDir;

Report report(const std::string& id, std::vector<std::string> passages,
              const std::string& title = "Báo cáo") {
  Report r;
  r.id = id;
  r.title = title;
  r.source = id + ".txt";
  r.passages = std::move(passages);
  return r;
}

// A database of `reports`, words grouped by `segmenter` (by default one that joins nothing,
// so that these tests see the ranking rules alone).
std::string build(const TempDir& dir, const std::vector<Report>& reports,
                  Segmenter segmenter = Segmenter()) {
  const std::string path = dir / "db";
  IndexWriter writer(path);
  if (writer.segmenter() == nullptr) writer.set_segmenter(std::move(segmenter));
  for (const Report& r : reports) writer.replace_report(r);
  writer.commit();
  return path;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> texts(Searcher& s, const std::string& query, std::size_t n = 10) {
  std::vector<std::string> out;
  for (const Hit& h : s.search(parse_query(query), 0, n)) out.push_back(h.text);
  return out;
}

// A query with a word twice ("hà nội hà", its last word then also completed to "hải";
// "hà nội h", whose last word is completed to "hà" and "hải"): Xapian's NEAR then found the
// passage below close in one tier's query and not close in another's, and it was shown
// twice (news-dantri: ranks 7 and 88).
TEST(Search, APassageIsShownOnceWhenAQueryRepeatsAWord) {
  TempDir dir;
  std::vector<std::string> passages = {
      "Nút giao thuộc phường Đại Yên, là vị trí trung tâm, cửa ngõ đi vào thành phố Hạ Long, "
      "nối liền với QL18 và giao cao tốc Hà Nội - Hải Phòng - Quảng Ninh, cao tốc Hạ Long - Vân "
      "Đồn."};
  for (int i = 0; i < 20; ++i) {
    passages.push_back(fmt::format("Đoạn {} nói về Hà Nội và Hải Phòng, về Hạ Long.", i));
    passages.push_back(fmt::format("Đoạn {} nói về Hà Giang, xa Nội Bài.", i));
  }
  Searcher s(build(dir, {report("a", passages)}));
  for (const char* q : {"hà nội hà", "ha noi ha", "hà nội hà nội", "hà nội h", "ha noi h"}) {
    const std::vector<Hit> hits = s.search(parse_query(q), 0, 100);
    std::vector<unsigned> shown;
    for (const Hit& h : hits) shown.push_back(h.passage);
    std::sort(shown.begin(), shown.end());
    const auto distinct =
        static_cast<std::size_t>(std::unique(shown.begin(), shown.end()) - shown.begin());
    EXPECT_EQ(distinct, hits.size()) << q << ": some passage shown twice";
    EXPECT_EQ(hits.size(), passages.size()) << q;
  }
}

TEST(Search, WordsTypedWithDiacriticsComeFirst) {
  TempDir dir;
  // "đã" must not be swamped by the other syllables that fold to "da".
  Searcher s(build(dir, {report("a", {"đá bóng đá bóng", "da thịt", "dạ vâng", "đã xong việc"})}));
  const auto hits = texts(s, "đã");
  ASSERT_EQ(hits.size(), 4u);  // every form still matches
  EXPECT_EQ(hits[0], "đã xong việc");
  // Without diacritics every form matches alike.
  EXPECT_EQ(texts(s, "da").size(), 4u);
}

TEST(Search, ExactFormOfEveryWordBeforeFoldedForms) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"hạ nơi", "Hà Nội", "hà nơi"})}));
  const auto hits = texts(s, "Hà Nội");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0], "Hà Nội");
}

TEST(Search, EachWordMeansWhatWasTypedOnlyWhenTypedWithDiacritics) {
  TempDir dir;
  // "Ha Nội": the bare "Ha" is any form; "HA ... nội" must not win for having "ha" as typed.
  Searcher s(build(dir, {report("a", {"Đội HA có cầu thủ nội.", "Trời Hà Nội mưa."})}));
  const auto hits = texts(s, "Ha Nội");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0], "Trời Hà Nội mưa.");
}

TEST(Search, ParagraphsBeforeHeadingsThatMatchAlike) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"Không né tránh khuyết điểm",
                                      "Ông yêu cầu không né tránh khuyết điểm trong công tác "
                                      "cán bộ, không hình thức, không chạy theo thành tích."})}));
  const auto hits = texts(s, "không né tránh khuyết điểm");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_NE(hits[0].find("Ông yêu cầu"), std::string::npos);
}

TEST(Search, AllWordsBeforeSomeWords) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"khuyết điểm khuyết điểm khuyết điểm", "né tránh khuyết điểm",
                                      "tránh nắng", "chuyện khác"})}));
  const auto hits = texts(s, "né tránh khuyết điểm");
  ASSERT_EQ(hits.size(), 3u);  // passages with some of the words follow
  EXPECT_EQ(hits[0], "né tránh khuyết điểm");
}

TEST(Search, PhrasesMustBeAdjacent) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"khuyết tật và điểm số", "không né tránh khuyết điểm"})}));
  EXPECT_EQ(texts(s, "\"khuyết điểm\""), std::vector<std::string>{"không né tránh khuyết điểm"});
  EXPECT_EQ(texts(s, "\"khuyet diem\""), std::vector<std::string>{"không né tránh khuyết điểm"});
  EXPECT_EQ(texts(s, "khuyết điểm").size(), 2u);
}

// A quoted phrase as typed is the forms typed side by side: not the phrase in another
// form ("hạ nội") beside the typed forms apart ("hà mới nội"), which only lends both
// words; that passage comes after the phrase as typed, however often it has the words.
TEST(Search, AQuotedPhraseAsTypedIsItsTypedFormsSideBySide) {
  TempDir dir;
  Searcher s(
      build(dir, {report("a", {"hạ nội hà mới nội hạ nội hà mới nội", "ngoại thành Hà Nội"})}));
  EXPECT_EQ(
      texts(s, "\"hà nội\""),
      (std::vector<std::string>{"ngoại thành Hà Nội", "hạ nội hà mới nội hạ nội hà mới nội"}));
  // Typed without diacritics, both are the phrase alike, the first with it twice.
  EXPECT_EQ(texts(s, "\"ha noi\"").front(), "hạ nội hà mới nội hạ nội hà mới nội");
}

TEST(Search, AdjacentWordsRankAboveScatteredOnes) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"điểm khuyết, khuyết điểm của điểm thi khuyết",
                                      "Một đoạn dài hơn nói rằng không được né tránh khuyết điểm "
                                      "trong công tác cán bộ của đảng bộ"})}));
  const auto hits = texts(s, "tránh khuyết điểm");
  ASSERT_FALSE(hits.empty());
  EXPECT_NE(hits[0].find("tránh khuyết điểm"), std::string::npos);
}

TEST(Search, CompoundsMatchWholeSpacedOutAndRunTogether) {
  TempDir dir;
  Searcher s(
      build(dir, {report("a", {"Nghị quyết số 60-NQ/TW của Bộ Chính trị.", "Có 60 người, NQ và TW.",
                               "Trường ở TP. HCM.", "Văn phòng ở TPHCM.", "Ca nhiễm COVID19 mới.",
                               "Dịch Covid-19 giảm."})}));
  EXPECT_EQ(texts(s, "60-NQ/TW")[0], "Nghị quyết số 60-NQ/TW của Bộ Chính trị.");
  EXPECT_EQ(texts(s, "\"60-NQ/TW\"").size(), 1u);
  const std::vector<std::string> hcm = {"Trường ở TP. HCM.", "Văn phòng ở TPHCM."};
  EXPECT_EQ(sorted(texts(s, "TP.HCM")), hcm);
  EXPECT_EQ(sorted(texts(s, "TPHCM")), std::vector<std::string>{"Văn phòng ở TPHCM."});
  const std::vector<std::string> covid = {"Ca nhiễm COVID19 mới.", "Dịch Covid-19 giảm."};
  EXPECT_EQ(sorted(texts(s, "Covid-19")), covid);
  EXPECT_EQ(sorted(texts(s, "covid19")), covid);
}

TEST(Search, NumbersAndDatesMatchOnlyWhole) {
  TempDir dir;
  Searcher s(build(
      dir, {report("a", {"Sáng 16/6/2025 tại Hà Nội.", "Tăng 16,6% so với năm trước.",
                         "Ngày 1/10 khai giảng.", "Từ 1-10 tháng sau.", "Kỳ họp tháng 6/2025."})}));
  EXPECT_EQ(texts(s, "16/6"), std::vector<std::string>{"Sáng 16/6/2025 tại Hà Nội."});
  EXPECT_EQ(sorted(texts(s, "6/2025")),
            (std::vector<std::string>{"Kỳ họp tháng 6/2025.", "Sáng 16/6/2025 tại Hà Nội."}));
  EXPECT_EQ(texts(s, "1/10"), std::vector<std::string>{"Ngày 1/10 khai giảng."});
  EXPECT_EQ(texts(s, "1-10"), std::vector<std::string>{"Từ 1-10 tháng sau."});
  EXPECT_EQ(texts(s, "16,6"), std::vector<std::string>{"Tăng 16,6% so với năm trước."});
  // A full date means that day (a bug: 16/6/2024 found 16/6/2025 through its 16/6).
  EXPECT_EQ(texts(s, "16/6/2025"), std::vector<std::string>{"Sáng 16/6/2025 tại Hà Nội."});
  EXPECT_TRUE(texts(s, "16/6/2024").empty());
}

// The words of `text` that `spans` light.
std::vector<std::string> lit_words(const std::string& text, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const auto& [a, b] : spans) out.push_back(text.substr(a, b - a));
  return out;
}

TEST(Search, HighlightsAreOnTheOriginalText) {
  const std::string text = "Tổng Bí thư: KHÔNG né tránh khuyết điểm, 60-NQ/TW và đá, đã.";
  auto words_of = [&](const std::string& query) {
    return lit_words(text, highlight(parse_query(query), text));
  };
  EXPECT_EQ(words_of("khong ne tranh"), (std::vector<std::string>{"KHÔNG", "né", "tránh"}));
  EXPECT_EQ(words_of("60-nq/tw"), std::vector<std::string>{"60-NQ/TW"});
  // Typed with diacritics: the exact form when the passage has it...
  EXPECT_EQ(words_of("đã"), std::vector<std::string>{"đã"});
  // ...any form otherwise; typed without: every form.
  EXPECT_EQ(words_of("dạ"), (std::vector<std::string>{"đá", "đã"}));
  EXPECT_EQ(words_of("da"), (std::vector<std::string>{"đá", "đã"}));
  // A quoted phrase: one span where its words stand together, nothing elsewhere.
  const std::string t2 = "Khuyết điểm là khuyết tật, không phải điểm yếu; khuyết điểm nào?";
  EXPECT_EQ(lit_words(t2, highlight(parse_query("\"khuyết điểm\""), t2)),
            (std::vector<std::string>{"Khuyết điểm", "khuyết điểm"}));
  // A compound found through another way of writing it is lit whole (a bug: TPHCM and
  // covid19 found passages with nothing lit).
  const std::string t3 = "TP.HCM ghi nhận ca Covid-19 ngày 16/6/2025.";
  auto lit3 = [&](const std::string& query) {
    return lit_words(t3, highlight(parse_query(query), t3));
  };
  EXPECT_EQ(lit3("TPHCM"), std::vector<std::string>{"TP.HCM"});
  EXPECT_EQ(lit3("covid19 "), std::vector<std::string>{"Covid-19"});
  EXPECT_EQ(lit3("16/6"), std::vector<std::string>{"16/6/2025"});
  EXPECT_TRUE(lit3("16/6/2024").empty());
}

// The query's last word, typed as a prefix, lights the words it was completed to: any word
// it begins when the search did not say (nullptr), else only those.
TEST(Search, HighlightsTheCompletionsOfTheLastWord) {
  const std::string text = "Khuyết điểm của điều lệ: đi vào.";
  auto lit = [&](const std::string& query, const std::vector<std::string>* completions) {
    return lit_words(text, highlight(parse_query(query), text, completions));
  };
  EXPECT_EQ(lit("khuyết đi", nullptr), (std::vector<std::string>{"Khuyết", "điểm", "điều", "đi"}));
  const std::vector<std::string> diem = {"diem"};
  EXPECT_EQ(lit("khuyết đi", &diem), (std::vector<std::string>{"Khuyết", "điểm", "đi"}));
  const std::vector<std::string> none;
  EXPECT_EQ(lit("khuyết đi", &none), (std::vector<std::string>{"Khuyết", "đi"}));
  EXPECT_EQ(lit("khuyết đi ", nullptr), (std::vector<std::string>{"Khuyết", "đi"}));  // no prefix
}

// The query's last word, typed as a prefix (searcher.cc completion_scope): a word no passage
// has ("khuyế", "qu") or one that passages have less often than the words it begins
// together ("khuy": khuyên, khuyết) was cut short, and is completed to any word it begins;
// a word that makes a word of the segmentation with the words before it ("ung thư", one
// word for the shipped model) or that passages have at least as often as all the words it
// begins ("đi", "và") is itself, completed only to what makes a word with the words before
// it ("khuyết đi": khuyết điểm).
TEST(Search, TheLastWordIsCompletedWhenItWasCutShort) {
  TempDir dir;
  const Segmenter model = load_model(shipped_model_path());
  Searcher s(build(
      dir,
      {report("a", {"Không né tránh khuyết điểm.", "Đi học đi.", "Đi vào lớp.", "Cam và quýt.",
                    "Điều lệ trường học.", "Cái khuy áo.", "Lời khuyên.", "Khuyên nhủ.",
                    "Bệnh ung thư.", "Ung thư gan.", "Thuốc lá.", "Thuốc bắc.", "Thuộc về."})},
      model));
  const std::vector<std::string> khuyet = texts(s, "khuyết đi");
  ASSERT_FALSE(khuyet.empty());
  EXPECT_EQ(khuyet[0], "Không né tránh khuyết điểm.");
  EXPECT_EQ(texts(s, "khuyet di")[0], "Không né tránh khuyết điểm.");
  const std::vector<Hit> hits = s.search(parse_query("khuyết đi"), 0, 1);
  EXPECT_EQ(lit_words(hits[0].text, hits[0].highlights),
            (std::vector<std::string>{"khuyết", "điểm"}));
  // "Điều lệ" is no word with "khuyết": its passage is not found as "khuyết" + "điều".
  for (const std::string& t : khuyet) EXPECT_NE(t, "Điều lệ trường học.");
  EXPECT_EQ(sorted(texts(s, "đi")), sorted({"Đi học đi.", "Đi vào lớp."}));
  EXPECT_EQ(texts(s, "vào"), std::vector<std::string>{"Đi vào lớp."});
  EXPECT_EQ(texts(s, "và"), std::vector<std::string>{"Cam và quýt."});
  // The same for a word left out: "-và" is not "-vào" (a review found it still completed).
  EXPECT_EQ(sorted(texts(s, "đi -và")), sorted({"Đi học đi.", "Đi vào lớp."}));
  // thu (2 passages) is begun by thuoc (3), but ung thu is a word: no thuốc. Not across
  // a comma or an OR: thu is then cut short, and thuốc and thuộc come too.
  EXPECT_EQ(sorted(texts(s, "ung thu")), sorted({"Bệnh ung thư.", "Ung thư gan."}));
  EXPECT_EQ(texts(s, "ung, thu").size(), 5u);
  EXPECT_EQ(texts(s, "ung OR thu").size(), 5u);
  EXPECT_EQ(texts(s, "thu").size(), 5u);  // alone: cut short, thuốc and thuộc too
  // Cut short.
  const std::vector<std::string> khuye = texts(s, "khuyế");  // khuyết as typed, then khuyên
  ASSERT_EQ(khuye.size(), 3u);
  EXPECT_EQ(khuye[0], "Không né tránh khuyết điểm.");
  EXPECT_EQ(texts(s, "cam qu"), std::vector<std::string>{"Cam và quýt."});
  EXPECT_EQ(texts(s, "điề")[0], "Điều lệ trường học.");    // then điểm: another form of die…
  const std::vector<std::string> khuy = texts(s, "khuy");  // 1 passage; khuyên, khuyết 3
  ASSERT_EQ(khuy.size(), 4u);
  EXPECT_EQ(khuy[0], "Cái khuy áo.");
}

// Words the query separates with a no-break space (U+00A0, common in pasted text) or an
// ideographic space make a word as with a space: the check took only ' ' and '\t' for
// spaces, and "khuyết\u00A0đi" found no passage.
TEST(Search, TheLastWordMakesAWordAcrossAnyWhiteSpace) {
  TempDir dir;
  Searcher s(build(dir,
                   {report("a", {"Không né tránh khuyết điểm.", "Đi học đi.", "Đi vào lớp.",
                                 "Điều lệ trường học."})},
                   load_model(shipped_model_path())));
  const std::vector<std::string> spaced = texts(s, "khuyết đi");
  ASSERT_FALSE(spaced.empty());
  ASSERT_EQ(spaced[0], "Không né tránh khuyết điểm.");
  for (const char* q : {"khuyết\u00A0đi", "khuyết\u3000đi", "khuyết \u00A0 đi", "khuyet\u00A0di"}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(texts(s, q), spaced);
    const std::vector<Hit> hits = s.search(parse_query(q), 0, 1);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(lit_words(hits[0].text, hits[0].highlights),
              (std::vector<std::string>{"khuyết", "điểm"}));
  }
  EXPECT_EQ(texts(s, "khuyết,\u00A0đi"), texts(s, "khuyết, đi"));  // not across a comma
}

TEST(Search, FacetsCountPassagesWithoutAValue) {
  TempDir dir;
  Report dated = report("a", {"họp tỉnh", "họp xã"});
  dated.date = "20250616";
  Searcher s(build(dir, {dated, report("b", {"họp huyện"})}));
  const auto years = s.facet(parse_query("họp"), Facet::kYear, 10);
  ASSERT_EQ(years.size(), 2u);  // a bug: the undated passage was left out
  EXPECT_EQ(years[0].value, "2025");
  EXPECT_EQ(years[0].count, 2u);
  EXPECT_EQ(years[1].value, "");
  EXPECT_EQ(years[1].count, 1u);
}

TEST(Search, YearsComeInYearOrderTheLatestFirstToGo) {
  TempDir dir;
  std::vector<Report> reports;
  for (const auto& [id, date, passages] :
       {std::tuple{"a", "20250101", 1}, std::tuple{"b", "20190101", 3},
        std::tuple{"c", "20210101", 2}}) {
    Report r = report(id, std::vector<std::string>(static_cast<std::size_t>(passages), "họp tỉnh"));
    r.date = date;
    reports.push_back(r);
  }
  Searcher s(build(dir, reports));
  std::vector<std::pair<std::string, std::uint64_t>> got;
  for (const FacetValue& v : s.facet(parse_query("họp"), Facet::kYear, 10))
    got.emplace_back(v.value, v.count);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::uint64_t>>{
                     {"2019", 3}, {"2021", 2}, {"2025", 1}}));
  got.clear();
  for (const FacetValue& v : s.facet(parse_query("họp"), Facet::kYear, 2))
    got.emplace_back(v.value, v.count);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::uint64_t>>{{"2021", 2}, {"2025", 1}}));
  // Sources stay by count.
  EXPECT_EQ(s.facet(parse_query("họp"), Facet::kSource, 10).front().value, "b.txt");
}

TEST(Search, PagingContinuesAcrossTiers) {
  TempDir dir;
  Searcher s(build(dir, {report("a", {"đã một", "đã hai", "da ba", "da bốn", "đa năm"})}));
  const ParsedQuery q = parse_query("đã");
  const auto all = s.search(q, 0, 10);
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t offset = 0; offset < 6; ++offset) {
    const auto page = s.search(q, offset, 2);
    ASSERT_EQ(page.size(), std::min<std::size_t>(2, 5 - offset)) << offset;
    for (std::size_t i = 0; i < page.size(); ++i) EXPECT_EQ(page[i].text, all[offset + i].text);
  }
}

// A part of a tier that cannot reach the weight the parts before it set is skipped
// (Searcher::Impl::ranking): the first passage of a report whose title alone holds the
// word weighs its title, in a part of its own. Pages of 1 to 6 may skip that part (they do
// with Xapian 1.4.22's maxima: the six strong passages weigh more than it can; not
// observable here), a page of 7 or more must read it: each page is the start of the whole
// ranking.
TEST(Search, ASmallPageIsTheStartOfALargerOneWhereATitleRanks) {
  TempDir dir;
  std::vector<Report> reports;
  // Passages with the word (no second step: it is in too many to be evidence), most of
  // them long and weak.
  const std::string filler =
      "các đại biểu đã thảo luận nhiều vấn đề quan trọng của địa phương trong năm qua và "
      "thống nhất phương hướng nhiệm vụ cho thời gian tới theo kế hoạch đã đề ra";
  for (int i = 0; i < 18; ++i)
    reports.push_back(report(fmt::format("w{:02}", i), {filler + " hội nghị " + filler}));
  // And in a few short ones, twice: stronger than the title.
  for (int i = 0; i < 6; ++i)
    reports.push_back(report(fmt::format("s{}", i), {"Hội đồng hội họp."}));
  // The title holds it, its short first passage does not.
  reports.push_back(report("t", {"Tổng kết công tác.", filler}, "Hội nghị"));
  // The word in a quarter of the passages: common, yet rare enough to weigh.
  for (int i = 0; i < 70; ++i) reports.push_back(report(fmt::format("o{:02}", i), {"Tin khác."}));
  Searcher s(build(dir, reports));
  const ParsedQuery q = parse_query("hội");  // one word: one tier, its parts merged
  const std::vector<Hit> all = s.search(q, 0, 50);
  ASSERT_EQ(all.size(), 25u);
  const auto titled = std::find_if(all.begin(), all.end(),
                                   [](const Hit& h) { return h.id == "t" && h.passage == 0; });
  ASSERT_NE(titled, all.end());
  EXPECT_EQ(titled->match, Match::kTitle);
  // It ranks among the passages with the word, neither first nor last: the pages below
  // end before it, at it and after it.
  ASSERT_GT(titled - all.begin(), 0);
  ASSERT_LT(titled - all.begin(), 24);
  for (std::size_t n = 1; n <= all.size(); ++n) {
    const std::vector<Hit> page = s.search(q, 0, n);
    ASSERT_EQ(page.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_EQ(page[i].id, all[i].id) << n << " " << i;
      EXPECT_EQ(page[i].passage, all[i].passage) << n << " " << i;
    }
  }
}

TEST(IndexWriter, ReplacingAReportReplacesAllItsPassages) {
  TempDir dir;
  const std::string path = build(dir, {report("a", {"một", "hai", "ba"}), report("b", {"bốn"})});
  {
    IndexWriter writer(path);
    writer.replace_report(report("a", {"năm"}));
    writer.commit();
  }
  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), 2u);
  Searcher s(path);
  EXPECT_TRUE(texts(s, "hai").empty());
  EXPECT_EQ(texts(s, "năm").size(), 1u);
}

TEST(IndexWriter, NothingIsVisibleWithoutCommit) {
  TempDir dir;
  const std::string path = build(dir, {report("a", {"một"})});
  {
    IndexWriter writer(path);
    writer.replace_report(report("a", {"hai"}));
    writer.replace_report(report("b", {"ba"}));
  }  // destroyed without commit()
  Searcher s(path);
  EXPECT_EQ(texts(s, "một").size(), 1u);
  EXPECT_TRUE(texts(s, "hai").empty());
  EXPECT_TRUE(texts(s, "ba").empty());
}

TEST(IndexWriter, DocumentsFollowTheSchema) {
  Report r = report("r1", {"Không né tránh khuyết điểm.", "Tiêu đề phụ"}, "Tổng Bí thư");
  r.date = "20250616";
  r.url = "https://example.vn";
  const Xapian::Document doc = passage_document(r, 0, Segmenter());
  std::vector<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.push_back(*it);
  for (const char* t : {"khong", "ne", "tranh", "khuyet", "diem", "XEkhông", "XEné", "XEkhuyết",
                        "XEđiểm", "Stong", "Sbi", "Sthu", "Qr1"}) {
    EXPECT_NE(std::find(terms.begin(), terms.end(), t), terms.end()) << t;
  }
  EXPECT_EQ(doc.get_value(schema::kSlotDate), "20250616");
  EXPECT_EQ(doc.get_value(schema::kSlotReport), "r1");
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(schema::kSlotOrdinal)), 0.0);
  const Xapian::Document heading = passage_document(r, 1, Segmenter());
  auto padding = heading.termlist_begin();
  padding.skip_to("XP");
  ASSERT_EQ(*padding, "XP");
  EXPECT_EQ(padding.get_wdf(), schema::kPaddingWdf);
  // Positions on folded terms only.
  auto pos = doc.termlist_begin();
  pos.skip_to("khuyet");
  ASSERT_EQ(*pos, "khuyet");
  EXPECT_EQ(*pos.positionlist_begin(), 4u);
  auto exact = doc.termlist_begin();
  exact.skip_to("XEkhuyết");
  ASSERT_EQ(*exact, "XEkhuyết");
  EXPECT_EQ(*exact.positionlist_begin(), 4u);  // exact terms have positions too
}

// Pins every term the analyzer and writer produce for one passage. When this changes on
// purpose, bump schema::kAnalyzerVersion (or kVersion): old databases must be re-indexed.
TEST(IndexWriter, TermsArePinnedToTheAnalyzerVersion) {
  Report r =
      report("g", {"Sáng 16/6, UBND TP.HCM hoà giải Covid-19 theo 60-NQ/TW; ĐẢNG Ðoàn khoẻ."},
             "Thuỷ lợi TP.HCM");
  const Xapian::Document doc = passage_document(r, 0, Segmenter());
  std::vector<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.push_back(*it);
  const std::vector<std::string> expected = {
      "16", "16/6", "19", "6", "60", "60-nq/tw", "60nqtw", "Qg", "Shcm", "Sloi", "Sthuy", "Stp",
      "Stp.hcm", "Stphcm", "XEcovid", "XEgiải", "XEhcm", "XEhòa", "XEkhỏe", "XEnq", "XEsáng",
      "XEtheo", "XEtp", "XEtw", "XEubnd", "XEđoàn", "XEđảng", "XRNQ-60", "XSg", "XStxt",
      // The title's exact words, on the first passage only (schema.h).
      "XThcm", "XTlợi", "XTthủy", "XTtp", "covid", "covid-19", "covid19", "dang", "doan", "giai",
      "hcm", "hoa", "khoe", "nq", "sang", "theo", "tp", "tp.hcm", "tphcm", "tw", "ubnd"};
  EXPECT_EQ(terms, expected);
  EXPECT_EQ(schema::kAnalyzerVersion, 1) << "update the expected terms with the version";
  // The other passages have the title's folded words only, without positions.
  r.passages.push_back("Theo Sáng.");
  const Xapian::Document second = passage_document(r, 1, Segmenter());
  for (auto it = second.termlist_begin(); it != second.termlist_end(); ++it) {
    EXPECT_FALSE((*it).starts_with(schema::kPrefixTitleExact)) << *it;
    if ((*it).starts_with(schema::kPrefixTitle)) {
      EXPECT_EQ(it.positionlist_count(), 0u) << *it;
    }
  }
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    // The first passage's title words have positions (not the compounds' whole terms).
    if ((*it).starts_with(schema::kPrefixTitle) && (*it).find('.') == std::string::npos &&
        *it != "Stphcm") {
      EXPECT_GT(it.positionlist_count(), 0u) << *it;
    }
  }
}

// The searcher reads a database's model from the file beside it only when that file's
// fingerprint is the database's: the words a query is grouped into are the database's
// whether the file is there, missing, another model's or cut short; an index run puts
// back a file damaged anywhere.
TEST(Searcher, ReadsTheModelFileOnlyWhenItIsTheDatabasesModel) {
  TempDir dir;
  const std::string path = build(dir, {report("r1", {"Chuyển đổi số trong cơ quan nhà nước."})},
                                 load_model(shipped_model_path()));
  const std::string id = IndexWriter(path).segmenter_id();
  const std::string file = path + "/" + std::string(schema::kModelFileName);
  ASSERT_TRUE(std::filesystem::exists(file));
  ASSERT_TRUE(model_beside_database(path, id).has_value());
  EXPECT_FALSE(model_beside_database(path, "0123456789abcdef").has_value());

  const ParsedQuery q = parse_query("chuyển đổi số cơ quan nhà nước");
  const std::vector<std::string> from_file = Searcher(path).word_terms(q);
  EXPECT_FALSE(from_file.empty());

  // The file missing, then another model's, then damaged: the database's metadata is
  // read, with the same words.
  std::filesystem::remove(file);
  EXPECT_FALSE(model_beside_database(path, id).has_value());
  EXPECT_EQ(Searcher(path).word_terms(q), from_file);
  std::ofstream(file, std::ios::binary) << Segmenter().serialize();
  EXPECT_FALSE(model_beside_database(path, id).has_value());
  EXPECT_EQ(Searcher(path).word_terms(q), from_file);
  std::ofstream(file, std::ios::binary) << "damaged";
  EXPECT_EQ(Searcher(path).word_terms(q), from_file);
  // The next index run gives the database its file back.
  IndexWriter(path).commit();
  EXPECT_TRUE(model_beside_database(path, id).has_value());

  // The fingerprint is the checksum the model ends with: a file cut short in the middle
  // that keeps it is not laid out as a model, and the metadata is read.
  ASSERT_EQ(id.size(), 17u);
  ASSERT_EQ(id[0], 'c');
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      << bytes.substr(0, 4096) + bytes.substr(bytes.size() - 4096);
  EXPECT_FALSE(model_beside_database(path, id).has_value());
  EXPECT_EQ(Searcher(path).word_terms(q), from_file);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;

  // The searcher reads the file's last 8 bytes only: another model (one that joins no
  // syllables) ending with this model's checksum is used, and its words are none. That is
  // what a file damaged inside would do; the next index run checks every byte and puts
  // the database's model back.
  std::string impostor = Segmenter().serialize();
  impostor.replace(impostor.size() - 8, 8, bytes.substr(bytes.size() - 8));
  std::ofstream(file, std::ios::binary | std::ios::trunc) << impostor;
  EXPECT_TRUE(Searcher(path).word_terms(q).empty());
  IndexWriter(path).commit();
  EXPECT_EQ(Searcher(path).word_terms(q), from_file);
  // So is a file cut short.
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
  IndexWriter(path).commit();
  {
    std::ifstream in(file, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()),
              bytes);
  }

  // Databases written before the checksum was the fingerprint store FNV-1a-64 of the whole
  // model (16 hex digits), which still picks the file: here another model's file with its
  // FNV fingerprint, whose words (none) show that the file was read.
  const std::string other = Segmenter().serialize();
  const std::string legacy = fmt::format("{:016x}", fnv1a_64(other));
  {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kSegmenterIdKey), legacy);
    db.commit();
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << other;
  EXPECT_TRUE(model_beside_database(path, legacy).has_value());
  EXPECT_FALSE(model_beside_database(path, "0123456789abcdef").has_value());
  EXPECT_TRUE(Searcher(path).word_terms(q).empty());
}

// A database written before 2026-12-03 stores its model's fingerprint in the older form;
// searched with a newer one of the same model, the two are one collection.
TEST(Searcher, FingerprintsOfEitherFormMeetAsOneModel) {
  TempDir a, b;
  const Segmenter model = load_model(shipped_model_path());
  const std::string one =
      build(a, {report("r1", {"Chuyển đổi số trong cơ quan nhà nước."})}, model);
  const std::string two = build(b, {report("r2", {"Cải cách hành chính ở địa phương."})}, model);
  {
    Xapian::WritableDatabase db(two, Xapian::DB_OPEN);
    const std::string legacy =
        fmt::format("{:016x}", fnv1a_64(db.get_metadata(std::string(schema::kSegmenterKey))));
    db.set_metadata(std::string(schema::kSegmenterIdKey), legacy);
    db.commit();
  }
  Searcher both({one, two}, CollectionOptions{});
  EXPECT_EQ(texts(both, "nhà nước").size(), 1u);
  EXPECT_EQ(texts(both, "hành chính").size(), 1u);

  EXPECT_EQ(open_collection({one, two}, CollectionOptions{}).model_shards().size(), 1u);

  // Another model stays another model, in either form: searched too (archives indexed
  // separately), with the word terms of both models.
  TempDir c;
  const std::string three = build(c, {report("r3", {"Kinh tế số ở nhà nước."})}, Segmenter());
  EXPECT_EQ(open_collection({one, three}, CollectionOptions{}).model_shards().size(), 2u);
  EXPECT_EQ(open_collection({two, three}, CollectionOptions{}).model_shards().size(), 2u);
  const ParsedQuery q = parse_query("chuyển đổi số nhà nước");
  const std::vector<std::string> words = Searcher(one).word_terms(q);
  ASSERT_FALSE(words.empty());                         // the shipped model groups some
  EXPECT_TRUE(Searcher(three).word_terms(q).empty());  // the empty model none
  EXPECT_EQ(Searcher({three, one}, CollectionOptions{}).word_terms(q),
            words);  // not the first's alone
  Searcher mixed({two, three}, CollectionOptions{});
  EXPECT_EQ(texts(mixed, "nhà nước").size(), 1u);
  EXPECT_EQ(texts(mixed, "kinh tế").size(), 1u);
}

TEST(Searcher, RefusesDatabasesItCannotRead) {
  TempDir dir;
  EXPECT_THROW(Searcher(dir / "missing"), Error);
  {
    Xapian::WritableDatabase db(dir / "future", Xapian::DB_CREATE);
    db.set_metadata(std::string(schema::kVersionKey), "2");
  }
  EXPECT_THROW(Searcher(dir / "future"), Error);
  EXPECT_THROW(IndexWriter(dir / "future"), Error);
}

}  // namespace
}  // namespace tracuu
