// The character classes of text/chars.h: a table of the characters that tell the classes
// apart, then every code point compared with ICU, which defines them.
#include "text/chars.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <cstdio>
#include <string>

#include "text/utf8.h"

namespace tracuu {
namespace {

std::string hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

constexpr char32_t kLastCodePoint = 0x10FFFF;

TEST(Chars, SpacesTable) {
  struct Case {
    char32_t cp;
    bool white;       // is_white_space
    bool in_line;     // is_inline_space
    bool zero_width;  // is_zero_width_space
  };
  const Case cases[] = {
      {U' ', true, true, false},     {U'\t', true, true, false},  {U'\n', true, false, false},
      {U'\r', true, false, false},   {U'\v', true, false, false}, {U'\f', true, false, false},
      {0x85, true, false, false},     // next line (NEL)
      {0xA0, true, true, false},      // no-break space, common in pasted Vietnamese text
      {0x1680, true, true, false},    // ogham space mark
      {0x2002, true, true, false},    // en space
      {0x2009, true, true, false},    // thin space
      {0x200A, true, true, false},    // hair space
      {0x200B, false, false, true},   // zero-width space: not White_Space
      {0x2028, true, false, false},   // line separator
      {0x2029, true, false, false},   // paragraph separator
      {0x202F, true, true, false},    // narrow no-break space (French « »)
      {0x205F, true, true, false},    // medium mathematical space
      {0x3000, true, true, false},    // ideographic space
      {0xFEFF, false, false, true},   // byte-order mark
      {0x1C, false, false, false},    // information separators: not White_Space
      {0x180E, false, false, false},  // Mongolian vowel separator: no longer a space
      {0x2060, false, false, false},  // word joiner
      {U'a', false, false, false},   {U'đ', false, false, false}, {U'-', false, false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(hex(c.cp));
    EXPECT_EQ(is_white_space(c.cp), c.white);
    EXPECT_EQ(is_inline_space(c.cp), c.in_line);
    EXPECT_EQ(is_zero_width_space(c.cp), c.zero_width);
    if (c.cp < 0x80) {
      EXPECT_EQ(is_ascii_space(static_cast<char>(c.cp)), c.white);
      EXPECT_EQ(is_ascii_inline_space(static_cast<char>(c.cp)), c.in_line);
    }
  }
}

TEST(Chars, LettersTable) {
  struct Case {
    char32_t cp;
    bool letter, upper, lower;
    char32_t lowered;  // lower_vietnamese
  };
  const Case cases[] = {
      {U'a', true, false, true, U'a'},
      {U'Z', true, true, false, U'z'},
      {U'Đ', true, true, false, U'đ'},
      {U'đ', true, false, true, U'đ'},
      {U'Ð', true, true, false, U'Ð'},  // U+00D0 Eth, not Đ: normalize_token folds it
      {U'Ầ', true, true, false, U'ầ'},
      {U'ỷ', true, false, true, U'ỷ'},
      {U'Ư', true, true, false, U'ư'},
      {U'Ǆ', true, true, false, U'Ǆ'},  // U+01C4, Lu
      {U'ǅ', true, true, false, U'ǅ'},  // U+01C5, title case: starts a capitalized word
      {U'ß', true, false, true, U'ß'},
      {U'Ω', true, true, false, U'Ω'},  // other scripts keep their case here
      {U'中', true, false, false, U'中'},
      {U'ʰ', true, false, false, U'ʰ'},       // modifier letter (Lm)
      {0x0301, false, false, false, 0x0301},  // combining acute: a mark, not a letter
      {U'5', false, false, false, U'5'},
      {U'٣', false, false, false, U'٣'},  // Arabic-Indic three: a digit, not ASCII
      {U'_', false, false, false, U'_'},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(hex(c.cp));
    EXPECT_EQ(is_letter(c.cp), c.letter);
    EXPECT_EQ(is_upper(c.cp), c.upper);
    EXPECT_EQ(is_lower(c.cp), c.lower);
    EXPECT_EQ(lower_vietnamese(c.cp), c.lowered);
  }
  EXPECT_TRUE(is_ascii_digit(U'0') && is_ascii_digit(U'9'));
  EXPECT_FALSE(is_ascii_digit(U'٣') || is_ascii_digit(U'a') || is_ascii_digit(U'/'));
  EXPECT_TRUE(is_dash(U'-') && is_dash(U'–') && is_dash(U'—'));
  EXPECT_FALSE(is_dash(U'‐') || is_dash(U'_'));
}

TEST(Chars, LowerVietnameseWords) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"ĐIỀU", "điều"},
      {"Nghị Quyết", "nghị quyết"},
      {"HĐND", "hđnd"},
      {"THUỶ", "thuỷ"},  // tone placement is normalize_token's job, not this
      {"60-NQ/TW", "60-nq/tw"},
      {"Ωmega", "Ωmega"},  // only ASCII and Vietnamese letters change
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(lower_vietnamese(c.in), c.out) << c.in;
}

// ASCII case changes ASCII letters only: UTF-8 bytes of other letters stay as they are.
TEST(Chars, AsciiCase) {
  struct Case {
    std::string in, lower, upper;
  };
  const Case cases[] = {
      {"nq", "nq", "NQ"},
      {"Luat", "luat", "LUAT"},
      {"README.md", "readme.md", "README.MD"},
      {"tracuu-search", "tracuu-search", "TRACUU-SEARCH"},
      {"5a", "5a", "5A"},
      {"Đ@[`{đ", "Đ@[`{đ", "Đ@[`{đ"},  // the bytes around the letters A-Z and a-z
      {"", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(lower_ascii(c.in), c.lower);
    EXPECT_EQ(upper_ascii(c.in), c.upper);
    EXPECT_TRUE(equal_ignoring_ascii_case(c.lower, c.upper));
  }
  EXPECT_FALSE(equal_ignoring_ascii_case("đ", "Đ"));
  for (int c = 0; c < 256; ++c) {
    const auto ch = static_cast<char>(c);
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    EXPECT_EQ(lower_ascii(ch), letter ? static_cast<char>(c | 0x20) : ch) << c;
    EXPECT_EQ(upper_ascii(ch), letter ? static_cast<char>(c & ~0x20) : ch) << c;
    EXPECT_EQ(is_ascii_letter(ch), letter) << c;
  }
}

// Every code point: the hand-written sets and the fast paths give ICU's answer.
TEST(Chars, EveryCodePointAgreesWithIcu) {
  for (char32_t cp = 0; cp <= kLastCodePoint; ++cp) {
    const auto c = static_cast<UChar32>(cp);
    if (is_white_space(cp) != (u_isUWhiteSpace(c) != 0)) ADD_FAILURE() << hex(cp) << " White_Space";
    if (is_inline_space(cp) != (u_isblank(c) != 0)) ADD_FAILURE() << hex(cp) << " blank";
    if (is_letter(cp) != (u_isalpha(c) != 0)) ADD_FAILURE() << hex(cp) << " letter";
    if (is_upper(cp) != (u_isupper(c) || u_istitle(c))) ADD_FAILURE() << hex(cp) << " upper";
    if (is_lower(cp) != (u_islower(c) != 0)) ADD_FAILURE() << hex(cp) << " lower";
    if (is_ascii_digit(cp) != (cp < 0x80 && u_isdigit(c))) ADD_FAILURE() << hex(cp) << " digit";
    // Lower case: ICU's simple mapping for the letters it covers, unchanged elsewhere.
    vn::Letter letter;
    const bool covered = cp < 0x80 || vn::lookup(cp, letter);
    const char32_t want = covered ? static_cast<char32_t>(u_tolower(c)) : cp;
    if (lower_vietnamese(cp) != want) ADD_FAILURE() << hex(cp) << " lower_vietnamese";
  }
}

}  // namespace
}  // namespace tracuu
