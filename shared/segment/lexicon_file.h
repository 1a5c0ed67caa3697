// Word lists users give the segmenter (--lexicon).
#pragma once

#include <string>

#include "segment/segmenter.h"

namespace tracuu {

struct WordListCounts {
  std::size_t words = 0;     // entries of 2-4 units: known words
  std::size_t left_out = 0;  // single units and longer entries
};

// Reads a word list: one word per line, or JSON lines with a "text" field (as the lexicons
// in ../shared/data/lexicon). Words of 2-4 units become known words, as written and without
// diacritics (text typed without them has its words too); the rest is left out. Throws
// InputError with the file and line of anything unreadable.
Lexicon read_lexicon_file(const std::string& path, WordListCounts* counts = nullptr);

}  // namespace tracuu
