// Word segmentation benchmark: accuracy on gold data, speed on a corpus, model load time.
//
//   tracuu-bench-segment --train TRAIN.conllu --dev DEV.conllu --corpus PATH...
//                        [--words LIST]... [--model FILE] [--folds K] [--epochs N]
//
// Every configuration is measured twice: trained on train and measured on dev, and by
// cross-validation on train alone (K folds), which is what choices are made on.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "index/index_run.h"
#include "ingest/report.h"
#include "segment/corpus.h"
#include "segment/lexicon_file.h"
#include "segment/segmenter.h"
#include "segment/train.h"
#include "text/analyze.h"
#include "text/fold.h"
#include "text/normalize.h"

using namespace tracuu;

namespace {

class Quiet : public IndexObserver {
 public:
  void skipped(const std::string&, const std::string&) override {}
  void note(const std::string&) override {}
  void progress(const IndexStats&) override {}
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

using SegmentFn = std::function<std::vector<bool>(const std::vector<Unit>&)>;

// Word P, R, F1 on `gold`, and the recall of its names: gold words of two units or more,
// every unit capitalised (Hà_Nội, Nguyễn_Văn_An).
struct Measured {
  Accuracy words;
  std::size_t names = 0;
  std::size_t names_found = 0;
};

Measured measure(const std::vector<GoldSentence>& gold, const SegmentFn& segment) {
  Measured m;
  m.words = evaluate(gold, segment);
  for (const GoldSentence& s : gold) {
    const std::vector<bool> joined = segment(s.units);
    const std::size_t n = s.units.size();
    for (std::size_t first = 0, end = 0; first < n; first = end) {
      end = first + 1;
      while (end < n && s.joined(end)) ++end;
      bool name = end - first >= 2;
      for (std::size_t k = first; k < end && name; ++k) name = s.units[k].shape == Shape::kTitle;
      if (!name) continue;
      bool found = (first == 0 || !joined[first]) && (end == n || !joined[end]);
      for (std::size_t k = first + 1; k < end && found; ++k) found = joined[k];
      ++m.names;
      m.names_found += found;
    }
  }
  return m;
}

Measured measure(const std::vector<GoldSentence>& gold, const Segmenter& s) {
  return measure(gold, [&s](const std::vector<Unit>& u) { return s.segment(u); });
}

void row(const std::string& name, const Measured& m, const std::string& cv,
         const std::string& note) {
  const Accuracy& a = m.words;
  fmt::print("| {:<52} | {:.4f} | {:.4f} | {:.4f} | {:.3f} | {:<6} | {} |\n", name, a.precision(),
             a.recall(), a.f1(),
             m.names ? static_cast<double>(m.names_found) / static_cast<double>(m.names) : 0.0, cv,
             note);
}

// The words of one side (gold or predicted) that the other lacks, by kind, and the most
// frequent of them: where the errors are.
struct Errors {
  std::size_t names = 0, numbers = 0, other = 0;
  std::map<std::string, std::size_t> count;
  void add(const std::vector<Unit>& units, std::size_t first, std::size_t end) {
    bool number = false, name = end - first >= 2;
    std::string text;
    for (std::size_t k = first; k < end; ++k) {
      number = number || units[k].shape == Shape::kNumber;
      name = name && units[k].shape == Shape::kTitle;
      text += (k > first ? "_" : "") + units[k].form;
    }
    ++(number ? numbers : name ? names : other);
    ++count[text];
  }
  std::string most_frequent(std::size_t k) const {
    std::vector<std::pair<std::size_t, std::string>> by_count;
    for (const auto& [text, n] : count) by_count.emplace_back(n, text);
    std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::string out;
    for (std::size_t i = 0; i < std::min(k, by_count.size()); ++i) {
      out += fmt::format("{}{} {}", i ? ", " : "", by_count[i].second, by_count[i].first);
    }
    return out;
  }
};

// Gold words the segmenter missed and words it made that gold lacks, on `gold`.
void print_errors(const std::vector<GoldSentence>& gold, const Segmenter& segmenter) {
  Errors missed, wrong;
  for (const GoldSentence& s : gold) {
    const std::vector<bool> joined = segmenter.segment(s.units);
    const std::size_t n = s.units.size();
    // Each side's words as spans [first, end); a word is right when the other side has it.
    auto each_word = [n](const std::function<bool(std::size_t)>& goes_on, const auto& f) {
      for (std::size_t first = 0, end = 0; first < n; first = end) {
        for (end = first + 1; end < n && goes_on(end); ++end) {
        }
        f(first, end);
      }
    };
    auto is_gold = [&s](std::size_t i) { return s.joined(i); };
    auto is_predicted = [&joined](std::size_t i) { return static_cast<bool>(joined[i]); };
    auto has = [n](const std::function<bool(std::size_t)>& goes_on, std::size_t first,
                   std::size_t end) {
      if ((first > 0 && goes_on(first)) || (end < n && goes_on(end))) return false;
      for (std::size_t k = first + 1; k < end; ++k) {
        if (!goes_on(k)) return false;
      }
      return true;
    };
    each_word(is_gold, [&](std::size_t first, std::size_t end) {
      if (!has(is_predicted, first, end)) missed.add(s.units, first, end);
    });
    each_word(is_predicted, [&](std::size_t first, std::size_t end) {
      if (!has(is_gold, first, end)) wrong.add(s.units, first, end);
    });
  }
  using Side = std::pair<const char*, const Errors&>;
  for (const auto& [what, e] :
       {Side{"gold words missed", missed}, Side{"words made that gold lacks", wrong}}) {
    fmt::print("  {}: {} (names {}, with a number {}, other {}); most often: {}\n", what,
               e.names + e.numbers + e.other, e.names, e.numbers, e.other, e.most_frequent(20));
  }
}

// F1 of `folds`-fold cross-validation on `gold`: sentence k is in fold k mod folds; each
// fold is measured by a model trained on the others, and the counts are summed.
double cross_validated(const std::vector<GoldSentence>& gold, const Lexicon& lexicon,
                       const TrainOptions& options, std::size_t folds) {
  Accuracy total;
  for (std::size_t f = 0; f < folds; ++f) {
    std::vector<GoldSentence> train, held_out;
    for (std::size_t i = 0; i < gold.size(); ++i) {
      (i % folds == f ? held_out : train).push_back(gold[i]);
    }
    const Accuracy a = measure(held_out, train_segmenter(train, lexicon, options)).words;
    total.gold_words += a.gold_words;
    total.predicted_words += a.predicted_words;
    total.correct += a.correct;
  }
  return total.f1();
}

struct Speed {
  double mb_per_s = 0;
  double units_per_s = 0;
  std::size_t joins = 0;
};

// Segmentation alone (units already made), one thread: the best of `rounds` passes, since
// the machine is shared.
Speed speed(const Segmenter& model, const std::vector<std::vector<Unit>>& texts, std::size_t bytes,
            int rounds) {
  Speed best;
  for (int r = 0; r < rounds; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t units = 0, joins = 0;
    for (const auto& u : texts) {
      const auto j = model.segment(u);
      units += u.size();
      joins += static_cast<std::size_t>(std::count(j.begin(), j.end(), true));
    }
    const double t = seconds_since(t0);
    if (static_cast<double>(bytes) / 1e6 / t > best.mb_per_s) {
      best = {static_cast<double>(bytes) / 1e6 / t, static_cast<double>(units) / 1e6 / t, joins};
    }
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Word segmentation: accuracy on gold data, speed, load time"};
  std::string train_path, dev_path, model_path;
  std::vector<std::string> corpus, word_lists;
  int epochs = TrainOptions().epochs;
  std::size_t folds = 5;
  app.add_option("--train", train_path, "Gold training file (CoNLL-U or _-joined text)")
      ->required();
  app.add_option("--dev", dev_path, "Gold file to measure on")->required();
  app.add_option("--corpus", corpus, "Unlabeled corpus to learn n-grams from and to time on")
      ->required();
  app.add_option("--words", word_lists,
                 "Word lists (one word per line, or JSON lines with "
                 "\"text\"), comma-separated, trained with as known "
                 "words: a row for each --words")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--model", model_path,
                 "Also measure this model file as it is (e.g. the shipped one)");
  app.add_option("--folds", folds, "Folds of the cross-validation on train")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{100}));
  app.add_option("--epochs", epochs, "Training epochs")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const auto train = read_gold(train_path);
  const auto dev = read_gold(dev_path);
  std::vector<GoldSentence> dev_folded;
  for (const auto& s : dev) {
    auto words = s.words;
    for (auto& w : words) {
      for (auto& syllable : w) syllable = fold_text(syllable);
    }
    dev_folded.push_back(gold_sentence(words));
  }
  fmt::print("gold: train {} sentences, dev {} sentences\n", train.size(), dev.size());

  // Corpus statistics.
  NgramCounter counter;
  std::vector<std::vector<Unit>> corpus_units;  // for timing
  std::size_t corpus_bytes = 0;
  Quiet quiet;
  auto t0 = std::chrono::steady_clock::now();
  for_each_report(corpus, quiet, [&](const Report& r, const std::string&) {
    counter.add(make_units(r.title, analyze(r.title)));
    for (const std::string& p : r.passages) {
      corpus_units.push_back(make_units(p, analyze(p)));
      counter.add(corpus_units.back());
      corpus_bytes += p.size();
    }
  });
  const LearnOptions learn_options;
  const Lexicon learned = counter.learn(learn_options);
  fmt::print("corpus: {} units, {} distinct n-grams, {} n-grams learned, in {:.1f} s\n",
             counter.units(), counter.distinct(), learned.ngrams(), seconds_since(t0));
  std::set<std::string> gold_words;
  for (const auto& s : train) {
    for (const auto& w : s.words) {
      std::string text;
      for (const auto& syllable : w) {
        if (!text.empty()) text += ' ';
        text += normalize_token(syllable);
      }
      gold_words.insert(text);
    }
  }
  const auto examples = counter.examples(
      25, learn_options, [&](const std::string& t) { return !gold_words.count(t); });
  fmt::print("learned, not in the gold training words (most frequent first): {}\n\n",
             fmt::join(examples, ", "));

  fmt::print(
      "| {:<52} | P      | R      | F1     | names | CV F1  | |\n"
      "|---|---|---|---|---|---|---|\n",
      "method (dev; CV: cross-validation on train)");
  row("every syllable a word",
      measure(dev, [](const std::vector<Unit>& u) { return std::vector<bool>(u.size(), false); }),
      "", "");

  // Corpus statistics alone: the best thresholds on dev of a small grid (no gold data
  // goes into the lexicon; the thresholds are the only thing dev chooses).
  Measured best;
  float best2 = 0, best3 = 0;
  for (float t2 : {0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f}) {
    for (float t3 : {0.2f, 0.3f, 0.4f, 0.5f}) {
      const Measured a = measure(dev, [&](const std::vector<Unit>& u) {
        return segment_by_lexicon(u, learned, {t2, t3});
      });
      if (a.words.f1() > best.words.f1()) {
        best = a;
        best2 = t2;
        best3 = t3;
      }
    }
  }
  row("corpus statistics alone (no gold)", best, "",
      fmt::format("thresholds {:.2f} / {:.2f}, chosen on dev", best2, best3));

  TrainOptions options;
  options.epochs = epochs;
  // Trains on train with `lexicon`, measures on dev, and cross-validates on train.
  auto configuration = [&](const std::string& name, const Lexicon& lexicon, std::size_t entries) {
    const std::string words = entries > 0 ? fmt::format("{} list entries, ", entries) : "";
    t0 = std::chrono::steady_clock::now();
    const Segmenter model = train_segmenter(train, lexicon, options);
    const double t_train = seconds_since(t0);
    const double cv = cross_validated(train, lexicon, options, folds);
    row(name, measure(dev, model), fmt::format("{:.4f}", cv),
        fmt::format("{}{} features, {:.1f} s to train", words, model.feature_count(), t_train));
    return model;
  };
  configuration("perceptron, gold only", Lexicon(), 0);
  const Segmenter adapted =
      configuration("perceptron + n-grams learned from the corpus", learned, 0);
  row("  same, dev without diacritics", measure(dev_folded, adapted), "", "");

  for (const std::string& lists : word_lists) {
    Lexicon lexicon = learned;
    std::vector<std::string> names;
    std::size_t entries = 0;
    for (std::size_t at = 0; at <= lists.size();) {
      std::size_t end = lists.find(',', at);
      if (end == std::string::npos) end = lists.size();
      const std::string path = lists.substr(at, end - at);
      WordListCounts counts;
      lexicon.merge(read_lexicon_file(path, &counts));
      entries += counts.words;
      names.push_back(std::filesystem::path(path).filename().string());
      at = end + 1;
    }
    configuration(fmt::format("  + known words: {}", fmt::join(names, " + ")), lexicon, entries);
  }

  std::optional<Segmenter> shipped;
  if (!model_path.empty()) {
    shipped = Segmenter::load_file(model_path);
    const std::string name = fmt::format("model file {}", model_path);
    row(name, measure(dev, *shipped), "",
        fmt::format("{} features, {} n-grams, {} word keys", shipped->feature_count(),
                    shipped->ngram_count(), shipped->word_count()));
    row("  same, dev without diacritics", measure(dev_folded, *shipped), "", "");
    fmt::print(
        "\nerrors of the model file on dev (names: words of 2 units or more, each "
        "capitalised):\n");
    print_errors(dev, *shipped);
  }

  // Speed of segmentation alone (units already made), single thread: the model file as a
  // database uses it (its known words too), and the model without known words; alternated.
  Segmenter without_words = adapted;
  without_words.prepare_for_bulk();
  if (shipped) shipped->prepare_for_bulk();
  Speed with_file, without;
  for (int round = 0; round < 3; ++round) {
    const Speed a = speed(without_words, corpus_units, corpus_bytes, 1);
    if (a.mb_per_s > without.mb_per_s) without = a;
    if (!shipped) continue;
    const Speed b = speed(*shipped, corpus_units, corpus_bytes, 1);
    if (b.mb_per_s > with_file.mb_per_s) with_file = b;
  }
  std::size_t units = 0;
  for (const auto& u : corpus_units) units += u.size();
  fmt::print("\nsegmentation alone, best of 3 ({:.1f} MB, {} units):\n",
             static_cast<double>(corpus_bytes) / 1e6, units);
  if (shipped) {
    fmt::print("  model file: {:.1f} MB/s, {:.2f} M units/s, {} joins\n", with_file.mb_per_s,
               with_file.units_per_s, with_file.joins);
  }
  fmt::print("  perceptron + n-grams, no known words: {:.1f} MB/s, {:.2f} M units/s, {} joins\n",
             without.mb_per_s, without.units_per_s, without.joins);
  const std::string bytes = shipped ? shipped->serialize() : adapted.serialize();
  double best_load = 1e9;
  for (int i = 0; i < 5; ++i) {  // the best of five: what a warm process sees
    t0 = std::chrono::steady_clock::now();
    const Segmenter loaded = Segmenter::deserialize(bytes, "bench");
    best_load = std::min(best_load, seconds_since(t0));
  }
  fmt::print("{}: {:.1f} MB, loads in {:.2f} ms\n", shipped ? "model file" : "model",
             static_cast<double>(bytes.size()) / 1e6, best_load * 1000);
  return 0;
}
