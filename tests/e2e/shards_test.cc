// End-to-end tests of sharded databases and collections: tracuu-index --shards, the same
// results from shards (local, and remote through two real xapian-tcpsrv on 127.0.0.1) as
// from one database, shards that are down or hang, and re-indexing into the right shard.
#include "index/shards.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <thread>

#include "e2e/run.h"
#include "index/schema.h"
#include "support/temp_dir.h"

namespace tracuu::testing {
namespace {

RunResult index(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kIndex};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, kNoDbEnv);
}

// tracuu-search with `dbs` (each after --db) and `args`.
RunResult search(const std::vector<std::string>& dbs, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kSearch};
  for (const auto& db : dbs) {
    argv.push_back("--db");
    argv.push_back(db);
  }
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, kNoDbEnv);
}

// A TCP port free on 127.0.0.1 now (the kernel's choice).
unsigned free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    close(fd);
    throw std::runtime_error("no free port");
  }
  close(fd);
  return ntohs(a.sin_port);
}

bool accepts_connections(unsigned port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// A real xapian-tcpsrv serving `dbs` on 127.0.0.1, stopped when the object goes away.
class TcpServer {
 public:
  explicit TcpServer(const std::vector<std::string>& dbs) : port_(free_port()) {
    std::vector<std::string> argv = {"xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                     std::to_string(port_)};
    argv.insert(argv.end(), dbs.begin(), dbs.end());
    pid_ = fork();
    if (pid_ == 0) {
      // A process group of its own: stopped, xapian-tcpsrv signals its whole group (its
      // forked connection handlers), which must not be this test.
      setpgid(0, 0);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      std::vector<char*> args;
      for (auto& s : argv) args.push_back(s.data());
      args.push_back(nullptr);
      execvp(args[0], args.data());
      _exit(127);
    }
    for (int i = 0; i < 100 && !accepts_connections(port_); ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error(
            "xapian-tcpsrv did not start (scripts/install-deps installs xapian-tools)");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  unsigned port() const { return port_; }
  std::string stub_line() const { return "remote 127.0.0.1:" + std::to_string(port_) + "\n"; }

 private:
  unsigned port_;
  pid_t pid_ = -1;
};

// Queries and options that cover ranking, ties, paging, collapse, context, date order,
// facets, counts and highlights.
const std::vector<std::vector<std::string>> kRequests = {
    {"--json", "-n", "40", "khong ne tranh khuyet diem"},
    {"--json", "-n", "40", "Hà Nội"},
    {"--json", "-n", "40", "HOÀ BÌNH"},
    {"--json", "-n", "40", "\"chuyển đổi số\""},
    {"--json", "-n", "40", "cán bộ OR nghị quyết"},
    {"--json", "--offset", "7", "-n", "9", "phát triển"},
    {"--json", "--per-report", "1", "-C", "1", "nghị quyết"},
    {"--json", "--sort", "date", "-n", "30", "tỉnh"},
    {"--json", "ref:NQ-57"},
    {"--json", "-n", "40", "phat trien kinh te -xanh"},
    {"--count", "nghị quyết"},
    {"--facet", "ref", "nghị quyết"},
    {"--facet", "year", "cán bộ"},
    {"--facet", "source", "Hà Nội"},
    {"--top-refs"},
};

void expect_same_as_one(const std::string& one, const std::vector<std::string>& dbs,
                        const std::string& label) {
  for (const auto& request : kRequests) {
    SCOPED_TRACE(label + ": " + request.back());
    const RunResult want = search({one}, request);
    const RunResult got = search(dbs, request);
    ASSERT_LE(want.status, 1) << want.err;
    EXPECT_EQ(got.status, want.status) << got.err;
    EXPECT_EQ(got.out, want.out);
    EXPECT_EQ(got.err, want.err);  // "did you mean" too
  }
}

class Shards : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const RunResult one = index({"--db", *dir_ / "one", kCorpus});
    ASSERT_EQ(one.status, 0) << one.err;
    const RunResult sharded = index({"--db", *dir_ / "sharded", "--shards", "3", kCorpus});
    ASSERT_EQ(sharded.status, 0) << sharded.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
};
TempDir* Shards::dir_ = nullptr;

TEST_F(Shards, LocalShardsGiveTheSameResultsAsOneDatabase) {
  const std::string one = *dir_ / "one", sharded = *dir_ / "sharded";
  // The corpus is spread: no shard holds it all.
  for (std::size_t k = 0; k < 3; ++k) {
    const Xapian::Database shard(shard_path(sharded, k));
    EXPECT_LT(shard.get_doccount(), Xapian::Database(one).get_doccount()) << k;
  }
  expect_same_as_one(one, {sharded}, "sharded folder");
  // The shards named one by one, and the stub file itself.
  expect_same_as_one(one, {shard_path(sharded, 0), shard_path(sharded, 1), shard_path(sharded, 2)},
                     "--db per shard");
  expect_same_as_one(one, {sharded + "/tracuu.stub"}, "stub file");
}

TEST_F(Shards, InfoAndListCoverEveryShard) {
  const RunResult info = index({"--db", *dir_ / "sharded", "--info"});
  ASSERT_EQ(info.status, 0) << info.err;
  EXPECT_NE(info.out.find("(3 shards)"), std::string::npos) << info.out;
  const RunResult one_info = index({"--db", *dir_ / "one", "--info"});
  auto line = [](const std::string& out, const std::string& key) {
    const auto at = out.find(key);
    return out.substr(at, out.find('\n', at) - at);
  };
  EXPECT_EQ(line(info.out, "passages"), line(one_info.out, "passages"));
  EXPECT_EQ(line(info.out, "reports"), line(one_info.out, "reports"));
  EXPECT_EQ(index({"--db", *dir_ / "sharded", "--list"}).out,
            index({"--db", *dir_ / "one", "--list"}).out);
}

TEST_F(Shards, RemoteShardsThroughXapianTcpsrvGiveTheSameResults) {
  TempDir d;
  ASSERT_EQ(index({"--db", d / "two", "--shards", "2", kCorpus}).status, 0);
  TcpServer a({shard_path(d / "two", 0)}), b({shard_path(d / "two", 1)});
  const std::string stub =
      d.write("remote.stub", "# two shards on loopback\n" + a.stub_line() + b.stub_line());
  expect_same_as_one(*dir_ / "one", {stub}, "remote");
  // One local and one remote.
  const std::string mixed = d.write("mixed.stub", "auto two/shard-0\n" + b.stub_line());
  expect_same_as_one(*dir_ / "one", {mixed}, "mixed");
}

TEST_F(Shards, AShardThatIsDownIsNamedOrLeftOutWithAllowPartial) {
  TempDir d;
  ASSERT_EQ(index({"--db", d / "two", "--shards", "2", kCorpus}).status, 0);
  TcpServer a({shard_path(d / "two", 0)}), b({shard_path(d / "two", 1)});
  const std::string stub = d.write("remote.stub", a.stub_line() + b.stub_line());
  ASSERT_EQ(search({stub}, {"Hà Nội"}).status, 0);
  b.stop();
  const std::string down = "127.0.0.1:" + std::to_string(b.port());

  const auto t0 = std::chrono::steady_clock::now();
  const RunResult r = search({stub}, {"Hà Nội"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("shard '" + down + "'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("remote.stub:2"), std::string::npos) << r.err;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));

  // The rest answer: results of shard 0 only, a warning naming shard 1, grep's status.
  const RunResult partial = search({stub}, {"--allow-partial", "--json", "-n", "100", "Hà Nội"});
  EXPECT_EQ(partial.status, 0) << partial.err;
  EXPECT_NE(partial.err.find("warning"), std::string::npos) << partial.err;
  EXPECT_NE(partial.err.find(down), std::string::npos) << partial.err;
  const RunResult from_shard0 = search({shard_path(d / "two", 0)}, {"--count", "Hà Nội"});
  const RunResult all = search({stub}, {"--allow-partial", "--count", "Hà Nội"});
  EXPECT_EQ(all.out, from_shard0.out);
  EXPECT_EQ(search({stub}, {"--allow-partial", "khongcotu"}).status, 1);

  // A local shard missing: the same.
  const std::string local = d.write("local.stub", "auto two/shard-0\nauto two/gone\n");
  const RunResult missing = search({local}, {"Hà Nội"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("two/gone"), std::string::npos) << missing.err;
  EXPECT_EQ(search({local}, {"--allow-partial", "Hà Nội"}).status, 0);
}

// A port on 127.0.0.1 that accepts connections (the kernel's backlog) and never answers.
class SilentPort {
 public:
  SilentPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(fd_, 8) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      throw std::runtime_error("cannot listen");
    }
    port_ = ntohs(a.sin_port);
  }
  ~SilentPort() { close(fd_); }
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  std::string stub_line() const { return "remote 127.0.0.1:" + std::to_string(port_) + "\n"; }

 private:
  int fd_;
  unsigned port_ = 0;
};

TEST_F(Shards, ShardsThatHangAreGivenUpAfterOneTimeout) {
  SilentPort hung1, hung2;
  TempDir d;
  const std::string stub = d.write(
      "hung.stub", "auto " + (*dir_ / "one") + "\n" + hung1.stub_line() + hung2.stub_line());
  auto timed = [&](const std::vector<std::string>& args, RunResult& r) {
    const auto t0 = std::chrono::steady_clock::now();
    r = search({stub}, args);
    return std::chrono::steady_clock::now() - t0;
  };
  RunResult r;
  // Opened at once: two hung shards cost one timeout, not two.
  auto took = timed({"--timeout", "1", "Hà Nội"}, r);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("Timeout"), std::string::npos) << r.err;
  EXPECT_GE(took, std::chrono::milliseconds(950));
  EXPECT_LT(took, std::chrono::milliseconds(1900));
  took = timed({"--timeout", "1", "--allow-partial", "--count", "Hà Nội"}, r);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, search({*dir_ / "one"}, {"--count", "Hà Nội"}).out);
  EXPECT_NE(r.err.find("warning"), std::string::npos) << r.err;
  EXPECT_LT(took, std::chrono::milliseconds(1900));
}

TEST_F(Shards, TiesLargerThanAPageComeInTheSameOrder) {
  // 60 reports with the very same passage: one tie group, whose last bits differ between
  // shards; the order must still be by report id, page by page.
  TempDir d;
  for (int i = 0; i < 60; ++i) {
    d.write("in/r" + std::to_string(i) + ".txt",
            "# doc_id = tie-" + std::to_string(1000 + i * 7919 % 60) +
                "\nBáo cáo\n\nHội nghị bàn về chuyển đổi số và kinh tế xanh của tỉnh.\n\n"
                "Đoạn khác " +
                std::to_string(i) + " về nông nghiệp.\n");
  }
  ASSERT_EQ(index({"--db", d / "one", d / "in"}).status, 0);
  ASSERT_EQ(index({"--db", d / "three", "--shards", "3", d / "in"}).status, 0);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--json", "-n", "10", "chuyển đổi số kinh tế xanh"},
           {"--json", "--offset", "25", "-n", "10", "chuyen doi so kinh te xanh"},
           {"--json", "--per-report", "1", "-n", "30", "tỉnh nông nghiệp"},
           {"--json", "-n", "100", "đoạn"}}) {
    SCOPED_TRACE(args.back());
    const RunResult want = search({d / "one"}, args);
    ASSERT_EQ(want.status, 0) << want.err;
    EXPECT_EQ(search({d / "three"}, args).out, want.out);
  }
}

TEST_F(Shards, TheSameDatabaseNamedTwiceIsSearchedOnce) {
  const std::vector<std::string> request = {"--json", "-n", "40", "Hà Nội"};
  EXPECT_EQ(search({*dir_ / "one", *dir_ / "one"}, request).out,
            search({*dir_ / "one"}, request).out);
  EXPECT_EQ(search({*dir_ / "sharded", shard_path(*dir_ / "sharded", 1)}, request).out,
            search({*dir_ / "one"}, request).out);
}

TEST_F(Shards, ReindexingAReportReplacesItInItsOwnShard) {
  TempDir d;
  d.write("in/a.txt", "# doc_id = bao-cao-a\nBáo cáo A\n\nĐoạn thứ nhất về kinh tế số.\n");
  d.write("in/b.txt", "# doc_id = bao-cao-b\nBáo cáo B\n\nĐoạn về chuyển đổi số.\n");
  d.write("in/c.txt", "# doc_id = bao-cao-c\nBáo cáo C\n\nĐoạn về nông thôn mới.\n");
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, "--shards", "4", d / "in"}).status, 0);
  auto shards_holding = [&](const std::string& id) {
    std::vector<std::size_t> found;
    for (std::size_t k = 0; k < 4; ++k) {
      if (Xapian::Database(shard_path(db, k)).get_termfreq("Q" + id) > 0) found.push_back(k);
    }
    return found;
  };
  for (const char* id : {"bao-cao-a", "bao-cao-b", "bao-cao-c"}) {
    EXPECT_EQ(shards_holding(id), std::vector<std::size_t>{shard_of(id, 4)}) << id;
  }
  d.write("in/a.txt",
          "# doc_id = bao-cao-a\nBáo cáo A\n\nĐoạn thứ nhất về kinh tế xanh.\n\nĐoạn hai.\n");
  const RunResult again = index({"--db", db, d / "in"});  // --db names the whole: no --shards
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("1 new or changed, 2 unchanged"), std::string::npos) << again.err;
  EXPECT_EQ(shards_holding("bao-cao-a"), std::vector<std::size_t>{shard_of("bao-cao-a", 4)});
  EXPECT_EQ(search({db}, {"--count", "kinh tế xanh"}).out, "1 passage in 1 report\n");
  EXPECT_EQ(search({db}, {"--count", "kinh tế số"}).status, 1);

  // --delete and --prune find reports in their shards.
  EXPECT_EQ(index({"--db", db, "--delete", "bao-cao-b"}).status, 0);
  EXPECT_TRUE(shards_holding("bao-cao-b").empty());
  std::filesystem::remove(d / "in/c.txt");
  EXPECT_EQ(index({"--db", db, "--prune", d / "in"}).status, 0);
  EXPECT_TRUE(shards_holding("bao-cao-c").empty());
  EXPECT_EQ(shards_holding("bao-cao-a").size(), 1u);
}

TEST_F(Shards, AShardLostOrNeverCommittedIsRebuiltByTheNextRun) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, "--shards", "3", kCorpus}).status, 0);
  // Shard 0 gone (or a first run stopped before it committed): the model comes from
  // another shard, and the reports of shard 0 are written again.
  std::filesystem::remove_all(shard_path(db, 0));
  const RunResult again = index({"--db", db, kCorpus});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.err.find("segmentation model for"), std::string::npos) << again.err;  // kept
  expect_same_as_one(*dir_ / "one", {db}, "after shard 0 was rebuilt");
}

TEST_F(Shards, AShardIsNotIndexedOnItsOwn) {
  TempDir d;
  d.write("in/x.txt", "# doc_id = x\nVăn bản X\n\nĐoạn một.\n");
  const RunResult r = index({"--db", shard_path(*dir_ / "sharded", 1), d / "in"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is shard 1/3 of a sharded database"), std::string::npos) << r.err;
  EXPECT_EQ(search({*dir_ / "sharded"}, {"id:x"}).status, 1);
}

TEST_F(Shards, ShardCountsThatDoNotFitAreRefusedAndOtherModelsSearched) {
  TempDir d;
  // --shards on a database of another shape: nothing is changed.
  const RunResult other_count = index({"--db", *dir_ / "sharded", "--shards", "2", kCorpus});
  EXPECT_EQ(other_count.status, 2);
  EXPECT_NE(other_count.err.find("has 3 shards, not 2"), std::string::npos) << other_count.err;
  const RunResult single = index({"--db", *dir_ / "one", "--shards", "2", kCorpus});
  EXPECT_EQ(single.status, 2);
  EXPECT_NE(single.err.find("a database of one shard already"), std::string::npos) << single.err;
  // Two databases learned from different corpora group words differently, but are
  // searched as one all the same (issue 20; scripts_test.cc): the word terms of both models.
  d.write("in/x.txt", "# doc_id = x\nVăn bản X\n\nMột văn bản khác hẳn về thủy lợi và đê điều.\n");
  ASSERT_EQ(index({"--db", d / "other", d / "in"}).status, 0);
  const RunResult mixed = search({*dir_ / "one", d / "other"}, {"--json", "thủy lợi"});
  EXPECT_EQ(mixed.status, 0) << mixed.err;
  EXPECT_NE(mixed.out.find("\"id\":\"x\""), std::string::npos) << mixed.out;
}

TEST_F(Shards, RelearnKeepsTheShardsOrMakesThem) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const RunResult to_shards = index({"--db", db, "--relearn", "--shards", "2", kCorpus});
  ASSERT_EQ(to_shards.status, 0) << to_shards.err;
  EXPECT_TRUE(is_sharded(db));
  expect_same_as_one(*dir_ / "one", {db}, "relearned into 2 shards");
  const RunResult again = index({"--db", db, "--relearn", kCorpus});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(local_shards(db).size(), 2u);
  EXPECT_FALSE(std::filesystem::exists(db + ".relearn"));
}

}  // namespace
}  // namespace tracuu::testing
