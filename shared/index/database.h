// Opening tracuu databases: the database-path rule and the schema-version check.
#pragma once

#include <string>

namespace Xapian {
class Database;
}

namespace tracuu {

// The database both binaries use: `flag` when given (--db), else $TRACUU_DB, else
// ./tracuu.db.
std::string resolve_db_path(const std::string& flag);

// Throws Error unless `db` was written with this schema version. An empty database with
// no version yet passes when `allow_empty` (the indexer is about to fill it).
void check_schema(const Xapian::Database& db, const std::string& path, bool allow_empty);

// Opens `path` for searching, with a clear Error when it is missing, not a database,
// or of another schema version.
Xapian::Database open_for_search(const std::string& path);

// Throws Error when the indexer must not write at `path`: a file, or a folder with other
// things in it that is not a Xapian database (writing there would mix the database into
// someone's files). A missing or empty folder, or an existing database, is fine.
void check_writable_location(const std::string& path);

}  // namespace tracuu
