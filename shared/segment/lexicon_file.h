// Word lists users give the segmenter (--lexicon).
#pragma once

#include <string>

#include "segment/segmenter.h"

namespace tracuu {

// Reads a word list: one word per line, or JSON lines with a "text" field (as the lexicons
// in ../shared/data/lexicon). Words of 2-4 units become known words; single units and
// longer entries are counted in `skipped` (when given) and left out. Throws InputError with
// the file and line of anything unreadable.
Lexicon read_lexicon_file(const std::string& path, std::size_t* skipped = nullptr);

}  // namespace tracuu
