#include "query/query.h"

#include <fmt/format.h>

#include "error.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

bool is_quote(char32_t cp) { return cp == U'"' || cp == U'“' || cp == U'”'; }

}  // namespace

ParsedQuery parse_query(std::string_view raw) {
  if (const std::size_t bad = find_invalid_utf8(raw); bad != kValidUtf8) {
    throw Error(fmt::format("the query is not valid UTF-8 (byte {})", bad));
  }
  ParsedQuery q;
  q.text = to_nfc(raw);
  const std::vector<Word> words = analyze(q.text);

  // Which words lie inside quotes: walk the text once, toggling at each quote mark.
  std::vector<std::size_t> quote_at;  // byte offsets of quote marks
  for (std::size_t pos = 0; pos < q.text.size();) {
    const std::size_t at = pos;
    if (is_quote(next_code_point(q.text, pos))) quote_at.push_back(at);
  }
  auto phrase_of = [&](const Word& w) -> int {  // index of the phrase, or -1
    std::size_t before = 0;
    while (before < quote_at.size() && quote_at[before] < w.start) ++before;
    return before % 2 == 1 ? static_cast<int>(before / 2) : -1;
  };

  for (std::size_t i = 0; i < words.size();) {
    const int phrase = phrase_of(words[i]);
    QueryUnit unit;
    std::size_t next;
    if (phrase >= 0) {
      unit.quoted = true;
      next = i;
      while (next < words.size() && phrase_of(words[next]) == phrase) ++next;
    } else {
      next = compound_end(words, i);
      if (next - i > 1) {
        unit.whole_terms = compound_terms(q.text, words, i, next);
        unit.numeric = true;
        for (std::size_t k = i; k < next; ++k) unit.numeric &= !words[k].has_letter;
      }
    }
    unit.words.assign(words.begin() + static_cast<std::ptrdiff_t>(i),
                      words.begin() + static_cast<std::ptrdiff_t>(next));
    q.units.push_back(std::move(unit));
    i = next;
  }
  if (q.units.empty()) {
    throw Error("the query has no words to search for (punctuation alone is not searched)");
  }
  return q;
}

}  // namespace tracuu
