// What tracuu::Query (tracuu/tracuu.h) holds, for the API and the programs that link its
// objects (tracuu-search reports a QueryError with its caret itself, then runs the parse).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "query/query.h"
#include "tracuu/tracuu.h"

namespace tracuu {

// The query as parse_query() parses it; the Database gives its units their other forms
// (its synonyms), as Searcher::parse does.
struct Query::Impl {
  std::string text;  // as given
  ParsedQuery parsed;
};

// A Query of `raw` already parsed by parse_query() into `parsed`.
Query query_of(std::shared_ptr<const Query::Impl> impl);
inline Query query_of(std::string raw, ParsedQuery parsed) {
  return query_of(
      std::make_shared<const Query::Impl>(Query::Impl{std::move(raw), std::move(parsed)}));
}

}  // namespace tracuu
