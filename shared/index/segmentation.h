// The segmentation model of a database: made when the database is created (or relearned)
// from a base model, the corpus being indexed and the user's word lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/index_run.h"
#include "index/model_file.h"
#include "segment/segmenter.h"

namespace tracuu {

class IndexWriter;

struct LearnSummary {
  std::uint64_t units = 0;         // units of text counted
  std::size_t ngrams = 0;          // n-grams learned from them
  std::size_t words = 0;           // words from word lists
  std::size_t words_left_out = 0;  // entries of word lists that are not 2-4 units
};

// At most this much passage text is read to learn n-grams from (the rest is indexed but
// not counted): statistics settle long before, and counting costs memory.
inline constexpr std::uint64_t kLearnBytes = 256ull << 20;

// `base` with the n-grams learned from the reports in `paths` and the words in
// `lexicon_files` added to its lexicon.
Segmenter model_for_corpus(Segmenter base, const std::vector<std::string>& paths,
                           const std::vector<std::string>& lexicon_files, LearnSummary* summary,
                           const ReadOptions& read = {});

struct ModelOptions {
  std::string model_file;             // --segmenter-model; empty: the shipped model
  std::vector<std::string> lexicons;  // --lexicon
  bool relearn = false;               // --relearn: a new model (for a new database)
  ReadOptions read;                   // how the corpus is read (--encoding)
};
// Whether the database at `db_path` exists and has its segmentation model.
bool has_segmenter(const std::string& db_path);

// The model for a new or relearned database: options.model_file (or the shipped model)
// with the n-grams of `paths` and the words of options.lexicons. Throws Error.
Segmenter new_database_model(const std::vector<std::string>& paths, const ModelOptions& options,
                             LearnSummary* summary);

// What to say when options would change the model a database keeps.
std::string model_kept_message(const std::string& db_path);

// Gives `writer`'s database its segmentation model when it has none yet (a new database)
// or with options.relearn: options.model_file (or the shipped model), with the n-grams of
// `paths` and the words of options.lexicons. Returns what was learned, or nothing when the
// database keeps the model it has. Throws Error when options ask to change a kept model.
std::optional<LearnSummary> prepare_segmenter(IndexWriter& writer, const std::string& db_path,
                                              const std::vector<std::string>& paths,
                                              const ModelOptions& options);

// The model --segment groups words with: the database's at `db` when it is not empty, else
// `model_file`'s (the shipped one when empty), with the words of `lexicons` added.
// `words_unused` is set when word lists were given to a model trained without known words.
// Throws Error and ModelError.
Segmenter model_to_segment_with(const std::string& db, const std::string& model_file,
                                const std::vector<std::string>& lexicons, bool* words_unused);

// `nfc` written back as --segment prints it (segmenter.h underscore_words).
std::string segmented_text(const Segmenter& model, std::string_view nfc);

// A model trained from gold files (--train-segmenter).
struct TrainRequest {
  std::vector<std::string> gold;       // CoNLL-U, or text with a word's units joined by "_"
  std::vector<std::string> unlabeled;  // text to learn n-grams from, kept in the model
  std::vector<std::string> lexicons;   // word lists, kept in the model
  std::string out;                     // the model file to write
};

struct TrainOutcome {
  std::size_t sentences = 0;  // gold sentences trained on
  LearnSummary learned;       // from the unlabeled text and the word lists
  std::size_t features = 0;
  std::size_t bytes = 0;  // of the model file
  double seconds = 0;
};

// Trains a model on request.gold and writes it to request.out (a temporary file, then
// renamed). Throws Error when there are no gold sentences or a file cannot be read.
TrainOutcome train_model_file(const TrainRequest& request);

}  // namespace tracuu
