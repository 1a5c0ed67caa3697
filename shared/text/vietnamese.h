// The Vietnamese alphabet as data: every vowel letter is a base vowel plus one of six tones.
// Hand-written so that the hot path of the pipeline does not call ICU for Vietnamese
// letters; tests compare every entry with ICU's case folding and decomposition.
#pragma once

#include <cstdint>
#include <string_view>

namespace tracuu::vn {

enum class Tone : std::uint8_t { kLevel = 0, kGrave, kAcute, kHook, kTilde, kDot };

struct Letter {
  char32_t base = 0;   // lower-case letter without tone: a ă â e ê i o ô ơ u ư y đ
  Tone tone = Tone::kLevel;
  bool upper = false;
};

// Looks up a Vietnamese vowel letter — the 12 vowels with each of the 6 tones, in either
// case, plain ASCII a e i o u y included (level tone) — or đ/Đ; false for anything else.
bool lookup(char32_t cp, Letter& out);

// The lower-case precomposed letter for `base` (one of the 12 vowels) carrying `tone`.
char32_t compose(char32_t base, Tone tone);

// Every letter lookup() knows (the 72 vowel forms and đ), in table order (for tests).
std::u32string_view all_lower_letters();
std::u32string_view all_upper_letters();

inline bool is_vowel_base(char32_t b) {
  switch (b) {
    case U'a': case U'ă': case U'â': case U'e': case U'ê': case U'i':
    case U'o': case U'ô': case U'ơ': case U'u': case U'ư': case U'y':
      return true;
    default:
      return false;
  }
}

// The vowel with its vowel-quality mark removed (ă → a, ơ → o); đ → d; others unchanged.
char32_t strip_quality(char32_t base);

}  // namespace tracuu::vn
