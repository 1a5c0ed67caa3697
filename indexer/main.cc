// tracuu-index: read reports from files and folders into a tracuu database, and the modes
// around its segmentation model (--segment, --train-segmenter).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/manual.h"
#include "error.h"
#include "index/database.h"
#include "index/index_run.h"
#include "index/inspect.h"
#include "index/segmentation.h"
#include "index/shards.h"
#include "manual.h"
#include "text/decode.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "tracuu/tracuu.h"

namespace {

// What the index or the input holds is shown through printable(): control characters and
// bidi overrides as U+FFFD, so that a title, id or file name cannot act on the terminal.
using tracuu::printable;

// Problems and notes go to stderr at once; progress only when stderr is a terminal.
class StderrObserver : public tracuu::IndexObserver {
 public:
  StderrObserver() : tty_(isatty(STDERR_FILENO) == 1) {}

  void skipped(const std::string& where, const std::string& why) override {
    clear_progress();
    fmt::print(stderr, "tracuu-index: {}: {} (skipped)\n", printable(where), printable(why));
  }
  void note(const std::string& what) override {
    clear_progress();
    fmt::print(stderr, "tracuu-index: note: {}\n", printable(what));
  }
  void progress(const tracuu::IndexStats& s) override {
    if (!tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::string bar;
    if (s.total_bytes > 0 && s.done_bytes > 0) {
      // A bar of the input's bytes read, and the time left at the pace so far.
      const double done =
          std::min(1.0, static_cast<double>(s.done_bytes) / static_cast<double>(s.total_bytes));
      constexpr int kWidth = 20;
      const int filled = static_cast<int>(done * kWidth);
      bar = fmt::format("[{}{}] {:3.0f}% ", std::string(static_cast<std::size_t>(filled), '#'),
                        std::string(static_cast<std::size_t>(kWidth - filled), '-'), done * 100);
      bar += fmt::format("{:.1f}/{:.1f} MB, ", static_cast<double>(s.done_bytes) / 1e6,
                         static_cast<double>(s.total_bytes) / 1e6);
      const double left = s.seconds * (1 - done) / done;
      bar +=
          fmt::format("{} left, ", left < 60 ? fmt::format("{:.0f} s", left)
                                             : fmt::format("{}:{:02}", static_cast<long>(left) / 60,
                                                           static_cast<long>(left) % 60));
    }
    fmt::print(stderr, "\r\x1b[K{}{} files, {} reports, {} passages, {:.1f} s", bar, s.files,
               s.reports, s.passages, s.seconds);
    shown_ = true;
  }
  void clear_progress() {
    if (shown_) fmt::print(stderr, "\r\x1b[K");
    shown_ = false;
  }

 private:
  bool tty_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

struct Options {
  std::string db;
  std::vector<std::string> paths;
  bool segment = false;
  std::string train_out;
  std::vector<std::string> unlabeled;
  std::string model_file;
  std::vector<std::string> lexicons;
  bool relearn = false;
  bool prune = false;
  bool info = false;
  bool list = false;
  std::vector<std::string> delete_ids;
  std::string encoding;
  std::size_t batch = tracuu::kDefaultBatchPassages;
  std::size_t shards = 0;    // --shards: 0 when not given
  std::string generate;      // --generate man|complete-bash (hidden: the build's)
  tracuu::ReadOptions read;  // --encoding, once checked
};

// The names --encoding takes (parse_encoding_name also knows aliases: utf8, cp1258, …).
const std::vector<std::string> kEncodings = {"utf-8", "windows-1258", "tcvn3", "vni", "viqr"};

// The folders of the database `flag` names (--db, else as resolve_db_path finds it): its
// shards', for a sharded one.
std::vector<std::string> database_folders(const std::string& flag) {
  const std::string db = tracuu::resolve_db_path(flag);
  try {
    if (tracuu::is_sharded(db)) return tracuu::local_shards(db);
  } catch (const tracuu::Error&) {
  }
  return {db};
}

// The most memory the process has held, in MB (Linux reports kilobytes).
double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// --segment: stdin to stdout, the spaces inside each word turned into "_".
int segment_stdin(const Options& o) {
  bool words_unused = false;
  const tracuu::Segmenter model =
      tracuu::model_to_segment_with(o.db, o.model_file, o.lexicons, &words_unused);
  if (words_unused) {
    fmt::print(stderr,
               "tracuu-index: --lexicon unused: the model was trained without known words\n");
  }
  int status = 0;
  std::string raw;
  std::size_t line_number = 0;
  while (std::getline(std::cin, raw)) {
    ++line_number;
    const bool cr = !raw.empty() && raw.back() == '\r';
    if (cr) raw.pop_back();
    std::string text;
    try {
      text = tracuu::to_nfc(tracuu::decode_text(raw));
    } catch (const tracuu::DecodeError& e) {
      fmt::print(stderr, "tracuu-index: stdin:{}: byte {}: {} (line written back unchanged)\n",
                 line_number, e.offset(), e.what());
      fmt::print("{}\n", raw);
      status = 1;
      continue;
    }
    fmt::print("{}{}\n", tracuu::segmented_text(model, text), cr ? "\r" : "");
  }
  return status;
}

// --train-segmenter OUT GOLD...
int train(const Options& o) {
  const tracuu::TrainOutcome t =
      tracuu::train_model_file({o.paths, o.unlabeled, o.lexicons, o.train_out});
  fmt::print(stderr,
             "tracuu-index: trained on {} gold sentences with {} words from word lists; {} "
             "features, {} n-grams learned from {} units; {:.1f} MB in {:.1f} s -> {}\n",
             t.sentences, t.learned.words, t.features, t.learned.ngrams, t.learned.units,
             static_cast<double>(t.bytes) / 1e6, t.seconds, o.train_out);
  return 0;
}

int index(const Options& o, StderrObserver& observer) {
  tracuu::IndexRequest request;
  request.db = o.db;
  request.paths = o.paths;
  request.options.read = o.read;
  request.options.prune = o.prune;
  request.options.batch_passages = o.batch;
  request.shards = o.shards;
  request.relearn = o.relearn;
  request.model_file = o.model_file;
  request.lexicons = o.lexicons;
  const tracuu::IndexOutcome outcome = tracuu::run_index(request, observer);
  const tracuu::IndexStats& stats = outcome.stats;
  switch (outcome.status) {
    case tracuu::IndexOutcome::Status::kNothingToIndex:
      fmt::print(stderr, "tracuu-index: error: nothing to index: no such file or folder: {}\n",
                 fmt::join(o.paths, ", "));
      return 2;
    case tracuu::IndexOutcome::Status::kRelearnKept:
      observer.clear_progress();
      fmt::print(stderr,
                 "tracuu-index: {} skipped: {} was not replaced (the new database would lack "
                 "them); fix them and run --relearn again\n",
                 stats.skipped, outcome.db);
      return 1;
    case tracuu::IndexOutcome::Status::kIndexed:
      break;
  }
  observer.clear_progress();
  const double mb = static_cast<double>(stats.bytes) / 1e6;
  const std::size_t written = stats.reports - stats.unchanged;
  fmt::print(stderr,
             "tracuu-index: {} ({} new or changed, {} unchanged), {}, {} removed, {} skipped in "
             "{:.2f} s ({:.2f} MB/s, peak memory {:.0f} MB) -> {}\n",
             plural(stats.reports, "report"), written, stats.unchanged,
             plural(stats.passages, "passage"), stats.removed, stats.skipped, stats.seconds,
             stats.seconds > 0 ? mb / stats.seconds : 0.0, peak_rss_mb(), outcome.db);
  return stats.skipped > 0 ? 1 : 0;
}

// --delete ID...: exit 1 when some id is not in the database (the others are removed).
int delete_reports(const Options& o, StderrObserver& observer) {
  const std::string db_path = tracuu::resolve_db_path(o.db);
  (void)tracuu::open_collection({db_path}, {});  // a clear error when there is no database
  tracuu::Indexer indexer(db_path);              // the public API's, over every shard
  std::size_t removed = 0;
  int status = 0;
  for (const std::string& id : o.delete_ids) {
    if (indexer.remove(id)) {
      ++removed;
    } else {
      observer.note(fmt::format("no report \"{}\" in {}", id, db_path));
      status = 1;
    }
  }
  indexer.commit();
  fmt::print(stderr, "tracuu-index: removed {} from {}\n", plural(removed, "report"), db_path);
  return status;
}

int info(const Options& o) {
  const tracuu::DatabaseInfo i = tracuu::database_info(tracuu::resolve_db_path(o.db));
  fmt::print("database      {}{}\n", printable(i.path),
             i.shards > 1 ? fmt::format(" ({} shards)", i.shards) : "");
  fmt::print("schema        {} (analyzer {})\n", i.schema, i.analyzer);
  fmt::print("reports       {}\n", i.reports);
  fmt::print("passages      {}\n", i.passages);
  fmt::print(
      "segmentation  {} features, {} n-grams, {} known-word keys ({:.1f} MB, stored in the "
      "database)\n",
      i.model_features, i.model_ngrams, i.model_words, static_cast<double>(i.model_bytes) / 1e6);
  fmt::print("size          {:.1f} MB on disk\n", static_cast<double>(i.disk_bytes) / 1e6);
  if (i.shards == 1) fmt::print("revision      {} (uuid {})\n", i.revision, i.uuid);
  return 0;
}

// --list: one report per line, tab-separated: id, date (or -), passages, title (a tab or
// line break in them shown as U+FFFD, as every control character).
int list(const Options& o) {
  for (const tracuu::ReportSummary& r : tracuu::list_reports(tracuu::resolve_db_path(o.db))) {
    fmt::print("{}\t{}\t{}\t{}\n", printable(r.id), r.date.empty() ? "-" : printable(r.date),
               r.passages, printable(r.title));
  }
  return 0;
}

}  // namespace

// The options of tracuu-index on `app`, bound to `o` (--help and the man page read them).
void declare_options(CLI::App& app, Options& o, const tracuu::cli::Manual& manual) {
  app.add_option("--db", o.db, "Database folder (default: $TRACUU_DB, else ./tracuu.db)")
      ->type_name("DIR");
  app.add_option("PATH", o.paths,
                 "Files and folders to index, - for JSON lines on stdin (gold files with "
                 "--train-segmenter)");
  auto* prune = app.add_flag("--prune", o.prune,
                             "Also remove the reports of files under PATH... that are gone, and "
                             "reports a file read whole no longer holds");
  auto* encoding = app.add_option("--encoding", o.encoding,
                                  "Read every file in this encoding instead of detecting it: " +
                                      fmt::format("{}", fmt::join(kEncodings, ", ")))
                       ->type_name("NAME");
  auto* shards =
      app.add_option(
             "--shards", o.shards,
             "Make DIR (--db) a database of N shards: DIR/shard-0 ... and the stub file "
             "DIR/tracuu.stub; each report goes to the shard a hash of its id picks. Later runs "
             "and tracuu-search take --db DIR as the whole. With --relearn, rebuilds into N shards")
          ->type_name("N")
          ->check(CLI::Range(std::size_t{1}, tracuu::kMaxShards));
  app.add_option("--batch", o.batch,
                 "Passages written between commits (memory held against commit cost)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000000}));
  auto* del = app.add_option("--delete", o.delete_ids, "Remove these reports (by id) and exit")
                  ->type_name("ID");
  auto* info_opt = app.add_flag("--info", o.info,
                                "Print the database's schema, segmentation model, report and "
                                "passage counts, and size");
  auto* list_opt =
      app.add_flag("--list", o.list, "List the reports: id, date, passages, title (tab-separated)");
  auto* relearn =
      app.add_flag("--relearn", o.relearn,
                   "Rebuild the database from PATH... with a segmentation model learned afresh");
  auto* lexicon =
      app.add_option(
             "--lexicon", o.lexicons,
             "Word list (one word per line, or JSON lines with \"text\"): known words for the "
             "segmenter of a new or relearned database, of --segment, or to train with (then kept "
             "in the model)")
          ->type_name("FILE");
  auto* model = app.add_option("--segmenter-model", o.model_file,
                               "Segmentation model file to start a new or relearned database "
                               "from, or for --segment (default: the shipped one)")
                    ->type_name("FILE");
  auto* segment = app.add_flag(
      "--segment", o.segment,
      "Read text on stdin and write it back with the spaces inside each word turned into _ "
      "(the model of --db, of --segmenter-model, or the shipped one)");
  auto* train_opt =
      app.add_option(
             "--train-segmenter", o.train_out,
             "Train a segmentation model from gold files (PATH...: CoNLL-U, or text with the "
             "syllables of a word joined by _) and write it to this file")
          ->type_name("OUT.model");
  auto* unlabeled = app.add_option("--unlabeled", o.unlabeled,
                                   "With --train-segmenter: text (files, folders) to learn "
                                   "n-grams from, kept in the model")
                        ->type_name("PATH");
  // Repeatable, one file each time, so that PATH... can follow.
  lexicon->expected(1)->allow_extra_args(false)->multi_option_policy(
      CLI::MultiOptionPolicy::TakeAll);
  unlabeled->expected(1)->allow_extra_args(false)->multi_option_policy(
      CLI::MultiOptionPolicy::TakeAll);
  segment->excludes(train_opt)->excludes(relearn);
  del->expected(1, -1)->allow_extra_args(false);
  for (auto* mode : {del, info_opt, list_opt}) {
    mode->excludes(relearn)->excludes(prune)->excludes(encoding)->excludes(shards);
  }
  shards->excludes(segment)->excludes(train_opt);
  del->excludes(info_opt)->excludes(list_opt);
  info_opt->excludes(list_opt);
  train_opt->excludes(relearn);
  unlabeled->needs(train_opt);
  (void)model;
  app.set_version_flag("--version", std::string("tracuu-index ") + TRACUU_VERSION);
  tracuu::cli::add_generate_option(app, o.generate);
  app.footer(manual.description + "\n\n" + tracuu::cli::help_footer(manual));
}

// Checks what CLI11 cannot (the modes' arguments, --encoding's name) and sets o.read;
// throws CLI::ParseError.
void finish_options(Options& o) {
  if (o.segment && !o.paths.empty()) {
    throw CLI::ValidationError("--segment reads stdin: no PATH");
  }
  if (o.segment && !o.db.empty() && !o.model_file.empty()) {
    throw CLI::ValidationError("--segment takes --db or --segmenter-model, not both");
  }
  // --delete ID...: the ids after the first one arrive as positional arguments.
  if (!o.delete_ids.empty()) {
    o.delete_ids.insert(o.delete_ids.end(), o.paths.begin(), o.paths.end());
    o.paths.clear();
  }
  const bool inspect = o.info || o.list || !o.delete_ids.empty();
  if (inspect && !o.paths.empty()) {
    throw CLI::ValidationError("--info, --list and --delete take no PATH");
  }
  if (!o.segment && !inspect && o.paths.empty()) throw CLI::RequiredError("PATH");
  if (!o.train_out.empty() && !o.db.empty()) {
    throw CLI::ValidationError("--train-segmenter writes a model file, not a database: no --db");
  }
  if (!o.encoding.empty()) {
    o.read.encoding = tracuu::parse_encoding_name(o.encoding);
    if (!o.read.encoding) {
      throw CLI::ValidationError("--encoding " + o.encoding + ": unknown encoding (" +
                                 fmt::format("{}", fmt::join(kEncodings, ", ")) + ")");
    }
  }
}

int main(int argc, char** argv) {
  CLI::App app{
      "Index Vietnamese reports (.txt, .md, .html, .jsonl, each also .gz; folders "
      "recursively; - for JSON lines on stdin) into a tracuu database.",
      "tracuu-index"};
  const tracuu::cli::Manual manual = index_manual();
  Options o;
  declare_options(app, o, manual);
  try {
    app.parse(argc, argv);
    if (o.generate == "man") {
      fmt::print("{}", tracuu::cli::man_page(app, manual, TRACUU_VERSION));
      return 0;
    }
    if (o.generate == "complete-bash") {
      fmt::print("{}", tracuu::cli::bash_completion(
                           app, {{"--encoding", kEncodings}},
                           {"--lexicon", "--segmenter-model", "--train-segmenter", "--unlabeled"},
                           {"--db"}));
      return 0;
    }
    finish_options(o);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    fmt::print(stderr, "tracuu-index: {}\nRun 'tracuu-index --help' for usage.\n", e.what());
    return 2;
  }

  StderrObserver observer;
  try {
    if (o.segment) return segment_stdin(o);
    if (!o.train_out.empty()) return train(o);
    if (o.info) return info(o);
    if (o.list) return list(o);
    if (!o.delete_ids.empty()) return delete_reports(o, observer);
    return index(o, observer);
  } catch (const tracuu::Error& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}\n", printable(e.what()));
  } catch (const tracuu::ModelError& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}\n", printable(e.what()));
  } catch (const Xapian::Error& e) {
    observer.clear_progress();
    if (tracuu::is_corruption(e)) {
      fmt::print(
          stderr, "tracuu-index: error: {}; the database keeps its last commit\n",
          printable(tracuu::corrupt_database_error(database_folders(o.db), e.get_msg()).what()));
    } else {
      fmt::print(stderr, "tracuu-index: database error: {}; the database keeps its last commit\n",
                 printable(e.get_description()));
    }
  } catch (const std::exception& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}; the database keeps its last commit\n",
               printable(e.what()));
  }
  return 2;
}
