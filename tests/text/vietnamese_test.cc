// The hand-written Vietnamese letter table, checked letter by letter against ICU: case
// folding, canonical decomposition, and nfkc_cf through normalize_token.
#include "text/vietnamese.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

#include "text/normalize.h"
#include "text/utf8.h"

namespace tracuu::vn {
namespace {

constexpr std::u32string_view kBases = U"aăâeêioôơuưy";
constexpr Tone kTones[] = {Tone::kLevel, Tone::kGrave, Tone::kAcute,
                           Tone::kHook,  Tone::kTilde, Tone::kDot};

// The combining mark Unicode uses for each tone (0 for the level tone, which has none).
char16_t tone_mark(Tone tone) {
  switch (tone) {
    case Tone::kLevel:
      return 0;
    case Tone::kGrave:
      return 0x0300;
    case Tone::kAcute:
      return 0x0301;
    case Tone::kHook:
      return 0x0309;
    case Tone::kTilde:
      return 0x0303;
    case Tone::kDot:
      return 0x0323;
  }
  return 0;
}

const icu::Normalizer2& icu_nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return *n;
}

const icu::Normalizer2& icu_nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return *n;
}

const icu::Normalizer2& icu_nfkc_cf() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return *n;
}

icu::UnicodeString normalize(const icu::Normalizer2& n, const icu::UnicodeString& s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n.normalize(s, status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return out;
}

icu::UnicodeString ustr(char32_t cp) { return icu::UnicodeString(static_cast<UChar32>(cp)); }

std::string utf8(char32_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string describe(char32_t cp) { return utf8(cp) + " " + hex(cp); }

// What ICU says a letter is: its lower-case base (NFC of the decomposition without the tone
// mark, lower-cased), its tone (which of the five marks its decomposition holds) and case.
Letter letter_from_icu(char32_t cp) {
  icu::UnicodeString d = normalize(icu_nfd(), ustr(cp));
  Letter letter;
  for (Tone tone : kTones) {
    const char16_t mark = tone_mark(tone);
    if (mark == 0) continue;
    const int32_t at = d.indexOf(mark);
    if (at >= 0) {
      letter.tone = tone;
      d.remove(at, 1);
    }
  }
  const icu::UnicodeString base = normalize(icu_nfc(), d);
  EXPECT_EQ(base.countChar32(), 1) << describe(cp);
  letter.base = static_cast<char32_t>(u_tolower(base.char32At(0)));
  letter.upper = u_isupper(static_cast<UChar32>(cp));
  return letter;
}

TEST(VietnameseTable, UpperAndLowerListsAreAlignedAndComplete) {
  const std::u32string_view lower = all_lower_letters();
  const std::u32string_view upper = all_upper_letters();
  ASSERT_EQ(lower.size(), upper.size());
  EXPECT_EQ(std::set<char32_t>(lower.begin(), lower.end()).size(), lower.size())
      << "duplicate lower-case letter";
  EXPECT_EQ(std::set<char32_t>(upper.begin(), upper.end()).size(), upper.size())
      << "duplicate upper-case letter";
  // Every base vowel with every tone, and đ, must be listed (built with ICU, not compose()).
  const std::set<char32_t> listed(lower.begin(), lower.end());
  for (char32_t base : kBases) {
    for (Tone tone : kTones) {
      icu::UnicodeString s = ustr(base);
      if (tone_mark(tone) != 0) s.append(tone_mark(tone));
      const icu::UnicodeString composed = normalize(icu_nfc(), s);
      ASSERT_EQ(composed.countChar32(), 1);
      const auto cp = static_cast<char32_t>(composed.char32At(0));
      EXPECT_TRUE(listed.count(cp) == 1 || cp < 0x80) << describe(cp) << " not listed";
    }
  }
  EXPECT_EQ(listed.count(U'đ'), 1u);
}

// For every letter of the table: ICU agrees with lookup(), compose() and normalize_token().
TEST(VietnameseTable, EveryLetterAgreesWithIcu) {
  const std::u32string_view lower = all_lower_letters();
  const std::u32string_view upper = all_upper_letters();
  ASSERT_EQ(lower.size(), upper.size());
  for (std::size_t i = 0; i < lower.size(); ++i) {
    for (const bool is_upper : {false, true}) {
      const char32_t cp = is_upper ? upper[i] : lower[i];
      SCOPED_TRACE(describe(cp));

      // Case: ICU's full case folding of the upper-case letter is the lower-case letter.
      if (is_upper) {
        icu::UnicodeString folded = ustr(cp);
        folded.foldCase();
        EXPECT_EQ(utf8(folded), utf8(lower[i]));
        EXPECT_EQ(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)),
                  lower[i]);
        EXPECT_EQ(static_cast<char32_t>(u_toupper(static_cast<UChar32>(lower[i]))), cp);
      }

      // What the table says the letter is (plain ASCII vowels included, with the level
      // tone: see LookupKnowsOnlyTheAsciiVowels).
      Letter table_letter;
      ASSERT_TRUE(lookup(cp, table_letter));
      EXPECT_EQ(table_letter.upper, is_upper);

      // ... agrees with what ICU's decomposition says it is,
      const Letter from_icu = letter_from_icu(cp);
      EXPECT_EQ(hex(table_letter.base), hex(from_icu.base));
      EXPECT_EQ(static_cast<int>(table_letter.tone), static_cast<int>(from_icu.tone));

      // ... so ICU's NFD of the letter is NFD(base, in the letter's case) followed by the
      // tone's combining mark (in canonical order: the dot below sorts before the breve and
      // the circumflex, as in ậ = a + U+0323 + U+0302).
      const char32_t base_in_case =
          is_upper ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(table_letter.base)))
                   : table_letter.base;
      icu::UnicodeString want = normalize(icu_nfd(), ustr(base_in_case));
      if (tone_mark(table_letter.tone) != 0) want.append(tone_mark(table_letter.tone));
      want = normalize(icu_nfd(), want);
      EXPECT_EQ(utf8(normalize(icu_nfd(), ustr(cp))), utf8(want));

      // ... and compose() round-trips to the lower-case letter.
      if (table_letter.base != U'đ') {
        EXPECT_EQ(hex(compose(table_letter.base, table_letter.tone)), hex(lower[i]));
      }

      // normalize_token() on the letter is ICU's nfkc_cf of it (Ð/ð read as đ).
      const std::string icu_form = utf8(normalize(icu_nfkc_cf(), ustr(cp)));
      EXPECT_EQ(normalize_token(utf8(cp)), icu_form);
      EXPECT_EQ(icu_form, utf8(lower[i]));
    }
  }
}

// The table's letters are exactly the precomposed letters ICU builds from a Vietnamese
// vowel (either case) and a tone mark, plus Đ/đ: nothing else anywhere in Unicode.
TEST(VietnameseTable, LookupKnowsExactlyTheVietnameseLetters) {
  std::set<char32_t> vietnamese = {U'đ', U'Đ'};
  for (char32_t base : kBases) {
    for (const bool is_upper : {false, true}) {
      for (Tone tone : kTones) {
        icu::UnicodeString s =
            ustr(is_upper ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(base))) : base);
        if (tone_mark(tone) != 0) s.append(tone_mark(tone));
        const icu::UnicodeString composed = normalize(icu_nfc(), s);
        if (composed.countChar32() == 1) {
          vietnamese.insert(static_cast<char32_t>(composed.char32At(0)));
        }
      }
    }
  }
  EXPECT_EQ(vietnamese.size(), 12u * 6 * 2 + 2);
  int known = 0;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    Letter letter;
    const bool found = lookup(cp, letter);
    if (found) ++known;
    if (found != (vietnamese.count(cp) == 1)) {
      ADD_FAILURE() << describe(cp) << (found ? " wrongly found" : " not found");
    }
  }
  EXPECT_EQ(known, (12 * 5 + 6 + 1) * 2);  // toned vowels + ă â ê ô ơ ư + đ, both cases
}

// vietnamese.h: lookup() "returns false for anything else, ASCII included". The plain
// ASCII vowels carry no mark, so they are not among the 134 letters it looks up.
TEST(VietnameseTable, LookupKnowsOnlyTheAsciiVowels) {
  const std::u32string_view vowels = U"aeiouyAEIOUY";
  for (char32_t cp = 0; cp < 0x80; ++cp) {
    Letter letter;
    const bool vowel = vowels.find(cp) != std::u32string_view::npos;
    EXPECT_EQ(lookup(cp, letter), vowel) << "ASCII " << hex(cp) << " '" << utf8(cp) << "'";
    if (vowel) {
      EXPECT_EQ(letter.base, static_cast<char32_t>(cp | 0x20));
      EXPECT_EQ(letter.tone, Tone::kLevel);
      EXPECT_EQ(letter.upper, cp < 'a');
    }
  }
}

TEST(VietnameseTable, LookupRejectsLookAlikes) {
  struct Case {
    char32_t cp;
    std::string_view why;
  };
  const Case cases[] = {
      {0x00D0, "Ð eth, looks like Đ"},
      {0x00F0, "ð eth"},
      {0x0189, "Ɖ African D"},
      {U'ġ', "g dot above"},
      {U'ë', "e diaeresis"},
      {U'ǎ', "a caron"},
      {U'ç', "c cedilla"},
      {U'ø', "o stroke"},
      {U'ñ', "n tilde: a tilde, but not on a vowel"},
      {U'ȳ', "y macron"},
      {U'ṽ', "v tilde"},
      {U'ᾶ', "Greek alpha perispomeni"},
      {U'а', "Cyrillic a"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    Letter letter;
    EXPECT_FALSE(lookup(c.cp, letter)) << describe(c.cp);
  }
}

TEST(VietnameseTable, LookupExamples) {
  struct Case {
    char32_t cp;
    char32_t base;
    Tone tone;
    bool upper;
  };
  const Case cases[] = {
      {U'ệ', U'ê', Tone::kDot, false},   {U'Ệ', U'ê', Tone::kDot, true},
      {U'ừ', U'ư', Tone::kGrave, false}, {U'Ử', U'ư', Tone::kHook, true},
      {U'ẵ', U'ă', Tone::kTilde, false}, {U'ý', U'y', Tone::kAcute, false},
      {U'ơ', U'ơ', Tone::kLevel, false}, {U'Â', U'â', Tone::kLevel, true},
      {U'đ', U'đ', Tone::kLevel, false}, {U'Đ', U'đ', Tone::kLevel, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(describe(c.cp));
    Letter letter;
    ASSERT_TRUE(lookup(c.cp, letter));
    EXPECT_EQ(hex(letter.base), hex(c.base));
    EXPECT_EQ(static_cast<int>(letter.tone), static_cast<int>(c.tone));
    EXPECT_EQ(letter.upper, c.upper);
  }
}

TEST(VietnameseTable, ComposeEveryBaseAndTone) {
  // Written out by hand, row by row, in Tone order.
  constexpr std::u32string_view kRows[] = {
      U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
      U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ",
  };
  for (std::u32string_view row : kRows) {
    for (std::size_t t = 0; t < 6; ++t) {
      SCOPED_TRACE(describe(row[t]));
      EXPECT_EQ(hex(compose(row[0], kTones[t])), hex(row[t]));
    }
  }
}

TEST(VietnameseTable, StripQualityAndVowelBases) {
  struct Case {
    char32_t base;
    char32_t stripped;
    bool vowel;
  };
  const Case cases[] = {
      {U'a', U'a', true},  {U'ă', U'a', true},  {U'â', U'a', true},  {U'e', U'e', true},
      {U'ê', U'e', true},  {U'i', U'i', true},  {U'o', U'o', true},  {U'ô', U'o', true},
      {U'ơ', U'o', true},  {U'u', U'u', true},  {U'ư', U'u', true},  {U'y', U'y', true},
      {U'đ', U'd', false}, {U'd', U'd', false}, {U'b', U'b', false}, {U'q', U'q', false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(describe(c.base));
    EXPECT_EQ(hex(strip_quality(c.base)), hex(c.stripped));
    EXPECT_EQ(is_vowel_base(c.base), c.vowel);
  }
}

}  // namespace
}  // namespace tracuu::vn
