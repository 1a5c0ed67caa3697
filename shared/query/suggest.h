// "Did you mean": a query typed without diacritics, with the most likely ones restored,
// and words no passage has, with the nearest word that passages have — both from the
// database's own term statistics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "query/query.h"

namespace Xapian {
class Database;
}

namespace tracuu {

// How much neighbouring forms hang together in the corpus a segmentation model learned:
// the cohesion (0 to 1; -1: never seen together) of the n-gram of the unit forms whose
// form_hash() are `forms[0..n)` (Segmenter::cohesion).
using Cohesion = std::function<float(const std::uint64_t* forms, std::size_t n)>;

// Every lower-case Vietnamese syllable that folds to `folded` (ASCII letters): "khong" →
// khong, không, khóng, khồng, … with the tone where canonical_tone_placement puts it.
// Strings that cannot be a syllable give none.
std::vector<std::string> diacritic_forms(const std::string& folded);

// The query as it was probably meant, or "" when it looks right: diacritics restored when
// no word was typed with any, or (`none_as_typed`) when no passage has the query as typed
// (the reader's wrong tone: "khuyết điềm"), and words that no passage has replaced by the
// nearest one that passages have (one edit away). Operators, fields and punctuation are
// kept. `cohesion` (that of the database's model; may be empty) favours forms that hang
// together. With `likely`, also likely_forms(query, db, cohesion) where the same
// computation gives them (no word read as another, `none_as_typed` false), else none.
std::string suggest(const ParsedQuery& query, const Xapian::Database& db,
                    bool none_as_typed = false, const Cohesion& cohesion = {},
                    std::optional<std::vector<std::string>>* likely = nullptr);

// For a query typed without any diacritics: the most likely form of each of its positive
// words (query order, as ParsedQuery::positive_units()), "" where none is known. Empty when
// the query has diacritics.
std::vector<std::string> likely_forms(const ParsedQuery& query, const Xapian::Database& db,
                                      const Cohesion& cohesion = {});

}  // namespace tracuu
