// Word segmentation benchmark: accuracy on gold data, speed on a corpus, model load time.
//
//   tracuu-bench-segment --train TRAIN.conllu --dev DEV.conllu --corpus PATH...
//                        [--words DICTIONARY.jsonl] [--model FILE] [--epochs N]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <set>

#include "index/index_run.h"
#include "index/report.h"
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

void row(const std::string& name, const Accuracy& a, const std::string& note = "") {
  fmt::print("| {:<52} | {:.4f} | {:.4f} | {:.4f} | {} |\n", name, a.precision(), a.recall(),
             a.f1(), note);
}

Accuracy measure(const std::vector<GoldSentence>& gold, const Segmenter& s) {
  return evaluate(gold, [&s](const std::vector<Unit>& u) { return s.segment(u); });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Word segmentation: accuracy on gold data, speed, load time"};
  std::string train_path, dev_path, model_path, words_path;
  std::vector<std::string> corpus;
  int epochs = TrainOptions().epochs;
  app.add_option("--train", train_path, "Gold training file (CoNLL-U or _-joined text)")->required();
  app.add_option("--dev", dev_path, "Gold file to measure on")->required();
  app.add_option("--corpus", corpus, "Unlabeled corpus to learn n-grams from and to time on")
      ->required();
  app.add_option("--words", words_path, "A word list (one per line, or JSON lines with \"text\") "
                                        "for the rows with known words");
  app.add_option("--model", model_path, "Also measure this model file (e.g. the shipped one)");
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
  const auto examples = counter.examples(25, learn_options, [&](const std::string& t) {
    return !gold_words.count(t);
  });
  fmt::print("learned, not in the gold training words (most frequent first): {}\n\n",
             fmt::join(examples, ", "));

  Lexicon words;
  if (!words_path.empty()) words = read_lexicon_file(words_path);

  fmt::print("| {:<52} | P      | R      | F1     | |\n|---|---|---|---|---|\n", "method (dev)");
  row("every syllable a word",
      evaluate(dev, [](const std::vector<Unit>& u) { return std::vector<bool>(u.size(), false); }));

  // Corpus statistics alone: the best thresholds on dev of a small grid (no gold data
  // goes into the lexicon; the thresholds are the only thing dev chooses).
  Accuracy best;
  float best2 = 0, best3 = 0;
  for (float t2 : {0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f}) {
    for (float t3 : {0.2f, 0.3f, 0.4f, 0.5f}) {
      const Accuracy a = evaluate(dev, [&](const std::vector<Unit>& u) {
        return segment_by_lexicon(u, learned, {t2, t3});
      });
      if (a.f1() > best.f1()) {
        best = a;
        best2 = t2;
        best3 = t3;
      }
    }
  }
  row("corpus statistics alone (no gold)", best,
      fmt::format("thresholds {:.2f} / {:.2f}", best2, best3));

  TrainOptions options;
  options.epochs = epochs;
  t0 = std::chrono::steady_clock::now();
  const Segmenter gold_only = train_segmenter(train, Lexicon(), options);
  row("perceptron, gold only", measure(dev, gold_only),
      fmt::format("{} features, {:.1f} s to train", gold_only.feature_count(), seconds_since(t0)));

  Lexicon training_lexicon = learned;
  training_lexicon.merge(words);
  t0 = std::chrono::steady_clock::now();
  Segmenter adapted = train_segmenter(train, training_lexicon, options);
  const double t_train = seconds_since(t0);
  adapted.set_lexicon(learned);
  row("perceptron + n-grams learned from the corpus", measure(dev, adapted),
      fmt::format("{} features, {:.1f} s to train", adapted.feature_count(), t_train));
  row("  same, dev without diacritics", measure(dev_folded, adapted));
  if (words.words() > 0) {
    Segmenter with_words = Segmenter::deserialize(adapted.serialize(), "copy");
    with_words.set_lexicon(training_lexicon);
    row("  + known words (--words)", measure(dev, with_words),
        fmt::format("{} words", words.words()));
  }
  if (!model_path.empty()) {
    const Segmenter shipped = Segmenter::load_file(model_path);
    row(fmt::format("model file {}", model_path), measure(dev, shipped),
        fmt::format("{} features, {} n-grams, {} words", shipped.feature_count(),
                    shipped.ngram_count(), shipped.word_count()));
  }

  // Speed of segmentation alone (units already made), single thread.
  adapted.prepare_for_bulk();
  t0 = std::chrono::steady_clock::now();
  std::size_t units = 0, joins = 0;
  for (const auto& u : corpus_units) {
    const auto j = adapted.segment(u);
    units += u.size();
    joins += static_cast<std::size_t>(std::count(j.begin(), j.end(), true));
  }
  const double t_seg = seconds_since(t0);
  fmt::print("\nsegmentation alone: {:.1f} MB/s, {:.2f} M units/s ({:.1f} MB, {} units, {} joins)\n",
             static_cast<double>(corpus_bytes) / 1e6 / t_seg, static_cast<double>(units) / 1e6 / t_seg,
             static_cast<double>(corpus_bytes) / 1e6, units, joins);
  const std::string bytes = adapted.serialize();
  double best_load = 1e9;
  for (int i = 0; i < 5; ++i) {  // the best of five: what a warm process sees
    t0 = std::chrono::steady_clock::now();
    const Segmenter loaded = Segmenter::deserialize(bytes, "bench");
    best_load = std::min(best_load, seconds_since(t0));
  }
  fmt::print("model: {:.1f} MB, loads in {:.2f} ms\n", static_cast<double>(bytes.size()) / 1e6,
             best_load * 1000);
  return 0;
}
