// End-to-end tests of what hostile input, file names, database folders and arguments must
// not do (issue 18): run a program, control the terminal, end a whole run, or exhaust
// memory or time. The real binaries on temporary databases.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "e2e/run.h"
#include "support/temp_dir.h"
#include "text/encoding.h"

namespace tracuu::testing {
namespace {

namespace fs = std::filesystem;

RunResult index(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = kNoDbEnv) {
  std::vector<std::string> argv = {kIndex};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

RunResult search(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& env = kNoDbEnv) {
  std::vector<std::string> argv = {kSearch};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Security, OpeningADatabaseNeverStartsAProgram) {
  TempDir d;
  const std::string marker = d / "PWNED";
  const std::string line = "remote :/usr/bin/touch " + marker + "\n";
  const std::string folder = d / "evil.db";
  const std::string folder_stub = d.write("evil.db/tracuu.stub", line);
  const std::string file_stub = d.write("evil.stub", line);
  const std::string nested = d.write("outer.stub", "auto evil.stub\n");
  const std::map<std::string, std::string> env_folder = {{"TRACUU_DB", folder}, {"NO_COLOR", ""}};
  const std::map<std::string, std::string> env_file = {{"TRACUU_DB", file_stub}, {"NO_COLOR", ""}};
  struct Case {
    std::string name;
    RunResult result;
  };
  const Case cases[] = {
      {"index --info", index({"--db", folder, "--info"})},
      {"index --list", index({"--db", folder, "--list"})},
      {"index --delete", index({"--db", folder, "--delete", "x"})},
      {"index --segment", index({"--db", folder, "--segment"})},
      {"index PATH", index({"--db", folder, kCorpus})},
      {"index --relearn", index({"--db", folder, "--relearn", kCorpus})},
      {"index stub file --list", index({"--db", file_stub, "--list"})},
      {"index stub file --relearn", index({"--db", file_stub, "--relearn", kCorpus})},
      {"index $TRACUU_DB --info", index({"--info"}, env_folder)},
      {"search folder", search({"--db", folder, "khuyết"})},
      {"search folder --allow-programs", search({"--db", folder, "--allow-programs", "khuyết"})},
      {"search stub file", search({"--db", file_stub, "khuyết"})},
      {"search nested --allow-programs", search({"--db", nested, "--allow-programs", "khuyết"})},
      {"search $TRACUU_DB folder", search({"khuyết"}, env_folder)},
      {"search $TRACUU_DB file", search({"khuyết"}, env_file)},
      {"search $TRACUU_DB --allow-programs", search({"--allow-programs", "khuyết"}, env_file)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.result.status, 2) << c.result.err;
    EXPECT_FALSE(fs::exists(marker)) << c.result.err;
  }
  // The refusal names the stub file and line, and says how to allow it.
  const RunResult& from_file = cases[11].result;
  EXPECT_TRUE(has(from_file.err, file_stub + ":1")) << from_file.err;
  EXPECT_TRUE(has(from_file.err, "--allow-programs")) << from_file.err;
  EXPECT_TRUE(has(cases[9].result.err, folder_stub + ":1")) << cases[9].result.err;
  EXPECT_TRUE(has(cases[15].result.err, "--db")) << cases[15].result.err;
}

TEST(Security, AStubFileNamedWithAllowProgramsRunsXapianProgsrv) {
  TempDir d;
  const std::string db = d / "corpus.db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const std::string stub = d.write("remote.stub", "remote :/usr/bin/xapian-progsrv " + db + "\n");
  const RunResult direct = search({"--db", db, "--json", "khuyết điểm"});
  ASSERT_EQ(direct.status, 0) << direct.err;
  const RunResult remote = search({"--db", stub, "--allow-programs", "--json", "khuyết điểm"});
  EXPECT_EQ(remote.status, 0) << remote.err;
  EXPECT_EQ(remote.out, direct.out);
}

// No byte sequence that a terminal acts on, nor a bidi override, nor a tab or line break
// inside a field: what --color=never prints of the index must be free of them.
void expect_inert(const std::string& out) {
  for (const std::string bad : {"\x1b", "\x07", "\xC2\x9B", "\xE2\x80\xAE", "\xE2\x81\xA6", "\r"}) {
    EXPECT_FALSE(has(out, bad)) << "byte sequence " << nlohmann::json(bad).dump() << " in "
                                << nlohmann::json(out).dump(
                                       -1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

TEST(TerminalOutput, ControlCharactersFromTheIndexAreShownInert) {
  TempDir d;
  // JSON escapes in the file: the index holds the raw characters.
  const std::string id = "id\u001b]0;PWN\u0007\tcột";
  const std::string title = "Tiêu đề \u001b[2J\u001b[31mđỏ\u202e ngược";
  const std::string text = "Đoạn hostilexyz \u001b]0;tựa\u0007 có \u009b31m và \u2066 cuối.";
  nlohmann::json line = {{"id", id},
                         {"title", title},
                         {"body", text},
                         {"source", "nguồn\u001b[1m\nhai"},
                         {"url", "https://x.vn/\u001b[5m"}};
  d.write("in/hostile.jsonl",
          line.dump() + "\n" +
              R"({"id": "lành", "title": "Bình thường", "body": "Đoạn hostilexyz lành."})"
              "\n");
  const std::string db = d / "db";
  const RunResult r = index({"--db", db, d / "in"});
  ASSERT_EQ(r.status, 0) << r.err;

  const RunResult plain = search({"--db", db, "--mark", "[ ]", "hostilexyz"});
  EXPECT_EQ(plain.status, 0) << plain.err;
  expect_inert(plain.out);
  EXPECT_TRUE(has(plain.out, "\xEF\xBF\xBD")) << plain.out;  // shown as U+FFFD
  EXPECT_TRUE(has(plain.out, "[hostilexyz]")) << plain.out;

  // In colour, the only escape sequences are tracuu's own.
  RunResult colour = search({"--db", db, "--color=always", "hostilexyz"});
  EXPECT_EQ(colour.status, 0) << colour.err;
  for (const std::string own : {"\x1b[1;31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"}) {
    for (std::size_t at; (at = colour.out.find(own)) != std::string::npos;)
      colour.out.erase(at, own.size());
  }
  expect_inert(colour.out);

  // JSON stays exact.
  const RunResult json = search({"--db", db, "--json", "-n", "5", "id:lành OR hostilexyz"});
  ASSERT_EQ(json.status, 0) << json.err;
  bool found = false;
  for (const nlohmann::json& hit : json_lines(json.out)) {
    if (hit["id"] != id) continue;
    found = true;
    EXPECT_EQ(hit["title"], title);
    EXPECT_EQ(hit["text"], text);
    EXPECT_EQ(hit["source"], "nguồn\u001b[1m\nhai");
  }
  EXPECT_TRUE(found) << json.out;

  // --list: one line per report, four columns each.
  const RunResult list = index({"--db", db, "--list"});
  ASSERT_EQ(list.status, 0) << list.err;
  expect_inert(list.out);
  std::size_t lines = 0;
  for (std::size_t at = 0, nl; (nl = list.out.find('\n', at)) != std::string::npos; at = nl + 1) {
    ++lines;
    const std::string row = list.out.substr(at, nl - at);
    EXPECT_EQ(std::count(row.begin(), row.end(), '\t'), 3) << row;
  }
  EXPECT_EQ(lines, 2u) << list.out;
  const RunResult info = index({"--db", db, "--info"});
  EXPECT_EQ(info.status, 0) << info.err;

  // "Did you mean" on stderr, from a query with a bidi override in it.
  const RunResult suggested = search({"--db", db, "--color=never", "\u202ehostilexyz doan"});
  EXPECT_TRUE(has(suggested.err, "did you mean")) << suggested.err;
  expect_inert(suggested.err);
}

// --json results' ids for `query` (at most 50).
std::vector<std::string> ids_found(const std::string& db, const std::string& query) {
  const RunResult r = search({"--db", db, "--json", "-n", "50", query});
  EXPECT_LE(r.status, 1) << r.err;
  std::vector<std::string> ids;
  if (r.status == 0) {
    for (const nlohmann::json& hit : json_lines(r.out)) ids.push_back(hit["id"]);
  }
  return ids;
}

TEST(OneBadThing, NumbersOutOfRangeSkipTheirLineOnly) {
  TempDir d;
  d.write("in/feed.jsonl",
          R"({"id": "tot-1", "title": "Tốt", "body": "Đoạn goodjsonxyz một."})"
          "\n"
          R"({"id": "xau-1", "title": "Xấu", "body": "Đoạn badjsonxyz.", "n": 1e400})"
          "\n"
          R"({"id": "xau-2", "title": "Xấu", "body": "Đoạn badjsonxyz.", "x": [-1e999]})"
          "\n"
          R"({"id": "tot-2", "title": "Tốt", "body": "Đoạn goodjsonxyz hai."})"
          "\n");
  d.write("in/ben-canh.txt", "Bài bên cạnh\nĐoạn goodtxtxyz.\n");
  const std::string db = d / "db";
  const RunResult r = index({"--db", db, d / "in"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(has(r.err, "feed.jsonl:2: number 1e400 out of range at column")) << r.err;
  EXPECT_TRUE(has(r.err, "feed.jsonl:3: number -1e999 out of range at column")) << r.err;
  EXPECT_EQ(ids_found(db, "goodjsonxyz"), (std::vector<std::string>{"tot-1", "tot-2"}));
  EXPECT_EQ(ids_found(db, "goodtxtxyz"), (std::vector<std::string>{"ben-canh.txt"}));
  EXPECT_TRUE(ids_found(db, "badjsonxyz").empty());
}

TEST(OneBadThing, FileNamesThatAreNotUtf8AreIndexedWithTheirBytesWrittenOut) {
  TempDir d;
  d.write("in/b\xE0i.txt", "Bài cũ\nĐoạn namexyz một.\n");  // Windows-1258 "bài"
  d.write("in/b\xE1i.txt", "Bài cũ khác\nĐoạn namexyz hai.\n");
  d.write("in/c\xE0/d.txt", "Bài trong thư mục\nĐoạn foldernamexyz.\n");  // a folder's name
  const std::string db = d / "db";
  const RunResult r = index({"--db", db, d / "in"});
  EXPECT_EQ(r.status, 0) << r.err;
  // Counted as paths: a folder's name makes its files' paths invalid too.
  EXPECT_TRUE(has(r.err, "3 path(s) not valid UTF-8 (a file's or a folder's name)")) << r.err;
  EXPECT_EQ(ids_found(db, "foldernamexyz"), (std::vector<std::string>{"c\\xE0/d.txt"}));
  EXPECT_EQ(ids_found(db, "namexyz"), (std::vector<std::string>{"b\\xE0i.txt", "b\\xE1i.txt"}));
  const RunResult list = index({"--db", db, "--list"});
  EXPECT_TRUE(has(list.out, "b\\xE0i.txt\t")) << list.out;
}

TEST(OneBadThing, SymbolicLinkLoopsAndLinksToNothingAreNoted) {
  TempDir d;
  d.write("in/tot.txt", "Bài tốt\nĐoạn linkxyz.\n");
  fs::create_symlink("self.txt", d / "in/self.txt");
  fs::create_symlink("b.txt", d / "in/a.txt");
  fs::create_symlink("a.txt", d / "in/b.txt");
  fs::create_symlink("khong-co.txt", d / "in/dangling.txt");
  fs::create_symlink("tot.txt", d / "in/lien-ket.txt");  // a link to a file is followed
  const std::string db = d / "db";
  const RunResult r = index({"--db", db, d / "in"});
  EXPECT_EQ(r.status, 0) << r.err;
  for (const std::string name : {"self.txt", "a.txt", "b.txt"}) {
    EXPECT_TRUE(has(r.err, "in/" + name + ": a symbolic link that loops")) << r.err;
  }
  EXPECT_TRUE(has(r.err, "in/dangling.txt: a symbolic link to nothing (khong-co.txt is missing)"))
      << r.err;
  EXPECT_EQ(ids_found(db, "linkxyz"), (std::vector<std::string>{"lien-ket.txt", "tot.txt"}));
  // Named on the command line, a loop is an input that cannot be read.
  const RunResult named = index({"--db", db, d / "in/self.txt", d / "in/tot.txt"});
  EXPECT_EQ(named.status, 1) << named.err;
  EXPECT_TRUE(has(named.err, "self.txt: cannot be read: Too many levels of symbolic links"))
      << named.err;
}

// The programs and resources/ copied to a folder anyone can read: `nobody` may not reach
// the build or the source tree (a clone inside a 0700 folder, as mktemp -d makes).
const TempDir& copies_nobody_reaches() {
  static const TempDir copies;
  static const bool made = [] {
    constexpr auto kReadable = fs::perms::owner_all | fs::perms::group_read |
                               fs::perms::group_exec | fs::perms::others_read |
                               fs::perms::others_exec;
    fs::permissions(copies.path(), kReadable);
    for (const std::string& program : {kIndex, kSearch}) {
      const fs::path to = copies.path() / fs::path(program).filename();
      fs::copy_file(program, to);
      fs::permissions(to, kReadable);
    }
    fs::copy(kResources, copies / "resources", fs::copy_options::recursive);
    for (const auto& entry : fs::recursive_directory_iterator(copies / "resources")) {
      fs::permissions(entry.path(), kReadable);
    }
    fs::permissions(copies / "resources", kReadable);
    return true;
  }();
  (void)made;
  return copies;
}

// Runs a program as `nobody` when the tests run as root (a folder without permissions
// does not stop root): setpriv, from util-linux, on the copies above.
RunResult run_unprivileged(std::vector<std::string> argv) {
  if (geteuid() != 0) return run(argv, kNoDbEnv);
  const TempDir& copies = copies_nobody_reaches();
  argv[0] = copies / fs::path(argv[0]).filename().string();
  argv.insert(argv.begin(),
              {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  std::map<std::string, std::string> env = kNoDbEnv;
  env["TRACUU_RESOURCES"] = copies / "resources";
  return run(argv, env);
}

TEST(OneBadThing, AFolderThatCannotBeListedIsSkippedAloneAndNamed) {
  if (geteuid() == 0 && !fs::exists("/usr/bin/setpriv")) GTEST_SKIP() << "root without setpriv";
  TempDir d;
  fs::permissions(d.path(), fs::perms::all);  // nobody reaches it
  d.write("in/a.txt", "Bài A\nĐoạn permxyz a.\n");
  d.write("in/m-khoa/b.txt", "Bài B\nĐoạn permxyz b.\n");
  d.write("in/z.txt", "Bài Z\nĐoạn permxyz z.\n");
  d.write("in/zz/c.txt", "Bài C\nĐoạn permxyz c.\n");
  for (const char* folder : {"in", "in/zz"}) {
    fs::permissions(d / folder, fs::perms::owner_all | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read |
                                    fs::perms::others_exec);
  }
  fs::permissions(d / "in/m-khoa", fs::perms::none);
  fs::create_directory(d / "db");
  fs::permissions(d / "db", fs::perms::all);
  const RunResult r = run_unprivileged({kIndex, "--db", d / "db/x", d / "in"});
  fs::permissions(d / "in/m-khoa", fs::perms::owner_all);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(has(r.err, "in/m-khoa: cannot list folder: Permission denied (skipped)")) << r.err;
  EXPECT_EQ(ids_found(d / "db/x", "permxyz"),
            (std::vector<std::string>{"a.txt", "z.txt", "zz/c.txt"}));
}

// Writes `head`, then `chunk` `times` over, gzip-compressed, to `path` (Z_RLE for runs of
// one byte: the ratio of a zip bomb, about 1000 to 1, quickly).
void write_gzip(const std::string& path, const std::string& head, const std::string& chunk,
                std::size_t times, int strategy = Z_DEFAULT_STRATEGY) {
  std::ofstream out(path, std::ios::binary);
  z_stream z{};
  ASSERT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, strategy), Z_OK);
  std::vector<char> buffer(1 << 16);
  auto feed = [&](const std::string& data, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, flush);
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size() - z.avail_out));
    } while (z.avail_out == 0);
  };
  feed(head, Z_NO_FLUSH);
  for (std::size_t i = 0; i < times; ++i) feed(chunk, Z_NO_FLUSH);
  feed("", Z_FINISH);
  deflateEnd(&z);
}

// About `bytes` of Vietnamese syllables without punctuation (one long line), drawn at
// random so that passages have many distinct words.
std::string syllables(std::size_t bytes) {
  const char* onsets[] = {"b",  "c",  "ch", "d",  "đ", "g", "gi", "h",  "kh", "l", "m", "n",
                          "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v",  "x", ""};
  const char* rhymes[] = {"a",  "à",    "á",  "ả",  "ạ",   "an",  "ang", "anh", "ao",  "âm",  "ân",
                          "ơi", "ương", "ê",  "ết", "iên", "oa",  "oan", "ô",   "ông", "u",   "ung",
                          "uy", "uyên", "ai", "ăn", "ình", "inh", "ốt",  "ộc",  "ước", "ượng"};
  std::mt19937 random(18);
  std::string out;
  while (out.size() < bytes) {
    out += onsets[random() % std::size(onsets)];
    out += rhymes[random() % std::size(rhymes)];
    out += ' ';
  }
  out.resize(out.rfind(' ', bytes - 1));
  return out;
}

// Memory and time limits are the plain build's: under AddressSanitizer (scripts/sanitize)
// shadow memory and slower code change both, and only what the programs do is checked.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kMeasured = false;
#else
constexpr bool kMeasured = true;
#endif

// The peak memory the indexer's summary line gives, in MB.
double peak_mb(const std::string& err) {
  constexpr std::string_view kPeak = "peak memory ";
  const std::size_t at = err.find(kPeak);
  return at == std::string::npos ? 1e9 : std::stod(err.substr(at + kPeak.size()));
}

// Any input is read within bounded memory: the inputs of issue 18 beside one report just
// under the limit (the most memory an accepted report takes), in one run of a new database.
TEST(Limits, EveryInputIsReadWithinBoundedMemory) {
  TempDir d;
  const std::string near_limit = syllables(4 * 1024 * 1024 - 1000);
  d.write("in/gioi-han.txt", "Gần giới hạn\n" + near_limit + "\n");
  const std::string fifty(50 * 1000 * 1000, 'a');
  d.write("in/dong-50mb.txt", "Một dòng 50 MB\n" + fifty + "\n");
  d.write("in/dong-50mb.jsonl", R"({"id": "truoc", "title": "Trước", "body": "Đoạn limitxyz."})"
                                "\n"
                                R"({"id": "dai", "title": "Dài", "body": ")" +
                                    fifty + "\"}\n" +
                                    R"({"id": "sau", "title": "Sau", "body": "Đoạn limitxyz."})"
                                    "\n");
  std::string text(16 * 1024, ' ');
  for (std::size_t i = 0; i < text.size(); i += 8) text.replace(i, 7, "khuyết");
  write_gzip(d / "in/dong-300mb.txt.gz", "Một dòng 300 MB\n", text.substr(0, 15 * 1024), 20000);
  write_gzip(d / "in/bom.jsonl.gz", "", std::string(1 << 20, '\0'), 1000, Z_RLE);
  // Paragraphs of a few bytes within 4 MiB: over a million passages in one report.
  std::string tiny = "Nhiều đoạn\n", tiny_html = "<title>Nhiều đoạn</title>";
  while (tiny.size() < 4 * 1000 * 1000) tiny += "a.\n";
  while (tiny_html.size() < 4 * 1000 * 1000) tiny_html += "<p>a</p>";
  d.write("in/nhieu-doan.txt", tiny);
  d.write("in/nhieu-doan.html", tiny_html);
  const auto gz_size = fs::file_size(d / "in/dong-300mb.txt.gz"),
             bomb_size = fs::file_size(d / "in/bom.jsonl.gz");
  EXPECT_LT(gz_size, 1000u * 1000) << "the 300 MB line should come from a small .gz";
  EXPECT_LT(bomb_size, 1100u * 1000);

  const std::string db = d / "db";
  const auto start = std::chrono::steady_clock::now();
  const RunResult r = index({"--db", db, d / "in"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.status, 1) << r.err;
  if (kMeasured) {
    EXPECT_LT(peak_mb(r.err), 1024) << r.err;
    EXPECT_LT(seconds, 120) << r.err;
  }
  EXPECT_TRUE(
      has(r.err, "dong-50mb.txt: 47.7 MiB, more than the 4 MiB one report may be read from"))
      << r.err;
  EXPECT_TRUE(has(r.err, "dong-50mb.jsonl:2: a line of 47.7 MiB, more than the 4 MiB")) << r.err;
  EXPECT_TRUE(has(r.err, "dong-300mb.txt.gz: byte ")) << r.err;
  EXPECT_TRUE(has(r.err, "decompresses to more than 4 MiB: the most one report may be read from"))
      << r.err;
  EXPECT_TRUE(has(r.err, "bom.jsonl.gz:1: a line of")) << r.err;
  for (const char* name : {"nhieu-doan.txt: ", "nhieu-doan.html: "}) {
    const std::size_t at = r.err.find(name);
    EXPECT_NE(at, std::string::npos) << r.err;
    if (at != std::string::npos) {
      EXPECT_TRUE(has(r.err.substr(at, 100), "passages, more than the 50000 one report may have"))
          << r.err;
    }
  }
  EXPECT_EQ(ids_found(db, "limitxyz"), (std::vector<std::string>{"sau", "truoc"}));
  // The report near the limit is whole, in passages no longer than the soft maximum.
  const RunResult passages = search({"--db", db, "--json", "-n", "100000", "id:gioi-han.txt"});
  ASSERT_EQ(passages.status, 0) << passages.err;
  std::size_t bytes = 0;
  for (const nlohmann::json& hit : json_lines(passages.out)) {
    EXPECT_LE(hit["text"].get<std::string>().size(), 1000u);
    bytes += hit["text"].get<std::string>().size() + 1;
  }
  EXPECT_EQ(bytes, near_limit.size() + 1);
  std::cerr << "[ measured ] indexing " << seconds << " s, peak memory " << peak_mb(r.err)
            << " MB; .gz of the 300 MB line " << gz_size << " bytes, gzip bomb " << bomb_size
            << " bytes\n";
}

TEST(HostileQueries, QueriesPastTheLimitAreRefusedWithExitTwo) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  std::string at_limit, past_limit, huge;
  for (int i = 0; i < 32; ++i) at_limit += "của ";
  past_limit = at_limit + "thêm";
  for (int i = 0; i < 25000; ++i) huge += "Hà ";  // 100 KB
  RunResult r = search({"--db", db, at_limit});
  EXPECT_LE(r.status, 1) << r.err;
  r = search({"--db", db, past_limit});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "more than 32 words")) << r.err;
  EXPECT_TRUE(has(r.err, "(column 129)")) << r.err;
  r = search({"--db", db, "--json", huge});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "the query is 100000 bytes long, at most 1024 are searched")) << r.err;
  EXPECT_LT(r.err.size(), 300u) << "the query is not shown back whole";
}

// Under timeout(1): an option that blocks (a FIFO) fails the test instead of hanging it.
RunResult bounded(const std::string& program, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/timeout", "20", program};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, kNoDbEnv);
}

TEST(Arguments, NonFiniteTimeoutsNegativeOffsetsAndFilesThatAreNotRegularFiles) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const std::string fifo = d / "fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string big = d.write("big.tsv", "UBND\tỦy ban nhân dân\n");
  fs::resize_file(big, (std::uintmax_t{64} << 20) + 1);  // sparse: refused by its size, unread
  const std::string folder = (d.path() / "in").string();
  fs::create_directory(folder);
  struct Case {
    std::string program;
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {kSearch, {"--db", db, "--timeout", "nan", "x"}, "--timeout: not a finite number: nan"},
      {kSearch, {"--db", db, "--timeout", "-nan", "x"}, "not a finite number: -nan"},
      {kSearch, {"--db", db, "--timeout", "inf", "x"}, "not a finite number: inf"},
      {kSearch, {"--db", db, "--offset", "-5", "x"}, "--offset: Value -5 not in range"},
      {kSearch, {"--db", db, "--synonyms", fifo, "x"}, "must be a regular file, this is a FIFO"},
      {kSearch,
       {"--db", db, "--synonyms", folder, "x"},
       "must be a regular file, this is a folder"},
      {kSearch, {"--db", db, "--synonyms", "/dev/zero", "x"}, "this is a device"},
      {kSearch,
       {"--db", db, "--synonyms", big, "x"},
       "the synonyms file is 64.0 MiB, more than the 64 MiB"},
      {kSearch, {"--db", fifo, "x"}, "is neither a database folder nor a stub file"},
      {kSearch, {"--db", "/dev/zero", "x"}, "is neither a database folder nor a stub file"},
      {kIndex,
       {"--db", d / "new1", "--lexicon", "/dev/zero", kCorpus},
       "the word list must be a regular file"},
      {kIndex, {"--db", d / "new2", "--lexicon", fifo, kCorpus}, "this is a FIFO"},
      {kIndex, {"--db", d / "new3", "--lexicon", folder, kCorpus}, "this is a folder"},
      {kIndex, {"--segment", "--lexicon", fifo}, "this is a FIFO"},
      {kIndex,
       {"--segment", "--segmenter-model", fifo},
       "the segmentation model must be a regular file"},
      {kIndex, {"--segment", "--segmenter-model", "/dev/zero"}, "this is a device"},
      {kIndex, {"--train-segmenter", d / "m.model", fifo}, "the gold file must be a regular file"},
      {kIndex, {"--db", fifo, "--info"}, "is neither a database folder nor a stub file"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args[c.args.size() - 2] + " " + c.args.back());
    const RunResult r = bounded(c.program, c.args);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(has(r.err, c.message)) << r.err;
  }
  EXPECT_FALSE(fs::exists(d / "new1"));  // word lists are read before a database is made
}

TEST(Corruption, DataThatDoesNotParseOrACorruptTableIsNamedWithWhatToRun) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const std::string broken = d / "broken.db", torn = d / "torn.db";
  fs::copy(db, broken);
  fs::copy(db, torn);
  Xapian::rev revision;
  {
    // Every passage's data no longer JSON, its terms kept.
    Xapian::WritableDatabase w(broken, Xapian::DB_OPEN);
    for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it) {
      Xapian::Document doc = w.get_document(*it);
      doc.set_data("{\"passage\": 0, \"text\": ");
      w.replace_document(*it, doc);
    }
    w.commit();
    revision = w.get_revision();
  }
  {
    // The header of every block of postlist.glass overwritten.
    std::fstream f(torn + "/postlist.glass", std::ios::in | std::ios::out | std::ios::binary);
    const auto size = fs::file_size(torn + "/postlist.glass");
    for (std::uintmax_t at = 0; at < size; at += 8192) {
      f.seekp(static_cast<std::streamoff>(at));
      f.write(std::string(32, '\xFF').data(), 32);
    }
  }
  // docdata.glass cut short: its blocks point past the file's end ("EOF reading block", a
  // DatabaseError, was shown raw).
  const std::string cut = d / "cut.db";
  fs::copy(db, cut);
  ASSERT_GT(fs::file_size(cut + "/docdata.glass"), 8192u) << "nothing would be cut";
  fs::resize_file(cut + "/docdata.glass", 8192);
  const std::string more = d.write("more/moi.txt", "Bài mới\nĐoạn corruptxyz.\n");
  for (const std::string& target : {broken, torn, cut}) {
    SCOPED_TRACE(target);
    const std::string message = "database corrupt: run xapian-check " + target + " (";
    const RunResult searched = search({"--db", target, "khuyết điểm"});
    const RunResult listed = index({"--db", target, "--list"});
    const RunResult indexed = index({"--db", target, more});
    for (const RunResult* r : {&searched, &listed, &indexed}) {
      EXPECT_EQ(r->status, 2) << r->err;
      EXPECT_TRUE(has(r->err, message)) << r->err;
      EXPECT_FALSE(has(r->err, "json.exception")) << r->err;
    }
  }
  // Refused before anything was written.
  EXPECT_EQ(Xapian::Database(broken).get_revision(), revision);
}

TEST(Relearn, AFolderOfOtherFilesInItsPlaceIsRefusedAndATrailingSlashWorks) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const std::string notes = d.write("db.relearn/ghi-chu.txt", "someone's notes\n");
  RunResult r = index({"--db", db, "--relearn", kCorpus});
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(has(r.err, "db.relearn' is a folder with other files in it")) << r.err;
  EXPECT_TRUE(fs::exists(notes));
  EXPECT_FALSE(ids_found(db, "khuyết").empty());  // the database as it was
  // What a stopped --relearn leaves (a database) is cleared, as before.
  fs::remove_all(d / "db.relearn");
  fs::copy(db, d / "db.relearn");
  r = index({"--db", db, "--relearn", kCorpus});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(fs::exists(d / "db.relearn"));
  // --db DIR/: the new database is built beside DIR, not inside it, and takes its place.
  r = index({"--db", db + "/", "--relearn", kCorpus});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(fs::exists(db + "/.relearn"));
  EXPECT_FALSE(fs::exists(d / "db.relearn"));
  EXPECT_FALSE(ids_found(db, "khuyết").empty());
  r = index({"--db", db + "/./", "--info"});
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST(Databases, AReadOnlyDatabaseIsReportedAsNotWritableNotAsLocked) {
  if (geteuid() == 0 && !fs::exists("/usr/bin/setpriv")) GTEST_SKIP() << "root without setpriv";
  TempDir d;
  fs::permissions(d.path(), fs::perms::all);  // nobody reaches it
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const std::string more = d.write("moi.txt", "Bài mới\nĐoạn readonlyxyz.\n");
  const auto read_only = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                         fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec;
  fs::permissions(db, read_only);
  fs::permissions(more, read_only);
  // Input from this test's folder: nobody may not reach corpus/ (copies_nobody_reaches).
  for (const std::vector<std::string>& args : {std::vector<std::string>{kIndex, "--db", db, more},
                                               {kIndex, "--db", db, "--delete", "x"},
                                               {kIndex, "--db", db, "--relearn", more}}) {
    SCOPED_TRACE(args[3]);
    const RunResult r = run_unprivileged(args);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(has(r.err, "database '" + db + "' is not writable by this user")) << r.err;
    EXPECT_FALSE(has(r.err, "locked")) << r.err;
  }
  // Searching it needs no more than reading.
  EXPECT_EQ(run_unprivileged({kSearch, "--db", db, "khuyết"}).status, 0);
  fs::permissions(db, fs::perms::owner_all, fs::perm_options::add);
}

TEST(Databases, AFirstRunStoppedBeforeItsFirstCommitIsAnIndexBeingBuilt) {
  TempDir d;
  const std::string db = d / "db";
  std::string feed;
  for (int i = 0; i < 20000; ++i) {
    feed += R"({"id": "r)" + std::to_string(i) + R"(", "title": "Báo cáo", "body": "Hội nghị )" +
            std::to_string(i) + " bàn về chuyển đổi số ở Hà Nội.\"}\n";
  }
  const std::string input = d.write("feed.jsonl", feed);
  const pid_t pid = fork();
  if (pid == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    execl(kIndex.c_str(), kIndex.c_str(), "--db", db.c_str(), "--batch", "10000000", input.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Killed once the database exists (after the model is learned), long before the run's
  // only commit at its end.
  for (int i = 0; i < 1200 && !fs::exists(db + "/iamglass"); ++i) usleep(25 * 1000);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the indexer finished before it could be killed";
  ASSERT_TRUE(fs::exists(db + "/iamglass"));
  ASSERT_EQ(Xapian::Database(db).get_doccount(), 0u) << "it committed before it was killed";
  const RunResult r = search({"--db", db, "Hà Nội"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(has(r.err, "is a tracuu index being built")) << r.err;
  EXPECT_TRUE(has(r.err, "run tracuu-index --db " + db + " PATH... again")) << r.err;
  EXPECT_FALSE(has(r.err, "not a tracuu index")) << r.err;
  // And the next run completes it.
  EXPECT_EQ(index({"--db", db, input}).status, 0);
  EXPECT_EQ(search({"--db", db, "Hà Nội"}).status, 0);
}

TEST(Encodings, Utf16WithAByteOrderMarkIsReadAndNoEncodingIsGuessedForNuls) {
  TempDir d;
  const std::string le = encode_as("Báo cáo UTF-16\nĐoạn utf16xyz một.\n", Encoding::kUtf16);
  std::string be = encode_as("Báo cáo UTF-16 BE\r\nĐoạn utf16xyz hai.\r\n", Encoding::kUtf16);
  for (std::size_t i = 0; i + 1 < be.size(); i += 2) std::swap(be[i], be[i + 1]);  // FE FF …
  d.write("in/le.txt", le);
  d.write("in/be.txt", be);
  d.write("in/khong-bom.txt", le.substr(2));  // the same without its byte-order mark
  d.write("in/nhi-phan.txt", std::string("Ti\xEAu \xF0\xEA\0\0\x01\x02", 12));
  const std::string db = d / "db";
  const RunResult r = index({"--db", db, d / "in"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(has(r.err, "read 2 file(s) as utf-16")) << r.err;
  EXPECT_TRUE(has(r.err, "khong-bom.txt: byte 1: a NUL byte")) << r.err;
  EXPECT_TRUE(has(r.err, "nhi-phan.txt: byte 7: a NUL byte")) << r.err;
  EXPECT_FALSE(has(r.err, "tcvn3")) << r.err;
  EXPECT_EQ(ids_found(db, "utf16xyz"), (std::vector<std::string>{"le.txt", "be.txt"}));
  const RunResult hit = search({"--db", db, "--json", "utf16xyz một"});
  EXPECT_TRUE(has(hit.out, "\"text\":\"Đoạn utf16xyz một.\"")) << hit.out;
}

TEST(SmallThings, CrLineEndingsLargeIntegerIdsAndDuplicateKeys) {
  TempDir d;
  d.write("in/mac.txt", "Bài từ máy Mac\rĐoạn một crxyz.\rĐoạn hai crxyz.\r");
  d.write("in/ids.jsonl",
          R"({"id": 123456789012345678901234567890, "title": "Số lớn", "body": "Đoạn bigidxyz."})"
          "\r"
          R"({"id": "mot", "id": "hai", "title": "Hai id", "body": "Đoạn dupxyz."})"
          "\r");
  const std::string db = d / "db";
  const RunResult r = index({"--db", db, d / "in"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(has(r.err, "ids.jsonl:2: key \"id\" comes twice")) << r.err;
  const RunResult mac = search({"--db", db, "--json", "crxyz"});
  EXPECT_EQ(json_lines(mac.out).size(), 2u) << mac.out << mac.err;
  EXPECT_EQ(ids_found(db, "bigidxyz"),
            (std::vector<std::string>{"123456789012345678901234567890"}));
  EXPECT_TRUE(ids_found(db, "dupxyz").empty());
}

// Issue 18's evidence: one folder with every bad entry above beside good files, indexed in
// one run (as nobody when the tests run as root, so that a folder without permissions
// counts): exit 1, every problem named on stderr, every good report searchable.
TEST(OneRun, EveryBadEntryIsNamedAndEveryGoodReportIndexed) {
  if (geteuid() == 0 && !fs::exists("/usr/bin/setpriv")) GTEST_SKIP() << "root without setpriv";
  TempDir d;
  fs::permissions(d.path(), fs::perms::all);
  const std::string in = d / "in";
  // Good reports, in every format and shape that must be read.
  d.write("in/tot.txt", "Bài tốt\nĐoạn goodxyz văn bản.\n");
  d.write("in/tot.md", "# Bài Markdown\n\nĐoạn goodxyz Markdown.\n");
  d.write("in/tot.html", "<html><body><h1>Trang</h1><p>Đoạn goodxyz HTML.</p></body></html>");
  d.write("in/mac.txt", "Bài Mac\rĐoạn goodxyz CR.\r");
  d.write("in/utf16.txt", encode_as("Bài UTF-16\nĐoạn goodxyz UTF-16.\n", Encoding::kUtf16));
  d.write("in/b\xE0i-cu.txt", "Bài tên cũ\nĐoạn goodxyz tên không phải UTF-8.\n");
  d.write("in/dieu-khien.txt", "Tiêu đề \x1b]0;PWN\x07 \x1b[2J\nĐoạn goodxyz điều khiển.\n");
  d.write("in/sub/sau.txt", "Bài trong thư mục\nĐoạn goodxyz thư mục.\n");
  fs::create_symlink("tot.txt", d / "in/lien-ket.txt");
  // Bad entries.
  const std::string fifty(50 * 1000 * 1000, 'a');
  d.write(
      "in/feed.jsonl",
      R"({"id": "json-1", "title": "JSON", "body": "Đoạn goodxyz JSON một."})"
      "\n"
      R"({"id": "x1", "title": "X", "body": "B", "n": 1e400})"
      "\n"
      R"({"id": "x2", "title": "X", "body": "B", "n": -1e999})"
      "\n"
      R"({"id": "x3", "id": "x4", "title": "X", "body": "B"})"
      "\n"
      R"({"id": "x5", "title": "X", "body": ")" +
          fifty + "\"}\n" +
          R"({"id": 123456789012345678901234567890, "title": "Số", "body": "Đoạn goodxyz số lớn."})"
          "\n");
  d.write("in/dong-50mb.txt", "Một dòng\n" + fifty + "\n");
  write_gzip(d / "in/dong-300mb.txt.gz", "Một dòng\n", std::string(15 * 1024, 'k'), 20000);
  write_gzip(d / "in/bom.jsonl.gz", "", std::string(1 << 20, '\0'), 256, Z_RLE);
  d.write("in/utf16-khong-bom.txt", encode_as("Bài\nĐoạn.\n", Encoding::kUtf16).substr(2));
  d.write("in/nhi-phan.txt", std::string("PK\x03\x04\0\0\0\0", 8));
  d.write("in/hong.txt", "Bài\nĐoạn \xC3\x28 hỏng.\n");
  fs::create_symlink("vong.txt", d / "in/vong.txt");
  fs::create_symlink("b.txt", d / "in/a.txt");
  fs::create_symlink("a.txt", d / "in/b.txt");
  fs::create_symlink("khong-co.txt", d / "in/treo.txt");
  d.write("in/khoa/an.txt", "Bài bị khóa\nĐoạn lockedxyz.\n");
  for (const auto& entry : fs::recursive_directory_iterator(in)) {
    if (!entry.is_symlink()) fs::permissions(entry.path(), fs::perms::all);
  }
  fs::permissions(in, fs::perms::all);
  fs::permissions(d / "in/khoa", fs::perms::none);
  fs::create_directory(d / "db");
  fs::permissions(d / "db", fs::perms::all);
  const std::string db = d / "db/x";

  const RunResult r = run_unprivileged({kIndex, "--db", db, in});
  fs::permissions(d / "in/khoa", fs::perms::owner_all);
  EXPECT_EQ(r.status, 1) << r.err;
  if (kMeasured) {
    EXPECT_LT(peak_mb(r.err), 1024) << r.err;
  }
  const std::string named[] = {
      "feed.jsonl:2: number 1e400 out of range",
      "feed.jsonl:3: number -1e999 out of range",
      "feed.jsonl:4: key \"id\" comes twice",
      "feed.jsonl:5: a line of 47.7 MiB, more than the 4 MiB",
      "dong-50mb.txt: 47.7 MiB, more than the 4 MiB",
      "dong-300mb.txt.gz: byte ",
      "bom.jsonl.gz:1: a line of",
      "utf16-khong-bom.txt: byte 1: a NUL byte",
      "nhi-phan.txt: byte 4: a NUL byte",
      "hong.txt: byte ",
      "vong.txt: a symbolic link that loops",
      "in/a.txt: a symbolic link that loops",
      "in/b.txt: a symbolic link that loops",
      "treo.txt: a symbolic link to nothing",
      "in/khoa: cannot list folder: Permission denied",
      "1 path(s) not valid UTF-8",
  };
  for (const std::string& problem : named)
    EXPECT_TRUE(has(r.err, problem)) << problem << "\n" << r.err;
  expect_inert(r.err);
  const std::vector<std::string> good = {"123456789012345678901234567890",
                                         "b\\xE0i-cu.txt",
                                         "dieu-khien.txt",
                                         "json-1",
                                         "lien-ket.txt",
                                         "mac.txt",
                                         "sub/sau.txt",
                                         "tot.html",
                                         "tot.md",
                                         "tot.txt",
                                         "utf16.txt"};
  std::vector<std::string> found = ids_found(db, "goodxyz");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, good);
  EXPECT_TRUE(ids_found(db, "lockedxyz").empty());
  const RunResult list = index({"--db", db, "--list"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), static_cast<long>(good.size()))
      << list.out;
  expect_inert(list.out);
}

}  // namespace
}  // namespace tracuu::testing
