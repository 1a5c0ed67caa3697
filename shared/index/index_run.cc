#include "index/index_run.h"

#include <fmt/format.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include "consumer_threads.h"
#include "error.h"
#include "index/database.h"
#include "index/schema.h"
#include "index/segmentation.h"
#include "index/shards.h"
#include "index/terms.h"
#include "index/writer.h"
#include "ingest/formats.h"
#include "ingest/html.h"
#include "ingest/markdown.h"
#include "ingest/report.h"
#include "text/chars.h"
#include "text/decode.h"
#include "text/utf8.h"

namespace tracuu {
namespace fs = std::filesystem;
namespace {

struct InputFile {
  fs::path path;
  std::string display;  // the path as the user would write it
  std::string id;       // relative to the folder named on the command line, or the file name
  std::string key;      // absolute path: the file's identity in the index (--prune)
  bool from_stdin = false;
  // The source of its reports that give neither a source nor a URL: the top folder under
  // the folder named on the command line (that folder itself for the files directly in
  // it; the file's own folder for a file named directly), "stdin" for stdin.
  std::string folder;
};

// The name of the folder `p` ("corpus/" and "corpus/." are "corpus"; "." is the current
// folder's name).
std::string folder_name(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  abs = (ec ? p : abs).lexically_normal();
  if (abs.filename().empty()) abs = abs.parent_path();
  return escape_invalid_utf8(abs.filename().string());
}

// What became of one input file, for --prune.
struct FileOutcome {
  std::vector<std::string> ids;  // reports read from it (written or unchanged)
  bool complete = true;          // every report in it was read (nothing skipped)
};

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.';
}

// README.md, readme.txt …: a folder's description, not one of its reports (indexed only
// when named on the command line).
bool is_readme(const fs::path& p) { return equal_ignoring_ascii_case(p.stem().string(), "README"); }

std::string file_key(const fs::path& p) {
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec);
  std::string key = (ec ? p : abs).lexically_normal().generic_string();
  while (key.size() > 1 && key.back() == '/') key.pop_back();  // "in/" names "in"
  return key;
}

std::string mebibytes(std::size_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
}

// The bytes of one report's file, at most kMaxReportBytes (decompressed, for .gz): a larger
// one is refused before it is read, or where its decompression passes the limit.
std::string read_report_file(const fs::path& path, const std::string& shown, bool gzip) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw InputError(shown, fmt::format("cannot be read: {}", ec.message()));
  if (!gzip && size > kMaxReportBytes) {
    throw InputError(shown, fmt::format("{}, more than the {} MiB one report may be read from",
                                        mebibytes(size), kMaxReportBytes >> 20));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(shown, "cannot be read");
  std::string bytes;
  char buffer[1 << 16];
  if (!gzip) {
    bytes.reserve(size);
    const ByteSource source = stream_source(in, shown);
    while (const std::size_t n = source(buffer, sizeof buffer)) bytes.append(buffer, n);
    return bytes;
  }
  try {
    GunzipReader reader(stream_source(in, shown), kMaxReportBytes);
    while (const std::size_t n = reader.read(buffer, sizeof buffer)) bytes.append(buffer, n);
  } catch (const DecodeError& e) {
    throw InputError(fmt::format("{}: byte {}", shown, e.offset()),
                     bytes.size() + sizeof buffer > kMaxReportBytes
                         ? fmt::format("{}: the most one report may be read from", e.what())
                         : e.what());
  }
  return bytes;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(kAsciiWhiteSpace) == std::string_view::npos;
}

// Thrown through the reading loop when a writer has failed: stop reading.
class Aborted : public std::exception {};

class Run {
 public:
  Run(IndexObserver& observer, const ReportSink& sink, const ReadOptions& options)
      : observer_(observer), sink_(sink), options_(options) {}

  IndexStats go(const std::vector<std::string>& args) {
    start_ = std::chrono::steady_clock::now();
    const std::vector<InputFile> inputs = collect(args);
    std::vector<std::size_t> sizes;
    for (const InputFile& f : inputs) {
      std::error_code ec;
      const std::uintmax_t size = f.from_stdin ? 0 : fs::file_size(f.path, ec);
      sizes.push_back(ec ? 0 : static_cast<std::size_t>(size));
      stats_.total_bytes += sizes.back();
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const InputFile& f = inputs[i];
      current_ = &outcomes_[f.key];
      done_before_ = stats_.done_bytes;
      index_file(f);
      current_ = nullptr;
      ++stats_.files;
      stats_.done_bytes = done_before_ + sizes[i];
      progress();
    }
    if (!ignored_.empty()) {
      observer_.note(fmt::format("ignored {} file(s) of other types or README files, such as {}",
                                 ignored_.size(), *ignored_.begin()));
    }
    if (untitled_ > 0) {
      observer_.note(
          fmt::format("indexed {} report(s) with no title (an empty or missing \"title\"), "
                      "such as {}",
                      untitled_, first_untitled_));
    }
    for (const auto& [encoding, files] : legacy_) {
      observer_.note(
          fmt::format("read {} file(s) as {}, such as {}", files.size(), encoding, files.front()));
    }
    stats_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return stats_;
  }

  const std::map<std::string, FileOutcome>& outcomes() const { return outcomes_; }
  // Command-line paths that were missing, and folders that could not be listed whole
  // (file keys).
  const std::set<std::string>& unread_folders() const { return unread_folders_; }
  IndexStats& stats() { return stats_; }

 private:
  std::vector<InputFile> collect(const std::vector<std::string>& args) {
    std::vector<InputFile> files;
    for (const std::string& arg : args) {
      if (arg == "-") {
        files.push_back({fs::path(), "stdin", "stdin", "", true, "stdin"});
        continue;
      }
      std::error_code ec;
      const fs::path root(arg);
      const std::string shown = shown_path(arg);
      const auto status = fs::status(root, ec);
      if (ec || !fs::exists(status)) {
        skip(shown, ec && ec != std::errc::no_such_file_or_directory
                        ? fmt::format("cannot be read: {}", ec.message())
                        : "no such file or folder");
        unread_folders_.insert(file_key(root));  // a missing root prunes nothing
        continue;
      }
      if (fs::is_regular_file(status)) {
        if (input_kind(arg).format == InputFormat::kUnsupported) {
          skip(shown, fmt::format("not a supported format ({})", supported_formats()));
          continue;
        }
        files.push_back({root, shown, escape_invalid_utf8(root.filename().string()), file_key(root),
                         false, folder_name(fs::path(file_key(root)).parent_path())});
        continue;
      }
      if (!fs::is_directory(status)) {
        skip(shown, "not a regular file or folder");
        continue;
      }
      std::vector<InputFile> found = walk(root);
      std::sort(found.begin(), found.end(),
                [](const InputFile& a, const InputFile& b) { return a.id < b.id; });
      files.insert(files.end(), found.begin(), found.end());
    }
    if (!bad_names_.empty()) {
      observer_.note(fmt::format(
          "{} path(s) not valid UTF-8 (a file's or a folder's name), indexed with each such "
          "byte written \\xNN in their id and path, such as {}",
          bad_names_.size(), *bad_names_.begin()));
    }
    return files;
  }

  // A path as messages, ids and sources show it: valid UTF-8 (a byte that is not written
  // \xNN, and remembered for a note).
  std::string shown_path(const std::string& path) {
    std::string shown = escape_invalid_utf8(path);
    if (shown.size() != path.size()) bad_names_.insert(shown);
    return shown;
  }

  // The input files under the folder `root`, each folder listed on its own: one that
  // cannot be listed is skipped, named, and the rest is indexed. Symbolic links to files
  // are followed, to folders not; one that loops or points nowhere is noted.
  std::vector<InputFile> walk(const fs::path& root) {
    std::vector<InputFile> found;
    std::vector<fs::path> folders = {root};
    while (!folders.empty()) {
      const fs::path folder = std::move(folders.back());
      folders.pop_back();
      std::error_code ec;
      fs::directory_iterator it(folder, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (is_hidden(p)) continue;
        std::error_code link_ec, target_ec;
        const fs::file_status link = it->symlink_status(link_ec);
        const fs::file_status target = it->status(target_ec);
        if (!link_ec && fs::is_symlink(link)) {
          if (target_ec == std::errc::too_many_symbolic_link_levels) {
            observer_.note(fmt::format("{}: a symbolic link that loops, not followed",
                                       shown_path(p.string())));
            continue;
          }
          if (target_ec == std::errc::no_such_file_or_directory) {
            observer_.note(fmt::format("{}: a symbolic link to nothing ({} is missing)",
                                       shown_path(p.string()),
                                       shown_path(fs::read_symlink(p, target_ec).string())));
            continue;
          }
          if (fs::is_directory(target)) continue;  // not followed
        } else if (!link_ec && fs::is_directory(link)) {
          folders.push_back(p);
          continue;
        }
        if (target_ec) {
          skip(shown_path(p.string()), fmt::format("cannot be read: {}", target_ec.message()));
          continue;
        }
        if (!fs::is_regular_file(target)) continue;
        if (input_kind(p.string()).format == InputFormat::kUnsupported || is_readme(p)) {
          ignored_.insert(shown_path(p.string()));
          continue;
        }
        const fs::path relative = p.lexically_relative(root);
        found.push_back({p, shown_path(p.string()), escape_invalid_utf8(relative.generic_string()),
                         file_key(p), false,
                         std::distance(relative.begin(), relative.end()) > 1
                             ? escape_invalid_utf8(relative.begin()->string())
                             : folder_name(root)});
      }
      if (ec) {
        // The files of this folder not listed are not gone: --prune leaves them alone.
        skip(shown_path(folder.string()), fmt::format("cannot list folder: {}", ec.message()));
        unread_folders_.insert(file_key(folder));
      }
    }
    return found;
  }

  void index_file(const InputFile& f) {
    const InputKind kind =
        f.from_stdin ? InputKind{InputFormat::kJsonLines, false} : input_kind(f.path.string());
    if (kind.format == InputFormat::kJsonLines) return index_json_lines(f, kind.gzip);
    try {
      const std::string bytes = read_report_file(f.path, f.display, kind.gzip);
      stats_.bytes += bytes.size();
      DecodedText decoded;
      try {
        decoded = decode_any(bytes, options_.encoding);
      } catch (const DecodeError& e) {
        throw InputError(fmt::format("{}: byte {}", f.display, e.offset()),
                         fmt::format("{}{}", e.what(), kind.gzip ? " (after decompression)" : ""));
      }
      if (decoded.encoding != Encoding::kUtf8 && !options_.encoding) {
        legacy_[std::string(encoding_name(decoded.encoding))].push_back(f.display);
      }
      if (is_blank(decoded.text)) {
        observer_.note(fmt::format("{}: empty file, nothing to index", f.display));
        return;
      }
      Report report;
      switch (kind.format) {
        case InputFormat::kMarkdown:
          report = parse_markdown_report(decoded.text, f.id, f.display);
          break;
        case InputFormat::kHtml:
          report = parse_html_report(decoded.text, f.id, f.display);
          break;
        default:
          report = parse_text_report(decoded.text, f.id, f.display);
      }
      add(std::move(report), f.display, f);
    } catch (const InputError& e) {
      skip(e.location(), e.what());
    } catch (const Aborted&) {
      throw;
    } catch (const std::exception& e) {  // a reader's failure ends this file, not the run
      skip(f.display, fmt::format("cannot be indexed: {}", e.what()));
    }
  }

  // JSON lines, one report each, read as a stream (a line at a time, decompressed as it is
  // read): a line longer than kMaxReportBytes is skipped without being held.
  void index_json_lines(const InputFile& f, bool gzip) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (!f.from_stdin || !options_.stdin_copy.empty()) {
      file.open(f.from_stdin ? fs::path(options_.stdin_copy) : f.path, std::ios::binary);
      if (!file)
        return skip(f.display, f.from_stdin ? "cannot read the copy of stdin" : "cannot be read");
      in = &file;
    }
    std::size_t read = 0;  // bytes of the file (compressed, for .gz)
    const ByteSource counted = [source = stream_source(*in, f.display), &read](char* buffer,
                                                                               std::size_t size) {
      const std::size_t n = source(buffer, size);
      read += n;
      return n;
    };
    std::optional<GunzipReader> gunzip;
    if (gzip) gunzip.emplace(counted);
    const ByteSource decompressed = [&](char* buffer, std::size_t size) {
      return gunzip->read(buffer, size);
    };
    LineReader lines(gzip ? decompressed : counted, kMaxReportBytes);
    LineReader::Line line;
    for (;;) {
      try {
        if (!lines.next(line)) break;
      } catch (const DecodeError& e) {  // what came before it is indexed
        skip(fmt::format("{}: byte {}", f.display, e.offset()),
             fmt::format("{} (after line {})", e.what(), line.number));
        break;
      } catch (const InputError& e) {
        skip(fmt::format("{}:{}", f.display, line.number + 1), e.what());
        break;
      }
      const std::string where = fmt::format("{}:{}", f.display, line.number);
      if (line.number % 256 == 0) {
        stats_.done_bytes = done_before_ + read;
        progress();
      }
      if (line.too_long) {
        skip(where, fmt::format("a line of {}, more than the {} MiB one report may be read from",
                                mebibytes(line.bytes), kMaxReportBytes >> 20));
        continue;
      }
      if (is_blank(line.text)) continue;
      try {
        std::string text;
        try {
          text = options_.encoding ? decode_any(line.text, options_.encoding).text
                                   : decode_text(line.text);
        } catch (const DecodeError& e) {
          throw InputError(fmt::format("{} (byte {} of the {})", where, line.offset + e.offset(),
                                       gzip ? "decompressed file" : "file"),
                           e.what());
        }
        add(parse_json_report(text, f.display, line.number), where, f);
      } catch (const InputError& e) {
        skip(e.location(), e.what());
      } catch (const Aborted&) {
        throw;
      } catch (const std::exception& e) {
        skip(where, fmt::format("cannot be indexed: {}", e.what()));
      }
    }
    stats_.bytes += read;
  }

  void add(Report report, const std::string& where, const InputFile& f) {
    if (report.source.empty()) {
      report.source = url_host(report.url);
      if (report.source.empty()) report.source = f.folder;
    }
    report.path = f.from_stdin ? "-" : f.display;
    finish_report(report, where);
    if (!ids_.insert(report.id).second) {
      throw InputError(where,
                       fmt::format("report id \"{}\" already came earlier in this run", report.id));
    }
    sink_(report, f.key);
    if (report.title.empty() && untitled_++ == 0) first_untitled_ = where;
    ++stats_.reports;
    stats_.passages += report.passages.size();
    if (current_ != nullptr) current_->ids.push_back(report.id);
  }

  void progress() {
    stats_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    observer_.progress(stats_);
  }

  void skip(const std::string& where, const std::string& why) {
    ++stats_.skipped;
    if (current_ != nullptr) current_->complete = false;
    observer_.skipped(where, why);
  }

  IndexObserver& observer_;
  const ReportSink& sink_;
  const ReadOptions& options_;
  IndexStats stats_;
  std::unordered_set<std::string> ids_;
  std::set<std::string> ignored_;
  std::map<std::string, std::vector<std::string>> legacy_;  // encoding → files
  std::map<std::string, FileOutcome> outcomes_;             // file key → outcome
  std::set<std::string> unread_folders_;
  std::set<std::string> bad_names_;  // paths not valid UTF-8, as shown
  FileOutcome* current_ = nullptr;
  std::chrono::steady_clock::time_point start_;
  std::size_t done_before_ = 0;  // done_bytes before the file being read
  std::size_t untitled_ = 0;     // reports indexed without a title (JSON lines)
  std::string first_untitled_;   // where the first came from
};

// The reports of the last committed revision, for the unchanged-content check. A reader
// beside the writer: when the writer's commits overtake it, it reopens.
class Committed {
 public:
  explicit Committed(const std::string& path) {
    try {
      db_ = Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
      open_ = true;
    } catch (const Xapian::DatabaseOpeningError&) {
      // A new database: nothing committed yet.
    }
  }

  std::string hash(const std::string& id) {
    if (!open_) return {};
    const std::string term = terms::report(id);
    for (int attempt = 0;; ++attempt) {
      try {
        auto it = db_.postlist_begin(term);
        if (it == db_.postlist_end(term)) return {};
        return db_.get_document(*it).get_value(schema::kSlotHash);
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == 5) throw;
        db_.reopen();
      }
    }
  }

 private:
  Xapian::Database db_;
  bool open_ = false;
};

// --prune: reports whose input files are gone, or no longer hold them.
std::size_t prune(const std::vector<IndexWriter*>& shards, const std::vector<std::string>& args,
                  const std::map<std::string, FileOutcome>& outcomes,
                  const std::set<std::string>& unread_folders, IndexObserver& observer) {
  // Under the folder (or the file itself), not a sibling that shares the prefix.
  const auto under = [](const std::string& key, const std::string& folder) {
    return key == folder || key.starts_with(folder + "/");
  };
  const auto unread = [&](const std::string& key) {
    return std::any_of(unread_folders.begin(), unread_folders.end(),
                       [&](const std::string& folder) { return under(key, folder); });
  };
  std::set<std::string> gone;  // file keys
  std::set<std::string> noted;
  for (const std::string& arg : args) {
    if (arg == "-") continue;
    const std::string root = file_key(arg);
    if (unread(root)) {
      if (noted.insert(root).second) {
        observer.note(
            fmt::format("{}: not pruned, it could not be read whole", escape_invalid_utf8(arg)));
      }
      continue;
    }
    for (IndexWriter* writer : shards) {
      for (const std::string& key : writer->files_under(root)) {
        if (under(key, root) && !outcomes.contains(key) && !unread(key)) gone.insert(key);
      }
    }
  }
  for (const std::string& folder : unread_folders) {
    if (!noted.insert(folder).second) continue;
    observer.note(
        fmt::format("{}: not pruned, it could not be listed", escape_invalid_utf8(folder)));
  }
  std::size_t removed = 0;
  for (IndexWriter* writer : shards) {
    for (const std::string& key : gone) {
      for (const std::string& id : writer->reports_of_file(key))
        removed += writer->delete_report(id);
    }
  }
  if (!gone.empty()) {
    observer.note(fmt::format("pruned the reports of {} file(s) that are gone, such as {}",
                              gone.size(), escape_invalid_utf8(*gone.begin())));
  }
  // Reports a file held before and holds no more (a JSON line removed, a doc_id changed):
  // only from files read whole, so that a file with a bad line keeps what it had.
  for (const auto& [key, outcome] : outcomes) {
    if (!outcome.complete || key.empty()) continue;
    const std::set<std::string> now(outcome.ids.begin(), outcome.ids.end());
    for (IndexWriter* writer : shards) {
      for (const std::string& id : writer->reports_of_file(key)) {
        if (!now.contains(id)) removed += writer->delete_report(id);
      }
    }
  }
  return removed;
}

}  // namespace

IndexStats for_each_report(const std::vector<std::string>& paths, IndexObserver& observer,
                           const ReportSink& sink, const ReadOptions& options) {
  return Run(observer, sink, options).go(paths);
}

IndexStats index_paths(IndexWriter& writer, const std::vector<std::string>& paths,
                       IndexObserver& observer, const IndexOptions& options) {
  return index_paths(std::vector<IndexWriter*>{&writer}, paths, observer, options);
}

IndexStats index_paths(const std::vector<IndexWriter*>& shards,
                       const std::vector<std::string>& paths, IndexObserver& observer,
                       const IndexOptions& options) {
  // The documents of every shard are made with the one model open_writers read.
  const auto with_model = std::find_if(
      shards.begin(), shards.end(), [](const IndexWriter* w) { return w->segmenter() != nullptr; });
  if (with_model == shards.end()) throw std::logic_error("index_paths: no segmentation model");
  const Segmenter& segmenter = *(*with_model)->segmenter();
  const std::size_t n = shards.size();
  const std::size_t batch = std::max<std::size_t>(options.batch_passages / n, 1);
  std::vector<std::unique_ptr<Committed>> committed;
  for (IndexWriter* w : shards) committed.push_back(std::make_unique<Committed>(w->path()));
  // A quarter of a batch of analysed passages in flight to each writer at most: enough for
  // the writer never to wait while the reader has work, little memory beside its batch.
  ConsumerThreads<PreparedReport> writers(n, std::max<std::size_t>(batch / 4, 256),
                                          [&](std::size_t k, PreparedReport& report) {
                                            shards[k]->write(report);
                                            if (shards[k]->pending() >= batch) shards[k]->commit();
                                          });
  std::atomic<std::size_t> unchanged{0};
  const ReportSink sink = [&](const Report& report, const std::string& key) {
    if (writers.failed()) throw Aborted();
    const std::size_t k = shard_of(report.id, n);
    if (committed[k]->hash(report.id) == report_hash(report, key)) {
      ++unchanged;
      return;
    }
    PreparedReport prepared = prepare_report(report, key, segmenter);
    const std::size_t passages = prepared.documents.size();
    if (!writers.push(k, std::move(prepared), passages)) throw Aborted();
  };
  Run run(observer, sink, options.read);
  writers.run([&] { run.go(paths); });
  IndexStats stats = run.stats();
  stats.unchanged = unchanged;
  if (options.prune) {
    for (IndexWriter* w : shards) w->commit();  // the prune below reads what this run wrote
    stats.removed = prune(shards, paths, run.outcomes(), run.unread_folders(), observer);
  }
  return stats;
}

namespace {

// "-" among the paths and a model to learn: stdin must be read twice, so it is kept in
// a temporary file (removed when the run ends).
class StdinCopy {
 public:
  explicit StdinCopy(const std::vector<std::string>& paths) {
    if (std::find(paths.begin(), paths.end(), "-") == paths.end()) return;
    std::string name = (fs::temp_directory_path() / "tracuu-stdin-XXXXXX").string();
    const int fd = mkstemp(name.data());  // a new file of our own, never someone's link
    if (fd < 0) throw Error(fmt::format("cannot keep stdin in {}: {}", name, std::strerror(errno)));
    path_ = name;
    char buffer[1 << 16];
    for (;;) {
      const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0 || ::write(fd, buffer, static_cast<std::size_t>(n)) != n) {
        ::close(fd);
        throw Error(fmt::format("cannot keep stdin in {}: {}", path_, std::strerror(errno)));
      }
    }
    ::close(fd);
  }
  ~StdinCopy() {
    std::error_code ec;
    if (!path_.empty()) fs::remove(path_, ec);
  }
  StdinCopy(const StdinCopy&) = delete;
  StdinCopy& operator=(const StdinCopy&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool exists_or_stdin(const std::string& p) {
  std::error_code ec;  // a link that loops is an input the run reports
  return p == "-" || fs::exists(fs::symlink_status(p, ec));
}

}  // namespace

IndexOutcome run_index(const IndexRequest& request, IndexObserver& observer) {
  IndexOutcome outcome;
  const std::string db_path = resolve_db_path(request.db);
  outcome.db = db_path;
  const std::vector<std::string>& paths = request.paths;
  if (std::none_of(paths.begin(), paths.end(), exists_or_stdin) && !request.options.prune) {
    outcome.status = IndexOutcome::Status::kNothingToIndex;  // a typo in every path
    return outcome;
  }
  // --relearn: the old database stays searchable, and locked against other indexers, while
  // the new one is built beside it (a build killed before leaves a folder that is cleared).
  std::optional<DatabaseLock> lock_of_old;
  std::string write_path = db_path;
  // Shards of the database written: --shards, else as many as it has (0: not sharded).
  std::size_t shards = request.shards;
  if (request.relearn) {
    lock_of_old.emplace(db_path);
    write_path = relearn_build_path(db_path);
    clear_relearn_leftover(write_path);
    if (shards == 0 && is_sharded(db_path)) shards = local_shards(db_path).size();
  }
  if (shards > 0) check_sharded_location(write_path, shards);
  // Everything that can fail for the model's sake (model file, word lists) before the
  // database is opened: a new database is not even created then.
  const bool new_model = request.relearn || !has_segmenter(db_path);
  if (!new_model && (!request.lexicons.empty() || !request.model_file.empty())) {
    throw Error(model_kept_message(db_path));
  }
  std::optional<StdinCopy> stdin_copy;
  IndexOptions options = request.options;
  if (new_model) {
    stdin_copy.emplace(paths);
    options.read.stdin_copy = stdin_copy->path();
  }
  const ModelOptions model_options{request.model_file, request.lexicons, request.relearn,
                                   options.read};
  LearnSummary learned;
  std::optional<Segmenter> model;
  if (new_model) model = new_database_model(paths, model_options, &learned);

  if (shards > 0) create_sharded(write_path, shards);
  const std::vector<std::unique_ptr<IndexWriter>> writers = open_writers(write_path);
  std::vector<IndexWriter*> writer_of_shard;
  for (const auto& w : writers) writer_of_shard.push_back(w.get());
  if (!model && std::none_of(writers.begin(), writers.end(),  // an empty database made elsewhere
                             [](const auto& w) { return w->segmenter() != nullptr; })) {
    model = new_database_model(paths, model_options, &learned);
  }
  if (model) {
    const bool words_unused = !request.lexicons.empty() && !model->uses_words();
    set_segmenter(writers, std::move(*model));
    // Every shard has the model and schema before any passage: a run stopped in the middle
    // leaves no shard that the next run or a search cannot open.
    if (writers.size() > 1) {
      for (const auto& w : writers) w->commit();
    }
    observer.note(fmt::format(
        "segmentation model for {}: {} n-grams learned from {} units of this corpus{}", db_path,
        learned.ngrams, learned.units,
        request.lexicons.empty()
            ? ""
            : fmt::format(
                  ", {} words from word lists ({} entries left out){}", learned.words,
                  learned.words_left_out,
                  words_unused ? "; unused: the model was trained without known words" : "")));
  }
  outcome.stats = index_paths(writer_of_shard, paths, observer, options);
  for (const auto& w : writers) w->commit();
  if (request.relearn) {
    if (outcome.stats.skipped > 0) {
      // The new database lacks what could not be read: the old one keeps its place.
      fs::remove_all(write_path);
      outcome.status = IndexOutcome::Status::kRelearnKept;
      return outcome;
    }
    replace_database(db_path, write_path);  // while the old one is still locked
  }
  return outcome;
}

}  // namespace tracuu
