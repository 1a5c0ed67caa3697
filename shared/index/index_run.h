// One indexing run: expand the command-line paths into input files, read their reports,
// and write them through an IndexWriter. Problems with the input are reported and the
// input skipped; only database failures are fatal.
//
// Reading, parsing and analysis (segmentation, terms) run on one thread, and each
// shard's Xapian writer (one for a database of one shard) on a thread of its own, joined
// by a bounded queue each; a writer commits every IndexOptions::batch_passages / shards
// passages, between reports, so memory stays bounded and a killed run leaves whole
// reports behind (the next run skips them as unchanged).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "text/encoding.h"

namespace tracuu {

class IndexWriter;
struct Report;

struct IndexStats {
  std::size_t files = 0;
  std::size_t reports = 0;    // reports read (written or unchanged)
  std::size_t passages = 0;   // passages of the reports read
  std::size_t unchanged = 0;  // reports already indexed with the same content: not rewritten
  std::size_t removed = 0;    // reports removed by --prune
  std::size_t skipped = 0;    // inputs not indexed: files, JSON lines, duplicate reports
  std::size_t bytes = 0;      // bytes read from input files
  // Progress: the input files' size on disk (0 when unknown: stdin alone), and how much of
  // it has been read (a .jsonl file as it is read, other files whole).
  std::size_t total_bytes = 0;
  std::size_t done_bytes = 0;
  double seconds = 0;
};

// Receives what a run has to say; the program decides how to show it. Called from one
// thread at a time.
class IndexObserver {
 public:
  virtual ~IndexObserver() = default;
  // Input that was skipped: where ("file", "file:line", "file: byte N") and why.
  virtual void skipped(const std::string& where, const std::string& why) = 0;
  // Something worth knowing that is not a problem (files of other types ignored).
  virtual void note(const std::string& what) = 0;
  // Called after each file, and as a JSON lines file is read.
  virtual void progress(const IndexStats& so_far) = 0;
};

struct ReadOptions {
  std::optional<Encoding> encoding;  // --encoding: no detection, every file in this one
  // Where "-" (JSON lines on stdin) is read from instead of stdin: the indexer keeps stdin
  // in a file when it must read it twice (to learn a new database's model first).
  std::string stdin_copy;
};

// How many passages the writer takes between commits: the memory a run holds (Xapian's
// buffered postings) against the cost of a commit. See bench/README.md "Ingestion".
inline constexpr std::size_t kDefaultBatchPassages = 20000;

struct IndexOptions {
  ReadOptions read;
  bool prune = false;  // --prune: remove reports whose files are gone
  std::size_t batch_passages = kDefaultBatchPassages;
};

// Receives each report with the key of the file it came from (absolute path; "" for
// stdin). May throw InputError to skip the report.
using ReportSink = std::function<void(const Report&, const std::string& file_key)>;

// Reads the reports of `paths` (files and folders, recursively; "-" for JSON lines on
// stdin) and gives each to `sink`, reporting what cannot be read to `observer`. A report
// whose id came earlier in the run is skipped.
IndexStats for_each_report(const std::vector<std::string>& paths, IndexObserver& observer,
                           const ReportSink& sink, const ReadOptions& options = {});

// Indexes `paths` into `writer` (which has its segmentation model), committing every
// options.batch_passages passages; the caller commits the rest. Reports already indexed
// with the same content are left as they are.
IndexStats index_paths(IndexWriter& writer, const std::vector<std::string>& paths,
                       IndexObserver& observer, const IndexOptions& options = {});

// The same into the shards of one database (open_writers), each report into its shard
// (shards.h shard_of), each shard written by a thread of its own and committed every
// options.batch_passages / shards passages.
IndexStats index_paths(const std::vector<IndexWriter*>& shards,
                       const std::vector<std::string>& paths, IndexObserver& observer,
                       const IndexOptions& options = {});

// A whole run of tracuu-index over input paths, as its options describe it.
struct IndexRequest {
  std::string db;                     // as --db gives it: "" for $TRACUU_DB, else ./tracuu.db
  std::vector<std::string> paths;     // files and folders; "-" for JSON lines on stdin
  IndexOptions options;               // reading, --prune, --batch
  std::size_t shards = 0;             // --shards: make the database of N shards; 0: as it is
  bool relearn = false;               // rebuild beside the old one, with a model learned anew
  std::string model_file;             // a new model's base (--segmenter-model; "": shipped)
  std::vector<std::string> lexicons;  // word lists for a new model (--lexicon)
};

struct IndexOutcome {
  enum class Status {
    kIndexed,         // the input read, the database committed
    kNothingToIndex,  // no path exists (and no --prune): the database was not touched
    kRelearnKept,     // --relearn with input skipped: the old database keeps its place
  };
  Status status = Status::kIndexed;
  std::string db;  // the database's path, resolved
  IndexStats stats;
};

// Runs `request`: learns the model of a new or relearned database (stdin, read twice then,
// is kept in a temporary file), indexes the paths into it or its shards, commits, and with
// relearn puts the new database in the old one's place. Notes and skipped input go to
// `observer`. Throws Error (and Xapian's errors) when the database cannot be written.
IndexOutcome run_index(const IndexRequest& request, IndexObserver& observer);

}  // namespace tracuu
