// How the index's terms are spelt (schema.h lists them): the writer writes them and the
// query side looks them up through these functions only, so a term has one spelling.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index/schema.h"
#include "segment/joiner.h"

namespace tracuu {
struct Word;
struct MultiUnitWord;
}  // namespace tracuu

namespace tracuu::terms {

// `body` after `prefix` (a schema::kPrefix...): "XE" + "khuyết" → "XEkhuyết".
inline std::string with_prefix(std::string_view prefix, std::string_view body) {
  std::string t;
  t.reserve(prefix.size() + body.size());
  t.append(prefix).append(body);
  return t;
}

// Whether the writer keeps `body` under `prefix`: not empty, and the term no longer than
// schema::kMaxTermBytes. The query side looks terms up as they come (a longer one is in
// no passage).
bool fits(std::string_view prefix, std::string_view body);

// A word's terms: folded ("khuyet", no prefix), exact ("XEkhuyết"), and as typed: exact
// when written with diacritics, else folded.
std::string folded(const Word& w);
std::string exact(const Word& w);
std::string typed(const Word& w);
// The folded term of a form, a word's or a compound's whole ("60-nq/tw"): the form, no prefix.
inline std::string folded(std::string_view form) { return std::string(form); }
// The exact term of a form: of a word ("khuyết") or of a word of units ("khuyết_điểm").
inline std::string exact(std::string_view form) { return with_prefix(schema::kPrefixExact, form); }

// Title (S: folded words and whole terms), title exact (XT) and heading exact (XH) terms.
inline std::string title(std::string_view folded) {
  return with_prefix(schema::kPrefixTitle, folded);
}
inline std::string title_exact(std::string_view exact) {
  return with_prefix(schema::kPrefixTitleExact, exact);
}
inline std::string heading_exact(std::string_view exact) {
  return with_prefix(schema::kPrefixHeadingExact, exact);
}

// Boolean terms: the report id (Q), a folded word of the source (XS), a reference key (XR),
// an article number (XA), an input file's key (XF).
inline std::string report(std::string_view id) { return with_prefix(schema::kPrefixReport, id); }
inline std::string source(std::string_view folded) {
  return with_prefix(schema::kPrefixSource, folded);
}
inline std::string ref(std::string_view key) { return with_prefix(schema::kPrefixRef, key); }
inline std::string article(std::string_view number) {
  return with_prefix(schema::kPrefixArticle, number);
}
inline std::string file(std::string_view key) { return with_prefix(schema::kPrefixFile, key); }
// Whether the file term of `key` is short enough to write: a longer path is not pruned,
// only replaced.
bool file_fits(std::string_view key);

// Word terms: the units of a word the segmenter grouped, joined by kWordJoiner, folded
// ("khuyet_diem") and exact ("XEkhuyết_điểm").
std::string word(const MultiUnitWord& w);
std::string word_exact(const MultiUnitWord& w);
// `before` and `after` joined as units of one word (segment/joiner.h): ("ung", "thu") →
// "ung_thu".
std::string join_units(std::string_view before, std::string_view after);
// Whether `term` is a word term (of two or more units).
bool is_word(std::string_view term);
// The units of a word term, in order: "khuyet_diem" → {"khuyet", "diem"}; a term of one
// unit gives itself.
std::vector<std::string_view> units_of(std::string_view term);

// The unit a word term begins with: "diem_xyz" → "diem".
std::string_view first_unit(std::string_view term);

// The form of an exact term ("XEkhuyết" → "khuyết"); "" for a term of another kind.
std::string_view exact_form(std::string_view term);

}  // namespace tracuu::terms
