#include "segment/train.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <unordered_map>

#include "error.h"
#include "files.h"
#include "segment/joiner.h"
#include "segment/model_tables.h"
#include "text/decode.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace tracuu {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    auto next = s.find(sep, at);
    if (next == std::string_view::npos) next = s.size();
    if (next > at) out.emplace_back(s.substr(at, next - at));
    at = next + 1;
  }
  return out;
}

GoldSentence folded(const GoldSentence& s) {
  std::vector<std::vector<std::string>> words = s.words;
  for (auto& w : words) {
    for (auto& syllable : w) syllable = fold_text(syllable);
  }
  return gold_sentence(words);
}

// Perceptron weights with the running sums that averaging needs.
class Perceptron {
 public:
  float score(const std::uint64_t* f, std::size_t n) const {
    float total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto it = w_.find(f[i]);
      if (it != w_.end()) total += it->second.weight;
    }
    return total;
  }
  void update(const std::uint64_t* f, std::size_t n, float delta) {
    for (std::size_t i = 0; i < n; ++i) {
      Weight& w = w_[f[i]];
      w.weight += delta;
      w.timed += static_cast<double>(step_) * delta;
    }
  }
  void tick() { ++step_; }
  std::vector<std::pair<std::uint64_t, float>> averaged(float prune) const {
    std::vector<std::pair<std::uint64_t, float>> out;
    for (const auto& [k, w] : w_) {
      const auto avg = static_cast<float>(w.weight - w.timed / static_cast<double>(step_));
      if (std::abs(avg) >= prune) out.emplace_back(k, avg);
    }
    return out;
  }

 private:
  struct Weight {
    float weight = 0;
    double timed = 0;  // sum of update step × change
  };
  std::unordered_map<std::uint64_t, Weight> w_;
  std::uint64_t step_ = 1;
};

}  // namespace

GoldSentence gold_sentence(const std::vector<std::vector<std::string>>& words) {
  GoldSentence s;
  s.words = words;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // byte span of each gold word
  for (auto& w : s.words) {
    if (!s.text.empty()) s.text += ' ';
    const std::size_t start = s.text.size();
    for (std::size_t k = 0; k < w.size(); ++k) {
      if (k > 0) s.text += ' ';
      w[k] = to_nfc(w[k]);
      s.text += w[k];
    }
    spans.emplace_back(start, s.text.size());
  }
  s.units = make_units(s.text, analyze(s.text));
  std::size_t word = 0;
  std::vector<bool> has_unit(spans.size(), false);
  for (const Unit& u : s.units) {
    while (word + 1 < spans.size() && u.start >= spans[word].second) ++word;
    s.word.push_back(static_cast<std::uint32_t>(word));
    has_unit[word] = true;
  }
  s.unitless_words = static_cast<std::size_t>(std::count(has_unit.begin(), has_unit.end(), false));
  return s;
}

std::vector<GoldSentence> read_gold(const std::string& path) {
  check_regular_file(path, kMaxListFileBytes, "gold file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot be read");
  std::vector<GoldSentence> out;
  std::vector<std::vector<std::string>> words;
  const bool conllu = path.size() >= 7 && path.substr(path.size() - 7) == ".conllu";
  std::string raw;
  std::size_t line_number = 0;
  while (std::getline(in, raw)) {
    ++line_number;
    std::string line;
    try {
      line = decode_text(raw);
    } catch (const DecodeError& e) {
      throw InputError(fmt::format("{}:{}", path, line_number), e.what());
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (conllu) {
      if (line.empty()) {
        if (!words.empty()) out.push_back(gold_sentence(words));
        words.clear();
        continue;
      }
      if (line[0] == '#') continue;
      const auto columns = split(line, '\t');
      if (columns.size() != 10) {
        throw InputError(fmt::format("{}:{}", path, line_number),
                         fmt::format("a CoNLL-U line has 10 columns, this one {}", columns.size()));
      }
      // Multiword token ranges (1-2) and empty nodes (1.1) are not words of the text.
      if (columns[0].find_first_not_of("0123456789") != std::string::npos) continue;
      words.push_back(split(columns[1], ' '));
    } else {
      for (const std::string& token : split(line, ' ')) {
        if (token.find_first_not_of("\t") == std::string::npos) continue;
        words.push_back(split(token, kWordJoiner));
      }
      if (!words.empty()) out.push_back(gold_sentence(words));
      words.clear();
    }
  }
  if (!words.empty()) out.push_back(gold_sentence(words));
  return out;
}

Segmenter train_segmenter(const std::vector<GoldSentence>& gold, const Lexicon& given,
                          const TrainOptions& options,
                          const std::function<void(int, double)>& progress) {
  FrozenLexicon lexicon(given);
  lexicon.index();
  std::vector<const GoldSentence*> sentences;
  std::vector<GoldSentence> copies;  // the sentences without diacritics
  if (options.folded_copies) {
    copies.reserve(gold.size());
    for (const GoldSentence& s : gold) copies.push_back(folded(s));
  }
  for (const auto& s : gold) sentences.push_back(&s);
  for (const auto& s : copies) sentences.push_back(&s);

  Perceptron model;
  std::mt19937 rng(options.seed);
  std::uint64_t features[kMaxGapFeatures];
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(sentences.begin(), sentences.end(), rng);
    std::size_t right = 0, total = 0;
    for (const GoldSentence* s : sentences) {
      const UnitKeys keys(s->units, &lexicon, true);
      bool previous = false;
      for (std::size_t i = 1; i < s->units.size(); ++i) {
        if (!keys.space_before[i]) {
          previous = false;
          continue;
        }
        const std::size_t n = gap_features(keys, i, previous, features);
        const bool predicted = model.score(features, n) > 0;
        const bool truth = s->joined(i);
        if (predicted != truth) model.update(features, n, truth ? 1.0f : -1.0f);
        model.tick();
        right += predicted == truth;
        ++total;
        previous = predicted;
      }
    }
    if (progress)
      progress(epoch, total ? static_cast<double>(right) / static_cast<double>(total) : 1.0);
  }
  Segmenter segmenter = Segmenter::from_weights(model.averaged(options.prune));
  segmenter.set_lexicon(given);
  return segmenter;
}

double Accuracy::precision() const {
  return predicted_words ? static_cast<double>(correct) / static_cast<double>(predicted_words) : 0;
}
double Accuracy::recall() const {
  return gold_words ? static_cast<double>(correct) / static_cast<double>(gold_words) : 0;
}
double Accuracy::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

void Accuracy::add(const std::vector<std::uint32_t>& gold_word, const std::vector<bool>& joined) {
  // Words as [first, last] unit spans; a word is right when both ends agree.
  const std::size_t n = gold_word.size();
  std::size_t g_start = 0, p_start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool gold_ends = i + 1 == n || gold_word[i + 1] != gold_word[i];
    const bool pred_ends = i + 1 == n || !joined[i + 1];
    if (gold_ends) ++gold_words;
    if (pred_ends) ++predicted_words;
    if (gold_ends && pred_ends && g_start == p_start) ++correct;
    if (gold_ends) g_start = i + 1;
    if (pred_ends) p_start = i + 1;
  }
}

void Accuracy::add_always_right(std::size_t words) {
  gold_words += words;
  predicted_words += words;
  correct += words;
}

Accuracy evaluate(const std::vector<GoldSentence>& gold,
                  const std::function<std::vector<bool>(const std::vector<Unit>&)>& segment) {
  Accuracy a;
  for (const GoldSentence& s : gold) {
    a.add(s.word, segment(s.units));
    a.add_always_right(s.unitless_words);
  }
  return a;
}

}  // namespace tracuu
