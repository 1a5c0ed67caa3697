// Stage 2: NFC for passages; nfkc_cf + đ + canonical tone placement for tokens.
#include "text/normalize.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

struct Case {
  std::string_view input;
  std::string_view expected;
};

const icu::Normalizer2& icu_instance(bool casefold) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = casefold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                                       : icu::Normalizer2::getNFCInstance(status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  return *n;
}

std::string icu_normalize(bool casefold, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString out =
      icu_instance(casefold).normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                           text.data(), static_cast<int32_t>(text.size()))),
                                       status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// ---------------------------------------------------------------------------------------
// to_nfc

TEST(ToNfc, ComposesDecomposedText) {
  const Case cases[] = {
      {"", ""},
      {"Khuye\u0302\u0301t đie\u0302\u0309m", "Khuyết điểm"},
      {"Tie\u0302\u0301ng Vie\u0323\u0302t", "Tiếng Việt"},
      // Marks typed in non-canonical order (circumflex before dot below) compose the same.
      {"Vie\u0302\u0323t", "Việt"},
      {"ngu\u031Bo\u031B\u0300i", "người"},
      {"ngu\u031Bo\u0300\u031Bi", "người"},  // tone typed before the horn: reordered
      {"Ho\u0300a Bi\u0300nh", "Hòa Bình"},
      {"THU\u0309Y", "THỦY"},
      {"D\u0110ND", "DĐND"},  // Đ has no decomposition: untouched
      // Already NFC: unchanged, whatever the script.
      {"Tổng Bí thư Tô Lâm: không né tránh khuyết điểm",
       "Tổng Bí thư Tô Lâm: không né tránh khuyết điểm"},
      {"hoà hòa thuỷ thủy", "hoà hòa thuỷ thủy"},  // NFC does not move tone marks
      {"北京 Москва 😀", "北京 Москва 😀"},
      {"ＵＢＮＤ ﬁ ①", "ＵＢＮＤ ﬁ ①"},  // compatibility forms are NFKC's business, not NFC's
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(to_nfc(c.input), c.expected);
  }
}

// ---------------------------------------------------------------------------------------
// normalize_token

TEST(NormalizeToken, CanonicalMatchingForm) {
  const Case cases[] = {
      {"", ""},
      // Capitals.
      {"Hà", "hà"},
      {"NỘI", "nội"},
      {"UBND", "ubnd"},
      {"HĐND", "hđnd"},
      {"TP", "tp"},
      {"ĐƯỜNG", "đường"},
      {"Đắk", "đắk"},
      // Tone placement applies after case folding.
      {"Hoà", "hòa"},
      {"HOÀ", "hòa"},
      {"Hòa", "hòa"},
      {"THUỶ", "thủy"},
      {"KHOẺ", "khỏe"},
      {"Người", "người"},
      // Decomposed (NFD) input.
      {"Khuye\u0302\u0301t", "khuyết"},
      {"KHUYE\u0302\u0301T", "khuyết"},
      {"ngu\u031Bo\u031B\u0300i", "người"},
      {"hoa\u0300", "hòa"},  // NFD with the tone typed on the second vowel
      {"Thuy\u0309", "thủy"},
      {"D\u0323", "ḍ"},  // not Vietnamese, but composed all the same
      // The look-alikes of Đ/đ.
      {"\u00D0ỒNG", "đồng"},  // Ð (U+00D0, Icelandic eth) typed for Đ
      {"\u00F0ồng", "đồng"},  // ð
      {"\u00D0\u00F0", "đđ"},
      {"\u00D0o\u0302\u0300ng", "đồng"},  // eth plus NFD: the ICU path reads ð as đ too
      {"\u00D0ắk", "đắk"},
      // Full-width ASCII.
      {"ＵＢＮＤ", "ubnd"},
      {"ＨĐＮＤ", "hđnd"},
      {"１６／６", "16/6"},
      // Ligatures and other compatibility forms.
      {"ﬁle", "file"},
      {"ﬂ", "fl"},
      {"ﬃ", "ffi"},
      {"Ǆ", "dž"},
      {"m²", "m2"},
      {"①", "1"},
      {"Ⅻ", "xii"},
      {"𝐇𝐚", "ha"},  // mathematical bold
      // Case folding beyond ASCII and Vietnamese.
      {"Straße", "strasse"},
      {"ΑΘΗΝΑ", "αθηνα"},
      {"Σοφία", "σοφία"},
      {"ΟΔΥΣΣΕΥΣ", "οδυσσευσ"},
      {"ς", "σ"},  // final sigma folds to sigma
      {"МОСКВА", "москва"},
      {"Ёлка", "ёлка"},
      // Numbers.
      {"2025", "2025"},
      {"QH13", "qh13"},
      {"１２３", "123"},
      // Mixed scripts in one token.
      {"Hà北京", "hà北京"},
      {"Москва2025", "москва2025"},
      {"Việt\u00ADNam", "việtnam"},  // soft hyphen is ignorable under nfkc_cf
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(normalize_token(c.input), c.expected);
  }
}

// normalize_token() of any single code point is ICU's nfkc_cf of it (with ð read as đ and
// the tone placement applied) — the fast paths for ASCII and Vietnamese must not differ.
TEST(NormalizeToken, AgreesWithIcuForEveryCodePoint) {
  int mismatches = 0;
  for (char32_t cp = 1; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string token;
    append_utf8(token, cp);
    std::string want;
    const std::string icu = icu_normalize(true, token);
    for (std::size_t pos = 0; pos < icu.size();) {
      const char32_t c = next_code_point(icu, pos);
      append_utf8(want, c == 0x00F0 ? U'đ' : c);
    }
    want = canonical_tone_placement(want);
    const std::string got = normalize_token(token);
    if (got != want && ++mismatches <= 20) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
      ADD_FAILURE() << hex << " '" << token << "': got '" << got << "', ICU '" << want << "'";
    }
  }
  EXPECT_EQ(mismatches, 0);
}

// ---------------------------------------------------------------------------------------
// canonical_tone_placement: generated cases for the clusters whose placement varies.

std::string with_tone(char32_t vowel, vn::Tone tone) {
  static constexpr char16_t kMarks[] = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};
  icu::UnicodeString s(static_cast<UChar32>(vowel));
  if (kMarks[static_cast<int>(tone)] != 0) s.append(kMarks[static_cast<int>(tone)]);
  std::string decomposed;
  s.toUTF8String(decomposed);
  return icu_normalize(false, decomposed);  // composed by ICU, not by the code under test
}

std::string upper(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper();
  std::string out;
  u.toUTF8String(out);
  return out;
}

constexpr vn::Tone kMarkedTones[] = {vn::Tone::kGrave, vn::Tone::kAcute, vn::Tone::kHook,
                                     vn::Tone::kTilde, vn::Tone::kDot};
constexpr std::string_view kOnsets[] = {"", "h", "kh", "th", "t", "l", "ch", "ng"};
constexpr std::u32string_view kClusters[] = {U"oa", U"oe", U"uy"};

// hoà/hòa, khoẻ/khỏe, thuỷ/thủy: with nothing after the cluster, the tone goes on the
// first vowel, whichever way it was typed.
TEST(CanonicalTonePlacement, OpenOaOeUyTakeTheToneOnTheFirstVowel) {
  int checked = 0;
  for (std::u32string_view cluster : kClusters) {
    for (std::string_view onset : kOnsets) {
      for (vn::Tone tone : kMarkedTones) {
        std::string plain(onset);
        append_utf8(plain, cluster[0]);
        append_utf8(plain, cluster[1]);
        const std::string on_first = std::string(onset) + with_tone(cluster[0], tone) +
                                     with_tone(cluster[1], vn::Tone::kLevel);
        const std::string on_second = std::string(onset) + with_tone(cluster[0], vn::Tone::kLevel) +
                                      with_tone(cluster[1], tone);
        SCOPED_TRACE(on_first + " / " + on_second);
        EXPECT_EQ(canonical_tone_placement(on_first), on_first);
        EXPECT_EQ(canonical_tone_placement(on_second), on_first);
        EXPECT_EQ(normalize_token(upper(on_second)), on_first);
        EXPECT_EQ(canonical_tone_placement(plain), plain);  // no tone: nothing to move
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 3 * 8 * 5);
}

// hoàn, khoét, huỳnh, xoạc: with a final consonant the tone goes on the second vowel.
TEST(CanonicalTonePlacement, ClosedOaOeUyTakeTheToneOnTheSecondVowel) {
  struct Coda {
    std::string_view letters;
    bool stop;  // -p -t -c -ch take only the acute and dot-below tones
  };
  constexpr Coda kCodas[] = {{"m", false}, {"n", false}, {"ng", false}, {"nh", false},
                             {"c", true},  {"ch", true}, {"p", true},   {"t", true}};
  int checked = 0;
  for (std::u32string_view cluster : kClusters) {
    for (std::string_view onset : kOnsets) {
      for (const Coda& coda : kCodas) {
        for (vn::Tone tone : kMarkedTones) {
          if (coda.stop && tone != vn::Tone::kAcute && tone != vn::Tone::kDot) continue;
          const std::string on_first = std::string(onset) + with_tone(cluster[0], tone) +
                                       with_tone(cluster[1], vn::Tone::kLevel) +
                                       std::string(coda.letters);
          const std::string on_second = std::string(onset) +
                                        with_tone(cluster[0], vn::Tone::kLevel) +
                                        with_tone(cluster[1], tone) + std::string(coda.letters);
          SCOPED_TRACE(on_first + " / " + on_second);
          EXPECT_EQ(canonical_tone_placement(on_first), on_second);
          EXPECT_EQ(canonical_tone_placement(on_second), on_second);
          EXPECT_EQ(normalize_token(upper(on_first)), on_second);
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 3 * 8 * (4 * 5 + 4 * 2));
}

void expect_placement(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(canonical_tone_placement(c.input), c.expected);
    // The expected form is canonical: placing it again changes nothing.
    EXPECT_EQ(canonical_tone_placement(c.expected), c.expected);
  }
}

TEST(CanonicalTonePlacement, TwoVowelClusterExamples) {
  expect_placement({
      {"hoà", "hòa"},
      {"hòa", "hòa"},
      {"hoá", "hóa"},
      {"hoả", "hỏa"},
      {"hoã", "hõa"},
      {"hoạ", "họa"},
      {"khoẻ", "khỏe"},
      {"loè", "lòe"},
      {"thuỷ", "thủy"},
      {"thủy", "thủy"},
      {"uỷ", "ủy"},
      {"tuỳ", "tùy"},
      {"hòan", "hoàn"},
      {"hoàn", "hoàn"},
      {"tóan", "toán"},
      {"khóet", "khoét"},
      {"hùynh", "huỳnh"},
      {"huỳnh", "huỳnh"},
      {"xọac", "xoạc"},
      {"xoạc", "xoạc"},
      {"họach", "hoạch"},
      {"túyp", "tuýp"},
      {"đòan", "đoàn"},
      {"ngỏanh", "ngoảnh"},
      // Other two-vowel nuclei ending the syllable: the first vowel (mía, mùa, chịu).
      {"miá", "mía"},
      {"muà", "mùa"},
      {"chiụ", "chịu"},
      {"tuí", "túi"},
      {"haì", "hài"},
      {"saó", "sáo"},
      {"maý", "máy"},
      {"nghiã", "nghĩa"},
      {"cuả", "của"},
      {"của", "của"},
      // oo with a final consonant: the second (moóc, soóc, boóng).
      {"móoc", "moóc"},
      {"soóc", "soóc"},
  });
}

// ă â ê ô ơ ư take the tone; in ươ, the ơ.
TEST(CanonicalTonePlacement, MarkedVowelTakesTheTone) {
  expect_placement({
      // ươ
      {"người", "người"},
      {"ngừơi", "người"},
      {"ngươì", "người"},
      {"đựơc", "được"},
      {"được", "được"},
      {"trừơng", "trường"},
      {"thưởng", "thưởng"},
      // ươu
      {"rượu", "rượu"},
      {"rựơu", "rượu"},
      {"rươụ", "rượu"},
      {"bươú", "bướu"},
      // uơ (thuở)
      {"thủơ", "thuở"},
      {"thuở", "thuở"},
      // iê, yê
      {"tiếng", "tiếng"},
      {"tíêng", "tiếng"},
      {"vịêt", "việt"},
      {"biển", "biển"},
      {"ýêu", "yếu"},
      {"yếu", "yếu"},
      {"ýên", "yến"},
      {"tíêu", "tiếu"},
      // uô, uôi
      {"múôn", "muốn"},
      {"thụôc", "thuộc"},
      {"múôi", "muối"},
      {"muôí", "muối"},
      // uyê
      {"khúyên", "khuyến"},
      {"khuýên", "khuyến"},
      {"thúyêt", "thuyết"},
      {"ngũyên", "nguyễn"},
      {"nguyễn", "nguyễn"},
      {"chuỵên", "chuyện"},
      // ưa, ưu
      {"cưả", "cửa"},
      {"cửa", "cửa"},
      {"lưả", "lửa"},
      {"mưá", "mứa"},
      {"cưú", "cứu"},
      {"cứu", "cứu"},
      {"hưũ", "hữu"},
      // ă, â, ô with other vowels
      {"xóăn", "xoắn"},
      {"họăc", "hoặc"},
      {"túân", "tuấn"},
      {"khúây", "khuấy"},
      {"qùây", "quầy"},
      {"tổng", "tổng"},
      {"ngồi", "ngồi"},
      {"tâý", "tấy"},
      // uê, ưi
      {"hụê", "huệ"},
      {"thúê", "thuế"},
      {"gưỉ", "gửi"},
      {"ngưỉ", "ngửi"},
  });
}

// A three-vowel nucleus without a marked vowel: the middle one.
TEST(CanonicalTonePlacement, ThreeVowelNucleusTakesTheToneOnTheMiddleVowel) {
  expect_placement({
      {"ngoài", "ngoài"},
      {"ngòai", "ngoài"},
      {"ngoaì", "ngoài"},
      {"hòai", "hoài"},
      {"tọai", "toại"},
      {"xoáy", "xoáy"},
      {"xóay", "xoáy"},
      {"xoaý", "xoáy"},
      {"khuỷu", "khuỷu"},
      {"khủyu", "khuỷu"},
      {"khuyủ", "khuỷu"},
      {"ngoẻo", "ngoẻo"},
      {"ngỏeo", "ngoẻo"},
      {"ngoeỏ", "ngoẻo"},
      {"oái", "oái"},
      {"óai", "oái"},
  });
}

// gi and qu before another vowel are consonants: the tone goes on the vowel after them.
TEST(CanonicalTonePlacement, GiAndQuOnsets) {
  expect_placement({
      {"giá", "giá"},       {"gía", "giá"},       {"già", "già"},     {"gìa", "già"},
      {"gì", "gì"},         {"gìn", "gìn"},       {"gỉ", "gỉ"},       {"giữ", "giữ"},
      {"giữa", "giữa"},     {"giưã", "giữa"},     {"giỏi", "giỏi"},   {"gioỉ", "giỏi"},
      {"giường", "giường"}, {"gìương", "giường"}, {"giúp", "giúp"},   {"giáo", "giáo"},
      {"giụôc", "giuộc"},   {"giếng", "giếng"},   {"nghĩ", "nghĩ"},   {"nghìn", "nghìn"},
      {"quý", "quý"},       {"qúy", "quý"},       {"quỷ", "quỷ"},     {"qủy", "quỷ"},
      {"quốc", "quốc"},     {"qúôc", "quốc"},     {"qua", "qua"},     {"quà", "quà"},
      {"qùa", "quà"},       {"qụa", "quạ"},       {"quỳnh", "quỳnh"}, {"qùynh", "quỳnh"},
      {"quýt", "quýt"},     {"quyết", "quyết"},   {"qúyêt", "quyết"}, {"quạu", "quạu"},
      {"qúi", "quí"},       {"qùe", "què"},
  });
}

TEST(CanonicalTonePlacement, LeavesEverythingElseUnchanged) {
  expect_placement({
      {"", ""},
      {"hoa", "hoa"},  // no tone
      {"thuy", "thuy"},
      {"người", "người"},  // already canonical
      {"hóà", "hóà"},      // two tones: not one well-formed syllable
      {"thủỷ", "thủỷ"},
      {"café", "café"},  // foreign words
      {"logistics", "logistics"},
      {"müller", "müller"},
      {"jà", "jà"},  // j, f, w, z are no Vietnamese onsets
      {"fòa", "fòa"},
      {"xyzà", "xyzà"},  // not a syllable
      {"hoàx", "hoàx"},  // x is no final consonant
      {"oaoà", "oaoà"},  // four vowels
      {"HOÀ", "HOÀ"},    // upper case: the contract is for lower-case syllables
      {"Hoà", "Hoà"},
      {"hoÀ", "hoÀ"},
      {"hoà2", "hoà2"},  // digits
      {"hoà-bình", "hoà-bình"},
      {"hoà bình", "hoà bình"},
      {"ngoàixx", "ngoàixx"},
      {"北京", "北京"},
      {"москва", "москва"},
  });
}

// Foreign words whose vowels are no Vietnamese nucleus (ou, ei) are not one well-formed
// syllable, so their accent stays where it is.
TEST(CanonicalTonePlacement, LeavesForeignVowelClustersUnchanged) {
  expect_placement({
      {"où", "où"},    // French "where"
      {"leí", "leí"},  // Spanish "I read"
      {"reí", "reí"},  // Spanish "I laughed"
  });
}

// normalize_token() skips the tone placement for tokens where it cannot move a tone (not
// exactly one tone, fewer than two vowels): for every nucleus normalize.cc knows, after
// several onsets and before each coda, each tone on each of its vowels, in lower and upper
// case, and for vowel runs that are no Vietnamese nucleus, it gives what ICU's case
// folding followed by the placement gives.
TEST(NormalizeToken, PlacesTheToneWhereverItWasTyped) {
  constexpr std::u32string_view kNuclei[] = {
      U"a", U"ă", U"â", U"e", U"ê", U"i", U"o", U"ô", U"ơ", U"u", U"ư", U"y", U"ai", U"ao", U"au",
      U"ay", U"âu", U"ây", U"eo", U"êu", U"ia", U"iê", U"iu", U"oa", U"oă", U"oe", U"oi", U"ôi",
      U"ơi", U"oo", U"ua", U"uâ", U"uê", U"ui", U"uô", U"uơ", U"uy", U"ưa", U"ưi", U"ươ", U"ưu",
      U"yê", U"iêu", U"yêu", U"oai", U"oay", U"oeo", U"uây", U"uôi", U"ươi", U"ươu", U"uya", U"uyê",
      U"uyu", U"uêu", U"oao",
      // Not Vietnamese nuclei: left as typed by the placement, whatever the path.
      U"ou", U"ei", U"eau", U"aa", U"iou"};
  constexpr std::string_view kCodas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", "r"};
  int checked = 0;
  for (std::u32string_view nucleus : kNuclei) {
    for (std::string_view onset : {"", "h", "ngh", "qu", "gi", "đ", "tr"}) {
      for (std::string_view coda : kCodas) {
        for (vn::Tone tone : kMarkedTones) {
          for (std::size_t at = 0; at < nucleus.size(); ++at) {
            std::string token(onset);
            for (std::size_t i = 0; i < nucleus.size(); ++i) {
              token += with_tone(nucleus[i], i == at ? tone : vn::Tone::kLevel);
            }
            token += coda;
            for (const std::string& typed : {token, upper(token)}) {
              EXPECT_EQ(normalize_token(typed),
                        canonical_tone_placement(icu_normalize(true, typed)))
                  << typed;
              ++checked;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 30000);
}

}  // namespace
}  // namespace tracuu
