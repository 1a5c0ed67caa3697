// A search query as typed, analyzed by the same pipeline as the passages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/analyze.h"

namespace tracuu {

// One thing the query asks for: a word, a compound kept whole (60-NQ/TW), or a
// "quoted phrase". A word typed with diacritics means that form (has_diacritics()):
// passages with it come first; a word typed without matches every form alike.
struct QueryUnit {
  std::vector<Word> words;  // one or more; offsets refer to ParsedQuery::text
  bool quoted = false;
  // A compound's terms as a whole (compound_terms(): "60-nq/tw", "60nqtw"); empty for a
  // single word or a phrase.
  std::vector<std::string> whole_terms;
  // A compound of digits only (16/6, 2020-2025, 12,5) is matched through whole_terms
  // alone: its parts as a phrase would also match 16,6 or 2020 2025.
  bool numeric = false;
};

struct ParsedQuery {
  std::string text;  // the query, NFC-composed
  std::vector<QueryUnit> units;
};

// Analyzes `raw` (the query arguments joined by spaces). Double quotes (" or “ ”) mark
// phrases; an unclosed quote runs to the end. Throws Error for invalid UTF-8 and for a
// query with no words.
ParsedQuery parse_query(std::string_view raw);

}  // namespace tracuu
