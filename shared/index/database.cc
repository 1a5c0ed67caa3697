#include "index/database.h"

#include <fcntl.h>  // renameat2, RENAME_EXCHANGE (glibc 2.28+)
#include <fmt/format.h>
#include <stdio.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "error.h"
#include "hash.h"
#include "index/schema.h"
#include "index/shards.h"
#include "segment/segmenter.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;

// A folder holding a Xapian database has one of these marker files.
bool is_xapian_folder(const fs::path& path) {
  std::error_code ec;
  for (const char* marker : {"iamglass", "iamchert", "iamhoney"}) {
    if (fs::exists(path / marker, ec)) return true;
  }
  return false;
}

}  // namespace

std::string resolve_db_path(const std::string& flag) {
  const char* env = std::getenv("TRACUU_DB");
  std::string path = !flag.empty()                    ? flag
                     : env != nullptr && *env != '\0' ? std::string(env)
                                                      : std::string("tracuu.db");
  path = fs::path(path).lexically_normal().string();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (const std::string name = fs::path(path).filename().string(); name == "." || name == "..") {
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(path), ec);
    if (!ec) path = absolute.string();
  }
  return path;
}

void check_schema(const Xapian::Database& db, const std::string& path, bool allow_empty) {
  const std::string version = db.get_metadata(std::string(schema::kVersionKey));
  if (version.empty()) {
    if (allow_empty && db.get_doccount() == 0) return;
    // What the first run of tracuu-index leaves until its first commit (killed before it).
    if (db.get_doccount() == 0 && db.metadata_keys_begin() == db.metadata_keys_end()) {
      throw Error(
          fmt::format("'{}' is a tracuu index being built: its first tracuu-index run has "
                      "committed nothing yet (or was stopped before it did); run "
                      "tracuu-index --db {} PATH... again to complete it",
                      path, path));
    }
    throw Error(fmt::format("'{}' is a Xapian database but not a tracuu index (no {} metadata)",
                            path, schema::kVersionKey));
  }
  const std::string analyzer = db.get_metadata(std::string(schema::kAnalyzerKey));
  if (version != std::to_string(schema::kVersion) ||
      analyzer != std::to_string(schema::kAnalyzerVersion)) {
    throw Error(fmt::format(
        "'{}' has index schema version {} (analyzer {}), this tracuu reads version {} "
        "(analyzer {}): re-index it into a new database (tracuu-index --db NEW PATH...)",
        path, version, analyzer.empty() ? "?" : analyzer, schema::kVersion,
        schema::kAnalyzerVersion));
  }
}

namespace {
// The fingerprint's older form, still that of bytes that are no model.
std::string fnv_id(std::string_view bytes) { return fmt::format("{:016x}", fnv1a_64(bytes)); }
}  // namespace

std::string segmenter_id(std::string_view serialized_model) {
  if (const std::optional<std::uint64_t> stored = Segmenter::stored_checksum(serialized_model)) {
    return fmt::format("c{:016x}", *stored);
  }
  return fnv_id(serialized_model);
}

bool is_model(std::string_view serialized_model, const std::string& id) {
  return (id.size() == 16 ? fnv_id(serialized_model) : segmenter_id(serialized_model)) == id;
}

Error corrupt_database_error(const std::vector<std::string>& folders, const std::string& why) {
  std::string check;
  for (std::size_t i = 0; i < folders.size(); ++i) {
    check += fmt::format("{}xapian-check {}",
                         i == 0                    ? ""
                         : i + 1 == folders.size() ? " and "
                                                   : ", ",
                         folders[i]);
  }
  return Error(
      fmt::format("database corrupt: run {} ({})", check.empty() ? "xapian-check" : check, why));
}

bool is_corruption(const Xapian::Error& e) {
  const std::string_view type = e.get_type();
  if (type == "DatabaseCorruptError") return true;
  if (type != "DatabaseError") return false;
  const std::string& msg = e.get_msg();
  return msg.starts_with("EOF reading block") || msg.starts_with("inflate failed");
}

void check_before_writing(const Xapian::Database& db, const std::string& path) {
  if (db.get_doccount() == 0) return;
  try {
    // The last document id used may be a deleted document's (a report replaced since).
    const Xapian::docid last = db.get_lastdocid();
    for (Xapian::docid id = last; id > 0 && id + 64 > last; --id) {
      Xapian::Document doc;
      try {
        doc = db.get_document(id);
      } catch (const Xapian::DocNotFoundError&) {
        continue;
      }
      const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
      if (!data.is_object() || !data.contains("passage") || !data.contains("text") ||
          !data["text"].is_string()) {
        throw corrupt_database_error({path}, fmt::format("document {} holds no passage", id));
      }
      for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
        }
      }
      for (auto value = doc.values_begin(); value != doc.values_end(); ++value) (void)*value;
      return;
    }
  } catch (const Xapian::Error& e) {
    if (is_corruption(e)) throw corrupt_database_error({path}, e.get_msg());
    throw;
  }
}

Xapian::Database open_for_search(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(
        fmt::format("no database at '{}': build one with tracuu-index --db {} PATH..., "
                    "or point --db or TRACUU_DB at an existing one",
                    path, path));
  }
  const bool folder = std::filesystem::is_directory(path, ec);
  if (!folder && !std::filesystem::is_regular_file(path, ec)) {  // opening a FIFO would block
    throw Error(
        fmt::format("'{}' is neither a database folder nor a file: check --db or TRACUU_DB", path));
  }
  if (folder && !is_xapian_folder(path)) {
    throw Error(
        fmt::format("'{}' is a folder but not a tracuu database (no Xapian database "
                    "in it): check --db or TRACUU_DB",
                    path));
  }
  Xapian::Database db;
  try {
    db = Xapian::Database(path, Xapian::DB_BACKEND_GLASS);  // never a stub file (shards.h)
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw corrupt_database_error({path}, e.get_msg());
  } catch (const Xapian::DatabaseOpeningError& e) {
    if (!folder) {
      throw Error(
          fmt::format("'{}' is a file, neither a tracuu database folder nor a Xapian "
                      "stub file ({}): check --db or TRACUU_DB",
                      path, e.get_msg()));
    }
    throw Error(fmt::format("cannot open database '{}': {}", path, e.get_msg()));
  }
  check_schema(db, path, false);
  return db;
}

void check_writable_location(const std::string& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return;
  if (!fs::is_directory(status)) {
    throw Error(fmt::format("'{}' is a file: --db names the folder the database lives in", path));
  }
  if (!is_xapian_folder(path) && !fs::is_empty(path, ec)) {
    throw Error(
        fmt::format("'{}' is a folder with other files in it, not a tracuu database: "
                    "give --db a new or empty folder",
                    path));
  }
}

Error write_lock_error(const std::string& path) {
  const std::string lock = (fs::path(path) / "flintlock").string();  // Xapian's lock file
  std::error_code ec;
  if (::access(path.c_str(), W_OK) != 0 ||
      (fs::exists(lock, ec) && ::access(lock.c_str(), W_OK) != 0)) {
    return Error(
        fmt::format("database '{}' is not writable by this user ({}): run tracuu-index as "
                    "a user who may write to it, or give this one write permission",
                    path, std::strerror(errno)));
  }
  return Error(fmt::format("database '{}' is locked: another tracuu-index is writing to it", path));
}

std::string relearn_build_path(const std::string& db) { return db + ".relearn"; }

void clear_relearn_leftover(const std::string& path) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (ec || !fs::exists(status)) return;
  bool leftover = fs::is_directory(status) && (is_xapian_folder(path) || is_sharded(path));
  if (fs::is_directory(status) && !leftover) {
    leftover = true;  // empty, or only the stub file a sharded build was writing
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      leftover &= entry.path().filename() == std::string(kStubName) + ".tmp";
    }
    leftover &= !ec;
  }
  if (!leftover) {
    const char* what = fs::is_directory(status) ? "a folder with other files in it" : "a file";
    throw Error(
        fmt::format("'{}' is {}, not a database a stopped --relearn left: --relearn "
                    "builds the new database there; move it away first",
                    path, what));
  }
  fs::remove_all(path, ec);
  if (ec) throw Error(fmt::format("cannot clear '{}': {}", path, ec.message()));
}

struct DatabaseLock::Impl {
  std::vector<Xapian::WritableDatabase> dbs;  // one per shard
};

DatabaseLock::DatabaseLock(const std::string& path) : impl_(std::make_unique<Impl>()) {
  if (!std::filesystem::exists(path)) return;
  const std::vector<std::string> shards =
      is_sharded(path) ? local_shards(path) : std::vector<std::string>{path};
  for (const std::string& shard : shards) {
    if (!std::filesystem::exists(shard)) continue;  // not made yet
    try {
      impl_->dbs.emplace_back(shard, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::DatabaseLockError&) {
      throw write_lock_error(shard);
    } catch (const Xapian::DatabaseError& e) {
      throw Error(fmt::format("cannot open database '{}' for writing: {}", shard, e.get_msg()));
    }
  }
}

DatabaseLock::~DatabaseLock() {
  for (Xapian::WritableDatabase& db : impl_->dbs) {
    try {
      db.close();  // nothing was changed: nothing to commit
    } catch (const Xapian::Error&) {
    }
  }
}

void replace_database(const std::string& db, const std::string& built) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(db)) {
    fs::rename(built, db, ec);
    if (ec) throw Error(fmt::format("cannot move '{}' to '{}': {}", built, db, ec.message()));
    return;
  }
  if (renameat2(AT_FDCWD, built.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) != 0) {
    throw Error(
        fmt::format("cannot put '{}' in the place of '{}': {}", built, db, std::strerror(errno)));
  }
  fs::remove_all(built, ec);  // now the old database; a leftover is cleared next time
}

}  // namespace tracuu
