// The Vietnamese alphabet as data: every vowel letter is a base vowel plus one of six tones.
// Hand-written so that the hot path of the pipeline does not call ICU for Vietnamese
// letters; tests compare every entry with ICU's case folding and decomposition.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tracuu::vn {

enum class Tone : std::uint8_t { kLevel = 0, kGrave, kAcute, kHook, kTilde, kDot };

struct Letter {
  char32_t base = 0;  // lower-case letter without tone: a ă â e ê i o ô ơ u ư y đ
  Tone tone = Tone::kLevel;
  bool upper = false;
};

namespace detail {
inline constexpr char32_t kTableEnd = 0x1F00;  // all Vietnamese letters lie below U+1F00
// One entry per code point below kTableEnd: 0 = not a Vietnamese letter, else
// (row + 1) | tone << 5 | upper << 8, rows as in kBases (vietnamese.cc builds it at
// compile time).
extern const std::array<std::uint16_t, kTableEnd> kEntries;
inline constexpr char32_t kBases[13] = {U'a', U'ă', U'â', U'e', U'ê', U'i', U'o',
                                        U'ô', U'ơ', U'u', U'ư', U'y', U'đ'};
}  // namespace detail

// Looks up a Vietnamese vowel letter — the 12 vowels with each of the 6 tones, in either
// case, plain ASCII a e i o u y included (level tone) — or đ/Đ; false for anything else.
// Inline: the pipeline looks up nearly every letter of the text, several times.
inline bool lookup(char32_t cp, Letter& out) {
  if (cp >= detail::kTableEnd) return false;  // ASCII vowels are entries too: one shape
  const std::uint16_t e = detail::kEntries[cp];
  if (e == 0) return false;
  out.base = detail::kBases[(e & 0x1F) - 1];
  out.tone = static_cast<Tone>((e >> 5) & 0x7);
  out.upper = (e >> 8) & 1;
  return true;
}

// The lower-case precomposed letter for `base` (one of the 12 vowels) carrying `tone`.
char32_t compose(char32_t base, Tone tone);

// Every letter lookup() knows (the 72 vowel forms and đ), in table order (for tests).
std::u32string_view all_lower_letters();
std::u32string_view all_upper_letters();

inline bool is_vowel_base(char32_t b) {
  switch (b) {
    case U'a':
    case U'ă':
    case U'â':
    case U'e':
    case U'ê':
    case U'i':
    case U'o':
    case U'ô':
    case U'ơ':
    case U'u':
    case U'ư':
    case U'y':
      return true;
    default:
      return false;
  }
}

// The vowel with its vowel-quality mark removed (ă → a, ơ → o); đ → d; others unchanged.
char32_t strip_quality(char32_t base);

}  // namespace tracuu::vn
