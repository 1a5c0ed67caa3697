// Word segmentation: grouping units (syllables, numbers, compounds) into words.
//
// The model is an averaged perceptron that decides at each gap between two units that
// only whitespace separates whether the word goes on, from the units around the gap (their
// exact and folded forms, in n-grams up to three), their shapes, the previous decision, and
// a lexicon: n-grams learned from a corpus (corpus.h) and known words (a dictionary the
// model was trained with, and the words a user adds). Trained on gold
// segmentation (train.h). Models are files (their format: resources/README.md), and
// databases keep theirs in their metadata.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "segment/flat_map.h"
#include "segment/units.h"

namespace tracuu {

// A model that cannot be read: wrong format, version, or damaged. what() names `origin`.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the segmenter knows beside its weights, about n-grams of 2-4 units (keyed by
// ngram_key() of their exact forms):
//  - n-grams learned from a corpus (corpus.h), each with its cohesion (NPMI, 0 to 1);
//  - words: given by a user (--lexicon) or a dictionary, known to be words.
// A builder; the segmenter keeps a frozen copy.
class Lexicon {
 public:
  void add_ngram(std::uint64_t key, float score);  // the higher score wins
  void add_word(const std::vector<std::string>& forms);
  void add_word_key(std::uint64_t key);
  void merge(const Lexicon& other);
  std::size_t ngrams() const { return ngrams_.size(); }
  std::size_t words() const { return words_.size(); }
  // The score of the n-gram with these units' form hashes, or -1 when absent.
  float ngram_score(const std::uint64_t* keys, std::size_t n) const;

 private:
  friend class FrozenLexicon;
  FlatMap<float> ngrams_;
  FlatMap<float> words_;  // value unused (1)
};

// The 64-bit hash of a unit form, as features and lexicons use it.
std::uint64_t form_hash(std::string_view form);
// The key of the n-gram of forms with hashes `keys[0..n)`.
std::uint64_t ngram_key(const std::uint64_t* keys, std::size_t n);

class Segmenter {
 public:
  // A model that joins nothing: every unit its own word.
  Segmenter();
  // Copies share the tables (a model is not changed in place; set_lexicon and
  // prepare_for_bulk make new ones), and a model moved from is still a copy.
  Segmenter(const Segmenter&) = default;
  Segmenter& operator=(const Segmenter&) = default;

  // Builds a model from trained weights (train.h).
  static Segmenter from_weights(std::vector<std::pair<std::uint64_t, float>> weights);
  // Reads a model written by serialize(), into a copy of its own; throws ModelError
  // naming `origin` when the bytes are not such a model (format, checksum, order of keys).
  static Segmenter deserialize(std::string_view bytes, const std::string& origin);
  // The same without copying or reading every byte: the tables are looked up in place in
  // `bytes`, which `storage` keeps alive (a mapped file). Checks the format and that the
  // sizes add up, not the checksum nor the order of keys: only for bytes known to be a
  // model serialize() wrote, such as a database's model file whose fingerprint
  // (stored_checksum) is the database's. Throws ModelError naming `origin`.
  static Segmenter view(std::string_view bytes, std::shared_ptr<const void> storage,
                        const std::string& origin);
  // Whether `bytes` end with the checksum of the bytes before it (every byte read).
  static bool intact(std::string_view bytes);
  // The checksum a serialized model ends with (a fingerprint of all of it, read without
  // reading the rest), or nothing when `bytes` is not laid out as a model.
  static std::optional<std::uint64_t> stored_checksum(std::string_view bytes);
  static Segmenter load_file(const std::string& path);
  std::string serialize() const;

  // Readies the model for segmenting much text (hash tables instead of binary search).
  void prepare_for_bulk();

  // For each unit, whether it continues the word of the unit before it.
  std::vector<bool> segment(const std::vector<Unit>& units) const;

  // The lexicon used beside the weights (learned n-grams, known words).
  Lexicon lexicon() const;
  void set_lexicon(const Lexicon& lexicon);
  std::size_t ngram_count() const;
  std::size_t word_count() const;
  std::size_t feature_count() const;
  // Whether it was trained with known words, and so uses those of its lexicon (train.h).
  bool uses_words() const;
  // The corpus cohesion (NPMI, 0 to 1) of the n-gram of the unit forms (normalized, as
  // Unit::form) whose form_hash() are `forms[0..n)`, or -1 when the lexicon has none.
  float cohesion(const std::uint64_t* forms, std::size_t n) const;

 private:
  struct Tables;  // the weights and the lexicon (segmenter.cc): shared by copies, immutable
  explicit Segmenter(std::shared_ptr<const Tables> tables) : tables_(std::move(tables)) {}
  // The model in `bytes` (which `storage` keeps alive), its tables in place; with `check`,
  // also its checksum and that every table's keys ascend and its values are finite.
  static Segmenter read(std::string_view bytes, std::shared_ptr<const void> storage,
                        const std::string& origin, bool check);

  std::shared_ptr<const Tables> tables_;
};

// The words of `text` written back as --segment prints them: the text unchanged but for
// the spaces inside a word, which become kWordJoiner (joiner.h): "khuyết_điểm".
std::string underscore_words(std::string_view text, const std::vector<Unit>& units,
                             const std::vector<bool>& joined);

}  // namespace tracuu
