#include "query/snippet.h"

#include <gtest/gtest.h>

#include <string>

namespace tracuu {
namespace {

std::string shown(const std::string& text, const std::vector<Span>& hl, std::size_t max) {
  const Snippet s = choose_snippet(text, hl, max);
  EXPECT_LE(s.start, s.end);
  EXPECT_LE(s.end, text.size());
  EXPECT_LE(s.end - s.start, max);
  return text.substr(s.start, s.end - s.start);
}

TEST(Snippet, ShortTextIsShownWhole) {
  const std::string t = "không né tránh khuyết điểm";
  EXPECT_EQ(shown(t, {{0, 6}}, 100), t);
}

TEST(Snippet, LongTextIsCutAtSpacesAroundTheDensestHighlights) {
  std::string t;
  for (int i = 0; i < 40; ++i) t += "một hai ba bốn năm ";
  const std::size_t a = t.size();
  t += "không né tránh khuyết điểm ";
  for (int i = 0; i < 40; ++i) t += "sáu bảy tám chín mười ";
  // One lone highlight near the start, three together later: the three win.
  const std::vector<Span> hl = {{4, 7}, {a, a + 6}, {a + 7, a + 10}, {a + 11, a + 18}};
  const std::string s = shown(t, hl, 120);
  EXPECT_NE(s.find("không né tránh"), std::string::npos) << s;
  EXPECT_NE(s.front(), ' ');
  EXPECT_NE(s.back(), ' ');
  // Starts and ends on whole words.
  const Snippet sn = choose_snippet(t, hl, 120);
  EXPECT_TRUE(sn.start == 0 || t[sn.start - 1] == ' ');
  EXPECT_TRUE(sn.end == t.size() || t[sn.end] == ' ');
}

TEST(Snippet, NoSpacesStillCutsOnCharacterBoundaries) {
  std::string t;
  for (int i = 0; i < 100; ++i) t += "đ";  // two bytes each, no spaces
  const Snippet s = choose_snippet(t, {{100, 102}}, 31);
  EXPECT_EQ(s.start % 2, 0u);
  EXPECT_EQ(s.end % 2, 0u);
  EXPECT_LE(s.end - s.start, 31u);
  EXPECT_LE(s.start, 100u);
  EXPECT_GE(s.end, 102u);
}

TEST(Snippet, FromTheBeginningWhenTheHighlightsFitThere) {
  std::string t;
  for (int i = 0; i < 60; ++i) t += "từ ";
  EXPECT_EQ(choose_snippet(t, {{40, 44}, {60, 64}}, 100).start, 0u);
  EXPECT_GT(choose_snippet(t, {{120, 124}}, 100).start, 0u);
}

TEST(Snippet, WithoutHighlightsTheBeginning) {
  std::string t(300, 'a');
  t[50] = ' ';
  t[95] = ' ';
  const Snippet s = choose_snippet(t, {}, 100);
  EXPECT_EQ(s.start, 0u);
  EXPECT_EQ(s.end, 95u);  // the last space within an eighth of the window
}

// What choose_fragments shows of `text`, fragments joined by " … ".
std::string fragments(const std::string& text, const std::vector<Span>& hl, std::size_t max) {
  std::string out;
  for (const Snippet& s : choose_fragments(text, hl, max)) {
    EXPECT_LT(s.start, s.end);
    EXPECT_LE(s.end, text.size());
    out += (out.empty() ? "" : " … ") + text.substr(s.start, s.end - s.start);
  }
  return out;
}

TEST(Fragments, EveryRegionWithHitsIsShownUpToThree) {
  std::string filler;
  for (int i = 0; i < 30; ++i) filler += "một hai ba bốn năm ";
  const struct Case {
    std::vector<std::string> words;  // placed between runs of filler
    std::size_t fragments;           // how many are shown
    std::vector<std::string> shown;  // the words shown
  } cases[] = {
      {{"khuyết"}, 1, {"khuyết"}},
      {{"khuyết", "điểm"}, 2, {"khuyết", "điểm"}},  // one window of 480 bytes held one of them
      {{"Hà_Nội", "TP.HCM", "UBND"}, 3, {"Hà_Nội", "TP.HCM", "UBND"}},
      {{"thủy", "lợi", "đê", "điều"},
       3,
       {"thủy", "lợi", "đê"}},  // the first three of equal regions
  };
  for (const Case& c : cases) {
    std::string t = filler;
    std::vector<Span> hl;
    for (const std::string& w : c.words) {
      hl.emplace_back(t.size(), t.size() + w.size());
      t += w + " " + filler;
    }
    SCOPED_TRACE(c.words.front());
    ASSERT_GT(t.size(), 480u * 2);
    EXPECT_EQ(choose_fragments(t, hl, 480).size(), c.fragments);
    const std::string s = fragments(t, hl, 480);
    for (const std::string& w : c.shown)
      EXPECT_NE(s.find(w), std::string::npos) << w << " in " << s;
    EXPECT_LE(s.size(), 480u + 2 * std::string(" … ").size());
  }
  // Short text: whole; near highlights: one window.
  EXPECT_EQ(choose_fragments("không né tránh", {{0, 6}, {7, 10}}, 480).size(), 1u);
  const std::string t = filler + filler;
  EXPECT_EQ(choose_fragments(t, {{100, 103}, {150, 153}}, 480).size(), 1u);
}

}  // namespace
}  // namespace tracuu
