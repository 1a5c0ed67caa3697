// Stage 3: NFC text → tokens with byte offsets, `joined` and `has_letter` flags.
#include "text/tokenize.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {
namespace {

// A token as the tests see it: the text its offsets cover, and its flags.
struct Tok {
  std::string text;
  bool joined = false;
  bool has_letter = true;
  bool operator==(const Tok&) const = default;
};

void PrintTo(const Tok& t, std::ostream* os) {
  *os << (t.joined ? "+" : "") << '"' << t.text << '"' << (t.has_letter ? "" : "#");
}

// Table shorthands: a word, a word joined to the previous token, a number, a joined number.
Tok W(std::string_view text) { return {std::string(text), false, true}; }
Tok J(std::string_view text) { return {std::string(text), true, true}; }
Tok N(std::string_view text) { return {std::string(text), false, false}; }
Tok JN(std::string_view text) { return {std::string(text), true, false}; }

struct Case {
  std::string_view input;
  std::vector<Tok> expected;
};

std::vector<Tok> tokens_of(std::string_view text) {
  std::vector<Tok> out;
  std::uint32_t previous_end = 0;
  for (const Token& t : tokenize(text)) {
    EXPECT_LT(t.start, t.end);
    EXPECT_LE(previous_end, t.start) << "tokens overlap or are out of order";
    EXPECT_LE(t.end, text.size());
    previous_end = t.end;
    if (t.start >= t.end || t.end > text.size()) continue;
    out.push_back({std::string(text.substr(t.start, t.end - t.start)), t.joined, t.has_letter});
  }
  return out;
}

void expect_tokens(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(tokens_of(c.input), c.expected);
  }
}

TEST(Tokenize, Sentences) {
  expect_tokens({
      {"Nghị quyết số 60-NQ/TW ngày 16/6/2025 của Bộ Chính trị.",
       {W("Nghị"), W("quyết"), W("số"), N("60"), J("NQ"), J("TW"), W("ngày"), N("16"), JN("6"),
        JN("2025"), W("của"), W("Bộ"), W("Chính"), W("trị")}},
      {"Hà Nội, ngày 1 tháng 7 năm 2025!",
       {W("Hà"), W("Nội"), W("ngày"), N("1"), W("tháng"), N("7"), W("năm"), N("2025")}},
      {"Tổng Bí thư Tô Lâm: không né tránh khuyết điểm; phải sửa (ngay).",
       {W("Tổng"), W("Bí"), W("thư"), W("Tô"), W("Lâm"), W("không"), W("né"), W("tránh"),
        W("khuyết"), W("điểm"), W("phải"), W("sửa"), W("ngay")}},
      {"ĐẢNG CỘNG SẢN VIỆT NAM", {W("ĐẢNG"), W("CỘNG"), W("SẢN"), W("VIỆT"), W("NAM")}},
      {"Giá tăng 12,5% so với năm 2024?",
       {W("Giá"), W("tăng"), N("12"), JN("5"), W("so"), W("với"), W("năm"), N("2024")}},
  });
}

TEST(Tokenize, CompoundsJoinedByOneConnector) {
  expect_tokens({
      {"60-NQ/TW", {N("60"), J("NQ"), J("TW")}},
      {"100/2015/QH13", {N("100"), JN("2015"), J("QH13")}},
      {"TP.HCM", {W("TP"), J("HCM")}},
      {"TP.HCM.", {W("TP"), J("HCM")}},  // the sentence's full stop joins nothing
      {"16/6", {N("16"), JN("6")}},
      {"16/6/2025", {N("16"), JN("6"), JN("2025")}},
      {"2020-2025", {N("2020"), JN("2025")}},
      {"2020–2025", {N("2020"), JN("2025")}},  // en dash, between digits
      {"12,5 tỷ", {N("12"), JN("5"), W("tỷ")}},
      {"1.000", {N("1"), JN("000")}},
      {"1.000.000 đồng", {N("1"), JN("000"), JN("000"), W("đồng")}},
      {"10:30", {N("10"), JN("30")}},
      {"Covid-19", {W("Covid"), JN("19")}},
      {"Covid‐19", {W("Covid"), JN("19")}},  // U+2010 hyphen
      {"COVID‑19", {W("COVID"), JN("19")}},  // U+2011 non-breaking hyphen
      {"Vietnam’s", {W("Vietnam"), J("s")}},
      {"Vietnam's", {W("Vietnam"), J("s")}},
      {"R&D", {W("R"), J("D")}},
      {"tracuu_index", {W("tracuu"), J("index")}},
      {"Bà Rịa-Vũng Tàu", {W("Bà"), W("Rịa"), J("Vũng"), W("Tàu")}},
  });
}

TEST(Tokenize, SeparatorsThatDoNotJoin) {
  expect_tokens({
      {"TP. HCM", {W("TP"), W("HCM")}},
      {"UBND, HĐND", {W("UBND"), W("HĐND")}},
      {"a,b", {W("a"), W("b")}},  // comma joins digits only
      {"2030, 2045", {N("2030"), N("2045")}},
      {"hành chính- kinh tế", {W("hành"), W("chính"), W("kinh"), W("tế")}},
      {"tâm - tầm", {W("tâm"), W("tầm")}},
      {"Hà Nội–Huế", {W("Hà"), W("Nội"), W("Huế")}},  // en dash between letters
      {"Điều 5: Hiệu lực", {W("Điều"), N("5"), W("Hiệu"), W("lực")}},
      {"12,a", {N("12"), W("a")}},                      // digit connector, letter after
      {"QH,13", {W("QH"), N("13")}},                    // digit connector, letter before
      {"Hà Nội...Huế", {W("Hà"), W("Nội"), W("Huế")}},  // more than one connector
      {"a--b", {W("a"), W("b")}},
      {"60 - NQ", {N("60"), W("NQ")}},
      {"Hà Nội — Huế", {W("Hà"), W("Nội"), W("Huế")}},  // em dash
      {"Hà Nội—Huế", {W("Hà"), W("Nội"), W("Huế")}},
  });
}

TEST(Tokenize, QuotesAroundWords) {
  expect_tokens({
      {"Ông nói 'không …' rồi đi", {W("Ông"), W("nói"), W("không"), W("rồi"), W("đi")}},
      {"'không'", {W("không")}},
      {"“Không” là ‘không’.", {W("Không"), W("là"), W("không")}},
      {"‘không’ được", {W("không"), W("được")}},
      {"«Hà Nội»", {W("Hà"), W("Nội")}},
      {"\"TP.HCM\"", {W("TP"), J("HCM")}},
  });
}

TEST(Tokenize, EmptyWhitespaceAndPunctuation) {
  expect_tokens({
      {"", {}},
      {" ", {}},
      {" \t\r\n\u00A0\u2009\u3000", {}},  // incl. no-break, thin and ideographic spaces
      {"...!?,;:—–-/()[]{}«»“”‘’…\"'", {}},
      {"- / . _ & ' ’", {}},
  });
}

TEST(Tokenize, MixedScripts) {
  expect_tokens({
      {"Hà Nội 北京 Москва", {W("Hà"), W("Nội"), W("北京"), W("Москва")}},
      {"Hà Nội北京", {W("Hà"), W("Nội北京")}},
      {"Αθήνα-2004", {W("Αθήνα"), JN("2004")}},
      {"東京タワー", {W("東京タワー")}},  // ー (U+30FC) is a modifier letter
      {"２０２５", {N("２０２５")}},      // full-width digits are digits
  });
}

// Emoji are symbols: they separate tokens and are dropped, with their variation selectors,
// skin-tone modifiers and joiners.
TEST(Tokenize, Emoji) {
  expect_tokens({
      {"Hà Nội 😀", {W("Hà"), W("Nội")}},
      {"Tuyệt vời👍🏻!", {W("Tuyệt"), W("vời")}},
      {"Việt Nam 🇻🇳", {W("Việt"), W("Nam")}},
      {"👨‍👩‍👧 gia đình", {W("gia"), W("đình")}},
      {"Bước 1️⃣", {W("Bước"), N("1️⃣")}},  // a keycap is the digit with its marks
  });
}

// ❤️ is U+2764 followed by the variation selector U+FE0F (a combining mark): the selector
// belongs to the symbol, not to a token of its own.
TEST(Tokenize, EmojiWithVariationSelector) {
  expect_tokens({
      {"Hà Nội ❤️ Việt Nam", {W("Hà"), W("Nội"), W("Việt"), W("Nam")}},
      {"✔️ xong", {W("xong")}},
      {"Đẹp quá ❤️❤️", {W("Đẹp"), W("quá")}},
  });
}

// Combining marks belong to the token they follow, so offsets into NFD text cover them.
TEST(Tokenize, DecomposedInputKeepsTheMarksInTheToken) {
  const std::string_view text = "Khuye\u0302\u0301t đie\u0302\u0309m";
  const std::vector<Token> tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].start, 0u);
  EXPECT_EQ(tokens[0].end, 10u);  // K h u y e + U+0302 + U+0301 + t
  EXPECT_EQ(tokens[1].start, 11u);
  EXPECT_EQ(tokens[1].end, 20u);  // đ i e + U+0302 + U+0309 + m
  EXPECT_FALSE(tokens[1].joined);
  EXPECT_TRUE(tokens[0].has_letter);
  EXPECT_TRUE(tokens[1].has_letter);

  expect_tokens({
      {"Khuye\u0302\u0301t", {W("Khuye\u0302\u0301t")}},
      {"ngu\u031Bo\u031B\u0300i ta", {W("ngu\u031Bo\u031B\u0300i"), W("ta")}},
      {"2\u0301", {N("2\u0301")}},
  });
}

TEST(Tokenize, OffsetsOfAVietnameseSentence) {
  const std::string_view text = "Tổng Bí thư: 60-NQ/TW";
  struct Expected {
    std::uint32_t start, end;
    bool joined, has_letter;
  };
  const Expected expected[] = {
      {0, 6, false, true},     // Tổng
      {7, 10, false, true},    // Bí
      {11, 15, false, true},   // thư
      {17, 19, false, false},  // 60
      {20, 22, true, true},    // NQ
      {23, 25, true, true},    // TW
  };
  const std::vector<Token> tokens = tokenize(text);
  ASSERT_EQ(tokens.size(), std::size(expected));
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(tokens[i].start, expected[i].start);
    EXPECT_EQ(tokens[i].end, expected[i].end);
    EXPECT_EQ(tokens[i].joined, expected[i].joined);
    EXPECT_EQ(tokens[i].has_letter, expected[i].has_letter);
  }
}

}  // namespace
}  // namespace tracuu
