// Inside segment/: the tables a Segmenter is made of and the features it computes, for
// segmenter.cc, train.cc and their tests. Everything else goes through segmenter.h.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "segment/segmenter.h"
#include "segment/units.h"

namespace tracuu {

class FrozenTable;

// A lookup table built once, compact for the cache: a slot is a 32-bit fingerprint of the
// key and a float (8 bytes), found from the key's low bits. Two keys would share a value
// only if they agreed on the probe and on 32 more bits.
class CompactTable {
 public:
  // The entries [from, to) of `table`.
  void assign(const FrozenTable& table, std::size_t from, std::size_t to);
  void prefetch(std::uint64_t key) const { __builtin_prefetch(&slots_[key & mask_]); }
  float get(std::uint64_t key, float absent) const {
    const std::uint32_t fp = fingerprint(key);
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i].fp == fp) return slots_[i].value;
      if (slots_[i].fp == 0) return absent;
    }
  }

 private:
  static std::uint32_t fingerprint(std::uint64_t key) {
    return static_cast<std::uint32_t>(key >> 32) | 1u;
  }
  struct Slot {
    std::uint32_t fp = 0;  // 0: empty
    float value = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  std::size_t mask_ = 0;
};

// 64-bit keys with float values, sorted by key, stored as in a model file (little-endian
// arrays, any alignment): found by binary search, which costs nothing to set up (a
// searcher segments one short query per process, reading the table in place from the
// mapped model file); an indexer, which segments millions of units, reads them through a
// CompactTable or CompactLexicon built from them. Copies share the (immutable) storage.
class FrozenTable {
 public:
  FrozenTable() = default;
  explicit FrozenTable(std::vector<std::pair<std::uint64_t, float>> entries);
  // The `n` entries at `keys` (n × 8 bytes, ascending) and `values` (n × 4 bytes), inside
  // memory that `storage` keeps alive.
  FrozenTable(std::shared_ptr<const void> storage, const char* keys, const char* values,
              std::size_t n)
      : storage_(std::move(storage)), keys_(keys), values_(values), size_(n) {}
  FrozenTable(const FrozenTable&) = default;
  FrozenTable& operator=(const FrozenTable&) = default;
  // A table moved from is empty (not pointing into storage it no longer keeps).
  FrozenTable(FrozenTable&& other) noexcept { *this = std::move(other); }
  FrozenTable& operator=(FrozenTable&& other) noexcept {
    storage_ = std::move(other.storage_);
    keys_ = std::exchange(other.keys_, nullptr);
    values_ = std::exchange(other.values_, nullptr);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  std::size_t size() const { return size_; }
  std::uint64_t key(std::size_t i) const {
    std::uint64_t k;
    std::memcpy(&k, keys_ + 8 * i, 8);
    return k;
  }
  float value(std::size_t i) const {
    float v;
    std::memcpy(&v, values_ + 4 * i, 4);
    return v;
  }
  std::string_view key_bytes() const { return {keys_, 8 * size_}; }
  std::string_view value_bytes() const { return {values_, 4 * size_}; }
  // The index of the first key not below `key`.
  std::size_t lower_bound(std::uint64_t key) const {
    std::size_t lo = 0, n = size_;
    while (n > 0) {
      const std::size_t half = n / 2;
      if (this->key(lo + half) < key) {
        lo += half + 1;
        n -= half + 1;
      } else {
        n = half;
      }
    }
    return lo;
  }
  float get(std::uint64_t key, float absent) const {
    const std::size_t i = lower_bound(key);
    return i < size_ && this->key(i) == key ? value(i) : absent;
  }

 private:
  std::shared_ptr<const void> storage_;
  const char* keys_ = nullptr;
  const char* values_ = nullptr;
  std::size_t size_ = 0;
};

// The n-grams and words of a lexicon in one table built once, so that an indexer learns
// both of an n-gram from one probe (a probe of this size of table is a cache miss): a slot
// is CompactTable's fingerprint of the key less one bit, which instead says whether it is
// a known word, and the corpus score (-1: none).
class CompactLexicon {
 public:
  void assign(const FrozenTable& ngrams, const FrozenTable& words);
  void prefetch(std::uint64_t key) const { __builtin_prefetch(&slots_[key & mask_]); }
  // The score of n-gram `key` (-1 when absent); `word` tells whether it is a known word.
  float get(std::uint64_t key, bool* word) const {
    const std::uint32_t fp = fingerprint(key);
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      if ((slots_[i].fp & ~kWordBit) == fp) {
        *word = (slots_[i].fp & kWordBit) != 0;
        return slots_[i].score;
      }
      if (slots_[i].fp == 0) {
        *word = false;
        return -1.0f;
      }
    }
  }

 private:
  static constexpr std::uint32_t kWordBit = 2;
  static std::uint32_t fingerprint(std::uint64_t key) {
    return (static_cast<std::uint32_t>(key >> 32) | 1u) & ~kWordBit;
  }
  struct Slot {
    std::uint32_t fp = 0;  // 0: empty
    float score = -1.0f;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  std::size_t mask_ = 0;
};

class FrozenLexicon {
 public:
  FrozenTable ngrams;
  FrozenTable words;
  FrozenLexicon() = default;
  explicit FrozenLexicon(const Lexicon& lexicon);
  Lexicon thaw() const;
  // Readies it for much segmenting: one hash table instead of two binary searches.
  void index() {
    compact_.assign(ngrams, words);
    indexed_ = true;
  }
  void prefetch(std::uint64_t key) const {
    if (indexed_) compact_.prefetch(key);
  }
  // The corpus score of n-gram `key` (-1 when absent), and in `word` whether it is a known
  // word (only asked when `with_words`; else false).
  float find(std::uint64_t key, bool with_words, bool* word) const {
    if (indexed_) {
      const float score = compact_.get(key, word);
      *word = *word && with_words;
      return score;
    }
    *word = with_words && words.get(key, 0.0f) > 0;
    return ngrams.get(key, -1.0f);
  }

 private:
  CompactLexicon compact_;
  bool indexed_ = false;
};

// The per-unit values features are made of, computed once per sentence.
struct UnitKeys {
  std::vector<std::uint64_t> exact;
  std::vector<std::uint64_t> folded;
  std::vector<std::uint8_t> shape;
  std::vector<std::uint8_t> space_before;
  // For the n-grams of 2, 3, 4 units ending at each unit, within one run of space-separated
  // units: the corpus score (-1: none) and whether it is a known word.
  std::vector<float> ngram_ending[3];
  std::vector<std::uint8_t> word_ending[3];
  bool has_ngrams = false;
  bool has_words = false;

  // `lexicon` may be null, and its tables empty: then their features are left out; so are
  // those of known words without `with_words`.
  UnitKeys() = default;
  UnitKeys(const std::vector<Unit>& units, const FrozenLexicon* lexicon, bool with_words) {
    build(units, lexicon, with_words);
  }
  // The same, reusing this object's memory.
  void build(const std::vector<Unit>& units, const FrozenLexicon* lexicon, bool with_words);
  std::size_t size() const { return exact.size(); }

 private:
  std::vector<std::uint64_t> ngram_keys_[3];
};

// The features of the gap before unit `i` (i >= 1, space_before[i] true), written to
// `out`; returns how many (at most kMaxGapFeatures).
inline constexpr std::size_t kMaxGapFeatures = 48;
std::size_t gap_features(const UnitKeys& units, std::size_t i, bool previous_joined,
                         std::uint64_t* out);

}  // namespace tracuu
