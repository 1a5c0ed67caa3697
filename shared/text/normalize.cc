#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <array>
#include <stdexcept>

#include "text/chars.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFC data");
  return *n;
}

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load nfkc_cf data");
  return *n;
}

std::string icu_normalize(const icu::Normalizer2& n, std::string_view text) {
  std::string out;
  out.reserve(text.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  n.normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                  nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: normalization failed");
  return out;
}

constexpr char32_t kEth = 0x00F0;  // ð, the case-folded Ð (U+00D0) that looks like Đ

bool is_final_consonant(std::u32string_view coda) {
  static constexpr std::array<std::u32string_view, 9> kCodas = {U"",   U"c",  U"ch", U"m", U"n",
                                                                U"ng", U"nh", U"p",  U"t"};
  for (auto c : kCodas) {
    if (c == coda) return true;
  }
  return false;
}

// The vowel nuclei of Vietnamese syllables, written without tone (with their glides:
// "oai" in ngoài, "uyê" in thuyết). Anything else (French "ou", English "ei") is not a
// Vietnamese syllable and keeps its marks where they are.
bool is_nucleus(std::u32string_view v) {
  static constexpr std::u32string_view kNuclei[] = {
      U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",
      U"ư",   U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",
      U"ia",  U"iê",  U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"ôi",  U"ơi",  U"oo",
      U"ua",  U"uâ",  U"uê",  U"ui",  U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ươ",
      U"ưu",  U"yê",  U"iêu", U"yêu", U"oai", U"oay", U"oeo", U"uây", U"uôi", U"ươi",
      U"ươu", U"uya", U"uyê", U"uyu", U"uêu", U"oao"};
  for (auto n : kNuclei) {
    if (n == v) return true;
  }
  return false;
}

// Onsets, longest first so that "ngh" wins over "ng" and "g".
constexpr std::array<std::u32string_view, 27> kOnsets = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th", U"tr", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x"};

// Splits tone-less letters into onset, nucleus and coda: [0, onset) [onset, end) [end, …).
// False when they are not one Vietnamese syllable.
bool split_syllable(std::u32string_view b, std::size_t& onset, std::size_t& end) {
  if (b.empty()) return false;
  onset = 0;
  for (auto o : kOnsets) {
    if (b.substr(0, o.size()) == o && o.size() < b.size() && vn::is_vowel_base(b[o.size()])) {
      onset = o.size();
      break;
    }
  }
  if (onset == 0 && !vn::is_vowel_base(b[0])) return false;
  end = onset;
  while (end < b.size() && vn::is_vowel_base(b[end])) ++end;
  const std::size_t vowels = end - onset;
  return vowels > 0 && is_nucleus(b.substr(onset, vowels)) && is_final_consonant(b.substr(end));
}

// The letters of a lower-case word without their tones, and its tones; false when it has
// anything but letters of the Vietnamese alphabet (and a few ASCII letters beside).
bool tone_less(std::string_view word, std::u32string& bases, vn::Tone& tone, int& toned) {
  tone = vn::Tone::kLevel;
  toned = 0;
  for (std::size_t pos = 0; pos < word.size();) {
    const char32_t cp = next_code_point(word, pos);
    vn::Letter letter;
    if (vn::lookup(cp, letter)) {
      if (letter.upper) return false;
      if (letter.tone != vn::Tone::kLevel) {
        tone = letter.tone;
        ++toned;
      }
      bases.push_back(letter.base);
    } else if (cp >= U'a' && cp <= U'z') {
      bases.push_back(cp);
    } else {
      return false;
    }
    if (bases.size() > 8) return false;  // longest syllable: nghiêng (7)
  }
  return true;
}

}  // namespace

bool is_syllable(std::string_view word) {
  std::u32string bases;
  vn::Tone tone;
  int toned = 0;
  std::size_t onset = 0, end = 0;
  return tone_less(word, bases, tone, toned) && toned <= 1 && split_syllable(bases, onset, end);
}

std::string to_nfc(std::string_view text) {
  const icu::Normalizer2& n = nfc();
  UErrorCode status = U_ZERO_ERROR;
  const bool already =
      n.isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status);
  if (U_SUCCESS(status) && already) return std::string(text);
  return icu_normalize(n, text);
}

std::string canonical_tone_placement(std::string_view syllable) {
  std::u32string bases;
  vn::Tone tone;
  int toned = 0;
  std::size_t onset = 0, end = 0;
  if (!tone_less(syllable, bases, tone, toned) || toned != 1 ||
      !split_syllable(bases, onset, end)) {
    return std::string(syllable);
  }
  const std::u32string_view b = bases;
  const std::size_t vowels = end - onset;

  std::size_t target = std::u32string_view::npos;
  for (std::size_t i = onset; i < end; ++i) {
    if (vn::strip_quality(b[i]) != b[i]) target = i;  // the last marked vowel: ơ in ươ
  }
  if (target == std::u32string_view::npos) {
    if (vowels == 3)
      target = onset + 1;
    else if (vowels == 2)
      target = end < b.size() ? onset + 1 : onset;
    else
      target = onset;
  }

  std::string out;
  out.reserve(syllable.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    append_utf8(out, i == target ? vn::compose(b[i], tone) : b[i]);
  }
  return out;
}

std::string normalize_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  // Tone placement can only move a tone when there is exactly one, among two vowels or
  // more: most tokens (no tone, one vowel, not a syllable) skip it (bench/README.md).
  int toned = 0, vowels = 0;
  bool other = false;
  for (std::size_t pos = 0; pos < token.size();) {
    const std::size_t at = pos;
    const char32_t cp = next_code_point(token, pos);
    if (cp < 0x80) {
      const char c = static_cast<char>(lower_vietnamese(cp));
      out.push_back(c);
      vowels += c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
      continue;
    }
    vn::Letter letter;
    if (vn::lookup(cp, letter)) {
      if (!letter.upper) {
        out.append(token.substr(at, pos - at));  // already the lower-case letter
      } else {
        append_utf8(out, lower_vietnamese(cp));
      }
      toned += letter.tone != vn::Tone::kLevel;
      vowels += vn::is_vowel_base(letter.base);
    } else if (cp == 0x00D0 || cp == kEth) {
      append_utf8(out, U'đ');
    } else {
      // Anything else (combining marks, other scripts, compatibility forms): ICU.
      std::string folded = icu_normalize(nfkc_casefold(), token);
      out.clear();
      for (std::size_t p = 0; p < folded.size();) {
        const char32_t c = next_code_point(folded, p);
        append_utf8(out, c == kEth ? U'đ' : c);
      }
      other = true;
      break;
    }
  }
  if (!other && (toned != 1 || vowels < 2)) return out;
  return canonical_tone_placement(out);
}

}  // namespace tracuu
