#include "index/shards.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "consumer_threads.h"
#include "error.h"
#include "files.h"
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

// A single-file glass database (xapian-compact --single-file) starts with this.
bool is_single_file_database(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[14] = {};
  return in.read(magic, sizeof magic) &&
         std::string_view(magic, sizeof magic) == "\x0f\x0dXapian Glass";
}

void add_entries(const std::string& spec, std::vector<StubEntry>& out, int depth,
                 bool allow_programs);

// The forms of a database line, in Xapian 1.4's stub syntax.
bool is_stub_type(std::string_view type) {
  return type == "auto" || type == "glass" || type == "chert" || type == "remote";
}

// A local database (or what should be one) at `path`, named at `where`.
StubEntry local_entry(const std::string& path, const std::string& where) {
  StubEntry e;
  e.kind = StubEntry::Kind::kLocal;
  e.path = path;
  e.where = where;
  return e;
}

// One line of a stub file ("auto PATH", "remote HOST:PORT" …), `dir` its folder.
// `allow_programs`: a "remote :PROGRAM" line may run its program.
void add_line(std::string line, const std::string& dir, const std::string& where,
              std::vector<StubEntry>& out, int depth, bool allow_programs) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::size_t space = line.find(' ');
  const std::string type = line.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
  if (type != "remote" && is_stub_type(type)) {
    if (rest.empty()) throw Error(fmt::format("{}: '{}' without a path", where, type));
    const fs::path p(rest);
    const std::string path =
        p.is_absolute() ? rest : (fs::path(dir) / p).lexically_normal().string();
    std::error_code ec;
    // A stub file, or a sharded folder, in a stub: its entries (as Xapian does).
    if ((fs::is_regular_file(path, ec) && !is_single_file_database(path)) || is_sharded(path)) {
      add_entries(path, out, depth + 1, false);
      return;
    }
    out.push_back(local_entry(path, where));
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
      if (!allow_programs) {
        throw Error(fmt::format(
            "{}: 'remote :{}' would run a program: refused. A program is run only from a stub "
            "file named on the command line with tracuu-search --db FILE --allow-programs "
            "(never from a database folder's {}, a stub file another one names, $TRACUU_DB, "
            "or tracuu-index)",
            where, e.program, kStubName));
      }
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
  throw Error(
      fmt::format("{}: not a stub line: want 'auto PATH', 'remote HOST:PORT' or "
                  "'remote :PROGRAM ARGS'",
                  where));
}

// `allow_programs`: `spec` is a stub file whose "remote :PROGRAM" lines may run (shards.h).
void add_entries(const std::string& spec, std::vector<StubEntry>& out, int depth,
                 bool allow_programs) {
  if (depth > 8) throw Error(fmt::format("'{}': stub files nested too deep (a loop?)", spec));
  std::error_code ec;
  if (fs::is_directory(spec, ec) ||
      (fs::is_regular_file(spec, ec) && is_single_file_database(spec))) {
    if (!is_sharded(spec)) {  // a database folder (open_collection checks it is one)
      out.push_back(local_entry(spec, spec));
      return;
    }
    return add_entries(stub_path(spec), out, depth + 1, false);
  }
  if (!fs::exists(spec, ec)) {
    // Missing: one local entry, for open_collection to report (or leave out).
    out.push_back(local_entry(spec, spec));
    return;
  }
  try {
    check_regular_file(spec, kMaxListFileBytes, "stub file");  // not a FIFO or /dev/zero
  } catch (const InputError& e) {
    throw Error(
        fmt::format("'{}' is neither a database folder nor a stub file ({}): check --db "
                    "or TRACUU_DB",
                    spec, e.what()));
  }
  std::ifstream in(spec, std::ios::binary);
  if (!in) throw Error(fmt::format("cannot read the stub file '{}'", spec));
  const std::string dir = fs::path(spec).parent_path().string();
  std::string line;
  bool first = true;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    const std::string type = line.substr(0, line.find(' '));
    if (first && depth == 0 && !is_stub_type(type)) {
      throw Error(
          fmt::format("'{}' is a file, neither a tracuu database folder nor a Xapian "
                      "stub file (line {} is not 'auto PATH' or 'remote HOST:PORT'): "
                      "check --db or TRACUU_DB",
                      spec, n));
    }
    first = false;
    add_line(line, dir.empty() ? "." : dir, fmt::format("{}:{}", spec, n), out, depth,
             allow_programs);
  }
}

// The fingerprint of the shard's segmentation model, after checking its schema; "" for a
// shard of a sharded database that has nothing yet (a first run stopped before it
// committed). Error when it is not a tracuu database of this schema.
std::string checked_model_id(const Xapian::Database& db, const std::string& name) {
  std::string id = db.get_metadata(std::string(schema::kSegmenterIdKey));
  if (id.empty() && db.get_doccount() == 0 &&
      !db.get_metadata(std::string(schema::kShardKey)).empty()) {
    return "";
  }
  check_schema(db, name, false);
  // Databases written before the fingerprint was stored: made from the model itself.
  if (id.empty()) id = segmenter_id(db.get_metadata(std::string(schema::kSegmenterKey)));
  return id;
}

// Whether two shards whose fingerprints differ still have the same model: an older
// database stores its fingerprint in the older form (database.h segmenter_id), so when
// the forms differ, both are made again from the models.
bool same_model(const Xapian::Database& a, const std::string& a_id, const Xapian::Database& b,
                const std::string& b_id) {
  if (a_id.size() == b_id.size()) return false;
  const std::string key(schema::kSegmenterKey);
  return segmenter_id(a.get_metadata(key)) == segmenter_id(b.get_metadata(key));
}

// What opening one entry gave: the database and its model's fingerprint, or why not.
struct Opened {
  Xapian::Database db;
  std::string model_id;
  std::string error;         // empty when opened
  bool unreachable = false;  // missing or not answering (may be left out), not wrong
};

Opened open_entry(const StubEntry& e, unsigned timeout_ms, bool single) {
  Opened o;
  const std::string name = e.name();
  const bool from_stub = e.where != e.path;
  try {
    switch (e.kind) {
      case StubEntry::Kind::kTcp:
        o.db = Xapian::Remote::open(e.host, e.port, timeout_ms, timeout_ms);
        break;
      case StubEntry::Kind::kProgram:
        o.db = Xapian::Remote::open(e.program, e.args, timeout_ms);
        break;
      case StubEntry::Kind::kLocal: {
        std::error_code ec;
        if (from_stub && !fs::exists(e.path, ec)) {
          o.error = fmt::format("shard '{}' ({}) is missing: no database there", name, e.where);
          o.unreachable = true;
          return o;
        }
        // open_for_search's messages: missing, not a database, another schema.
        o.db = open_for_search(e.path);
        break;
      }
    }
    // One database alone needs no model check (and an old one would be read whole for it).
    if (!single)
      o.model_id = checked_model_id(o.db, name);
    else if (e.kind != StubEntry::Kind::kLocal)
      check_schema(o.db, name, false);
  } catch (const Error& err) {
    o.error = err.what();
    std::error_code ec;
    o.unreachable = e.kind == StubEntry::Kind::kLocal && !fs::exists(e.path, ec);
  } catch (const Xapian::Error& err) {
    if (is_corruption(err)) {
      o.error = corrupt_database_error({e.kind == StubEntry::Kind::kLocal ? e.path : "on " + name},
                                       err.get_msg())
                    .what();
      return o;
    }
    o.error = fmt::format("cannot open shard '{}'{}: {}", name,
                          from_stub ? fmt::format(" ({})", e.where) : "", err.get_description());
    o.unreachable = is_connection_error(err);
  }
  return o;
}

// Runs f(0) … f(n-1) on threads of their own: shards are opened (and waited for) at once,
// so shards that hang cost one timeout, not one each.
template <class F>
void for_each_parallel(std::size_t n, F f) {
  if (n == 1) return f(0);
  ConsumerThreads<std::size_t> threads(n, 1, [&](std::size_t, std::size_t& i) { f(i); });
  for (std::size_t i = 0; i < n; ++i) threads.push(i, i, 1);
  threads.finish();
}

// The same database named twice (two --db, or a stub listing it twice) is one shard.
std::string identity(const StubEntry& e) {
  if (e.kind == StubEntry::Kind::kLocal) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(e.path, ec);
    return "local " + (ec ? e.path : p.string());
  }
  return "remote " + e.name();
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
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line != fmt::format("auto shard-{}", shards.size())) {
      throw Error(
          fmt::format("{}:{}: not 'auto shard-{}': tracuu-index writes only into the "
                      "shards it made, listed in order (a stub of other databases is "
                      "for tracuu-search --db)",
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
      throw Error(
          fmt::format("'{}' has {} shards, not {}: reports are placed by a hash of their "
                      "id modulo the count, so a new count needs a new database",
                      dir, have, n));
    }
    return;
  }
  std::error_code ec;
  // A stub file half-written by a run killed before it finished does not count.
  bool empty = true;
  if (fs::is_directory(dir, ec)) {
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().filename() != std::string(kStubName) + ".tmp") empty = false;
    }
  }
  if (!empty) {
    throw Error(fmt::format(
        "'{}' is {}: --shards makes a new sharded database in a new or empty "
        "folder",
        dir,
        fs::exists(fs::path(dir) / "iamglass", ec) ? "a database of one shard already"
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

std::vector<StubEntry> read_stub(const std::string& path, bool allow_programs) {
  std::vector<StubEntry> out;
  add_entries(path, out, 0, allow_programs);
  return out;
}

const Shard& Collection::model_shard() const {
  for (const Shard& s : shards) {
    if (!s.remote) return s;
  }
  return shards.front();
}

std::vector<const Shard*> Collection::model_shards() const {
  std::vector<const Shard*> out;
  for (const Shard& s : shards) {
    if (out.size() <= s.model) out.resize(s.model + 1, nullptr);
    if (out[s.model] == nullptr || (out[s.model]->remote && !s.remote)) out[s.model] = &s;
  }
  std::erase(out, nullptr);  // a model whose shards were all dropped
  return out;
}

Collection open_collection(const std::vector<std::string>& specs,
                           const CollectionOptions& options) {
  std::vector<StubEntry> listed, entries;
  for (const std::string& spec : specs) add_entries(spec, listed, 0, options.allow_programs);
  std::set<std::string> seen;
  for (StubEntry& e : listed) {
    if (seen.insert(identity(e)).second) entries.push_back(std::move(e));
  }
  if (entries.empty()) {
    throw Error(fmt::format("'{}' lists no databases", specs.empty() ? "" : specs.front()));
  }
  std::vector<Opened> opened(entries.size());
  const bool single = entries.size() == 1;
  for_each_parallel(entries.size(), [&](std::size_t i) {
    opened[i] = open_entry(entries[i], options.timeout_ms, single);
  });
  Collection c;
  // The distinct models met so far: their fingerprint and the shard they were first met in.
  std::vector<std::pair<std::string, std::size_t>> models;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const StubEntry& e = entries[i];
    Shard shard{e.name(), e.kind != StubEntry::Kind::kLocal, opened[i].db};
    const std::string& model = opened[i].model_id;
    if (!opened[i].error.empty()) {
      // A shard missing or not answering may be left out; one that is there but wrong
      // (another schema, corrupt) may not: the results would be wrong, not partial.
      if (!options.allow_partial || !opened[i].unreachable) throw Error(opened[i].error);
      c.missing.push_back({shard.name, opened[i].error});
      continue;
    }
    if (model.empty() && !single) {
      c.shards.push_back(std::move(shard));  // empty: nothing to search, nothing to check
      continue;
    }
    std::size_t k = 0;
    while (k < models.size() && models[k].first != model &&
           !same_model(opened[models[k].second].db, models[k].first, opened[i].db, model)) {
      ++k;
    }
    if (k == models.size()) models.emplace_back(model, i);
    shard.model = k;
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
  std::vector<std::string> why(collection.shards.size());
  for_each_parallel(collection.shards.size(), [&](std::size_t i) {
    Shard& s = collection.shards[i];
    if (!s.remote) return;
    try {
      s.db.keep_alive();  // a round trip to the server
    } catch (const Xapian::Error& e) {
      why[i] = fmt::format("shard '{}' stopped answering: {}", s.name, e.get_description());
    }
  });
  std::vector<MissingShard> gone;
  for (std::size_t i = 0; i < why.size(); ++i) {
    if (!why[i].empty()) gone.push_back({collection.shards[i].name, why[i]});
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
