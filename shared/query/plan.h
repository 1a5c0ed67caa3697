// Turning a ParsedQuery into Xapian queries: the ranking rules of tracuu in one place.
//
// Results come in tiers, each ranked by the same relevance query:
//   1. passages with every query unit, each word in the form typed (only when the query
//      is typed with diacritics: "đã" must not be swamped by da, dạ, đá);
//   2. passages with every query unit in any diacritic form;
//   3. passages with only some of the units (best first rather than nothing).
// A unit is a word, a compound (60-NQ/TW: the whole term, or its parts as a phrase) or a
// "quoted phrase". Within a tier, relevance is BM25 over the folded words, plus the
// exact-form terms, a phrase and a proximity bonus, and the report's title as context.
// Only Xapian's built-in operators and BM25 are used, so remote databases can serve it.
#pragma once

#include <xapian.h>

#include <vector>

#include "query/query.h"

namespace tracuu {

struct SearchPlan {
  std::vector<Xapian::Query> tiers;  // in rank order; a passage matches at most one
};

SearchPlan plan_search(const ParsedQuery& query);

}  // namespace tracuu
