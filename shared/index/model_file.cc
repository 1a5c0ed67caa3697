#include "index/model_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string_view>

#include "error.h"
#include "index/database.h"
#include "index/schema.h"
#include "resources.h"

namespace tracuu {

std::string shipped_model_path() { return resource_file("segmenter.model"); }

namespace {

// The regular file at `path`, mapped (read-only, private) while the pointer lives; null
// when it cannot be. Mapped, not read: a searcher then touches only the pages its lookups
// need (bench/README.md). A file replaced in place while mapped (not by rename, as
// write_model_file does) would end the process with SIGBUS.
struct MappedFile {
  const char* data = nullptr;
  std::size_t size = 0;
  MappedFile(const char* d, std::size_t n) : data(d), size(n) {}
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() { ::munmap(const_cast<char*>(data), size); }
  std::string_view bytes() const { return {data, size}; }
};

std::shared_ptr<const MappedFile> map_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return nullptr;
  struct stat st {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return nullptr;
  try {
    return std::make_shared<const MappedFile>(static_cast<const char*>(map),
                                              static_cast<std::size_t>(st.st_size));
  } catch (...) {
    ::munmap(map, static_cast<std::size_t>(st.st_size));
    throw;
  }
}

std::string model_file_path(const std::string& db_path) {
  return db_path + "/" + std::string(schema::kModelFileName);
}

}  // namespace

bool model_file_is(const std::string& db_path, const std::string& id) {
  const auto file = map_file(model_file_path(db_path));
  // Every byte, unlike the searcher: a file damaged or cut short since it was written
  // keeps its last 8 bytes, the fingerprint, and an index run is what repairs it.
  return file != nullptr && is_model(file->bytes(), id) && Segmenter::intact(file->bytes());
}

std::optional<Segmenter> model_beside_database(const std::string& db_path, const std::string& id) {
  if (id.empty()) return std::nullopt;
  const std::string path = model_file_path(db_path);
  const auto file = map_file(path);
  if (file == nullptr || !is_model(file->bytes(), id)) return std::nullopt;
  try {
    // The fingerprint says these are the bytes the database's model was serialized to:
    // looked up in place, not copied or checked byte by byte (segmenter.h view).
    return Segmenter::view(file->bytes(), file, path);
  } catch (const ModelError&) {
    // The database's own copy is read instead, and tells what is wrong with it, if anything.
    return std::nullopt;
  }
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

}  // namespace tracuu
