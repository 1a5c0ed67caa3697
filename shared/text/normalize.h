// Stage 2 of the text pipeline: Unicode normalization.
//
// Two entry points, because the text and its terms need different things:
//  - to_nfc() composes a whole passage. Its result is what is stored and shown, and all
//    byte offsets (tokens, highlights) refer to it.
//  - normalize_token() gives one token its canonical form for matching: NFKC with case
//    folding (ICU's nfkc_cf), the look-alike Ð/ð (U+00D0/U+00F0) read as đ, and one
//    canonical tone-mark placement (canonical_tone_placement below).
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// Unicode NFC of valid UTF-8 `text` (ICU). Cheap when the text is already NFC.
std::string to_nfc(std::string_view text);

// The matching form of one token of valid UTF-8: nfkc_cf, Ð→đ, canonical tone placement.
std::string normalize_token(std::string_view token);

// Rewrites a lower-case Vietnamese syllable so its tone mark sits on the canonical vowel:
//  1. a vowel carrying a quality mark (ă â ê ô ơ ư) takes the tone; in ươ, the ơ;
//  2. otherwise, in a three-vowel nucleus the middle vowel (ngoài, khuỷu);
//  3. otherwise, in a two-vowel nucleus followed by a final consonant, the second
//     (hoàn, thuyết, huỳnh);
//  4. otherwise, in a two-vowel nucleus ending the syllable, the first — the traditional
//     placement, so hoà → hòa, hoá → hóa, khoẻ → khỏe, thuỷ → thủy, uỷ → ủy — also mía, mùa;
//  5. a single vowel takes it.
// "gi" and "qu" before another vowel are consonants (giá, quý). Strings that are not
// one well-formed syllable with exactly one tone mark are returned unchanged.
std::string canonical_tone_placement(std::string_view syllable);

// True when lower-case `word` is one Vietnamese syllable (onset, vowel nucleus, final
// consonant), with at most one tone: "tư", "khuyết", "ba"; not "ubnd", "tp", "café".
bool is_syllable(std::string_view word);

}  // namespace tracuu
