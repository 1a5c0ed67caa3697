// End-to-end tests of tracuu-search in scripts and at the terminal (issue 20): the query
// after the options, archives indexed separately searched together, reports without a
// title, batch queries, totals, the JSON fields and the text output's locations.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <chrono>
#include <map>
#include <set>

#include "e2e/run.h"
#include "index/schema.h"
#include "support/temp_dir.h"

namespace tracuu::testing {
namespace {

// Runs argv[0] with argv on a pseudo-terminal (stdin, stdout and stderr all on it, as in an
// interactive shell); what it wrote there, and its exit status.
RunResult run_in_terminal(const std::vector<std::string>& argv) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    unsetenv("TRACUU_DB");
    unsetenv("NO_COLOR");
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  RunResult r;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the program is gone
    r.out.append(buffer, static_cast<std::size_t>(n));
  }
  close(master);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  return r;
}

RunResult index(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), kIndex);
  return run(args, kNoDbEnv, "", input);
}

RunResult search_in(const std::string& db, std::vector<std::string> args,
                    const std::string& input = "") {
  args.insert(args.begin(), {kSearch, "--db", db});
  return run(args, kNoDbEnv, "", input);
}

// (id, passage) of each hit of --json output.
std::set<std::pair<std::string, unsigned>> hit_keys(const std::string& out) {
  std::set<std::pair<std::string, unsigned>> keys;
  for (const auto& h : json_lines(out)) keys.emplace(h["id"], h["passage"].get<unsigned>());
  return keys;
}

// Two small archives, as a journalist would keep them: news (JSON lines) and laws (.txt).
class Archives : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    dir_->write(
        "news/2025.jsonl",
        R"({"id": "n1", "title": "UBND tỉnh họp về Covid", "body": "UBND tỉnh Nghệ An họp bàn phòng chống dịch Covid theo Nghị quyết 57-NQ/TW.\nCác sở báo cáo tình hình thủy lợi.", "date": "2025-06-16", "url": "https://DanTri.com.vn/xa-hoi/n1.htm"})"
        "\n"
        R"({"id": "n2", "title": "UBND huyện làm đường", "body": "UBND huyện khởi công con đường mới về xã.", "date": "2021-03-02"})"
        "\n"
        R"({"id": "n3", "title": "Đê điều mùa lũ", "body": "Hệ thống thủy lợi và đê điều được gia cố trước mùa lũ theo Nghị định 67 của Chính phủ.", "date": "2024-09-09"})"
        "\n"
        R"({"id": "n4", "title": "Một đoạn dài", "body": "Kè đá mới ở đầu đoạn, công trình cấp nước tưới tiêu nội đồng được các hợp tác xã duy tu hằng năm theo kế hoạch của huyện công trình cấp nước tưới tiêu nội đồng được các hợp tác xã duy tu hằng năm theo kế hoạch của huyện công trình cấp nước tưới tiêu nội đồng được các hợp tác xã duy tu hằng năm theo kế hoạch của huyện công trình cấp nước tưới tiêu nội đồng được các hợp tác xã duy tu hằng năm theo kế hoạch của huyện công trình cấp nước tưới tiêu nội đồng được các hợp tác xã duy tu hằng năm theo kế hoạch của huyện kè đá cuối đoạn."})"
        "\n");
    dir_->write(
        "news/bai.md",
        "---\nid: md1\ndate: 2024-01-05\n---\n# Bài viết Markdown\n\nĐoạn đầu nói về thủy lợi.\n\n"
        "Đoạn hai nói về đê điều.\n");
    dir_->write("news/trang.html",
                "<html><head><title>Trang</title></head><body><article><h1>Trang HTML</h1>"
                "<p>Đê điều được gia cố ở trang HTML.</p></article></body></html>");
    dir_->write("laws/luat-thuy-loi.txt",
                "# doc_id = luat-thuy-loi\n"
                "QUỐC HỘI\n"
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "Độc lập - Tự do - Hạnh phúc\n"
                "Luật số: 08/2017/QH14\n"
                "Hà Nội, ngày 19 tháng 6 năm 2017\n"
                "LUẬT\n"
                "THỦY LỢI\n"
                "Điều 1. Phạm vi điều chỉnh\n"
                "Luật này quy định về điều tra cơ bản, chiến lược, quy hoạch thủy lợi.\n"
                "Điều 2. Giải thích từ ngữ\n"
                "UBND các cấp quản lý công trình thủy lợi theo Nghị định số 67/2018/NĐ-CP.\n");
    // Stdin too, into the news archive: its lines are JSON lines of stdin.
    const RunResult n = index({"--db", news(), *dir_ / "news", "-"},
                              "\n"
                              R"({"id": "s1", "title": "Từ stdin", "body": "Đê điều từ stdin."})"
                              "\n");
    ASSERT_EQ(n.status, 0) << n.err;
    ASSERT_EQ(index({"--db", laws(), *dir_ / "laws"}).status, 0);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string news() { return *dir_ / "news.db"; }
  static std::string laws() { return *dir_ / "laws.db"; }
  static TempDir* dir_;
};
TempDir* Archives::dir_ = nullptr;

TEST_F(Archives, EveryArgumentFromTheQuerysFirstWordOnIsTheQuery) {
  // -Covid is the query's exclusion, not an option (it was read as -C ovid).
  const RunResult r = search_in(news(), {"--json", "UBND", "-Covid"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json_lines(r.out).at(0)["id"], "n2");
  for (const auto& h : json_lines(r.out))
    EXPECT_EQ(h["text"].get<std::string>().find("Covid"), std::string::npos) << h;
  // Options before the query still count; -- still ends them; the query as one argument too.
  // "--count" after the query's first word is part of the query, as if quoted with it.
  const RunResult first = search_in(news(), {"-n", "5", "--json", "UBND", "-Covid", "--count"});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_TRUE(json_lines(first.out).at(0).contains("rank")) << first.out;  // results, not a count
  EXPECT_EQ(first.out, search_in(news(), {"-n", "5", "--json", "UBND -Covid --count"}).out);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--json", "--", "UBND", "-Covid"},
        {"--json", "UBND -Covid"},
        {"--json", "-C", "1", "UBND", "-Covid"},
        {"--json", "-C1", "UBND", "-Covid"}}) {
    const RunResult same = search_in(news(), args);
    ASSERT_EQ(same.status, 0) << same.err;
    EXPECT_EQ(hit_keys(same.out), hit_keys(r.out)) << args[1];
  }
  // An unknown option before the query is still an error.
  const RunResult bad = search_in(news(), {"--jsn", "UBND"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--jsn"), std::string::npos) << bad.err;
  // A query that opens with an exclusion: -Covid is -C ovid, and the message says what to do;
  // not for an error elsewhere, nor with --queries (which takes no query).
  const RunResult opens = search_in(news(), {"-Covid", "UBND"});
  EXPECT_EQ(opens.status, 2);
  EXPECT_NE(opens.err.find("after '--': tracuu-search -- -Covid"), std::string::npos) << opens.err;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--sort", "bogus", "UBND", "-Covid"},
        {"--queries", "q.txt", "-Covid"}}) {
    const RunResult other = search_in(news(), args);
    EXPECT_EQ(other.status, 2);
    EXPECT_EQ(other.err.find("-- -Covid"), std::string::npos) << other.err;
  }
}

TEST_F(Archives, TwoArchivesIndexedSeparatelyAreSearchedAsOne) {
  // Each learned its own segmentation model from its own corpus.
  const std::string key(schema::kSegmenterIdKey);
  ASSERT_NE(Xapian::Database(news()).get_metadata(key), Xapian::Database(laws()).get_metadata(key));
  const RunResult both =
      run({kSearch, "--db", news(), "--db", laws(), "--json", "-n", "100", "thủy lợi"}, kNoDbEnv);
  ASSERT_EQ(both.status, 0) << both.err;
  const RunResult n = search_in(news(), {"--json", "-n", "100", "thủy lợi"});
  const RunResult l = search_in(laws(), {"--json", "-n", "100", "thủy lợi"});
  auto expected = hit_keys(n.out);
  for (const auto& k : hit_keys(l.out)) expected.insert(k);
  EXPECT_EQ(hit_keys(both.out), expected);
  std::set<std::string> ids;
  for (const auto& h : json_lines(both.out)) ids.insert(h["id"]);
  EXPECT_TRUE(ids.count("n1") && ids.count("luat-thuy-loi")) << both.out;
  // --count and --facet add the two up.
  const RunResult count =
      run({kSearch, "--db", news(), "--db", laws(), "--count", "--json", "thủy lợi"}, kNoDbEnv);
  ASSERT_EQ(count.status, 0) << count.err;
  const auto cn = json_lines(search_in(news(), {"--count", "--json", "thủy lợi"}).out).at(0);
  const auto cl = json_lines(search_in(laws(), {"--count", "--json", "thủy lợi"}).out).at(0);
  EXPECT_EQ(json_lines(count.out).at(0)["passages"],
            cn["passages"].get<int>() + cl["passages"].get<int>());
}

TEST_F(Archives, ADatabaseOfAnotherSchemaIsStillRefused) {
  TempDir d;
  {
    Xapian::WritableDatabase w(d / "old", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    w.set_metadata(std::string(schema::kVersionKey), "1");
    w.set_metadata(std::string(schema::kAnalyzerKey), "1");
    w.add_document(Xapian::Document());
    w.commit();
  }
  const RunResult r = run({kSearch, "--db", news(), "--db", d / "old", "thủy lợi"}, kNoDbEnv);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("schema version 1"), std::string::npos) << r.err;
}

TEST(Untitled, AJsonLineWithoutATitleIsIndexedAndNotedOnce) {
  TempDir d;
  d.write("in/feed.jsonl", R"({"id": "a", "title": "", "body": "Báo cáo về thủy lợi."})"
                           "\n"
                           R"({"id": "b", "body": "Thủy lợi nội đồng."})"
                           "\n"
                           R"({"id": "c", "title": null, "body": "Thủy lợi miền núi."})"
                           "\n"
                           R"({"id": "d", "title": "Có tiêu đề", "body": "Thủy lợi đồng bằng."})"
                           "\n");
  const RunResult r = index({"--db", d / "db", d / "in"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("3 report(s) with no title"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:1"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("skipped)"), std::string::npos) << r.err;
  const RunResult s = search_in(d / "db", {"--json", "-n", "10", "thủy lợi"});
  ASSERT_EQ(s.status, 0) << s.err;
  std::set<std::string> untitled;
  for (const auto& h : json_lines(s.out)) {
    if (h["title"] == "") untitled.insert(h["id"]);
  }
  EXPECT_EQ(untitled, (std::set<std::string>{"a", "b", "c"}));
  const RunResult text = search_in(d / "db", {"id:b"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("1. (no title)"), std::string::npos) << text.out;
}

TEST_F(Archives, BatchQueriesGiveWhatEachQueryGivesAlone) {
  TempDir d;
  const std::string queries = d.write("q.txt",
                                      "thủy lợi\n"
                                      "\n"
                                      "khuyết (điểm OR\n"
                                      "  \t\n"
                                      "đê điều -stdin\n"
                                      "không có gì như thế này xyzzy\n");
  for (const std::vector<std::string>& options :
       {std::vector<std::string>{"--json", "-n", "3"},
        {"--json", "--count"},
        {"--json", "--facet", "year"},
        {"--json", "--total", "-C", "1", "--per-report", "1"}}) {
    SCOPED_TRACE(options[1]);
    std::vector<std::string> args = options;
    args.insert(args.end(), {"--queries", queries});
    const RunResult batch = search_in(news(), args);
    EXPECT_EQ(batch.status, 2);  // line 3 does not parse
    EXPECT_NE(batch.err.find(queries + ":3: "), std::string::npos) << batch.err;
    EXPECT_NE(batch.err.find("(column "), std::string::npos) << batch.err;
    // Each query's objects carry its line; together, what the query alone prints.
    std::map<std::size_t, std::vector<nlohmann::json>> by_query;
    for (nlohmann::json line : json_lines(batch.out)) {
      ASSERT_TRUE(line.contains("query")) << line;
      const std::size_t n = line["query"];
      line.erase("query");
      by_query[n].push_back(line);
    }
    const std::map<std::size_t, std::string> ran = {
        {1, "thủy lợi"}, {5, "đê điều -stdin"}, {6, "không có gì như thế này xyzzy"}};
    for (const auto& [n, query] : ran) {
      std::vector<std::string> alone_args = options;
      alone_args.push_back(query);
      const RunResult alone = search_in(news(), alone_args);
      EXPECT_EQ(by_query[n],
                alone.out.empty() ? std::vector<nlohmann::json>{} : json_lines(alone.out))
          << query;
    }
    for (const auto& [n, lines] : by_query) EXPECT_TRUE(ran.count(n)) << n;
  }
  // Text: a header before each query's results; stdin; exit 0 when all parse and some match.
  const RunResult text =
      search_in(news(), {"-n", "1", "--queries", "-"}, "thủy lợi\n\nUBND -Covid\nxyzzy\n");
  EXPECT_EQ(text.status, 0) << text.err;
  const std::size_t h1 = text.out.find("== 1: thủy lợi\n"),
                    h3 = text.out.find("== 3: UBND -Covid\n"), h4 = text.out.find("== 4: xyzzy\n");
  ASSERT_NE(h1, std::string::npos) << text.out;
  ASSERT_NE(h3, std::string::npos) << text.out;
  ASSERT_NE(h4, std::string::npos) << text.out;
  EXPECT_LT(h1, h3);
  EXPECT_NE(text.out.substr(h3).find("1. UBND huyện làm đường"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.substr(h4), "== 4: xyzzy\n");
  EXPECT_EQ(search_in(news(), {"--queries", "-"}, "xyzzy\n\nqwfpgj\n").status, 1);
  // A query with the queries file is refused, as is a folder.
  EXPECT_EQ(search_in(news(), {"--queries", queries, "thủy"}).status, 2);
  const RunResult folder = search_in(news(), {"--queries", d.path().string()});
  EXPECT_EQ(folder.status, 2);
  EXPECT_NE(folder.err.find("a folder"), std::string::npos) << folder.err;
}

// A script sends a query on a pipe and waits for its answer before it sends the next: each
// answer comes while standard input is still open (it came only at its end, once the
// program's read had filled a whole buffer).
TEST_F(Archives, BatchQueriesFromAPipeAreAnsweredAsTheyCome) {
  int to_child[2], from_child[2];
  ASSERT_EQ(pipe(to_child), 0);
  ASSERT_EQ(pipe(from_child), 0);
  const std::string db = news();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(to_child[0], 0);
    dup2(from_child[1], 1);
    close(to_child[1]);
    close(from_child[0]);
    unsetenv("TRACUU_DB");
    execl(kSearch.c_str(), kSearch.c_str(), "--db", db.c_str(), "--json", "-n", "1", "--queries",
          "-", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  // The answer to one query, read within 20 s, stdin left open.
  const auto answer = [&](const std::string& query) {
    EXPECT_EQ(write(to_child[1], query.data(), query.size()), static_cast<ssize_t>(query.size()));
    std::string out;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (out.find('\n') == std::string::npos && std::chrono::steady_clock::now() < until) {
      pollfd p{from_child[0], POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buffer[4096];
      const ssize_t n = read(from_child[0], buffer, sizeof buffer);
      if (n <= 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  };
  const std::string first = answer("thủy lợi\n");
  EXPECT_NE(first.find("\"query\":1"), std::string::npos) << first;
  const std::string second = answer("UBND\n");
  EXPECT_NE(second.find("\"query\":2"), std::string::npos) << second;
  close(to_child[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  close(from_child[0]);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  // Bytes that are not text end the run at once (/dev/zero was one endless line).
  const RunResult zero =
      run({"/usr/bin/timeout", "20", kSearch, "--db", db, "--queries", "/dev/zero"}, kNoDbEnv);
  EXPECT_EQ(zero.status, 2);
  EXPECT_NE(zero.err.find("--queries /dev/zero:1: a NUL byte"), std::string::npos) << zero.err;
  // The lines before a NUL are answered, the run ends at it (exit 2, its line named).
  TempDir d;
  const std::string nul_file = d.write("q.bin", std::string("UBND\nthủy lợi\n\0\nUBND\n", 23));
  const RunResult nul = search_in(db, {"--json", "-n", "1", "--queries", nul_file});
  EXPECT_EQ(nul.status, 2) << nul.err;
  EXPECT_NE(nul.err.find(nul_file + ":3: a NUL byte"), std::string::npos) << nul.err;
  std::set<std::size_t> answered;
  for (const auto& line : json_lines(nul.out)) answered.insert(line["query"].get<std::size_t>());
  EXPECT_EQ(answered, (std::set<std::size_t>{1, 2}));
}

TEST_F(Archives, TotalFollowsTheResults) {
  const RunResult count = search_in(news(), {"--json", "--count", "thủy lợi"});
  ASSERT_EQ(count.status, 0) << count.err;
  const auto c = json_lines(count.out).at(0);
  const RunResult r = search_in(news(), {"--json", "-n", "1", "--total", "thủy lợi"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].contains("rank"));
  EXPECT_EQ(lines[1],
            (nlohmann::json{{"total", {{"passages", c["passages"]}, {"reports", c["reports"]}}}}));
  EXPECT_GT(c["passages"].get<int>(), 1);  // more than the one result shown
  const RunResult text = search_in(news(), {"-n", "1", "--total", "thủy lợi"});
  ASSERT_EQ(text.status, 0);
  EXPECT_TRUE(text.out.ends_with(fmt::format("\n{} passages in {} reports\n",
                                             c["passages"].get<int>(), c["reports"].get<int>())))
      << text.out;
  // Without the flag, as before: the results only.
  EXPECT_EQ(json_lines(search_in(news(), {"--json", "-n", "1", "thủy lợi"}).out).size(), 1u);
  EXPECT_EQ(search_in(news(), {"--total", "--count", "thủy lợi"}).status, 2);
}

TEST_F(Archives, JsonCarriesNumberPathLineAndCharacterOffsets) {
  const auto hit = [&](const std::string& db, const std::string& query) {
    const RunResult r = search_in(db, {"--json", "-n", "1", query});
    EXPECT_EQ(r.status, 0) << r.err;
    return json_lines(r.out).at(0);
  };
  const std::string laws_dir = *dir_ / "laws", news_dir = *dir_ / "news";
  const auto law = hit(laws(), "dieu:1 quy hoạch");
  EXPECT_EQ(law["number"], "08/2017/QH14");
  EXPECT_EQ(law["path"], laws_dir + "/luat-thuy-loi.txt");
  EXPECT_EQ(law["line"], 10);  // the line of the file, front matter counted
  EXPECT_EQ(law["source"], "laws");
  const auto md = hit(news(), "id:md1 đê điều");
  EXPECT_EQ(md["line"], 9);
  EXPECT_TRUE(md["number"].is_null());
  const auto jsonl = hit(news(), "id:n3");
  EXPECT_EQ(jsonl["line"], 3);
  EXPECT_EQ(jsonl["path"], news_dir + "/2025.jsonl");
  const auto from_stdin = hit(news(), "id:s1");
  EXPECT_EQ(from_stdin["line"], 2);
  EXPECT_EQ(from_stdin["path"], "-");
  EXPECT_EQ(from_stdin["source"], "stdin");
  const auto html = hit(news(), "id:trang.html");
  EXPECT_TRUE(html["line"].is_null());
  EXPECT_EQ(html["path"], news_dir + "/trang.html");
  // Code-point offsets slice the text as the byte offsets do.
  const auto h = hit(news(), "đê điều");
  ASSERT_FALSE(h["highlights"].empty());
  const std::string text = h["text"];
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  ASSERT_EQ(h["highlight_chars"].size(), h["highlights"].size());
  for (std::size_t i = 0; i < h["highlights"].size(); ++i) {
    const std::size_t bs = h["highlights"][i][0], be = h["highlights"][i][1];
    const int cs = h["highlight_chars"][i][0], ce = h["highlight_chars"][i][1];
    std::string slice;
    u.tempSubStringBetween(cs, ce).toUTF8String(slice);  // Vietnamese: no surrogate pairs
    EXPECT_EQ(slice, text.substr(bs, be - bs));
    EXPECT_LT(ce - cs, static_cast<int>(be - bs));  // đ, ê, ề: fewer characters than bytes
  }
}

TEST_F(Archives, SourcesAreHostsOrTopFoldersAndYearsComeInOrder) {
  const auto source_of = [&](const std::string& db, const std::string& id) {
    const RunResult r = search_in(db, {"--json", "-n", "1", "id:" + id});
    EXPECT_EQ(r.status, 0) << r.err;
    return json_lines(r.out).at(0)["source"].get<std::string>();
  };
  EXPECT_EQ(source_of(news(), "n1"), "dantri.com.vn");  // the URL's host, in lower case
  EXPECT_EQ(source_of(news(), "n2"), "news");           // no URL: the folder
  EXPECT_EQ(source_of(laws(), "luat-thuy-loi"), "laws");
  // News and laws told apart in one search; source: follows.
  const RunResult facet =
      run({kSearch, "--db", news(), "--db", laws(), "--json", "--facet", "source", "thủy lợi"},
          kNoDbEnv);
  ASSERT_EQ(facet.status, 0) << facet.err;
  std::set<std::string> sources;
  for (const auto& v : json_lines(facet.out)) sources.insert(v["value"]);
  EXPECT_EQ(sources, (std::set<std::string>{"dantri.com.vn", "news", "laws"}));
  const RunResult laws_only =
      run({kSearch, "--db", news(), "--db", laws(), "--json", "source:laws", "thủy lợi"}, kNoDbEnv);
  ASSERT_EQ(laws_only.status, 0) << laws_only.err;
  for (const auto& h : json_lines(laws_only.out)) EXPECT_EQ(h["id"], "luat-thuy-loi");
  // Years in year order (passages without a date last), whatever their counts.
  const RunResult years =
      search_in(news(), {"--json", "--facet", "year", "đê điều OR thủy lợi OR UBND"});
  ASSERT_EQ(years.status, 0) << years.err;
  std::vector<nlohmann::json> values;
  for (const auto& v : json_lines(years.out)) values.push_back(v["value"]);
  EXPECT_EQ(values, (std::vector<nlohmann::json>{"2021", "2024", "2025", nullptr})) << years.out;
}

TEST_F(Archives, TextLocationsStartWithPathAndLine) {
  const auto second_line = [&](const std::string& db, const std::string& query) {
    const RunResult r = search_in(db, {"-n", "1", query});
    EXPECT_EQ(r.status, 0) << r.err;
    const std::size_t a = r.out.find('\n') + 1;
    return r.out.substr(a, r.out.find('\n', a) - a);
  };
  EXPECT_EQ(second_line(laws(), "dieu:1 quy hoạch"),
            "   " + *dir_ / "laws" +
                "/luat-thuy-loi.txt:10 · 2017-06-19 · Số 08/2017/QH14 · passage 1 · Điều 1");
  EXPECT_EQ(second_line(news(), "id:n1 thủy lợi"),
            "   " + *dir_ / "news" +
                "/2025.jsonl:1 · 2025-06-16 · https://DanTri.com.vn/xa-hoi/n1.htm · passage 1");
  EXPECT_EQ(second_line(news(), "id:s1"), "   -:2 · passage 0");
  EXPECT_EQ(second_line(news(), "id:trang.html"), "   trang.html · passage 0");
}

TEST_F(Archives, MarksOnlyWhenAskedForOutsideATerminal) {
  const RunResult piped = search_in(news(), {"-n", "1", "id:n3", "đê điều"});
  ASSERT_EQ(piped.status, 0);
  EXPECT_NE(piped.out.find("thủy lợi và đê điều được"), std::string::npos) << piped.out;
  const RunResult marked = search_in(news(), {"-n", "1", "--mark", "<b> </b>", "id:n3", "đê điều"});
  EXPECT_NE(marked.out.find("<b>đê</b> <b>điều</b>"), std::string::npos) << marked.out;
  const RunResult colour = search_in(news(), {"-n", "1", "--color=always", "id:n3", "đê điều"});
  EXPECT_NE(colour.out.find("\x1b[1;31mđê\x1b[0m"), std::string::npos) << colour.out;
  EXPECT_EQ(search_in(news(), {"--mark", "[]", "đê"}).status, 2);
}

TEST_F(Archives, ALongPassageShowsEveryRegionWithHits) {
  const RunResult r = search_in(news(), {"-n", "1", "--mark", "[ ]", "id:n4", "kè đá"});
  ASSERT_EQ(r.status, 0) << r.err;
  // Both ends of the passage, each with its hit, joined by "…".
  EXPECT_NE(r.out.find("[Kè] [đá] mới ở đầu đoạn"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" … "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[kè] [đá] cuối đoạn."), std::string::npos) << r.out;
}

TEST_F(Archives, TopRefsMergeKeysNameDocumentsAndTakeAKind) {
  const RunResult r =
      run({kSearch, "--db", news(), "--db", laws(), "--json", "--top-refs"}, kNoDbEnv);
  ASSERT_EQ(r.status, 0) << r.err;
  std::map<std::string, nlohmann::json> by_key;
  for (const auto& line : json_lines(r.out)) by_key[line["ref"]] = line;
  ASSERT_TRUE(by_key.count("ND-67/2018/CP")) << r.out;
  EXPECT_FALSE(by_key.count("ND-67")) << r.out;  // counted with the full number
  EXPECT_EQ(by_key["ND-67/2018/CP"]["name"], "Nghị định 67/2018/NĐ-CP");
  EXPECT_EQ(by_key["ND-67/2018/CP"]["keys"], (nlohmann::json{"ND-67", "ND-67/2018/CP"}));
  EXPECT_EQ(by_key["ND-67/2018/CP"]["passages"], 2);
  EXPECT_EQ(by_key["ND-67/2018/CP"]["reports"], 2);
  const RunResult kind = search_in(news(), {"--top-refs", "--kind", "nq"});
  ASSERT_EQ(kind.status, 0) << kind.err;
  EXPECT_EQ(kind.out, "       1        1  Nghị quyết 57 (NQ-57)\n");
  EXPECT_EQ(search_in(news(), {"--top-refs", "--kind", "CT"}).status, 1);
  const RunResult unknown = search_in(news(), {"--top-refs", "--kind", "NGHI"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("not a kind of document"), std::string::npos) << unknown.err;
}

TEST_F(Archives, RefQueriesHighlightTheCitation) {
  const RunResult r = search_in(laws(), {"--json", "ref:ND-67"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto h = json_lines(r.out).at(0);
  ASSERT_EQ(h["highlights"].size(), 1u) << h;
  const std::string text = h["text"];
  const std::size_t s = h["highlights"][0][0], e = h["highlights"][0][1];
  EXPECT_EQ(text.substr(s, e - s), "Nghị định số 67/2018/NĐ-CP");
}

TEST(Terminal, TheIndexerShowsAProgressBarAndTheSearcherColours) {
  TempDir d;
  for (int i = 0; i < 40; ++i) {
    d.write(fmt::format("in/{:02}.txt", i),
            fmt::format("Bài {}\nĐê điều và thủy lợi, đoạn {}.\n", i, i));
  }
  const RunResult r = run_in_terminal({kIndex, "--db", d / "db", d / "in"});
  ASSERT_EQ(r.status, 0) << r.out;
  // A bar with the percent of the input's bytes read and the time left.
  EXPECT_NE(r.out.find("] "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("% "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" left, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("40 reports"), std::string::npos) << r.out;
  // Without a terminal, none of it.
  TempDir e;
  const RunResult piped = index({"--db", e / "db", d / "in"});
  EXPECT_EQ(piped.err.find("left, "), std::string::npos) << piped.err;
  // The searcher on a terminal: colour, by default.
  const RunResult s = run_in_terminal({kSearch, "--db", d / "db", "-n", "1", "đê điều"});
  ASSERT_EQ(s.status, 0) << s.out;
  EXPECT_NE(s.out.find("\x1b[1;31m"), std::string::npos) << s.out;
}

}  // namespace
}  // namespace tracuu::testing
