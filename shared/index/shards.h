// Databases of several shards: the layout the indexer writes (DIR/shard-k and a stub file
// DIR/tracuu.stub), which shard a report lives in, and opening any mix of local and
// remote shards as one collection for searching (Xapian combines them, with global
// statistics).
//
// A stub file lists databases one per line, in Xapian 1.4's syntax:
//   auto PATH            a local database folder (also glass PATH, chert PATH); a relative
//                        PATH is relative to the stub file's folder; PATH may itself be a
//                        stub file or a sharded database folder
//   remote HOST:PORT     a shard served by xapian-tcpsrv
//   remote :PROG ARGS    a shard served by a program over its stdin/stdout (xapian-progsrv)
//   # comment            (and blank lines) ignored
// tracuu reads stub files itself rather than letting Xapian open them: a stub line has no
// timeout, and a shard that is down must be named, within a bounded time. Opening a
// database never starts a program unless asked to: a "remote :PROG" line runs PROG only in
// the stub file given to open_collection or read_stub with allow_programs (tracuu-search
// --db FILE --allow-programs), never in a database folder's stub or a stub named by another;
// local databases are opened as glass, never through Xapian's own stub-file reading.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

// The stub file of a sharded database folder.
inline constexpr std::string_view kStubName = "tracuu.stub";
// Shards per database at most (each is a Xapian database with its own files and writer).
inline constexpr std::size_t kMaxShards = 256;

// The shard of `n` that report `id` lives in: a stable hash of the id (FNV-1a, 64 bits),
// the same on every machine and in every run, so re-indexing a report replaces it in place.
std::size_t shard_of(std::string_view id, std::size_t n);

// DIR/shard-k.
std::string shard_path(const std::string& dir, std::size_t k);

// Whether `dir` is a sharded database folder (it has a stub file).
bool is_sharded(const std::string& dir);

// The shard folders of the sharded database `dir`, in order. Throws Error when its stub
// file is not the one tracuu-index writes (shard-0 … shard-(N-1), local).
std::vector<std::string> local_shards(const std::string& dir);

// Makes `dir` a sharded database of `n` shards: the folder and its stub file (written
// whole or not at all). The shards' databases are created by their writers. Throws Error
// when `dir` is already something else: a database, a sharded one of another count, or a
// folder of other files.
void create_sharded(const std::string& dir, std::size_t n);

// Throws the Error create_sharded would, without creating anything.
void check_sharded_location(const std::string& dir, std::size_t n);

// One line of a stub file, resolved.
struct StubEntry {
  enum class Kind { kLocal, kTcp, kProgram };
  Kind kind = Kind::kLocal;
  std::string path;          // kLocal: the folder (relative paths resolved)
  std::string host;          // kTcp
  unsigned port = 0;         // kTcp
  std::string program;       // kProgram
  std::string args;          // kProgram
  std::string where;         // "FILE:LINE", for messages
  std::string name() const;  // what messages call the shard: PATH, HOST:PORT or PROG ARGS
};

// The entries of the stub file at `path`. Throws Error naming FILE:LINE for a line that
// is not one of the forms above, a port that is not a number in 1–65535, or a "remote
// :PROG" line in it without `allow_programs` (or in a stub file it names, always).
std::vector<StubEntry> read_stub(const std::string& path, bool allow_programs = false);

struct CollectionOptions {
  // Remote shards: connecting and each exchange give up after this long.
  unsigned timeout_ms = 5000;
  // A shard that cannot be opened (missing, unreachable, timing out) is left out, and
  // named in Collection::missing, instead of failing the whole collection.
  bool allow_partial = false;
  // A spec that is a stub file may list "remote :PROG" shards, whose programs are run
  // (tracuu-search --allow-programs); else such a line is an Error naming it.
  bool allow_programs = false;
};

struct Shard {
  std::string name;  // path, HOST:PORT or PROG ARGS
  bool remote = false;
  Xapian::Database db;
  // Which of the collection's segmentation models the shard was built with: shards of one
  // database share one (0); separately built archives each learned their own.
  std::size_t model = 0;
};

struct MissingShard {
  std::string name;
  std::string why;
};

// Databases searched as one.
struct Collection {
  Xapian::Database all;               // every shard opened, combined
  std::vector<Shard> shards;          // each on its own, in order
  std::vector<MissingShard> missing;  // with allow_partial: the shards left out
  // The shard the searcher reads the first segmentation model from: the first local one,
  // else the first.
  const Shard& model_shard() const;
  // One shard for each distinct segmentation model (Shard::model), in order, each the
  // first local shard with it, else the first: a query's word terms are the union of what
  // each model makes of it.
  std::vector<const Shard*> model_shards() const;
};

// Opens every database `specs` name — each a database folder, a sharded database folder,
// or a stub file — as one collection. Every shard must be a tracuu database of this schema
// and analyzer version (Error otherwise, whatever allow_partial says); shards may differ in
// segmentation model (Shard::model), as archives indexed separately do. Throws Error naming
// the shard that cannot be opened (unless allow_partial, and at least one opens).
Collection open_collection(const std::vector<std::string>& specs, const CollectionOptions& options);

// Whether a Xapian error is one of a shard's connection (down, unreachable, timed out)
// rather than of the query or the data.
bool is_connection_error(const Xapian::Error& e);

// Which shards of `collection` fail a round trip now (after a connection error in the
// middle of a search): their names, with why.
std::vector<MissingShard> unreachable_shards(Collection& collection);

// Drops `gone` from `collection` (by name) and recombines the rest.
void drop_shards(Collection& collection, const std::vector<MissingShard>& gone);

}  // namespace tracuu
