// A search query as typed, analyzed by the same pipeline as the passages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/analyze.h"

namespace tracuu {

// One thing the query asks for: a word, a compound kept whole (60-NQ/TW), or a
// "quoted phrase".
struct QueryUnit {
  std::vector<Word> words;   // one or more; offsets refer to ParsedQuery::text
  bool quoted = false;
  std::string whole_folded;  // a compound's whole form ("60-nq/tw"); empty otherwise
};

struct ParsedQuery {
  std::string text;  // the query, NFC-composed
  std::vector<QueryUnit> units;
  // True when some word carries a diacritic: then every word means what was typed, and
  // passages with the typed forms come first.
  bool typed_with_diacritics = false;
};

// Analyzes `raw` (the query arguments joined by spaces). Double quotes (" or “ ”) mark
// phrases; an unclosed quote runs to the end. Throws Error for invalid UTF-8 and for a
// query with no words.
ParsedQuery parse_query(std::string_view raw);

}  // namespace tracuu
