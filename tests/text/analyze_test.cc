// The analyzer: tokenize → normalize_token → fold_diacritics, and compounds.
#include "text/analyze.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.h"

namespace tracuu {
namespace {

// A word as the tests compare it (Word has no operator==).
struct W {
  std::uint32_t start = 0, end = 0;
  bool joined = false, has_letter = true;
  std::string exact, folded;
  bool operator==(const W&) const = default;
};

void PrintTo(const W& w, std::ostream* os) {
  *os << "[" << w.start << "," << w.end << ")" << (w.joined ? " joined" : "")
      << (w.has_letter ? "" : " number") << " exact=\"" << w.exact << "\" folded=\"" << w.folded
      << "\"";
}

std::vector<W> words_of(std::string_view text) {
  std::vector<W> out;
  for (const Word& w : analyze(text)) {
    out.push_back({w.start, w.end, w.joined, w.has_letter, w.exact, w.folded});
  }
  return out;
}

TEST(Analyze, ExactAndFoldedFormsWithOffsets) {
  const std::string_view text = "Tổng Bí thư Tô Lâm: không né tránh khuyết điểm";
  const std::vector<W> expected = {
      {0, 6, false, true, "tổng", "tong"},       {7, 10, false, true, "bí", "bi"},
      {11, 15, false, true, "thư", "thu"},       {16, 19, false, true, "tô", "to"},
      {20, 24, false, true, "lâm", "lam"},       {26, 32, false, true, "không", "khong"},
      {33, 36, false, true, "né", "ne"},         {37, 43, false, true, "tránh", "tranh"},
      {44, 52, false, true, "khuyết", "khuyet"}, {53, 60, false, true, "điểm", "diem"},
  };
  EXPECT_EQ(words_of(text), expected);
  // The offsets select the original spelling.
  const std::vector<Word> words = analyze(text);
  ASSERT_EQ(words.size(), expected.size());
  EXPECT_EQ(text.substr(words[0].start, words[0].end - words[0].start), "Tổng");
  EXPECT_EQ(text.substr(words[9].start, words[9].end - words[9].start), "điểm");
}

TEST(Analyze, CompoundPartsAndFlags) {
  const std::string_view text = "Nghị quyết 60-NQ/TW ngày 16/6/2025";
  const std::vector<W> expected = {
      {0, 6, false, true, "nghị", "nghi"},   {7, 14, false, true, "quyết", "quyet"},
      {15, 17, false, false, "60", "60"},    {18, 20, true, true, "nq", "nq"},
      {21, 23, true, true, "tw", "tw"},      {24, 29, false, true, "ngày", "ngay"},
      {30, 32, false, false, "16", "16"},    {33, 34, true, false, "6", "6"},
      {35, 39, true, false, "2025", "2025"},
  };
  EXPECT_EQ(words_of(text), expected);
}

// Spelling variants a reader takes for the same word analyze to the same forms.
TEST(Analyze, VariantSpellingsAgree) {
  struct Case {
    std::string_view input;  // composed with to_nfc first, as callers do
    std::vector<std::string> exact;
    std::vector<std::string> folded;
  };
  const Case cases[] = {
      {"Hòa Bình", {"hòa", "bình"}, {"hoa", "binh"}},
      {"Hoà Bình", {"hòa", "bình"}, {"hoa", "binh"}},
      {"HOÀ BÌNH", {"hòa", "bình"}, {"hoa", "binh"}},
      {"Hoa\u0300 Bi\u0300nh", {"hòa", "bình"}, {"hoa", "binh"}},
      {"thuỷ điện", {"thủy", "điện"}, {"thuy", "dien"}},
      {"THỦY ĐIỆN", {"thủy", "điện"}, {"thuy", "dien"}},
      {"\u00D0ắk Lắk", {"đắk", "lắk"}, {"dak", "lak"}},  // Ð (eth) for Đ
      {"ＵＢＮＤ", {"ubnd"}, {"ubnd"}},
      {"Khuye\u0302\u0301t điểm", {"khuyết", "điểm"}, {"khuyet", "diem"}},
      {"qúy khách", {"quý", "khách"}, {"quy", "khach"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    const std::string nfc = to_nfc(c.input);
    std::vector<std::string> exact, folded;
    for (const Word& w : analyze(nfc)) {
      exact.push_back(w.exact);
      folded.push_back(w.folded);
    }
    EXPECT_EQ(exact, c.exact);
    EXPECT_EQ(folded, c.folded);
  }
}

// Offsets refer to the composed text the caller keeps.
TEST(Analyze, OffsetsReferToTheComposedText) {
  const std::string nfc = to_nfc("Khuye\u0302\u0301t đie\u0302\u0309m");
  ASSERT_EQ(nfc, "Khuyết điểm");
  const std::vector<W> expected = {
      {0, 8, false, true, "khuyết", "khuyet"},
      {9, 16, false, true, "điểm", "diem"},
  };
  EXPECT_EQ(words_of(nfc), expected);
}

// Every word the analyzer returns is something to index: never an empty term.
TEST(Analyze, NoEmptyTerms) {
  const std::string_view texts[] = {
      "Hà Nội ❤️ Việt Nam",
      "✔️ Đã xong",
      "Hà Nội 😀 👍🏻 🇻🇳",
      "Giá 12,5% — tăng!",
  };
  for (std::string_view text : texts) {
    SCOPED_TRACE(text);
    for (const Word& w : analyze(text)) {
      EXPECT_FALSE(w.exact.empty()) << "empty term for bytes [" << w.start << "," << w.end << ") \""
                                    << text.substr(w.start, w.end - w.start) << "\"";
      EXPECT_FALSE(w.folded.empty());
    }
  }
}

// ---------------------------------------------------------------------------------------
// Compounds

// The folded form of every compound of `text`, in order.
std::vector<std::string> compounds_of(std::string_view text) {
  const std::vector<Word> words = analyze(text);
  std::vector<std::string> out;
  for (std::size_t first = 0; first < words.size();) {
    const std::size_t last = compound_end(words, first);
    EXPECT_GT(last, first);
    out.push_back(compound_folded(text, words, first, last));
    first = last;
  }
  return out;
}

TEST(Analyze, CompoundFolded) {
  struct Case {
    std::string_view input;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"60-NQ/TW", {"60-nq/tw"}},
      {"Vietnam’s", {"vietnam's"}},
      {"Vietnam's", {"vietnam's"}},
      {"2020–2025", {"2020-2025"}},  // en dash read as -
      {"Covid‐19", {"covid-19"}},    // U+2010
      {"COVID‑19", {"covid-19"}},    // U+2011
      {"TP.HCM", {"tp.hcm"}},
      {"TP. HCM", {"tp", "hcm"}},
      {"16/6/2025", {"16/6/2025"}},
      {"100/2015/QH13", {"100/2015/qh13"}},
      {"12,5 tỷ đồng", {"12,5", "ty", "dong"}},
      {"10:30", {"10:30"}},
      {"R&D", {"r&d"}},
      {"UBND, HĐND", {"ubnd", "hdnd"}},
      {"Bà Rịa-Vũng Tàu", {"ba", "ria-vung", "tau"}},
      {"Hoà-Bình", {"hoa-binh"}},
      {"Nghị quyết 60-NQ/TW của Bộ Chính trị",
       {"nghi", "quyet", "60-nq/tw", "cua", "bo", "chinh", "tri"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(compounds_of(c.input), c.expected);
  }
}

TEST(Analyze, CompoundEnd) {
  const std::string_view text = "Nghị quyết 60-NQ/TW ngày 16/6/2025";
  const std::vector<Word> words = analyze(text);
  ASSERT_EQ(words.size(), 9u);
  struct Case {
    std::size_t first, expected_end;
  };
  const Case cases[] = {{0, 1}, {1, 2}, {2, 5}, {3, 5}, {4, 5}, {5, 6}, {6, 9}, {8, 9}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.first);
    EXPECT_EQ(compound_end(words, c.first), c.expected_end);
  }
  EXPECT_EQ(compound_folded(text, words, 2, 4), "60-nq");  // a prefix of a compound
  EXPECT_EQ(compound_folded(text, words, 0, 1), "nghi");
}

}  // namespace
}  // namespace tracuu
