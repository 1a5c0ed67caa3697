#include "index/terms.h"

#include "ingest/report.h"
#include "segment/words.h"
#include "text/analyze.h"

namespace tracuu::terms {

// Xapian refuses terms over 245 bytes.
constexpr std::size_t kMaxXapianTermBytes = 245;
static_assert(schema::kPrefixReport.size() + kMaxReportIdBytes <= kMaxXapianTermBytes,
              "a report id must fit in its Q term");
// File terms are kept up to near Xapian's limit: a path is no word anyone types.
constexpr std::size_t kMaxFileTermBytes = 240;

bool fits(std::string_view prefix, std::string_view body) {
  return !body.empty() && prefix.size() + body.size() <= schema::kMaxTermBytes;
}

std::string folded(const Word& w) { return w.folded; }
std::string exact(const Word& w) { return exact(w.exact); }
std::string typed(const Word& w) { return has_diacritics(w) ? exact(w) : folded(w); }

bool file_fits(std::string_view key) {
  return schema::kPrefixFile.size() + key.size() <= kMaxFileTermBytes;
}

std::string word(const MultiUnitWord& w) { return w.folded; }
std::string word_exact(const MultiUnitWord& w) { return exact(w.exact); }

std::string join_units(std::string_view before, std::string_view after) {
  std::string t;
  t.reserve(before.size() + 1 + after.size());
  t.append(before);
  append_unit(t, after);
  return t;
}

bool is_word(std::string_view term) { return term.find(kWordJoiner) != std::string_view::npos; }

std::vector<std::string_view> units_of(std::string_view term) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0; at <= term.size();) {
    const std::size_t end = std::min(term.find(kWordJoiner, at), term.size());
    out.push_back(term.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string_view first_unit(std::string_view term) {
  return term.substr(0, term.find(kWordJoiner));
}

std::string_view exact_form(std::string_view term) {
  if (!term.starts_with(schema::kPrefixExact)) return {};
  return term.substr(schema::kPrefixExact.size());
}

}  // namespace tracuu::terms
