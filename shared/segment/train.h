// Gold segmentation: reading it, training models on it, and measuring against it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "segment/segmenter.h"
#include "segment/units.h"

namespace tracuu {

// A sentence with its gold words, as units the way the segmenter sees them.
struct GoldSentence {
  std::vector<std::vector<std::string>> words;  // the gold words, as their syllables
  std::string text;                             // the words joined by spaces
  std::vector<Unit> units;
  std::vector<std::uint32_t> word;  // the gold word of each unit
  // Gold words with no unit (punctuation): the segmenter leaves them alone, so they count
  // as right, as in the usual (VLSP) measure.
  std::size_t unitless_words = 0;
  // Whether the gold word of unit i goes on from unit i - 1.
  bool joined(std::size_t i) const { return i > 0 && word[i] == word[i - 1]; }
};

// Builds a gold sentence from its words, each given as its syllables.
GoldSentence gold_sentence(const std::vector<std::vector<std::string>>& words);

// Reads gold files: CoNLL-U (.conllu: the FORM column is one word, its syllables separated
// by spaces) or plain text (one sentence per line, the syllables of a word joined by "_").
// Throws InputError naming the file and line.
std::vector<GoldSentence> read_gold(const std::string& path);

struct TrainOptions {
  int epochs = 12;
  std::uint32_t seed = 1;
  // Each sentence is also learned without diacritics, so that queries typed without them
  // are segmented too.
  bool folded_copies = true;

  // Averaged weights smaller than this are left out of the model.
  float prune = 1e-3f;
};

// Trains the averaged perceptron on `gold` with `lexicon` (may be empty) as what the
// lexicon features see, and returns the model with that lexicon. A model trained with
// known words uses the words of its lexicon (a user's join them later); one trained
// without ignores any. `progress` gets (epoch, training accuracy).
Segmenter train_segmenter(const std::vector<GoldSentence>& gold, const Lexicon& lexicon,
                          const TrainOptions& options,
                          const std::function<void(int, double)>& progress = {});

// Word precision, recall and F1: a word counts when both its boundaries are right.
struct Accuracy {
  std::size_t gold_words = 0;
  std::size_t predicted_words = 0;
  std::size_t correct = 0;
  double precision() const;
  double recall() const;
  double f1() const;
  void add(const std::vector<std::uint32_t>& gold_word, const std::vector<bool>& joined);
  void add_always_right(std::size_t words);
};

// `segment` decides the joins of a sentence's units.
Accuracy evaluate(const std::vector<GoldSentence>& gold,
                  const std::function<std::vector<bool>(const std::vector<Unit>&)>& segment);

}  // namespace tracuu
