#include "index/segmentation.h"

#include <fmt/format.h>

#include <xapian.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

std::string shipped_model_path() {
  if (const char* dir = std::getenv("TRACUU_RESOURCES"); dir != nullptr && *dir != '\0') {
    return std::string(dir) + "/segmenter.model";
  }
  return std::string(TRACUU_RESOURCE_DIR) + "/segmenter.model";
}

namespace {

// Calls f(bytes) with the regular file at `path` mapped; false when it cannot be. Mapped,
// not read: about 30 ms less a process (bench/README.md). The map lives while f runs; a
// file replaced in place meanwhile (not by rename, as write_model_file does) would end
// the process with SIGBUS.
template <class F>
bool with_mapped_file(const std::string& path, F f) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return false;
  const auto size = static_cast<std::size_t>(st.st_size);
  struct Unmap {
    void* map;
    std::size_t size;
    ~Unmap() { ::munmap(map, size); }
  } unmap{map, size};
  f(std::string_view(static_cast<const char*>(map), size));
  return true;
}

std::string model_file_path(const std::string& db_path) {
  return db_path + "/" + std::string(schema::kModelFileName);
}

}  // namespace

bool model_file_is(const std::string& db_path, const std::string& id) {
  bool same = false;
  with_mapped_file(model_file_path(db_path), [&](std::string_view bytes) { same = segmenter_id(bytes) == id; });
  return same;
}

std::optional<Segmenter> model_beside_database(const std::string& db_path, const std::string& id) {
  std::optional<Segmenter> out;
  if (id.empty()) return out;
  const std::string path = model_file_path(db_path);
  with_mapped_file(path, [&](std::string_view bytes) {
    if (segmenter_id(bytes) != id) return;
    try {
      out = Segmenter::deserialize(bytes, path);
    } catch (const ModelError&) {
      // The database's own copy is read instead, and tells what is wrong with it, if anything.
    }
  });
  return out;
}

bool write_model_file(const std::string& db_path, const std::string& serialized) {
  const std::string path = model_file_path(db_path);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(serialized.data(), static_cast<std::streamsize>(serialized.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temporary, ec);
      return false;
    }
  }
  std::error_code ec, ignored;
  std::filesystem::rename(temporary, path, ec);
  if (ec) std::filesystem::remove(temporary, ignored);
  return !ec;
}

Segmenter load_model(const std::string& path) {
  try {
    return Segmenter::load_file(path);
  } catch (const ModelError& e) {
    throw Error(e.what());
  }
}

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
