// The words of a text: where the segmenter joined two or more units.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "segment/segmenter.h"
#include "text/analyze.h"

namespace tracuu {

struct MultiUnitWord {
  std::uint32_t first_word = 0;  // the analyzer's words [first_word, last_word) it spans
  std::uint32_t last_word = 0;
  std::string exact;   // unit forms joined by kWordJoiner (joiner.h): "khuyết_điểm"
  std::string folded;  // "khuyet_diem"
};

// The words of two or more units in NFC `text` (analyzed into `words`), in order.
std::vector<MultiUnitWord> multi_unit_words(std::string_view text, const std::vector<Word>& words,
                                            const Segmenter& segmenter);

}  // namespace tracuu
