// What joins the units of one word in its written form: word terms ("khuyet_diem",
// index/terms.h), --segment's output and the gold text the segmenter trains on.
#pragma once

namespace tracuu {

inline constexpr char kWordJoiner = '_';

}  // namespace tracuu
