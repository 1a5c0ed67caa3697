// Stage 4: diacritic folding of normalized (lower-case NFC) tokens.
#include "text/fold.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

struct Case {
  std::string_view input;
  std::string_view expected;
};

void expect_folds(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(fold_diacritics(c.input), c.expected);
  }
}

TEST(FoldDiacritics, EveryVietnameseVowelLetterFoldsToItsAsciiBase) {
  expect_folds({
      {"aàáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaaa"},
      {"eèéẻẽẹêềếểễệ", "eeeeeeeeeeee"},
      {"iìíỉĩị", "iiiiii"},
      {"oòóỏõọôồốổỗộơờớởỡợ", "oooooooooooooooooo"},
      {"uùúủũụưừứửữự", "uuuuuuuuuuuu"},
      {"yỳýỷỹỵ", "yyyyyy"},
      {"đ", "d"},
  });
}

// The same, for every letter of the table, with the base taken from ICU's decomposition.
TEST(FoldDiacritics, EveryTableLetterFoldsLikeIcuDecomposition) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (const char32_t cp : vn::all_lower_letters()) {
    std::string letter;
    append_utf8(letter, cp);
    SCOPED_TRACE(letter);
    const icu::UnicodeString d =
        nfd->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
    ASSERT_TRUE(U_SUCCESS(status));
    const char expected = cp == U'đ' ? 'd' : static_cast<char>(d.char32At(0));
    EXPECT_EQ(fold_diacritics(letter), std::string(1, expected));
  }
}

TEST(FoldDiacritics, VietnameseWords) {
  expect_folds({
      {"", ""},         {"người", "nguoi"},   {"nguyễn", "nguyen"}, {"đường", "duong"},
      {"đắk", "dak"},   {"khuyết", "khuyet"}, {"điểm", "diem"},     {"thủy", "thuy"},
      {"hòa", "hoa"},   {"quốc", "quoc"},     {"giữa", "giua"},     {"tiếng", "tieng"},
      {"việt", "viet"}, {"ăn", "an"},         {"ơn", "on"},         {"ưu", "uu"},
      {"hđnd", "hdnd"}, {"ubnd", "ubnd"},     {"60", "60"},         {"qh13", "qh13"},
      {"2025", "2025"},
  });
}

TEST(FoldDiacritics, OtherLatinDiacritics) {
  expect_folds({
      {"müller", "muller"},
      {"français", "francais"},
      {"señor", "senor"},
      {"crème", "creme"},
      {"brûlée", "brulee"},
      {"naïve", "naive"},
      {"ångström", "angstrom"},
      {"čeština", "cestina"},
      {"škoda", "skoda"},
      {"ǎ", "a"},
      {"ḍ", "d"},
      {"ǘ", "u"},  // two marks
  });
}

// A stray combining mark (the token was not composed) is dropped like the mark it is.
TEST(FoldDiacritics, StrayCombiningMarks) {
  expect_folds({
      {"khuye\u0302\u0301t", "khuyet"},
      {"e\u0301", "e"},
  });
}

// Letters of other scripts are not Latin letters with diacritics: fold.h removes the marks
// of Latin letters only, so these come back unchanged.
TEST(FoldDiacritics, NonLatinUnchanged) {
  expect_folds({
      {"москва", "москва"},
      {"北京", "北京"},
      {"東京", "東京"},
      {"αθηνα", "αθηνα"},
      {"ภาษา", "ภาษา"},
  });
}

// The same for letters of other scripts that have a canonical decomposition or carry a
// combining sign: they are letters of their own, not Latin letters with a diacritic.
TEST(FoldDiacritics, NonLatinLettersWithDecompositionsUnchanged) {
  expect_folds({
      {"толстой", "толстой"},  // й is a letter of its own, not и with a diacritic
      {"한국", "한국"},        // Hangul syllables, not to be split into jamo
      {"ガイド", "ガイド"},    // ガ (ga) and ド (do) are not カ (ka) and ト (to)
      {"ดี", "ดี"},              // Thai: the vowel sign ี is not a diacritic
  });
}

}  // namespace
}  // namespace tracuu
