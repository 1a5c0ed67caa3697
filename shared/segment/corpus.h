// Learning words from a corpus without gold data: syllable n-gram statistics.
//
// Counts n-grams of 1-3 units within runs that only whitespace separates, then scores each
// n-gram's cohesion as normalized pointwise mutual information (NPMI) at its weakest split:
// "chuyển đổi số" scores high when "chuyển đổi" + "số" and "chuyển" + "đổi số" both occur
// together far more often than chance. Memory grows with the distinct n-grams seen.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "segment/flat_map.h"
#include "segment/segmenter.h"
#include "segment/units.h"

namespace tracuu {

struct LearnOptions {
  std::uint32_t min_count = 2;  // rarer n-grams carry too little evidence
  double min_score = 0.0;       // NPMI below this is no sign of a word
};

class NgramCounter {
 public:
  // Counts the n-grams of one text's units. Numbers and mixed tokens break runs.
  void add(const std::vector<Unit>& units);
  // The bigrams and trigrams that look like words, scored by NPMI.
  Lexicon learn(const LearnOptions& options = {}) const;
  std::uint64_t units() const { return total_; }
  // The learned n-grams (as in learn()) that `keep` accepts, written out ("chuyển đổi số"),
  // the most frequent first: what a corpus teaches, for people to read.
  std::vector<std::string> examples(std::size_t k, const LearnOptions& options,
                                    const std::function<bool(const std::string&)>& keep) const;
  std::size_t distinct() const { return unigrams_.size() + bigrams_.size() + trigrams_.size(); }

 private:
  struct Entry {
    std::uint32_t id;
    std::uint32_t count;
  };
  // Each distinct unigram and bigram gets an id, so that an n-gram's key holds its parts:
  // bigram (a, b) = id(a) << 32 | id(b); trigram (ab, c) = id(ab) << 32 | id(c).
  FlatMap<Entry> unigrams_;  // by form hash
  FlatMap<Entry> bigrams_;
  FlatMap<std::uint32_t> trigrams_;
  std::vector<std::uint64_t> unigram_hash_;  // by id
  std::vector<std::string> unigram_form_;    // by id
  std::vector<std::uint64_t> bigram_key_;    // by id
  std::uint64_t total_ = 0;
};

// Segments with a lexicon alone: at each unit, the longest n-gram whose score reaches the
// threshold for its length (thresholds[n - 2]) is a word.
std::vector<bool> segment_by_lexicon(const std::vector<Unit>& units, const Lexicon& lexicon,
                                     const std::vector<float>& thresholds);

}  // namespace tracuu
