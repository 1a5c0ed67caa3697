// The contract every reader's report keeps, checked by the reader fuzz targets: what
// finish_report and the writer rely on (ingest/report.h, ingest/formats.h).
#pragma once

#include <string>
#include <string_view>

#include "check.h"
#include "ingest/formats.h"
#include "ingest/report.h"
#include "text/sentences.h"

namespace tracuu::fuzz {

inline bool trimmed(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  return !s.empty() && kSpace.find(s.front()) == std::string_view::npos &&
         kSpace.find(s.back()) == std::string_view::npos;
}

// A report as a reader returns it: an id, a title and passages, all well-formed UTF-8, a
// date that is a date, one article and one line per passage or none, lines from 1 on.
inline void check_read_report(const Report& r) {
  FUZZ_CHECK(!r.id.empty() && r.id.size() <= kMaxReportIdBytes && valid_utf8(r.id));
  FUZZ_CHECK(valid_utf8(r.title) && valid_utf8(r.source) && valid_utf8(r.url) &&
             valid_utf8(r.number));
  FUZZ_CHECK(!r.passages.empty());
  for (const std::string& p : r.passages) FUZZ_CHECK(valid_utf8(p) && !p.empty());
  FUZZ_CHECK(r.articles.empty() || r.articles.size() == r.passages.size());
  for (const std::string& a : r.articles) FUZZ_CHECK(valid_utf8(a));
  FUZZ_CHECK(r.lines.empty() || r.lines.size() == r.passages.size());
  for (const std::size_t line : r.lines) FUZZ_CHECK(line >= 1);
  FUZZ_CHECK(r.date.empty() || parse_date(r.date) == r.date);
}

// Then finish_report: no passage above the hard limit, a title within its limit.
inline void check_finished_report(Report r, const std::string& where) {
  try {
    finish_report(r, where);
  } catch (const InputError& e) {  // a url or source over the limit
    FUZZ_CHECK(e.location() == where);
    FUZZ_CHECK(r.url.size() > kMaxFieldBytes || r.source.size() > kMaxFieldBytes);
    return;
  }
  FUZZ_CHECK(r.title.size() <= kMaxTitleBytes + 3 && valid_utf8(r.title));
  FUZZ_CHECK(r.articles.empty() || r.articles.size() == r.passages.size());
  FUZZ_CHECK(r.lines.empty() || r.lines.size() == r.passages.size());
  for (const std::string& p : r.passages) {
    FUZZ_CHECK(valid_utf8(p) && !p.empty() && p.size() <= kHardMaxPassageBytes);
  }
}

}  // namespace tracuu::fuzz
