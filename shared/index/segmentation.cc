#include "index/segmentation.h"

#include <fmt/format.h>

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <exception>
#include <optional>
#include <string_view>

#include "consumer_threads.h"
#include "error.h"
#include "index/database.h"
#include "index/index_run.h"
#include "ingest/report.h"
#include "index/schema.h"
#include "index/shards.h"
#include "index/writer.h"
#include "segment/corpus.h"
#include "segment/lexicon_file.h"
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
    for_each_report(paths, silent, [&](const Report& report, const std::string&) {
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
    }, read);
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
    return std::any_of(shards.begin(), shards.end(), [](const std::string& s) { return has_segmenter(s); });
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

}  // namespace tracuu
