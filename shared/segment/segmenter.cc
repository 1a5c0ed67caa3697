#include "segment/segmenter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "error.h"
#include "files.h"
#include "segment/joiner.h"
#include "segment/model_tables.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

// Model files: little-endian, in this order (see resources/README.md):
//   "TRCUSEG" + format version byte     8 bytes
//   feature version                      u32: the templates of gap_features()
//   reserved                             u32: 0
//   weight count N                       u64
//   N feature keys                       u64 each, ascending
//   N weights                            f32 each
//   n-gram count L                       u64
//   L n-gram keys                        u64 each, ascending
//   L scores                             f32 each (corpus cohesion, 0 to 1)
//   word count W                         u64
//   W word keys                          u64 each, ascending
//   W values                             f32 each (1)
//   zero bytes to a multiple of 8
//   checksum                             u64 over every byte before it
constexpr char kMagic[8] = {'T', 'R', 'C', 'U', 'S', 'E', 'G', 1};
// Bump with any change to gap_features(): old weights would mean other features.
constexpr std::uint32_t kFeatureVersion = 1;

[[gnu::always_inline]] inline std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

// One multiply per part: a multiply carries every bit of a part into the bits above it, so
// even small parts (shapes, flags) reach the high 32 bits that tables tell keys apart by;
// the last shift brings the high bits down to the low ones that pick a table slot.
[[gnu::always_inline]] inline std::uint64_t feature_key(std::uint64_t templ, std::uint64_t a,
                                                        std::uint64_t b = 0, std::uint64_t c = 0,
                                                        std::uint64_t d = 0) {
  std::uint64_t k = (templ + 1) * 0x9E3779B97F4A7C15ull;
  k = (k ^ a) * 0xBF58476D1CE4E5B9ull;
  k = (k ^ (k >> 31) ^ b) * 0x94D049BB133111EBull;
  k = (k ^ (k >> 31) ^ c) * 0xBF58476D1CE4E5B9ull;
  k = (k ^ (k >> 31) ^ d) * 0x94D049BB133111EBull;
  k ^= k >> 32;
  return k == 0 ? 1 : k;
}

// Four independent lanes over 32-byte blocks, so that checking a few megabytes of model
// takes well under a millisecond.
std::uint64_t checksum(std::string_view bytes) {
  constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ull, kP2 = 0xC2B2AE3D27D4EB4Full;
  std::uint64_t lane[4] = {kP1, kP2, ~kP1, ~kP2};
  std::size_t i = 0;
  for (; i + 32 <= bytes.size(); i += 32) {
    for (int k = 0; k < 4; ++k) {
      std::uint64_t w;
      std::memcpy(&w, bytes.data() + i + 8 * k, 8);
      lane[k] = ((lane[k] + w * kP2) << 31 | (lane[k] + w * kP2) >> 33) * kP1;
    }
  }
  std::uint64_t h = mix(lane[0] ^ mix(lane[1]) ^ mix(mix(lane[2])) ^ mix(mix(mix(lane[3]))));
  for (; i < bytes.size(); ++i) h = mix(h ^ static_cast<unsigned char>(bytes[i]));
  return mix(h ^ bytes.size());
}

// Set in the keys of features computed with known words (gap_features()).
constexpr std::uint64_t kRegimeBit = 1ull << 63;

// Values standing for "no unit here" in features.
constexpr std::uint64_t kBoundary = 0x5BD1E9955BD1E995ull;

template <typename T>
void put(std::string& out, T value) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));
  out.append(buf, sizeof(T));
}

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& origin) : bytes_(bytes), origin_(origin) {}
  template <typename T>
  T get() {
    if (at_ + sizeof(T) > bytes_.size()) {
      throw ModelError(
          fmt::format("{}: segmentation model is truncated (at byte {})", origin_, at_));
    }
    T value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  // The next `n` bytes, in place.
  std::string_view take(std::size_t n) {
    if (at_ + n > bytes_.size()) {
      throw ModelError(
          fmt::format("{}: segmentation model is truncated (at byte {})", origin_, at_));
    }
    const std::string_view out = bytes_.substr(at_, n);
    at_ += n;
    return out;
  }
  std::size_t at() const { return at_; }

 private:
  std::string_view bytes_;
  const std::string& origin_;
  std::size_t at_ = 0;
};

}  // namespace

std::uint64_t form_hash(std::string_view form) {
  // Eight bytes at a time: forms are short, and this runs for every unit.
  std::uint64_t h = 0xCBF29CE484222325ull ^ form.size();
  std::size_t i = 0;
  for (; i + 8 <= form.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, form.data() + i, 8);
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, form.data() + i, form.size() - i);
  return mix(h ^ tail);
}

std::uint64_t ngram_key(const std::uint64_t* keys, std::size_t n) {
  // The parts are well-mixed hashes: a multiply per part keeps their order, a final mix
  // spreads them over every bit.
  std::uint64_t h = 0x2545F4914F6CDD1Dull * (n + 1);
  for (std::size_t i = 0; i < n; ++i) h = ((h ^ (h >> 31)) ^ keys[i]) * 0x9E3779B97F4A7C15ull;
  h = mix(h);
  return h == 0 ? 1 : h;
}

void Lexicon::add_ngram(std::uint64_t key, float score) {
  auto [s, inserted] = ngrams_.try_emplace(key, score);
  if (!inserted) *s = std::max(*s, score);
}

void Lexicon::add_word(const std::vector<std::string>& forms) {
  std::vector<std::uint64_t> keys;
  for (const auto& f : forms) keys.push_back(form_hash(f));
  add_word_key(ngram_key(keys.data(), keys.size()));
}

void Lexicon::add_word_key(std::uint64_t key) { words_[key] = 1.0f; }

void Lexicon::merge(const Lexicon& other) {
  other.ngrams_.for_each([this](std::uint64_t k, float v) { add_ngram(k, v); });
  other.words_.for_each([this](std::uint64_t k, float) { add_word_key(k); });
}

float Lexicon::ngram_score(const std::uint64_t* keys, std::size_t n) const {
  const float* v = ngrams_.find(ngram_key(keys, n));
  return v == nullptr ? -1.0f : *v;
}

namespace {
FrozenTable freeze(const FlatMap<float>& table) {
  std::vector<std::pair<std::uint64_t, float>> entries;
  entries.reserve(table.size());
  table.for_each([&entries](std::uint64_t k, float v) { entries.emplace_back(k, v); });
  return FrozenTable(std::move(entries));
}
}  // namespace

FrozenLexicon::FrozenLexicon(const Lexicon& lexicon)
    : ngrams(freeze(lexicon.ngrams_)), words(freeze(lexicon.words_)) {}

Lexicon FrozenLexicon::thaw() const {
  Lexicon lexicon;
  for (std::size_t i = 0; i < ngrams.size(); ++i) lexicon.add_ngram(ngrams.key(i), ngrams.value(i));
  for (std::size_t i = 0; i < words.size(); ++i) lexicon.add_word_key(words.key(i));
  return lexicon;
}

void CompactLexicon::assign(const FrozenTable& ngrams, const FrozenTable& words) {
  // Both tables' keys ascend: merged, each key once, at most a quarter full (CompactTable).
  std::size_t capacity = 16;
  while (capacity < (ngrams.size() + words.size()) * 4) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  auto insert = [this](std::uint64_t key, float score, bool word) {
    std::size_t i = key & mask_;
    while (slots_[i].fp != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{fingerprint(key) | (word ? kWordBit : 0u), score};
  };
  std::size_t a = 0, b = 0;
  while (a < ngrams.size() || b < words.size()) {
    if (b == words.size() || (a < ngrams.size() && ngrams.key(a) < words.key(b))) {
      insert(ngrams.key(a), ngrams.value(a), false);
      ++a;
    } else if (a == ngrams.size() || words.key(b) < ngrams.key(a)) {
      insert(words.key(b), -1.0f, words.value(b) > 0);
      ++b;
    } else {
      insert(ngrams.key(a), ngrams.value(a), words.value(b) > 0);
      ++a;
      ++b;
    }
  }
}

void CompactTable::assign(const FrozenTable& table, std::size_t from, std::size_t to) {
  // At most a quarter full: most lookups are of features the model never saw, and a miss
  // probes until an empty slot (about 1.4 slots at this load, 8.5 at three quarters).
  std::size_t capacity = 16;
  while (capacity < (to - from) * 4) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (std::size_t k = from; k < to; ++k) {
    const std::uint64_t key = table.key(k);
    std::size_t i = key & mask_;
    while (slots_[i].fp != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{fingerprint(key), table.value(k)};
  }
}

FrozenTable::FrozenTable(std::vector<std::pair<std::uint64_t, float>> entries) {
  std::sort(entries.begin(), entries.end());
  auto bytes = std::make_shared<std::string>(entries.size() * 12, '\0');
  char* keys = bytes->data();
  char* values = keys + 8 * entries.size();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::memcpy(keys + 8 * i, &entries[i].first, 8);
    std::memcpy(values + 4 * i, &entries[i].second, 4);
  }
  keys_ = keys;
  values_ = values;
  size_ = entries.size();
  storage_ = std::move(bytes);
}

void UnitKeys::build(const std::vector<Unit>& units, const FrozenLexicon* lexicon,
                     bool with_words) {
  const std::size_t n = units.size();
  exact.clear();
  folded.clear();
  shape.clear();
  space_before.clear();
  for (const Unit& u : units) {
    exact.push_back(form_hash(u.form));
    folded.push_back(u.folded == u.form ? exact.back() : form_hash(u.folded));
    shape.push_back(static_cast<std::uint8_t>(u.shape));
    space_before.push_back(u.space_before ? 1 : 0);
  }
  has_ngrams = lexicon != nullptr && lexicon->ngrams.size() > 0;
  has_words = with_words && lexicon != nullptr && lexicon->words.size() > 0;
  if (!has_ngrams && !has_words) return;
  // The keys of every n-gram within a run first, so that the lookups overlap.
  std::size_t run = 0;  // units in the run of space-separated units ending here
  for (auto& k : ngram_keys_) k.clear();
  for (std::size_t k = 0; k < n; ++k) {
    run = k > 0 && space_before[k] ? run + 1 : 1;
    for (std::size_t len = 2; len <= 4; ++len) {
      const std::uint64_t key = len <= run ? ngram_key(&exact[k + 1 - len], len) : 0;
      ngram_keys_[len - 2].push_back(key);
      if (key != 0) lexicon->prefetch(key);
    }
  }
  for (std::size_t len = 2; len <= 4; ++len) {
    ngram_ending[len - 2].resize(n);
    word_ending[len - 2].resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint64_t key = ngram_keys_[len - 2][k];
      bool word = false;
      ngram_ending[len - 2][k] = key != 0 ? lexicon->find(key, has_words, &word) : -1.0f;
      word_ending[len - 2][k] = word ? 1 : 0;
    }
  }
}

namespace {

// The keys of the features made of small numbers only (shapes, flags, lengths, score
// buckets), each with its regime's mark, computed once rather than hashed at every gap:
// about half of a gap's features.
struct SmallKeys {
  static constexpr std::size_t kShapes = 6;   // Shape's 5 values, and "no unit" (9)
  static constexpr std::size_t kBuckets = 6;  // bucket() 0-4, and "no score" (9)
  std::uint64_t shapes[2][kShapes][kShapes];  // 20
  std::uint64_t context_shapes[2][kShapes][kShapes][kShapes][kShapes];  // 21
  std::uint64_t previous[2][2];                                         // 22
  std::uint64_t previous_shapes[2][2][kShapes][kShapes];                // 23
  std::uint64_t bias[2];                                                // 24
  std::uint64_t ngram[2][3][3][5];                  // 30: length 2-4, the gap's place 1-3, bucket
  std::uint64_t no_ngram[2];                        // 31
  std::uint64_t neighbours[2][kBuckets][kBuckets];  // 32
  std::uint64_t compete[2][2][2][2];                // 33
  std::uint64_t word[2][3][3];                      // 40: length 2-4, the gap's place 1-3
  std::uint64_t word_before[2][3];                  // 41: length
  std::uint64_t word_after[2][3];                   // 42: length
  std::uint64_t no_word[2];                         // 43

  SmallKeys() {
    // The value a feature's key was made of: shapes and buckets as they are, 9 for none.
    auto v = [](std::size_t index, std::size_t none) -> std::uint64_t {
      return index == none ? 9 : index;
    };
    for (std::size_t r = 0; r < 2; ++r) {
      const std::uint64_t regime = r ? 1000 : 0;
      auto key = [r, regime](std::uint64_t templ, std::uint64_t a, std::uint64_t b = 0,
                             std::uint64_t c = 0, std::uint64_t d = 0) {
        const std::uint64_t k = feature_key(regime + templ, a, b, c, d);
        return r ? k | kRegimeBit : k & ~kRegimeBit;
      };
      for (std::size_t a = 0; a < kShapes; ++a) {
        for (std::size_t b = 0; b < kShapes; ++b) {
          shapes[r][a][b] = key(20, a, b);
          for (std::size_t p = 0; p < 2; ++p) previous_shapes[r][p][a][b] = key(23, p, a, b);
          for (std::size_t c = 0; c < kShapes; ++c) {
            for (std::size_t d = 0; d < kShapes; ++d) {
              context_shapes[r][c][a][b][d] = key(21, v(c, 5), a, b, v(d, 5));
            }
          }
          neighbours[r][a][b] = key(32, v(a, 5), v(b, 5));
        }
      }
      for (std::size_t p = 0; p < 2; ++p) previous[r][p] = key(22, p);
      bias[r] = key(24, 0);
      for (std::uint64_t len = 2; len <= 4; ++len) {
        for (std::uint64_t place = 1; place <= 3; ++place) {
          for (std::uint64_t b = 0; b < 5; ++b) {
            ngram[r][len - 2][place - 1][b] = key(30, len, place, b);
          }
          word[r][len - 2][place - 1] = key(40, len, place);
        }
        word_before[r][len - 2] = key(41, len);
        word_after[r][len - 2] = key(42, len);
      }
      no_ngram[r] = key(31, 0);
      for (std::size_t a = 0; a < 2; ++a) {
        for (std::size_t b = 0; b < 2; ++b) {
          for (std::size_t c = 0; c < 2; ++c) compete[r][a][b][c] = key(33, a, b, c);
        }
      }
      no_word[r] = key(43, 0);
    }
  }
};

const SmallKeys& small_keys() {
  static const SmallKeys keys;
  return keys;
}

}  // namespace

std::size_t gap_features(const UnitKeys& u, std::size_t i, bool previous_joined,
                         std::uint64_t* out) {
  // With known words the evidence is another: every feature then has its own weight (in
  // effect a second model, trained on the same sentences), its keys marked by the top bit
  // so that each of the two lives in a table of its own (kRegimeBit).
  const std::size_t r = u.has_words ? 1 : 0;
  const std::uint64_t regime = r ? 1000 : 0;
  const std::uint64_t mark = r ? kRegimeBit : 0;
  const SmallKeys& small = small_keys();
  std::size_t count = 0;
  auto emit = [&](std::uint64_t key) { out[count++] = (key & ~kRegimeBit) | mark; };
  auto emit_small = [&](std::uint64_t key) { out[count++] = key; };
  const std::size_t n = u.size();
  // Context: the units within the same run of space-separated units.
  const bool has_p2 = i >= 2 && u.space_before[i - 1];
  const bool has_n2 = i + 1 < n && u.space_before[i + 1];
  auto at = [&](const std::vector<std::uint64_t>& v, bool present, std::size_t k) {
    return present ? v[k] : kBoundary;
  };
  const std::size_t p1 = i - 1, n1 = i;
  for (std::uint64_t base : {0ull, 100ull}) {  // exact forms, then folded forms
    const auto& v = base == 0 ? u.exact : u.folded;
    const std::uint64_t P2 = at(v, has_p2, i - 2), P1 = v[p1], N1 = v[n1],
                        N2 = at(v, has_n2, i + 1);
    emit(feature_key(regime + base + 1, P1));
    emit(feature_key(regime + base + 2, N1));
    emit(feature_key(regime + base + 5, P1, N1));
    emit(feature_key(regime + base + 6, P2, P1));
    emit(feature_key(regime + base + 7, N1, N2));
    if (base == 0) {  // two units away, only the exact forms: the folded add nothing there
      emit(feature_key(regime + base + 3, P2));
      emit(feature_key(regime + base + 4, N2));
      emit(feature_key(regime + base + 8, P2, P1, N1));
      emit(feature_key(regime + base + 9, P1, N1, N2));
    }
  }
  const std::size_t S1 = u.shape[p1], S2 = u.shape[n1];
  const std::size_t SP2 = has_p2 ? u.shape[i - 2] : 5, SN2 = has_n2 ? u.shape[i + 1] : 5;
  const std::size_t previous = previous_joined ? 1 : 0;
  emit_small(small.shapes[r][S1][S2]);
  emit_small(small.context_shapes[r][SP2][S1][S2][SN2]);
  emit_small(small.previous[r][previous]);
  emit_small(small.previous_shapes[r][previous][S1][S2]);
  emit_small(small.bias[r]);
  emit(feature_key(regime + 25, u.exact[p1], S2));
  emit(feature_key(regime + 26, S1, u.exact[n1]));

  auto bucket = [](float s) { return static_cast<std::size_t>(std::min(4.0f, std::floor(s * 5))); };
  // The n-grams of 2-4 units that contain the gap end at i .. i + len - 2 (and within the
  // text: at len - 1 .. n - 1), the gap after their unit i - (end + 1 - len); those that
  // end at p1 or start at n1 put a boundary here.
  auto first_end = [i](std::size_t len) { return std::max(i, len - 1); };
  auto last_end = [i, n](std::size_t len) { return std::min(i + len - 2, n - 1); };
  if (u.has_ngrams) {
    bool any = false;
    for (std::size_t len = 2; len <= 4; ++len) {
      for (std::size_t end = first_end(len); end <= last_end(len); ++end) {
        const float s = u.ngram_ending[len - 2][end];
        if (s < 0) continue;
        any = true;
        emit_small(small.ngram[r][len - 2][i - (end + 1 - len) - 1][bucket(s)]);
      }
    }
    if (!any) emit_small(small.no_ngram[r]);
    // The competing pairs: is p1 bound more to p2, or n1 to n2, than to each other?
    const float here = u.ngram_ending[0][i];
    const float left = has_p2 ? u.ngram_ending[0][i - 1] : -1;
    const float right = has_n2 ? u.ngram_ending[0][i + 1] : -1;
    emit_small(small.neighbours[r][left < 0 ? 5 : bucket(left)][right < 0 ? 5 : bucket(right)]);
    emit_small(small.compete[r][here > left][here > right][here < 0]);
  }
  if (u.has_words) {
    bool spans = false;
    for (std::size_t len = 2; len <= 4; ++len) {
      const std::vector<std::uint8_t>& ending = u.word_ending[len - 2];
      for (std::size_t end = first_end(len); end <= last_end(len); ++end) {
        if (!ending[end]) continue;
        spans = true;
        emit_small(small.word[r][len - 2][i - (end + 1 - len) - 1]);
      }
      // A known word ending at p1, or starting at n1 (ending at i + len - 1 in its run).
      if (ending[p1]) emit_small(small.word_before[r][len - 2]);
      if (i + len - 1 < n && ending[i + len - 1]) emit_small(small.word_after[r][len - 2]);
    }
    if (!spans) emit_small(small.no_word[r]);
  }
  return count;
}

struct Segmenter::Tables {
  FrozenTable weights;
  FrozenLexicon lexicon;
  CompactTable by_regime[2];  // after prepare_for_bulk(): weights without, with known words
  bool bulk = false;
  bool uses_words = false;
};

Segmenter::Segmenter() : tables_(std::make_shared<const Tables>()) {}

Segmenter Segmenter::from_weights(std::vector<std::pair<std::uint64_t, float>> weights) {
  auto t = std::make_shared<Tables>();
  t->weights = FrozenTable(std::move(weights));
  t->uses_words = t->weights.lower_bound(kRegimeBit) < t->weights.size();
  return Segmenter(std::move(t));
}

void Segmenter::prepare_for_bulk() {
  auto t = std::make_shared<Tables>(*tables_);
  // One table per regime (the keys are sorted: those without kRegimeBit come first), so
  // that a segmentation touches half the memory.
  const std::size_t split = t->weights.lower_bound(kRegimeBit);
  t->by_regime[0].assign(t->weights, 0, split);
  t->by_regime[1].assign(t->weights, split, t->weights.size());
  t->bulk = true;
  t->lexicon.index();
  tables_ = std::move(t);
}

Lexicon Segmenter::lexicon() const { return tables_->lexicon.thaw(); }

void Segmenter::set_lexicon(const Lexicon& lexicon) {
  auto t = std::make_shared<Tables>(*tables_);
  t->lexicon = FrozenLexicon(lexicon);
  tables_ = std::move(t);
}

std::size_t Segmenter::ngram_count() const { return tables_->lexicon.ngrams.size(); }
std::size_t Segmenter::word_count() const { return tables_->lexicon.words.size(); }
std::size_t Segmenter::feature_count() const { return tables_->weights.size(); }
bool Segmenter::uses_words() const { return tables_->uses_words; }

float Segmenter::cohesion(const std::uint64_t* forms, std::size_t n) const {
  bool word = false;
  return tables_->lexicon.find(ngram_key(forms, n), false, &word);
}

std::string Segmenter::serialize() const {
  std::string out(kMagic, sizeof(kMagic));
  put<std::uint32_t>(out, kFeatureVersion);
  put<std::uint32_t>(out, 0);
  for (const FrozenTable* t :
       {&tables_->weights, &tables_->lexicon.ngrams, &tables_->lexicon.words}) {
    put<std::uint64_t>(out, t->size());
    if (t->size() == 0) continue;  // an empty table's bytes may be null
    out.append(t->key_bytes());
    out.append(t->value_bytes());
  }
  out.append((8 - out.size() % 8) % 8, '\0');
  put<std::uint64_t>(out, checksum(out));
  return out;
}

Segmenter Segmenter::read(std::string_view bytes, std::shared_ptr<const void> storage,
                          const std::string& origin, bool check) {
  auto damaged = [&origin](const char* what) {
    return ModelError(fmt::format("{}: segmentation model is damaged ({})", origin, what));
  };
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 7) != 0) {
    throw ModelError(fmt::format("{}: not a tracuu segmentation model", origin));
  }
  if (bytes[7] != kMagic[7]) {
    throw ModelError(fmt::format("{}: segmentation model format {} (this tracuu reads {})", origin,
                                 static_cast<int>(bytes[7]), static_cast<int>(kMagic[7])));
  }
  if (bytes.size() < 40 || bytes.size() % 8 != 0) throw damaged("truncated");
  if (check && !intact(bytes)) throw damaged("checksum mismatch");
  Reader r(bytes.substr(0, bytes.size() - 8), origin);
  r.get<std::uint64_t>();  // magic
  const auto features = r.get<std::uint32_t>();
  if (features != kFeatureVersion) {
    throw ModelError(
        fmt::format("{}: segmentation model has feature set {}, this tracuu uses {}: "
                    "train it again",
                    origin, features, kFeatureVersion));
  }
  r.get<std::uint32_t>();
  auto tables = std::make_shared<Tables>();
  for (FrozenTable* t : {&tables->weights, &tables->lexicon.ngrams, &tables->lexicon.words}) {
    const auto n = r.get<std::uint64_t>();
    if (n > bytes.size() / 12) throw damaged("bad count");
    const std::string_view keys = r.take(n * 8), values = r.take(n * 4);
    *t = FrozenTable(storage, keys.data(), values.data(), n);
    if (!check) continue;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && t->key(i) <= t->key(i - 1)) throw damaged("keys out of order");
      if (!std::isfinite(t->value(i))) throw damaged("bad value");
    }
  }
  // What follows the tables is the padding to 8 bytes; anything longer is not this format.
  if (bytes.size() - 8 - r.at() >= 8) throw damaged("bytes after the tables");
  tables->uses_words = tables->weights.lower_bound(kRegimeBit) < tables->weights.size();
  return Segmenter(std::move(tables));
}

Segmenter Segmenter::deserialize(std::string_view bytes, const std::string& origin) {
  // One copy of the bytes, which the tables then refer to.
  auto copy = std::make_shared<const std::string>(bytes);
  return read(*copy, copy, origin, true);
}

Segmenter Segmenter::view(std::string_view bytes, std::shared_ptr<const void> storage,
                          const std::string& origin) {
  return read(bytes, std::move(storage), origin, false);
}

bool Segmenter::intact(std::string_view bytes) {
  const std::optional<std::uint64_t> stored = stored_checksum(bytes);
  return stored && checksum(bytes.substr(0, bytes.size() - 8)) == *stored;
}

std::optional<std::uint64_t> Segmenter::stored_checksum(std::string_view bytes) {
  if (bytes.size() < 40 || bytes.size() % 8 != 0 || std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return std::nullopt;
  }
  std::uint64_t stored;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  return stored;
}

Segmenter Segmenter::load_file(const std::string& path) {
  try {
    check_regular_file(path, kMaxModelFileBytes, "segmentation model");
  } catch (const InputError& e) {
    throw ModelError(fmt::format("{}: {}", e.location(), e.what()));
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw ModelError(fmt::format("{}: cannot read the segmentation model", path));
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw ModelError(fmt::format("{}: cannot read the segmentation model", path));
  }
  return deserialize(bytes, path);
}

std::vector<bool> Segmenter::segment(const std::vector<Unit>& units) const {
  std::vector<bool> joined(units.size(), false);
  if (units.size() < 2) return joined;
  const Tables& t = *tables_;
  thread_local UnitKeys keys;  // reused: segmenting is mostly short texts, many of them
  keys.build(units, &t.lexicon, t.uses_words);
  std::uint64_t features[kMaxGapFeatures];
  bool previous = false;
  for (std::size_t i = 1; i < units.size(); ++i) {
    if (!keys.space_before[i]) {
      previous = false;
      continue;
    }
    const std::size_t n = gap_features(keys, i, previous, features);
    float total = 0;
    if (t.bulk) {
      const CompactTable& table = t.by_regime[keys.has_words ? 1 : 0];
      for (std::size_t f = 0; f < n; ++f) table.prefetch(features[f]);
      for (std::size_t f = 0; f < n; ++f) total += table.get(features[f], 0.0f);
    } else {
      for (std::size_t f = 0; f < n; ++f) total += t.weights.get(features[f], 0.0f);
    }
    joined[i] = total > 0;
    previous = joined[i];
  }
  return joined;
}

std::string underscore_words(std::string_view text, const std::vector<Unit>& units,
                             const std::vector<bool>& joined) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && joined[i]) {
      out.append(text.substr(at, units[i - 1].end - at));
      // Each whitespace character between the units of one word becomes a joiner.
      for (std::size_t pos = units[i - 1].end; pos < units[i].start;) {
        next_code_point(text, pos);
        out.push_back(kWordJoiner);
      }
      at = units[i].start;
    }
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace tracuu
