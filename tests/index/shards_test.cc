// Shard assignment, the sharded layout, and stub files (index/shards.h).
#include "index/shards.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "error.h"
#include "support/temp_dir.h"

namespace tracuu {
namespace {

using testing::TempDir;

TEST(ShardOf, IsFnv1aOfTheIdModuloTheCount) {
  // Pinned: a database's reports were placed with this hash; another one would look for
  // them in the wrong shard (and re-indexing would duplicate them).
  EXPECT_EQ(shard_of("a", 1), 0u);
  EXPECT_EQ(shard_of("a", 4), 0xaf63dc4c8601ec8cULL % 4);
  EXPECT_EQ(shard_of("a", 7), 0xaf63dc4c8601ec8cULL % 7);
  EXPECT_EQ(shard_of("", 5), 0xcbf29ce484222325ULL % 5);
  EXPECT_EQ(shard_of("000_bc9a313a279a5665.txt", 3), shard_of("000_bc9a313a279a5665.txt", 3));
}

TEST(ShardOf, SpreadsIdsEvenly) {
  std::map<std::size_t, int> counts;
  for (int i = 0; i < 4000; ++i) ++counts[shard_of("news/" + std::to_string(i) + ".txt", 4)];
  ASSERT_EQ(counts.size(), 4u);
  for (const auto& [shard, n] : counts) {
    EXPECT_GT(n, 850) << shard;
    EXPECT_LT(n, 1150) << shard;
  }
}

TEST(ShardedLayout, CreateWritesTheStubAndChecksTheCount) {
  TempDir d;
  const std::string db = d / "db";
  create_sharded(db, 3);
  EXPECT_TRUE(is_sharded(db));
  EXPECT_EQ(local_shards(db),
            (std::vector<std::string>{shard_path(db, 0), shard_path(db, 1), shard_path(db, 2)}));
  EXPECT_NO_THROW(create_sharded(db, 3));  // the same again: nothing to do
  try {
    create_sharded(db, 2);
    FAIL() << "another shard count was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("has 3 shards, not 2"), std::string::npos) << e.what();
  }
  // The stub read back as Xapian would read it.
  const std::vector<StubEntry> entries = read_stub(db);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2].path, shard_path(db, 2));
}

TEST(ShardedLayout, AStubWithWindowsLineEndsIsTheSame) {
  TempDir d;
  d.write("db/tracuu.stub", "# two shards\r\nauto shard-0\r\nauto shard-1\r\n");
  EXPECT_EQ(local_shards(d / "db"),
            (std::vector<std::string>{shard_path(d / "db", 0), shard_path(d / "db", 1)}));
  const std::vector<StubEntry> entries = read_stub(d / "db");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].path, shard_path(d / "db", 1));
}

TEST(ShardedLayout, RefusesFoldersThatAreSomethingElse) {
  TempDir d;
  d.write("notes/a.txt", "x");
  EXPECT_THROW(create_sharded(d / "notes", 2), Error);
  EXPECT_THROW(create_sharded(d / "new", 0), Error);
  EXPECT_THROW(create_sharded(d / "new", kMaxShards + 1), Error);
  EXPECT_FALSE(std::filesystem::exists(d / "new"));
  // A stub edited by hand to list other databases is not one the indexer writes into.
  d.write("edited/tracuu.stub", "auto shard-0\nauto /elsewhere\n");
  try {
    local_shards(d / "edited");
    FAIL() << "an edited stub was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("tracuu.stub:2"), std::string::npos) << e.what();
  }
}

TEST(StubFile, LinesAreReadAsXapianReadsThem) {
  TempDir d;
  const std::string stub = d.write("conf/all.stub",
                                   "# shards of the archive\n"
                                   "\n"
                                   "auto local-a\n"
                                   "glass /abs/b\n"
                                   "remote 10.0.0.7:33333\n"
                                   "remote :xapian-progsrv /srv/c\n"
                                   "auto ../other.stub\n");
  d.write("other.stub", "remote host.example:1\r\n");
  const std::vector<StubEntry> e = read_stub(stub, true);
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].kind, StubEntry::Kind::kLocal);
  EXPECT_EQ(e[0].path, d / "conf/local-a");  // relative to the stub's folder
  EXPECT_EQ(e[0].where, stub + ":3");
  EXPECT_EQ(e[1].path, "/abs/b");
  EXPECT_EQ(e[2].kind, StubEntry::Kind::kTcp);
  EXPECT_EQ(e[2].host, "10.0.0.7");
  EXPECT_EQ(e[2].port, 33333u);
  EXPECT_EQ(e[2].name(), "10.0.0.7:33333");
  EXPECT_EQ(e[3].kind, StubEntry::Kind::kProgram);
  EXPECT_EQ(e[3].program, "xapian-progsrv");
  EXPECT_EQ(e[3].args, "/srv/c");
  EXPECT_EQ(e[4].kind, StubEntry::Kind::kTcp);  // from the nested stub file
  EXPECT_EQ(e[4].host, "host.example");
  EXPECT_EQ(e[4].port, 1u);
}

TEST(StubFile, BadLinesAreNamedByFileAndLine) {
  TempDir d;
  d.write("nested.stub", "remote nohost\n");
  const struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"auto a\nfrobnicate b\n", "bad.stub:2: not a stub line"},
      {"auto\n", "bad.stub:1: 'auto' without a path"},
      {"remote host:0\n", "bad.stub:1: '0' is not a port"},
      {"remote host:65536\n", "bad.stub:1: '65536' is not a port"},
      {"remote host:12ab\n", "bad.stub:1: '12ab' is not a port"},
      {"remote :\n", "bad.stub:1: 'remote :' without a program"},
      {"auto nested.stub\n", "nested.stub:1: 'remote' wants HOST:PORT"},
      {"auto loop.stub\n", "nested too deep"},
  };
  d.write("loop.stub", "auto loop.stub\n");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const std::string stub = d.write("bad.stub", c.text);
    try {
      read_stub(stub);
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

// A "remote :PROGRAM" line runs its program only from the stub file asked for, with
// allow_programs: never from a stub that file names, nor from a database folder's.
TEST(StubFile, ProgramLinesAreRefusedUnlessAllowedInTheFileItself) {
  TempDir d;
  const std::string marker = d / "ran";
  const std::string line = "remote :/usr/bin/touch " + marker + "\n";
  const std::string stub = d.write("conf/progs.stub", "# remote shards\n" + line);
  const std::string nested = d.write("conf/outer.stub", "auto progs.stub\n");
  d.write("sharded/tracuu.stub", line);
  try {
    read_stub(stub);
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(stub + ":2"), std::string::npos) << what;
    EXPECT_NE(what.find("--allow-programs"), std::string::npos) << what;
  }
  EXPECT_EQ(read_stub(stub, true).size(), 1u);
  CollectionOptions allowed;
  allowed.allow_programs = true;
  allowed.timeout_ms = 2000;
  for (const std::string& spec : {nested, d / "sharded"}) {
    SCOPED_TRACE(spec);
    try {
      open_collection({spec}, allowed);
      ADD_FAILURE() << "opened";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("would run a program"), std::string::npos) << e.what();
    }
  }
  EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST(Collection, ReportsAMissingShardOrLeavesItOut) {
  TempDir d;
  const std::string stub = d.write("a.stub", "auto missing-0\nauto missing-1\n");
  try {
    open_collection({stub}, {});
    FAIL() << "opened";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing-0"), std::string::npos) << e.what();
  }
  CollectionOptions partial;
  partial.allow_partial = true;
  // Nothing left at all: still an error, naming what is missing.
  try {
    open_collection({stub}, partial);
    FAIL() << "opened";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no shard could be opened"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace tracuu
