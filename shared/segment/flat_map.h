// A hash map from 64-bit keys to small values: open addressing, linear probing from a mix
// of the key, no node per entry. The segmenter's lexicons (keys are hashes) and corpus
// learning's counts (keys are ids side by side) use it: counting a corpus's n-grams is
// most of learning its model, and std::unordered_map's nodes made that about twice as
// slow (bench/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace tracuu {

template <typename V>
class FlatMap {
 public:
  std::size_t size() const { return size_ + (zero_ ? 1 : 0); }
  // The value of `key`, inserted as `value` when absent; true when it was inserted.
  std::pair<V*, bool> try_emplace(std::uint64_t key, const V& value) {
    if (key == 0) {  // 0 marks an empty slot: the key 0 is kept aside
      if (zero_) return {&*zero_, false};
      zero_ = value;
      return {&*zero_, true};
    }
    if ((size_ + 1) * 8 > slots_.size() * 5) grow();  // at most 5/8 full
    for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return {&slots_[i].value, false};
      if (slots_[i].key == 0) {
        slots_[i].key = key;
        slots_[i].value = value;
        ++size_;
        return {&slots_[i].value, true};
      }
    }
  }
  V& operator[](std::uint64_t key) { return *try_emplace(key, V{}).first; }
  // The value of `key`, or null.
  const V* find(std::uint64_t key) const {
    if (key == 0) return zero_ ? &*zero_ : nullptr;
    if (slots_.empty()) return nullptr;
    for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  const V& at(std::uint64_t key) const {
    const V* v = find(key);
    if (v == nullptr) throw std::out_of_range("FlatMap::at");
    return *v;
  }
  // f(key, value) for every entry, in no particular order.
  template <typename F>
  void for_each(F f) const {
    if (zero_) f(std::uint64_t{0}, *zero_);
    for (const Slot& s : slots_) {
      if (s.key != 0) f(s.key, s.value);
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;  // 0: empty
    V value{};
  };
  // The slot's low bits from every bit of the key (a multiply, then the high half down).
  std::size_t slot(std::uint64_t key) const {
    const std::uint64_t x = key * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(x ^ (x >> 29)) & mask_;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.key != 0) try_emplace(s.key, s.value);
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;  // in slots_
  std::optional<V> zero_;
};

}  // namespace tracuu
