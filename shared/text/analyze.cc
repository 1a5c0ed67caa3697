#include "text/analyze.h"

#include "text/fold.h"
#include "text/normalize.h"
#include "text/tokenize.h"
#include "text/utf8.h"

namespace tracuu {

std::vector<Word> analyze(std::string_view nfc_text) {
  const std::vector<Token> tokens = tokenize(nfc_text);
  std::vector<Word> words;
  words.reserve(tokens.size());
  bool dropped = false;  // the previous token normalized to nothing
  for (const Token& t : tokens) {
    Word w;
    w.start = t.start;
    w.end = t.end;
    w.joined = t.joined;
    w.has_letter = t.has_letter;
    w.exact = normalize_token(nfc_text.substr(t.start, t.end - t.start));
    if (w.exact.empty()) {  // only default-ignorable characters: nothing to match
      dropped = true;
      continue;
    }
    if (dropped) w.joined = false;
    dropped = false;
    w.folded = fold_diacritics(w.exact);
    words.push_back(std::move(w));
  }
  return words;
}

std::string compound_form(std::string_view text, const std::vector<Word>& words, std::size_t first,
                          std::size_t last, CompoundForm form) {
  auto part = [&](std::size_t i) -> const std::string& {
    return form == CompoundForm::kExact ? words[i].exact : words[i].folded;
  };
  std::string out = part(first);
  for (std::size_t i = first + 1; i < last; ++i) {
    std::size_t pos = words[i - 1].end;
    const char32_t connector = next_code_point(text, pos);
    switch (connector) {
      case 0x2019:
        out.push_back('\'');
        break;
      case 0x2010:
      case 0x2011:
      case 0x2013:
        out.push_back('-');
        break;
      default:
        append_utf8(out, connector);
        break;
    }
    out += part(i);
  }
  return out;
}

}  // namespace tracuu

namespace tracuu {

std::vector<std::string> compound_terms(std::string_view text, const std::vector<Word>& words,
                                        std::size_t first, std::size_t last) {
  std::vector<std::string> terms = {compound_folded(text, words, first, last)};
  bool letters = false;
  for (std::size_t i = first; i < last; ++i) letters |= words[i].has_letter;
  if (letters) {
    std::string joined;
    for (std::size_t i = first; i < last; ++i) joined += words[i].folded;
    terms.push_back(std::move(joined));
  } else if (last - first == 3 && terms[0].find('/') != std::string::npos &&
             terms[0].find_first_not_of("0123456789/") == std::string::npos) {
    terms.push_back(words[first].folded + "/" + words[first + 1].folded);
    terms.push_back(words[first + 1].folded + "/" + words[first + 2].folded);
  }
  return terms;
}

}  // namespace tracuu
