// The pieces the segmenter groups into words: units, one per syllable, number or compound
// (60-NQ/TW is one unit), with what the segmenter looks at.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyze.h"

namespace tracuu {

// The case pattern of a unit as written.
enum class Shape : std::uint8_t {
  kLower,   // khuyết
  kTitle,   // Hà
  kUpper,   // UBND (two letters or more)
  kNumber,  // 2025, 16/6
  kMixed,   // Covid-19, F0, iPhone
};

struct Unit {
  std::uint32_t start = 0;  // byte span in the text
  std::uint32_t end = 0;
  std::uint32_t first_word = 0;  // the analyzer's words [first_word, last_word) it spans
  std::uint32_t last_word = 0;
  std::string form;    // exact form: "khuyết", "60-nq/tw"
  std::string folded;  // without diacritics: "khuyet", "60-nq/tw"
  Shape shape = Shape::kLower;
  // Only whitespace separates it from the previous unit: the gap where a word may go on.
  bool space_before = false;
};

// The units of NFC `text`, given its analyzed words.
std::vector<Unit> make_units(std::string_view text, const std::vector<Word>& words);

// The shape of `text` as written.
Shape shape_of(std::string_view text);

}  // namespace tracuu
