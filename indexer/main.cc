// tracuu-index: read reports from files and folders into a tracuu database.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "error.h"
#include "index/database.h"
#include "index/index_run.h"
#include "index/writer.h"

namespace {

// Problems and notes go to stderr at once; progress only when stderr is a terminal.
class StderrObserver : public tracuu::IndexObserver {
 public:
  StderrObserver() : tty_(isatty(STDERR_FILENO) == 1) {}

  void skipped(const std::string& where, const std::string& why) override {
    clear_progress();
    fmt::print(stderr, "tracuu-index: {}: {} (skipped)\n", where, why);
  }
  void note(const std::string& what) override {
    clear_progress();
    fmt::print(stderr, "tracuu-index: note: {}\n", what);
  }
  void progress(const tracuu::IndexStats& s) override {
    if (!tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    fmt::print(stderr, "\r\x1b[K{} files, {} reports, {} passages, {:.1f} MB, {:.1f} s",
               s.files, s.reports, s.passages, static_cast<double>(s.bytes) / 1e6, s.seconds);
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Index Vietnamese reports (.txt, .jsonl; folders recursively) into a tracuu "
               "database.\nExit status: 0 all input indexed, 1 some input skipped (each "
               "reported), 2 fatal error (nothing committed).",
               "tracuu-index"};
  std::string db_flag;
  std::vector<std::string> paths;
  app.add_option("--db", db_flag, "Database folder (default: $TRACUU_DB, else ./tracuu.db)");
  app.add_option("PATH", paths, "Files and folders to index")->required();
  app.set_version_flag("--version", std::string("tracuu-index ") + TRACUU_VERSION);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    fmt::print(stderr, "tracuu-index: {}\nRun 'tracuu-index --help' for usage.\n", e.what());
    return 2;
  }

  const std::string db_path = tracuu::resolve_db_path(db_flag);
  if (std::none_of(paths.begin(), paths.end(),
                   [](const std::string& p) { return std::filesystem::exists(p); })) {
    fmt::print(stderr, "tracuu-index: error: nothing to index: no such file or folder: {}\n",
               fmt::join(paths, ", "));
    return 2;  // a typo in every path; the database is not touched
  }
  StderrObserver observer;
  try {
    tracuu::IndexWriter writer(db_path);
    const tracuu::IndexStats stats = tracuu::index_paths(writer, paths, observer);
    writer.commit();
    observer.clear_progress();
    const double mb = static_cast<double>(stats.bytes) / 1e6;
    fmt::print(stderr, "tracuu-index: {}, {}, {} skipped in {:.2f} s ({:.2f} MB/s) -> {}\n",
               plural(stats.reports, "report"), plural(stats.passages, "passage"), stats.skipped,
               stats.seconds, stats.seconds > 0 ? mb / stats.seconds : 0.0, db_path);
    return stats.skipped > 0 ? 1 : 0;
  } catch (const tracuu::Error& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}\n", e.what());
  } catch (const Xapian::Error& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: database error ({}): {}; nothing was committed\n", db_path,
               e.get_description());
  } catch (const std::exception& e) {
    observer.clear_progress();
    fmt::print(stderr, "tracuu-index: error: {}; nothing was committed\n", e.what());
  }
  return 2;
}
