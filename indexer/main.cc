// tracuu-index: read reports from files and folders into a tracuu database, and the modes
// around its segmentation model (--segment, --train-segmenter).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/manual.h"
#include "error.h"
#include "index/database.h"
#include "index/index_run.h"
#include "index/inspect.h"
#include "index/schema.h"
#include "index/segmentation.h"
#include "index/shards.h"
#include "index/writer.h"
#include "manual.h"
#include "segment/corpus.h"
#include "segment/lexicon_file.h"
#include "segment/train.h"
#include "segment/units.h"
#include "text/analyze.h"
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
      const double done = std::min(1.0, static_cast<double>(s.done_bytes) / static_cast<double>(s.total_bytes));
      constexpr int kWidth = 20;
      const int filled = static_cast<int>(done * kWidth);
      bar = fmt::format("[{}{}] {:3.0f}% ", std::string(static_cast<std::size_t>(filled), '#'),
                        std::string(static_cast<std::size_t>(kWidth - filled), '-'), done * 100);
      bar += fmt::format("{:.1f}/{:.1f} MB, ", static_cast<double>(s.done_bytes) / 1e6,
                         static_cast<double>(s.total_bytes) / 1e6);
      const double left = s.seconds * (1 - done) / done;
      bar += fmt::format("{} left, ", left < 60 ? fmt::format("{:.0f} s", left)
                                                : fmt::format("{}:{:02}", static_cast<long>(left) / 60,
                                                              static_cast<long>(left) % 60));
    }
    fmt::print(stderr, "\r\x1b[K{}{} files, {} reports, {} passages, {:.1f} s", bar, s.files, s.reports,
               s.passages, s.seconds);
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
  std::size_t shards = 0;  // --shards: 0 when not given
};

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

// "-" among the paths and a model to learn: stdin must be read twice, so it is kept in
// a temporary file (removed at exit).
class StdinCopy {
 public:
  explicit StdinCopy(const std::vector<std::string>& paths) {
    if (std::find(paths.begin(), paths.end(), "-") == paths.end()) return;
    std::string name = (std::filesystem::temp_directory_path() / "tracuu-stdin-XXXXXX").string();
    const int fd = mkstemp(name.data());  // a new file of our own, never someone's link
    if (fd < 0) throw tracuu::Error(fmt::format("cannot keep stdin in {}: {}", name, std::strerror(errno)));
    path_ = name;
    char buffer[1 << 16];
    for (;;) {
      const ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0 || write(fd, buffer, static_cast<std::size_t>(n)) != n) {
        close(fd);
        throw tracuu::Error(fmt::format("cannot keep stdin in {}: {}", path_, std::strerror(errno)));
      }
    }
    close(fd);
  }
  ~StdinCopy() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  StdinCopy(const StdinCopy&) = delete;
  StdinCopy& operator=(const StdinCopy&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// --segment: stdin to stdout, the spaces inside each word turned into "_".
int segment_stdin(const Options& o) {
  tracuu::Segmenter model;
  if (!o.db.empty()) {
    const tracuu::Collection c = tracuu::open_collection({o.db}, {});
    model = tracuu::Segmenter::deserialize(
        c.model_shard().db.get_metadata(std::string(tracuu::schema::kSegmenterKey)), o.db);
  } else {
    model = tracuu::load_model(o.model_file.empty() ? tracuu::shipped_model_path() : o.model_file);
  }
  if (!o.lexicons.empty()) {
    tracuu::Lexicon lexicon = model.lexicon();
    for (const std::string& file : o.lexicons) {
      try {
        lexicon.merge(tracuu::read_lexicon_file(file));
      } catch (const tracuu::InputError& e) {
        throw tracuu::Error(fmt::format("{}: {}", e.location(), e.what()));
      }
    }
    model.set_lexicon(lexicon);
    if (!model.uses_words()) {
      fmt::print(stderr, "tracuu-index: --lexicon unused: the model was trained without known words\n");
    }
  }
  model.prepare_for_bulk();
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
    const std::vector<tracuu::Unit> units = tracuu::make_units(text, tracuu::analyze(text));
    fmt::print("{}{}\n", tracuu::underscore_words(text, units, model.segment(units)), cr ? "\r" : "");
  }
  return status;
}

// --train-segmenter OUT GOLD...
int train(const Options& o) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<tracuu::GoldSentence> gold;
  for (const std::string& path : o.paths) {
    try {
      auto part = tracuu::read_gold(path);
      gold.insert(gold.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    } catch (const tracuu::InputError& e) {
      throw tracuu::Error(fmt::format("{}: {}", e.location(), e.what()));
    }
  }
  if (gold.empty()) throw tracuu::Error("no gold sentences in " + fmt::format("{}", fmt::join(o.paths, ", ")));
  // n-grams from unlabeled text and the words of the word lists, both kept in the model.
  tracuu::LearnSummary learned;
  const tracuu::Segmenter with_lexicon =
      tracuu::model_for_corpus(tracuu::Segmenter(), o.unlabeled, o.lexicons, &learned);
  const tracuu::Segmenter model =
      tracuu::train_segmenter(gold, with_lexicon.lexicon(), tracuu::TrainOptions());
  const std::string bytes = model.serialize();
  const std::string tmp = o.train_out + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      throw tracuu::Error(fmt::format("cannot write {}", tmp));
    }
  }
  std::filesystem::rename(tmp, o.train_out);
  fmt::print(stderr,
             "tracuu-index: trained on {} gold sentences with {} words from word lists; {} "
             "features, {} n-grams learned from {} units; {:.1f} MB in {:.1f} s -> {}\n",
             gold.size(), learned.words, model.feature_count(),
             learned.ngrams, learned.units, static_cast<double>(bytes.size()) / 1e6,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
             o.train_out);
  return 0;
}

int index(const Options& o, const tracuu::ReadOptions& read, StderrObserver& observer) {
  const std::string db_path = tracuu::resolve_db_path(o.db);
  if (std::none_of(o.paths.begin(), o.paths.end(),
                   [](const std::string& p) {
                     std::error_code ec;  // a link that loops is an input the run reports
                     return p == "-" || std::filesystem::exists(std::filesystem::symlink_status(p, ec));
                   }) &&
      !o.prune) {
    fmt::print(stderr, "tracuu-index: error: nothing to index: no such file or folder: {}\n",
               fmt::join(o.paths, ", "));
    return 2;  // a typo in every path; the database is not touched
  }
  // --relearn: the old database stays searchable, and locked against other indexers, while
  // the new one is built beside it (a build killed before leaves a folder that is cleared).
  std::optional<tracuu::DatabaseLock> lock_of_old;
  std::string write_path = db_path;
  // Shards of the database written: --shards, else as many as it has (0: not sharded).
  std::size_t shards = o.shards;
  if (o.relearn) {
    lock_of_old.emplace(db_path);
    write_path = tracuu::relearn_build_path(db_path);
    tracuu::clear_relearn_leftover(write_path);
    if (shards == 0 && tracuu::is_sharded(db_path)) shards = tracuu::local_shards(db_path).size();
  }
  if (shards > 0) tracuu::check_sharded_location(write_path, shards);
  // Everything that can fail for the model's sake (model file, word lists) before the
  // database is opened: a new database is not even created then.
  const bool new_model = o.relearn || !tracuu::has_segmenter(db_path);
  if (!new_model && (!o.lexicons.empty() || !o.model_file.empty())) {
    throw tracuu::Error(tracuu::model_kept_message(db_path));
  }
  std::optional<StdinCopy> stdin_copy;
  tracuu::IndexOptions options;
  options.read = read;
  options.prune = o.prune;
  options.batch_passages = o.batch;
  if (new_model) {
    stdin_copy.emplace(o.paths);
    options.read.stdin_copy = stdin_copy->path();
  }
  tracuu::ModelOptions model_options{o.model_file, o.lexicons, o.relearn, options.read};
  tracuu::LearnSummary learned;
  std::optional<tracuu::Segmenter> model;
  if (new_model) model = tracuu::new_database_model(o.paths, model_options, &learned);

  if (shards > 0) tracuu::create_sharded(write_path, shards);
  const std::vector<std::unique_ptr<tracuu::IndexWriter>> writers = tracuu::open_writers(write_path);
  std::vector<tracuu::IndexWriter*> writer_of_shard;
  for (const auto& w : writers) writer_of_shard.push_back(w.get());
  if (!model && std::none_of(writers.begin(), writers.end(),  // an empty database made elsewhere
                             [](const auto& w) { return w->segmenter() != nullptr; })) {
    model = tracuu::new_database_model(o.paths, model_options, &learned);
  }
  if (model) {
    const bool words_unused = !o.lexicons.empty() && !model->uses_words();
    tracuu::set_segmenter(writers, std::move(*model));
    // Every shard has the model and schema before any passage: a run stopped in the middle
    // leaves no shard that the next run or a search cannot open.
    if (writers.size() > 1) {
      for (const auto& w : writers) w->commit();
    }
    observer.note(fmt::format(
        "segmentation model for {}: {} n-grams learned from {} units of this corpus{}", db_path,
        learned.ngrams, learned.units,
        o.lexicons.empty() ? ""
                           : fmt::format(", {} words from word lists ({} entries left out){}",
                                         learned.words, learned.words_left_out,
                                         words_unused ? "; unused: the model was trained "
                                                        "without known words"
                                                      : "")));
  }
  const tracuu::IndexStats stats = tracuu::index_paths(writer_of_shard, o.paths, observer, options);
  for (const auto& w : writers) w->commit();
  if (o.relearn) {
    if (stats.skipped > 0) {
      // The new database lacks what could not be read: the old one keeps its place.
      std::filesystem::remove_all(write_path);
      observer.clear_progress();
      fmt::print(stderr,
                 "tracuu-index: {} skipped: {} was not replaced (the new database would lack "
                 "them); fix them and run --relearn again\n",
                 stats.skipped, db_path);
      return 1;
    }
    tracuu::replace_database(db_path, write_path);  // while the old one is still locked
  }
  observer.clear_progress();
  const double mb = static_cast<double>(stats.bytes) / 1e6;
  const std::size_t written = stats.reports - stats.unchanged;
  fmt::print(stderr,
             "tracuu-index: {} ({} new or changed, {} unchanged), {}, {} removed, {} skipped in "
             "{:.2f} s ({:.2f} MB/s, peak memory {:.0f} MB) -> {}\n",
             plural(stats.reports, "report"), written, stats.unchanged,
             plural(stats.passages, "passage"), stats.removed, stats.skipped, stats.seconds,
             stats.seconds > 0 ? mb / stats.seconds : 0.0, peak_rss_mb(), db_path);
  return stats.skipped > 0 ? 1 : 0;
}

// --delete ID...: exit 1 when some id is not in the database (the others are removed).
int delete_reports(const Options& o, StderrObserver& observer) {
  const std::string db_path = tracuu::resolve_db_path(o.db);
  (void)tracuu::open_collection({db_path}, {});  // a clear error when there is no database
  tracuu::Indexer indexer(db_path);  // the public API's, over every shard
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
  fmt::print("segmentation  {} features, {} n-grams, {} known-word keys ({:.1f} MB, stored in the "
             "database)\n",
             i.model_features, i.model_ngrams, i.model_words,
             static_cast<double>(i.model_bytes) / 1e6);
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

int main(int argc, char** argv) {
  CLI::App app{"Index Vietnamese reports (.txt, .md, .html, .jsonl, each also .gz; folders "
               "recursively; - for JSON lines on stdin) into a tracuu database.",
               "tracuu-index"};
  const tracuu::cli::Manual manual = index_manual();
  std::string generate;
  Options o;
  app.add_option("--db", o.db, "Database folder (default: $TRACUU_DB, else ./tracuu.db)")->type_name("DIR");
  app.add_option("PATH", o.paths,
                 "Files and folders to index, - for JSON lines on stdin (gold files with "
                 "--train-segmenter)");
  auto* prune = app.add_flag("--prune", o.prune,
                             "Also remove the reports of files under PATH... that are gone, and "
                             "reports a file read whole no longer holds");
  auto* encoding = app.add_option("--encoding", o.encoding,
                                  "Read every file in this encoding instead of detecting it: "
                                  "utf-8, windows-1258, tcvn3, vni, viqr")
                      ->type_name("NAME");
  auto* shards = app.add_option(
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
  auto* del = app.add_option("--delete", o.delete_ids, "Remove these reports (by id) and exit")->type_name("ID");
  auto* info_opt = app.add_flag("--info", o.info,
                                "Print the database's schema, segmentation model, report and "
                                "passage counts, and size");
  auto* list_opt = app.add_flag("--list", o.list,
                                "List the reports: id, date, passages, title (tab-separated)");
  auto* relearn = app.add_flag(
      "--relearn", o.relearn,
      "Rebuild the database from PATH... with a segmentation model learned afresh");
  auto* lexicon = app.add_option(
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
  auto* train_opt = app.add_option(
      "--train-segmenter", o.train_out,
      "Train a segmentation model from gold files (PATH...: CoNLL-U, or text with the "
      "syllables of a word joined by _) and write it to this file")
      ->type_name("OUT.model");
  auto* unlabeled = app.add_option("--unlabeled", o.unlabeled,
                                   "With --train-segmenter: text (files, folders) to learn "
                                   "n-grams from, kept in the model")
                       ->type_name("PATH");
  // Repeatable, one file each time, so that PATH... can follow.
  lexicon->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  unlabeled->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
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
  tracuu::cli::add_generate_option(app, generate);
  app.footer(manual.description + "\n\n" + tracuu::cli::help_footer(manual));
  try {
    app.parse(argc, argv);
    if (generate == "man") {
      fmt::print("{}", tracuu::cli::man_page(app, manual, TRACUU_VERSION));
      return 0;
    }
    if (generate == "complete-bash") {
      fmt::print("{}", tracuu::cli::bash_completion(
                           app, {{"--encoding", {"utf-8", "windows-1258", "tcvn3", "vni", "viqr"}}},
                           {"--lexicon", "--segmenter-model", "--train-segmenter", "--unlabeled"}, {"--db"}));
      return 0;
    }
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
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    fmt::print(stderr, "tracuu-index: {}\nRun 'tracuu-index --help' for usage.\n", e.what());
    return 2;
  }

  tracuu::ReadOptions read;
  if (!o.encoding.empty()) {
    read.encoding = tracuu::parse_encoding_name(o.encoding);
    if (!read.encoding) {
      fmt::print(stderr,
                 "tracuu-index: --encoding {}: unknown encoding (utf-8, windows-1258, tcvn3, vni, "
                 "viqr)\n",
                 o.encoding);
      return 2;
    }
  }

  StderrObserver observer;
  try {
    if (o.segment) return segment_stdin(o);
    if (!o.train_out.empty()) return train(o);
    if (o.info) return info(o);
    if (o.list) return list(o);
    if (!o.delete_ids.empty()) return delete_reports(o, observer);
    return index(o, read, observer);
  } catch (const tracuu::Error& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}\n", printable(e.what()));
  } catch (const tracuu::ModelError& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}\n", printable(e.what()));
  } catch (const Xapian::DatabaseCorruptError& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}; the database keeps its last commit\n",
               printable(tracuu::corrupt_database_error(database_folders(o.db), e.get_msg()).what()));
  } catch (const Xapian::Error& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: database error: {}; the database keeps its last commit\n",
               printable(e.get_description()));
  } catch (const std::exception& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}; the database keeps its last commit\n",
               printable(e.what()));
  }
  return 2;
}
