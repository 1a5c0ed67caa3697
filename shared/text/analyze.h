// The analyzer: the one chain of stages that turns text into matching forms, used by the
// indexer for passages and titles and by the searcher for queries, so both always agree.
//
//   NFC text ──tokenize──► tokens ──normalize_token──► exact ──fold_diacritics──► folded
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

struct Word {
  std::uint32_t start = 0;  // byte offsets [start, end) in the analyzed (NFC) text
  std::uint32_t end = 0;
  bool joined = false;  // joined to the previous word: both are parts of one compound
  bool has_letter = false;
  std::string exact;   // normalized: nfkc_cf, đ, canonical tone placement ("khuyết")
  std::string folded;  // exact without diacritics ("khuyet")
};

// Analyzes NFC text (callers compose with to_nfc first, and keep the composed text: the
// offsets refer to it).
std::vector<Word> analyze(std::string_view nfc_text);

// Index of one past the last word of the compound that starts at words[first].
inline std::size_t compound_end(const std::vector<Word>& words, std::size_t first) {
  std::size_t last = first + 1;
  while (last < words.size() && words[last].joined) ++last;
  return last;
}

// The form of the compound words[first, last), its parts' exact or folded forms joined
// by their connectors (’ read as ', the Unicode hyphens and dash as -): "60-nq/tw",
// "tp.hcm", "16/6/2025", exact "đ/c" against folded "d/c".
enum class CompoundForm { kExact, kFolded };
std::string compound_form(std::string_view text, const std::vector<Word>& words, std::size_t first,
                          std::size_t last, CompoundForm form);

inline std::string compound_folded(std::string_view text, const std::vector<Word>& words,
                                   std::size_t first, std::size_t last) {
  return compound_form(text, words, first, last, CompoundForm::kFolded);
}

// The terms that stand for the compound words[first, last) as a whole, beyond its parts:
//  - its folded form (compound_folded), always first;
//  - with letters, the parts run together, as the same thing is also written: "tphcm"
//    (TPHCM), "covid19" (COVID19), "60nqtw";
//  - for a date d/m/y, its day/month and month/year: 16/6/2025 gives "16/6" and "6/2025".
// Index and query both use these, so "16/6" finds 16/6/2025 and "TPHCM" finds TP.HCM.
std::vector<std::string> compound_terms(std::string_view text, const std::vector<Word>& words,
                                        std::size_t first, std::size_t last);

// True when the word was written with a diacritic (or đ): then it means that form.
inline bool has_diacritics(const Word& w) { return w.exact != w.folded; }

}  // namespace tracuu
