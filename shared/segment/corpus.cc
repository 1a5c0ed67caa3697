#include "segment/corpus.h"

#include <algorithm>
#include <cmath>

namespace tracuu {
namespace {

bool is_syllable(const Unit& u) { return u.shape != Shape::kNumber && u.shape != Shape::kMixed; }

// NPMI of x followed by y, from counts out of `total`: 1 when they only occur together,
// 0 when independent.
double npmi(double xy, double x, double y, double total) {
  if (xy <= 0 || x <= 0 || y <= 0) return -1;
  const double p_xy = xy / total;
  if (p_xy >= 1) return 1;
  return std::log(p_xy / ((x / total) * (y / total))) / -std::log(p_xy);
}

}  // namespace

void NgramCounter::add(const std::vector<Unit>& units) {
  // The ids of the last unigram and bigram in the current run (UINT32_MAX: none).
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t prev_uni = kNone, prev_bi = kNone;
  for (const Unit& u : units) {
    if (!is_syllable(u)) {
      prev_uni = prev_bi = kNone;
      continue;
    }
    if (!u.space_before) prev_uni = prev_bi = kNone;
    ++total_;
    const std::uint64_t h = form_hash(u.form);
    auto [uni, fresh] =
        unigrams_.try_emplace(h, Entry{static_cast<std::uint32_t>(unigram_hash_.size()), 0});
    if (fresh) {
      unigram_hash_.push_back(h);
      unigram_form_.push_back(u.form);
    }
    ++uni->count;
    const std::uint32_t id = uni->id;
    std::uint32_t bi_id = kNone;
    if (prev_uni != kNone) {
      const std::uint64_t key = static_cast<std::uint64_t>(prev_uni) << 32 | id;
      auto [bi, new_bi] =
          bigrams_.try_emplace(key, Entry{static_cast<std::uint32_t>(bigram_key_.size()), 0});
      if (new_bi) bigram_key_.push_back(key);
      ++bi->count;
      bi_id = bi->id;
      if (prev_bi != kNone) ++trigrams_[static_cast<std::uint64_t>(prev_bi) << 32 | id];
    }
    prev_uni = id;
    prev_bi = bi_id;
  }
}

Lexicon NgramCounter::learn(const LearnOptions& options) const {
  Lexicon lexicon;
  const double total = static_cast<double>(total_);
  auto uni_count = [&](std::uint32_t id) {
    return static_cast<double>(unigrams_.at(unigram_hash_[id]).count);
  };
  auto bi_count = [&](std::uint32_t a, std::uint32_t b) -> double {
    const Entry* e = bigrams_.find(static_cast<std::uint64_t>(a) << 32 | b);
    return e == nullptr ? 0.0 : e->count;
  };
  bigrams_.for_each([&](std::uint64_t key, const Entry& e) {
    if (e.count < options.min_count) return;
    const auto a = static_cast<std::uint32_t>(key >> 32), b = static_cast<std::uint32_t>(key);
    const double score = npmi(e.count, uni_count(a), uni_count(b), total);
    if (score < options.min_score) return;
    const std::uint64_t parts[2] = {unigram_hash_[a], unigram_hash_[b]};
    lexicon.add_ngram(ngram_key(parts, 2), static_cast<float>(score));
  });
  trigrams_.for_each([&](std::uint64_t key, std::uint32_t count) {
    if (count < options.min_count) return;
    const std::uint64_t ab = bigram_key_[key >> 32];
    const auto a = static_cast<std::uint32_t>(ab >> 32), b = static_cast<std::uint32_t>(ab),
               c = static_cast<std::uint32_t>(key);
    const double left = npmi(count, bigrams_.at(ab).count, uni_count(c), total);
    const double right = npmi(count, uni_count(a), bi_count(b, c), total);
    const double score = std::min(left, right);
    if (score < options.min_score) return;
    const std::uint64_t parts[3] = {unigram_hash_[a], unigram_hash_[b], unigram_hash_[c]};
    lexicon.add_ngram(ngram_key(parts, 3), static_cast<float>(score));
  });
  return lexicon;
}

std::vector<std::string> NgramCounter::examples(
    std::size_t k, const LearnOptions& options,
    const std::function<bool(const std::string&)>& keep) const {
  const double total = static_cast<double>(total_);
  auto uni = [&](std::uint32_t id) {
    return static_cast<double>(unigrams_.at(unigram_hash_[id]).count);
  };
  std::vector<std::pair<std::uint32_t, std::string>> found;
  trigrams_.for_each([&](std::uint64_t key, std::uint32_t count) {
    if (count < options.min_count) return;
    const std::uint64_t ab = bigram_key_[key >> 32];
    const auto a = static_cast<std::uint32_t>(ab >> 32), b = static_cast<std::uint32_t>(ab),
               c = static_cast<std::uint32_t>(key);
    const Entry* bc = bigrams_.find(static_cast<std::uint64_t>(b) << 32 | c);
    const double score = std::min(npmi(count, bigrams_.at(ab).count, uni(c), total),
                                  npmi(count, uni(a), bc == nullptr ? 0 : bc->count, total));
    if (score < 0.5) return;  // examples: clear cases only
    std::string text = unigram_form_[a] + " " + unigram_form_[b] + " " + unigram_form_[c];
    if (keep(text)) found.emplace_back(count, std::move(text));
  });
  bigrams_.for_each([&](std::uint64_t key, const Entry& e) {
    if (e.count < options.min_count) return;
    const auto a = static_cast<std::uint32_t>(key >> 32), b = static_cast<std::uint32_t>(key);
    if (npmi(e.count, uni(a), uni(b), total) < 0.5) return;
    std::string text = unigram_form_[a] + " " + unigram_form_[b];
    if (keep(text)) found.emplace_back(e.count, std::move(text));
  });
  std::sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && i < k; ++i) out.push_back(found[i].second);
  return out;
}

std::vector<bool> segment_by_lexicon(const std::vector<Unit>& units, const Lexicon& lexicon,
                                     const std::vector<float>& thresholds) {
  std::vector<bool> joined(units.size(), false);
  std::vector<std::uint64_t> keys;
  for (const Unit& u : units) keys.push_back(form_hash(u.form));
  for (std::size_t i = 0; i < units.size();) {
    std::size_t best = 1;
    for (std::size_t n = thresholds.size() + 1; n >= 2; --n) {
      if (i + n > units.size()) continue;
      bool run = true;
      for (std::size_t k = i + 1; k < i + n; ++k) run = run && units[k].space_before;
      if (!run) continue;
      if (lexicon.ngram_score(&keys[i], n) >= thresholds[n - 2]) {
        best = n;
        break;
      }
    }
    for (std::size_t k = i + 1; k < i + best; ++k) joined[k] = true;
    i += best;
  }
  return joined;
}

}  // namespace tracuu
