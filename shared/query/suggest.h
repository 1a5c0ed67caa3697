// "Did you mean": a query typed without diacritics, with the most likely ones restored,
// and words no passage has, with the nearest word that passages have — both from the
// database's own term statistics.
#pragma once

#include <string>
#include <vector>

#include "query/query.h"

namespace Xapian {
class Database;
}

namespace tracuu {

class Segmenter;

// Every lower-case Vietnamese syllable that folds to `folded` (ASCII letters): "khong" →
// khong, không, khóng, khồng, … with the tone where canonical_tone_placement puts it.
// Strings that cannot be a syllable give none.
std::vector<std::string> diacritic_forms(const std::string& folded);

// The query as it was probably meant, or "" when it looks right: diacritics restored when
// no word was typed with any, or (`none_as_typed`) when no passage has the query as typed
// (the reader's wrong tone: "khuyết điềm"), and words that no passage has replaced by the
// nearest one that passages have (one edit away). Operators, fields and punctuation are
// kept. `model` (the database's segmentation model, may be null) tells which neighbouring
// forms make a word or hang together.
std::string suggest(const ParsedQuery& query, const Xapian::Database& db, bool none_as_typed = false,
                    const Segmenter* model = nullptr);

// For a query typed without any diacritics: the most likely form of each of its positive
// words (query order, as ParsedQuery::positive_units()), "" where none is known. Empty when
// the query has diacritics.
std::vector<std::string> likely_forms(const ParsedQuery& query, const Xapian::Database& db,
                                      const Segmenter* model = nullptr);

}  // namespace tracuu
