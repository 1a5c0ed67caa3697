#include "segment/words.h"

#include "segment/joiner.h"

namespace tracuu {

std::vector<MultiUnitWord> multi_unit_words(std::string_view text, const std::vector<Word>& words,
                                            const Segmenter& segmenter) {
  const std::vector<Unit> units = make_units(text, words);
  const std::vector<bool> joined = segmenter.segment(units);
  std::vector<MultiUnitWord> out;
  for (std::size_t i = 0; i < units.size();) {
    std::size_t end = i + 1;
    while (end < units.size() && joined[end]) ++end;
    if (end - i >= 2) {
      MultiUnitWord w;
      w.first_word = units[i].first_word;
      w.last_word = units[end - 1].last_word;
      w.exact = units[i].form;
      w.folded = units[i].folded;
      for (std::size_t k = i + 1; k < end; ++k) {
        append_unit(w.exact, units[k].form);
        append_unit(w.folded, units[k].folded);
      }
      out.push_back(std::move(w));
    }
    i = end;
  }
  return out;
}

}  // namespace tracuu
