#include "index/segmentation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>

#include "consumer_threads.h"
#include "error.h"
#include "index/database.h"
#include "index/index_run.h"
#include "index/schema.h"
#include "index/shards.h"
#include "index/writer.h"
#include "ingest/report.h"
#include "segment/corpus.h"
#include "segment/lexicon_file.h"
#include "segment/train.h"
#include "segment/units.h"
#include "text/analyze.h"

namespace tracuu {
namespace {

// Units of text read ahead of the counting: enough that neither thread waits for long,
// a few megabytes.
constexpr std::size_t kLearnQueueUnits = 1 << 16;

// Thrown to stop reading when counting has failed (whose exception is the one reported).
class CountingStopped : public std::exception {};

// The learning pass reads the same files as the indexing pass, which reports problems.
class Silent : public IndexObserver {
 public:
  void skipped(const std::string&, const std::string&) override {}
  void note(const std::string&) override {}
  void progress(const IndexStats&) override {}
};

}  // namespace

Segmenter model_for_corpus(Segmenter base, const std::vector<std::string>& paths,
                           const std::vector<std::string>& lexicon_files, LearnSummary* summary,
                           const ReadOptions& read) {
  // Reading and analysing (this thread) beside counting (another), each report's units
  // counted in the order read: the model one thread would learn, byte for byte.
  NgramCounter counter;
  using Texts = std::vector<std::vector<Unit>>;
  ConsumerThreads<Texts> counting(1, kLearnQueueUnits, [&](std::size_t, Texts& texts) {
    for (const std::vector<Unit>& units : texts) counter.add(units);
  });
  std::uint64_t bytes = 0;
  Silent silent;
  counting.run([&] {
    for_each_report(
        paths, silent,
        [&](const Report& report, const std::string&) {
          if (bytes >= kLearnBytes) return;
          Texts texts;
          texts.reserve(report.passages.size() + 1);
          texts.push_back(make_units(report.title, analyze(report.title)));
          std::size_t units = texts.back().size();
          for (const std::string& passage : report.passages) {
            texts.push_back(make_units(passage, analyze(passage)));
            units += texts.back().size();
            bytes += passage.size();
          }
          if (!counting.push(0, std::move(texts), units)) throw CountingStopped();
        },
        read);
  });
  Lexicon lexicon = base.lexicon();
  const Lexicon learned = counter.learn();
  lexicon.merge(learned);
  LearnSummary s;
  s.units = counter.units();
  s.ngrams = learned.ngrams();
  for (const std::string& file : lexicon_files) {
    WordListCounts counts;
    Lexicon words;
    try {
      words = read_lexicon_file(file, &counts);
    } catch (const InputError& e) {
      throw Error(fmt::format("{}: {}", e.location(), e.what()));
    }
    s.words += counts.words;
    s.words_left_out += counts.left_out;
    lexicon.merge(words);
  }
  base.set_lexicon(lexicon);
  if (summary != nullptr) *summary = s;
  return base;
}

bool has_segmenter(const std::string& db_path) {
  // A sharded database: any of its shards (they all get the same model).
  if (is_sharded(db_path)) {
    const std::vector<std::string> shards = local_shards(db_path);
    return std::any_of(shards.begin(), shards.end(),
                       [](const std::string& s) { return has_segmenter(s); });
  }
  const std::string& path = db_path;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(path) / "iamglass", ec)) return false;
  try {
    const Xapian::Database db(path, Xapian::DB_BACKEND_GLASS);  // never a stub file (shards.h)
    return !db.get_metadata(std::string(schema::kSegmenterKey)).empty();
  } catch (const Xapian::Error&) {
    return false;  // the writer will say what is wrong with it
  }
}

Segmenter new_database_model(const std::vector<std::string>& paths, const ModelOptions& options,
                             LearnSummary* summary) {
  const Segmenter base =
      load_model(options.model_file.empty() ? shipped_model_path() : options.model_file);
  return model_for_corpus(base, paths, options.lexicons, summary, options.read);
}

std::string model_kept_message(const std::string& db_path) {
  return fmt::format(
      "{} already has its segmentation model, kept for the database's life: --lexicon and "
      "--segmenter-model apply when a database is created, or with --relearn",
      db_path);
}

std::optional<LearnSummary> prepare_segmenter(IndexWriter& writer, const std::string& db_path,
                                              const std::vector<std::string>& paths,
                                              const ModelOptions& options) {
  if (writer.segmenter() != nullptr && !options.relearn) {
    if (!options.lexicons.empty() || !options.model_file.empty()) {
      throw Error(model_kept_message(db_path));
    }
    return std::nullopt;
  }
  LearnSummary learned;
  Segmenter model = new_database_model(paths, options, &learned);
  writer.set_segmenter(std::move(model));
  return learned;
}

Segmenter model_to_segment_with(const std::string& db, const std::string& model_file,
                                const std::vector<std::string>& lexicons, bool* words_unused) {
  Segmenter model;
  if (!db.empty()) {
    const Collection c = open_collection({db}, {});
    model = Segmenter::deserialize(
        c.model_shard().db.get_metadata(std::string(schema::kSegmenterKey)), db);
  } else {
    model = load_model(model_file.empty() ? shipped_model_path() : model_file);
  }
  if (words_unused != nullptr) *words_unused = false;
  if (!lexicons.empty()) {
    Lexicon lexicon = model.lexicon();
    for (const std::string& file : lexicons) {
      try {
        lexicon.merge(read_lexicon_file(file));
      } catch (const InputError& e) {
        throw Error(fmt::format("{}: {}", e.location(), e.what()));
      }
    }
    model.set_lexicon(lexicon);
    if (words_unused != nullptr) *words_unused = !model.uses_words();
  }
  model.prepare_for_bulk();
  return model;
}

std::string segmented_text(const Segmenter& model, std::string_view nfc) {
  const std::vector<Unit> units = make_units(nfc, analyze(nfc));
  return underscore_words(nfc, units, model.segment(units));
}

TrainOutcome train_model_file(const TrainRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<GoldSentence> gold;
  for (const std::string& path : request.gold) {
    try {
      auto part = read_gold(path);
      gold.insert(gold.end(), std::make_move_iterator(part.begin()),
                  std::make_move_iterator(part.end()));
    } catch (const InputError& e) {
      throw Error(fmt::format("{}: {}", e.location(), e.what()));
    }
  }
  if (gold.empty())
    throw Error("no gold sentences in " + fmt::format("{}", fmt::join(request.gold, ", ")));
  TrainOutcome outcome;
  outcome.sentences = gold.size();
  // n-grams from unlabeled text and the words of the word lists, both kept in the model.
  const Segmenter with_lexicon =
      model_for_corpus(Segmenter(), request.unlabeled, request.lexicons, &outcome.learned);
  const Segmenter model = train_segmenter(gold, with_lexicon.lexicon(), TrainOptions());
  const std::string bytes = model.serialize();
  const std::string tmp = request.out + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      throw Error(fmt::format("cannot write {}", tmp));
    }
  }
  std::filesystem::rename(tmp, request.out);
  outcome.features = model.feature_count();
  outcome.bytes = bytes.size();
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace tracuu
