// Opening tracuu databases: the database-path rule and the schema-version check.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace Xapian {
class Database;
class Error;
}  // namespace Xapian

namespace tracuu {

// The database both binaries use: `flag` when given (--db), else $TRACUU_DB, else
// ./tracuu.db; written one way ("db/", "./db" and "db/." are "db"; "." and ".." as the
// absolute path), so that the folder --relearn builds in is beside it, not in it.
std::string resolve_db_path(const std::string& flag);

// Throws Error unless `db` was written with this schema version. An empty database with
// no version yet passes when `allow_empty` (the indexer is about to fill it).
void check_schema(const Xapian::Database& db, const std::string& path, bool allow_empty);

// The fingerprint of a serialized segmentation model, stored beside it: "c" and the 16 hex
// digits of the checksum the model ends with (segmenter.h stored_checksum), so that
// telling a model file from another reads 8 bytes, not the whole model. Older databases
// store 16 hex digits of FNV-1a-64 over the whole model (also what this gives for bytes
// that are not a model).
std::string segmenter_id(std::string_view serialized_model);
// Whether `serialized_model` is the model whose fingerprint is `id`, in either form.
bool is_model(std::string_view serialized_model, const std::string& id);

// The Error for a database whose data does not parse, or that Xapian finds corrupt
// (DatabaseCorruptError): "database corrupt: run xapian-check DIR (why)", naming each of
// `folders` (the shards to check).
Error corrupt_database_error(const std::vector<std::string>& folders, const std::string& why);

// Whether `e` tells of a damaged table: a DatabaseCorruptError, or the DatabaseError Xapian
// raises for a block that points past the file's end or does not decompress.
bool is_corruption(const Xapian::Error& e);

// Throws corrupt_database_error unless what can be checked cheaply before writing holds:
// the last document (data, terms, positions, values) reads back, and its data is a
// passage's (schema.h). Xapian's own checks of a table's whole structure (xapian-check)
// grow with the database and are left to the user.
void check_before_writing(const Xapian::Database& db, const std::string& path);

// Opens `path` for searching, with a clear Error when it is missing, not a database,
// or of another schema version.
Xapian::Database open_for_search(const std::string& path);

// Throws Error when the indexer must not write at `path`: a file, or a folder with other
// things in it that is not a Xapian database (writing there would mix the database into
// someone's files). A missing or empty folder, or an existing database, is fine.
void check_writable_location(const std::string& path);

// The Error for a database at `path` that Xapian could not lock for writing: not writable
// by this user (permissions, a read-only file system), else locked by another writer.
Error write_lock_error(const std::string& path);

// Where --relearn builds a database before it takes the place of `db`.
std::string relearn_build_path(const std::string& db);

// Clears what a --relearn stopped before it finished left at `path` (relearn_build_path):
// a database, a sharded one, or an empty folder. Throws Error, and touches nothing, when
// `path` is anything else (a folder of other files is never deleted, as --db never writes
// into one).
void clear_relearn_leftover(const std::string& path);

// Holds the write lock of the database at `path`, if there is one, without checking its
// schema (--relearn replaces databases of any version). Throws Error when another writer
// holds it.
class DatabaseLock {
 public:
  explicit DatabaseLock(const std::string& path);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Puts the complete database at `built` in the place of `db` in one step (the two folders
// are exchanged atomically, so a searcher finds the old one or the new one, never none),
// then removes the old one. Throws Error.
void replace_database(const std::string& db, const std::string& built);

}  // namespace tracuu
