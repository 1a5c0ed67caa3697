#include "index/shards.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "error.h"
#include "hash.h"
#include "index/database.h"
#include "index/schema.h"

namespace tracuu {
namespace fs = std::filesystem;
namespace {

std::string stub_path(const std::string& dir) { return (fs::path(dir) / kStubName).string(); }

// What tracuu-index writes in the stub of an n-shard database.
std::string stub_text(std::size_t n) {
  std::string text = fmt::format(
      "# tracuu sharded database: {} shards. Reports are assigned to shards by a stable hash\n"
      "# of their id: edit with care (tracuu-index --db THIS_FOLDER reads this list).\n",
      n);
  for (std::size_t k = 0; k < n; ++k) text += fmt::format("auto shard-{}\n", k);
  return text;
}

void add_entries(const std::string& spec, std::vector<StubEntry>& out, int depth);

// One line of a stub file ("auto PATH", "remote HOST:PORT" …), `dir` its folder.
void add_line(std::string line, const std::string& dir, const std::string& where,
              std::vector<StubEntry>& out, int depth) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::size_t space = line.find(' ');
  const std::string type = line.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
  if (type == "auto" || type == "glass" || type == "chert") {
    if (rest.empty()) throw Error(fmt::format("{}: '{}' without a path", where, type));
    const fs::path p(rest);
    const std::string path = p.is_absolute() ? rest : (fs::path(dir) / p).lexically_normal().string();
    std::error_code ec;
    // A stub file, or a sharded folder, in a stub: its entries (as Xapian does).
    if (fs::is_regular_file(path, ec) || is_sharded(path)) {
      add_entries(path, out, depth + 1);
      return;
    }
    StubEntry e;
    e.kind = StubEntry::Kind::kLocal;
    e.path = path;
    e.where = where;
    out.push_back(std::move(e));
    return;
  }
  if (type == "remote") {
    StubEntry e;
    e.where = where;
    if (rest.starts_with(':')) {
      const std::size_t sp = rest.find(' ');
      e.kind = StubEntry::Kind::kProgram;
      e.program = rest.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
      if (sp != std::string::npos) e.args = rest.substr(sp + 1);
      if (e.program.empty()) throw Error(fmt::format("{}: 'remote :' without a program", where));
      out.push_back(std::move(e));
      return;
    }
    const std::size_t colon = rest.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw Error(fmt::format("{}: 'remote' wants HOST:PORT or :PROGRAM ARGS", where));
    }
    e.kind = StubEntry::Kind::kTcp;
    e.host = rest.substr(0, colon);
    const std::string port = rest.substr(colon + 1);
    unsigned long value = 0;
    const bool digits = !port.empty() && port.size() <= 5 &&
                        port.find_first_not_of("0123456789") == std::string::npos;
    if (digits) value = std::stoul(port);
    if (!digits || value == 0 || value > 65535) {
      throw Error(fmt::format("{}: '{}' is not a port (1-65535)", where, port));
    }
    e.port = static_cast<unsigned>(value);
    out.push_back(std::move(e));
    return;
  }
  throw Error(fmt::format("{}: not a stub line: want 'auto PATH', 'remote HOST:PORT' or "
                          "'remote :PROGRAM ARGS'",
                          where));
}

void add_entries(const std::string& spec, std::vector<StubEntry>& out, int depth) {
  if (depth > 8) throw Error(fmt::format("'{}': stub files nested too deep (a loop?)", spec));
  std::error_code ec;
  if (fs::is_directory(spec, ec)) {
    if (!is_sharded(spec)) {  // a database folder (open_collection checks it is one)
      StubEntry e;
      e.path = spec;
      e.where = spec;
      out.push_back(std::move(e));
      return;
    }
    return add_entries(stub_path(spec), out, depth + 1);
  }
  std::ifstream in(spec, std::ios::binary);
  if (!in) {
    // Missing: one local entry, for open_collection to report (or leave out).
    StubEntry e;
    e.path = spec;
    e.where = spec;
    out.push_back(std::move(e));
    return;
  }
  const std::string dir = fs::path(spec).parent_path().string();
  std::string line;
  bool first = true;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    const std::string type = line.substr(0, line.find(' '));
    if (first && depth == 0 && type != "auto" && type != "glass" && type != "chert" &&
        type != "remote") {
      throw Error(fmt::format("'{}' is a file, neither a tracuu database folder nor a Xapian "
                              "stub file (line {} is not 'auto PATH' or 'remote HOST:PORT'): "
                              "check --db or TRACUU_DB",
                              spec, n));
    }
    first = false;
    add_line(line, dir.empty() ? "." : dir, fmt::format("{}:{}", spec, n), out, depth);
  }
}

// The shard's schema and the fingerprint of its segmentation model; Error when it is not
// a tracuu database of this schema.
std::string checked_model_id(const Xapian::Database& db, const std::string& name) {
  check_schema(db, name, false);
  std::string id = db.get_metadata(std::string(schema::kSegmenterIdKey));
  // Databases written before the fingerprint was stored: made from the model itself.
  if (id.empty()) id = segmenter_id(db.get_metadata(std::string(schema::kSegmenterKey)));
  return id;
}

Xapian::Database open_entry(const StubEntry& e, unsigned timeout_ms) {
  switch (e.kind) {
    case StubEntry::Kind::kTcp:
      return Xapian::Remote::open(e.host, e.port, timeout_ms, timeout_ms);
    case StubEntry::Kind::kProgram:
      return Xapian::Remote::open(e.program, e.args, timeout_ms);
    case StubEntry::Kind::kLocal:
      break;
  }
  // open_for_search's messages: missing, not a database, another schema.
  return open_for_search(e.path);
}

void recombine(Collection& c) {
  c.all = Xapian::Database();
  for (const Shard& s : c.shards) c.all.add_database(s.db);
}

}  // namespace

std::size_t shard_of(std::string_view id, std::size_t n) {
  return n <= 1 ? 0 : static_cast<std::size_t>(fnv1a_64(id) % n);
}

std::string shard_path(const std::string& dir, std::size_t k) {
  return (fs::path(dir) / fmt::format("shard-{}", k)).string();
}

bool is_sharded(const std::string& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::exists(stub_path(dir), ec);
}

std::vector<std::string> local_shards(const std::string& dir) {
  const std::string stub = stub_path(dir);
  std::ifstream in(stub, std::ios::binary);
  if (!in) throw Error(fmt::format("cannot read '{}'", stub));
  std::vector<std::string> shards;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (line != fmt::format("auto shard-{}", shards.size())) {
      throw Error(fmt::format("{}:{}: tracuu-index writes the shards it made (auto shard-{}), "
                              "not other databases: search this stub with tracuu-search --db, "
                              "index into its shards one by one",
                              stub, n, shards.size()));
    }
    shards.push_back(shard_path(dir, shards.size()));
  }
  if (shards.empty()) throw Error(fmt::format("'{}' lists no shards", stub));
  return shards;
}

void check_sharded_location(const std::string& dir, std::size_t n) {
  if (n < 1 || n > kMaxShards) {
    throw Error(fmt::format("--shards {}: want 1 to {}", n, kMaxShards));
  }
  if (is_sharded(dir)) {
    const std::size_t have = local_shards(dir).size();
    if (have != n) {
      throw Error(fmt::format("'{}' has {} shards, not {}: reports are placed by a hash of their "
                              "id modulo the count, so a new count needs a new database",
                              dir, have, n));
    }
    return;
  }
  std::error_code ec;
  if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec)) {
    throw Error(fmt::format("'{}' is {}: --shards makes a new sharded database in a new or empty "
                            "folder",
                            dir,
                            fs::exists(fs::path(dir) / "iamglass", ec)
                                ? "a database of one shard already"
                                : "a folder with other files in it"));
  }
  check_writable_location(dir);
}

void create_sharded(const std::string& dir, std::size_t n) {
  check_sharded_location(dir, n);
  if (is_sharded(dir)) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("cannot create '{}': {}", dir, ec.message()));
  const std::string stub = stub_path(dir), tmp = stub + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    const std::string text = stub_text(n);
    if (!out.write(text.data(), static_cast<std::streamsize>(text.size())) || !out.flush()) {
      throw Error(fmt::format("cannot write '{}'", tmp));
    }
  }
  fs::rename(tmp, stub, ec);
  if (ec) throw Error(fmt::format("cannot write '{}': {}", stub, ec.message()));
}

std::string StubEntry::name() const {
  switch (kind) {
    case Kind::kTcp:
      return fmt::format("{}:{}", host, port);
    case Kind::kProgram:
      return args.empty() ? program : program + " " + args;
    case Kind::kLocal:
      break;
  }
  return path;
}

std::vector<StubEntry> read_stub(const std::string& path) {
  std::vector<StubEntry> out;
  add_entries(path, out, 0);
  return out;
}

const Shard& Collection::model_shard() const {
  for (const Shard& s : shards) {
    if (!s.remote) return s;
  }
  return shards.front();
}

Collection open_collection(const std::vector<std::string>& specs, const CollectionOptions& options) {
  std::vector<StubEntry> entries;
  for (const std::string& spec : specs) add_entries(spec, entries, 0);
  if (entries.empty()) {
    throw Error(fmt::format("'{}' lists no databases", specs.empty() ? "" : specs.front()));
  }
  Collection c;
  std::string first_model, first_name;
  for (const StubEntry& e : entries) {
    Shard shard{e.name(), e.kind != StubEntry::Kind::kLocal, {}};
    std::string model;
    try {
      shard.db = open_entry(e, options.timeout_ms);
      model = checked_model_id(shard.db, shard.name);
    } catch (const Error& err) {
      // Missing or unreadable local shards may be left out; a database that is there but
      // of another schema may not (the results would be wrong, not partial).
      std::error_code ec;
      const bool absent = e.kind == StubEntry::Kind::kLocal && !fs::exists(e.path, ec);
      if (!options.allow_partial || !absent) throw;
      c.missing.push_back({shard.name, err.what()});
      continue;
    } catch (const Xapian::Error& err) {
      const std::string why = fmt::format("cannot open shard '{}' ({}): {}", shard.name, e.where,
                                          err.get_description());
      if (!options.allow_partial) throw Error(why);
      c.missing.push_back({shard.name, why});
      continue;
    }
    if (first_name.empty()) {
      first_model = model;
      first_name = shard.name;
    } else if (model != first_model) {
      throw Error(fmt::format("shard '{}' has another segmentation model than '{}': its words "
                              "were grouped differently, so one query cannot search both; "
                              "index them as shards of one database (tracuu-index --shards)",
                              shard.name, first_name));
    }
    c.shards.push_back(std::move(shard));
  }
  if (c.shards.empty()) {
    throw Error(fmt::format("no shard could be opened: {}", c.missing.front().why));
  }
  recombine(c);
  return c;
}

bool is_connection_error(const Xapian::Error& e) {
  // NetworkError and its NetworkTimeoutError (Xapian 1.4 errors are not polymorphic).
  return std::string_view(e.get_type()).starts_with("Network");
}

std::vector<MissingShard> unreachable_shards(Collection& collection) {
  std::vector<MissingShard> gone;
  for (Shard& s : collection.shards) {
    if (!s.remote) continue;
    try {
      s.db.keep_alive();  // a round trip to the server
    } catch (const Xapian::Error& e) {
      gone.push_back({s.name, fmt::format("shard '{}' stopped answering: {}", s.name,
                                          e.get_description())});
    }
  }
  return gone;
}

void drop_shards(Collection& collection, const std::vector<MissingShard>& gone) {
  std::erase_if(collection.shards, [&](const Shard& s) {
    for (const MissingShard& g : gone) {
      if (g.name == s.name) return true;
    }
    return false;
  });
  collection.missing.insert(collection.missing.end(), gone.begin(), gone.end());
  recombine(collection);
}

}  // namespace tracuu
