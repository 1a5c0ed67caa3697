#include "index/segmentation.h"

#include <fmt/format.h>

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "error.h"
#include "index/database.h"
#include "index/index_run.h"
#include "index/report.h"
#include "index/schema.h"
#include "index/shards.h"
#include "index/writer.h"
#include "segment/corpus.h"
#include "segment/lexicon_file.h"
#include "text/analyze.h"

namespace tracuu {
namespace {

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
  NgramCounter counter;
  std::uint64_t bytes = 0;
  Silent silent;
  for_each_report(paths, silent, [&](const Report& report, const std::string&) {
    if (bytes >= kLearnBytes) return;
    counter.add(make_units(report.title, analyze(report.title)));
    for (const std::string& passage : report.passages) {
      counter.add(make_units(passage, analyze(passage)));
      bytes += passage.size();
    }
  }, read);
  Lexicon lexicon = base.lexicon();
  const Lexicon learned = counter.learn();
  lexicon.merge(learned);
  LearnSummary s;
  s.units = counter.units();
  s.ngrams = learned.ngrams();
  for (const std::string& file : lexicon_files) {
    std::size_t left_out = 0;
    Lexicon words;
    try {
      words = read_lexicon_file(file, &left_out);
    } catch (const InputError& e) {
      throw Error(fmt::format("{}: {}", e.location(), e.what()));
    }
    s.words += words.words();
    s.words_left_out += left_out;
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
    return !Xapian::Database(path).get_metadata(std::string(schema::kSegmenterKey)).empty();
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
