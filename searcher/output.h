// tracuu-search's output: results, counts, facets and cited documents, as text for a
// reader or as one JSON object per line (--json) for scripts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tracuu/tracuu.h"

namespace tracuu::search_cli {

// How results are printed.
struct Output {
  bool json = false;
  bool color = false;         // highlights in colour
  std::string open, close;    // else between these marks (none when both are empty)
  bool with_context = false;  // -C
  std::size_t query = 0;      // --queries: the 1-based line of the query; 0 for one query
};

// One result: its fields under stable keys (--json), or title, location and passage.
void print_hit(const Result& hit, const Output& out);

// How many passages and reports match: --count's line, or --total's (`as_total`).
void print_counts(const Totals& counts, bool as_total, const Output& out);

// --facet FIELD's values with their counts.
void print_facet(const std::string& field, const std::vector<FacetCount>& values,
                 const Output& out);

// --top-refs: the documents cited most.
void print_refs(const std::vector<CitedDocument>& refs, const Output& out);

}  // namespace tracuu::search_cli
