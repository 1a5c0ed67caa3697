// Matching words of running text against expected Vietnamese words, as typed with their
// diacritics or without any (the matchers of text/refs.cc and text/dates.cc).
#pragma once

#include <string>
#include <string_view>

#include "text/chars.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu::text_match {

// A word as the matchers compare it: lower case, and lower case without diacritics.
struct WordForms {
  std::string lower;
  std::string ascii;
};

inline WordForms forms_of(std::string_view word) {
  WordForms f;
  std::size_t pos = 0;
  while (pos < word.size()) {
    const char32_t cp = lower_vietnamese(next_code_point(word, pos));
    vn::Letter letter;
    if (cp < 0x80) {
      f.lower.push_back(static_cast<char>(cp));
      f.ascii.push_back(static_cast<char>(cp));
    } else if (vn::lookup(cp, letter)) {
      append_utf8(f.lower, cp);
      f.ascii.push_back(static_cast<char>(vn::strip_quality(letter.base)));
    } else {
      append_utf8(f.lower, cp);
      append_utf8(f.ascii, cp);
    }
  }
  return f;
}

// A word matches its expected form written with the same diacritics, or with none: a word
// written with diacritics means that form ("chị thì" is not "chỉ thị", "tôi" not "tối").
inline bool matches(const WordForms& word, std::string_view exact, std::string_view ascii) {
  return word.lower == exact || (word.lower == word.ascii && word.ascii == ascii);
}

}  // namespace tracuu::text_match
