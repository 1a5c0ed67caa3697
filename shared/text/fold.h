// Stage 4 of the text pipeline: diacritic folding.
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// Removes every diacritic from a normalized (lower-case, NFC) token: the tones and the
// vowel marks of Vietnamese (ấ → a, ư → u, ơ → o) and đ → d, by table; marks on other
// Latin letters (é, ü, ñ) through ICU's canonical decomposition. Letters of other scripts
// are left as they are (й, ガ and Thai vowel signs are letters there, not accents).
std::string fold_diacritics(std::string_view token);

// Running text without its Vietnamese diacritics, case and everything else kept:
// "Tổng Bí thư" → "Tong Bi thu", "ĐẢNG" → "DANG". Text as typed on a keyboard without them.
std::string fold_text(std::string_view text);

}  // namespace tracuu
