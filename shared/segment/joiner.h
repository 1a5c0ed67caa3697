// What joins the units of one word in its written form: word terms ("khuyet_diem",
// index/terms.h), --segment's output and the gold text the segmenter trains on.
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

inline constexpr char kWordJoiner = '_';

// Appends `unit` to `word` as its next unit: "khuyet" + "diem" → "khuyet_diem".
inline void append_unit(std::string& word, std::string_view unit) {
  word.append(1, kWordJoiner).append(unit);
}

}  // namespace tracuu
