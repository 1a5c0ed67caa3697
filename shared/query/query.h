// A search query as typed: its syntax parsed, its words analyzed by the same pipeline as
// the passages.
//
//   khuyết điểm              words: passages with all of them first, then with some
//   "né tránh khuyết điểm"   a phrase
//   A OR B, A AND B, NOT A, -A, +A, ( … )
//   A NEAR B, A NEAR/5 B     words at most 10 (or 5) positions apart, in any order
//   title:…  source:…  id:…  a word or "phrase" in the report's title, source, or its id
//   ref:NQ-15  ref:60-NQ/TW  passages citing that document (text/refs.h keys)
//   dieu:12                  passages of article 12 (Điều 12) of an official document
//   date:2025-06-01..2025-06-30  date:2025-06-01..  date:..2024-12-31  date:2025  date:2025-06
//
// Operators are upper case (OR, AND, NOT, NEAR); in lower case they are words. Implicit
// conjunction is ranked (passages with every part first, then with some); AND and +
// require a part everywhere; NOT and - exclude.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyze.h"

namespace tracuu {

// A query that cannot be parsed. column() is the 1-based column (in characters) of the
// problem in the query text.
class QueryError : public std::runtime_error {
 public:
  QueryError(std::size_t column, const std::string& what)
      : std::runtime_error(what), column_(column) {}
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

// A leaf of the query: a word, a compound kept whole (60-NQ/TW), or a "quoted phrase",
// with the other forms it may take. A word typed with diacritics means that form
// (has_diacritics()): passages with it come first; a word typed without matches every
// form alike.
struct QueryUnit {
  std::vector<Word> words;  // one or more; offsets refer to ParsedQuery::text
  bool quoted = false;
  // A compound's terms as a whole (compound_terms(): "60-nq/tw", "60nqtw"); empty for a
  // single word or a phrase.
  std::vector<std::string> whole_terms;
  // A compound of digits only (16/6, 2020-2025, 12,5) is matched through whole_terms
  // alone: its parts as a phrase would also match 16,6 or 2020 2025.
  bool numeric = false;
  // The last word of the query, typed without a space after it: it matches as a prefix
  // too ("khuyết đi" finds "khuyết điểm"), as in search-as-you-type; to which words, the
  // searcher decides.
  bool prefix = false;
  // Other forms of the same thing (UBND for Ủy ban nhân dân and back), each analyzed.
  std::vector<QueryUnit> alternatives;
};

struct Clause {
  enum class Kind {
    kUnit,     // unit
    kAll,      // children, all of them (ranked: those with fewer parts still follow)
    kAny,      // children, any of them (OR)
    kNear,     // children (units of single words), at most `window` positions apart
    kTitle,    // children, in the report's title
    kSource,   // value: words in the report's source
    kId,       // value: the report id
    kRef,      // value: the key of a cited document (text/refs.h)
    kArticle,  // value: an article number ("12", "5a")
    kDate,     // value, value_end: a date range on the report's date ("" = open)
  };
  Kind kind = Kind::kUnit;
  QueryUnit unit;
  std::vector<Clause> children;
  std::string value;
  std::string value_end;
  unsigned window = 10;
  bool negated = false;    // NOT, -: passages with it are left out
  bool required = false;   // AND, +: passages without it are left out
  std::size_t column = 1;  // where it starts in the query (1-based, characters)
};

// How a passage matches a query: every positive part in its own text as typed; every part
// in its own text, some only in another form (another diacritic form, the last word
// completed); every part once its report's title counts; some parts only.
enum class Match { kAll, kForms, kTitle, kSome };

struct ParsedQuery {
  std::string text;  // the query, NFC-composed
  // The parts of the query, implicitly ANDed: passages with all the positive ones come
  // first (see plan.h).
  std::vector<Clause> clauses;

  // Every unit of the positive clauses, in query order (for ranking and highlighting).
  std::vector<const QueryUnit*> positive_units() const;
};

// The longest query searched: the time a search takes grows with its words (bench/README.md
// "Limits"), so a longer one is refused rather than left to run.
inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr std::size_t kMaxQueryWords = 32;

// Parses `raw` (the query arguments joined by spaces). Double quotes (" or “ ”) mark
// phrases; an unclosed quote runs to the end. Throws QueryError for a malformed query
// (invalid UTF-8, unbalanced parentheses, parentheses or NOT nested more than 100 deep, an
// operator without operands, a bad date, a query with nothing to search for) and for one
// longer than kMaxQueryBytes or with more than kMaxQueryWords words (a field's value
// counts as one), at the column where it passes the limit.
ParsedQuery parse_query(std::string_view raw);

// The query text with a caret under `column`, two lines, for error messages.
std::string point_at(std::string_view text, std::size_t column);

}  // namespace tracuu
