#include "index/database.h"

#include <fmt/format.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>

#include "error.h"
#include "index/schema.h"

namespace tracuu {

std::string resolve_db_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("TRACUU_DB"); env != nullptr && *env != '\0') return env;
  return "tracuu.db";
}

void check_schema(const Xapian::Database& db, const std::string& path, bool allow_empty) {
  const std::string version = db.get_metadata(std::string(schema::kVersionKey));
  if (version.empty()) {
    if (allow_empty && db.get_doccount() == 0) return;
    throw Error(fmt::format("'{}' is a Xapian database but not a tracuu index (no {} metadata)",
                            path, schema::kVersionKey));
  }
  if (version != std::to_string(schema::kVersion)) {
    throw Error(fmt::format(
        "'{}' has index schema version {}, this tracuu reads version {}: re-index it into a "
        "new database (tracuu-index --db NEW PATH...)",
        path, version, schema::kVersion));
  }
}

Xapian::Database open_for_search(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(fmt::format("no database at '{}': build one with tracuu-index --db {} PATH..., "
                            "or point --db or TRACUU_DB at an existing one",
                            path, path));
  }
  Xapian::Database db;
  try {
    db = Xapian::Database(path);
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw Error(fmt::format("cannot open database '{}': {}", path, e.get_msg()));
  }
  check_schema(db, path, false);
  return db;
}

}  // namespace tracuu
