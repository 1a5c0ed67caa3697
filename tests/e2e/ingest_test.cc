// End-to-end tests of ingestion: formats, legacy encodings, official documents, metadata,
// incremental runs, and safety (kill, lock, searching while indexing), on the real
// binaries and temporary databases.
#include <gtest/gtest.h>
#include <signal.h>
#include <xapian.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "e2e/run.h"
#include "support/temp_dir.h"
#include "text/encoding.h"

namespace tracuu::testing {
namespace {

const std::string kOfficial = kTestData + "/ingest/nghi-quyet-mau.txt";

RunResult index(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<std::string> argv = {kIndex};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, kNoDbEnv, "", input);
}

RunResult search(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kSearch, "--db", db};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, kNoDbEnv);
}

std::vector<nlohmann::json> hits(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> a = {"--json", "-n", "50"};
  a.insert(a.end(), args.begin(), args.end());
  const RunResult r = search(db, a);
  EXPECT_LE(r.status, 1) << r.err;
  return r.status == 0 ? json_lines(r.out) : std::vector<nlohmann::json>{};
}

// --list: id → passages.
std::map<std::string, std::size_t> listed(const std::string& db) {
  const RunResult r = index({"--db", db, "--list"});
  EXPECT_EQ(r.status, 0) << r.err;
  std::map<std::string, std::size_t> out;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    const auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
    out[line.substr(0, t1)] = std::stoul(line.substr(t2 + 1, t3 - t2 - 1));
  }
  return out;
}

TEST(Formats, MarkdownHtmlGzipAndStdinAreIndexed) {
  TempDir d;
  d.write("in/bao-cao.md",
          "---\nid: md-1\ndate: 2025-06-16\n---\n# Hội nghị về kinh tế số\n\n"
          "Đại biểu thảo luận **kinh tế số** và [chính quyền điện tử](https://example.vn)\n"
          "trong nhiều giờ.\n\n- Mục một: hạ tầng mã mdxyz.\n");
  d.write(
      "in/trang.html",
      "<html><head><title>Trang - Báo</title>"
      "<meta property=\"article:published_time\" content=\"2025-07-01T08:00:00+07:00\">"
      "<script>var x = 'htmlscriptxyz';</script></head><body><nav>Trang chủ navxyz</nav>"
      "<article><h1>Tiêu đề trang web</h1><p>Đoạn một có mã htmlxyz.</p></article></body></html>");
  const std::string jsonl = d.write(
      "in/luong.jsonl", "{\"id\": \"gz-1\", \"title\": \"Nén\", \"body\": \"Đoạn nén gzxyz.\"}\n");
  ASSERT_EQ(run({"/bin/gzip", jsonl}).status, 0);  // leaves in/luong.jsonl.gz
  const std::string db = d / "db";
  RunResult r =
      index({"--db", db, d / "in", "-"},
            "{\"id\": \"stdin-1\", \"title\": \"Từ stdin\", \"body\": \"Đoạn stdinxyz.\"}\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("4 reports"), std::string::npos) << r.err;

  auto h = hits(db, {"mdxyz"});
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0]["id"], "md-1");
  EXPECT_EQ(h[0]["title"], "Hội nghị về kinh tế số");
  EXPECT_EQ(h[0]["date"], "2025-06-16");
  h = hits(db, {"chính quyền điện tử"});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0]["text"], "Đại biểu thảo luận kinh tế số và chính quyền điện tử trong nhiều giờ.");

  h = hits(db, {"htmlxyz"});
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0]["title"], "Tiêu đề trang web");
  EXPECT_EQ(h[0]["date"], "2025-07-01");
  EXPECT_EQ(search(db, {"htmlscriptxyz"}).status, 1);  // scripts and navigation dropped
  EXPECT_EQ(search(db, {"navxyz"}).status, 1);

  EXPECT_EQ(hits(db, {"gzxyz"}).size(), 1u);
  EXPECT_EQ(hits(db, {"stdinxyz"}).size(), 1u);
}

TEST(Formats, AnHtmlNewsPage) {
  TempDir d;
  ASSERT_EQ(index({"--db", d / "db", kTestData + "/bao-cao.html"}).status, 0);
  const auto h = hits(d / "db", {"vuon mua pho co"});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0]["title"], "Hà Nội thử nghiệm “vườn mưa” chống ngập ở phố cổ");
  EXPECT_EQ(h[0]["date"], "2025-06-18");
  EXPECT_EQ(h[0]["url"], "https://tracuu.example.vn/thoi-su/ha-noi-vuon-mua-pho-co.html");
  EXPECT_EQ(hits(d / "db", {"125/KH-UBND"}).size(), 1u);
}

TEST(Formats, EmptyStdinIsNothingToIndex) {
  TempDir d;
  const RunResult r = index({"--db", d / "db", "-"}, "");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("0 reports"), std::string::npos) << r.err;
}

TEST(Formats, CorruptGzipAndEmptyFiles) {
  TempDir d;
  d.write("in/a.txt", "Báo cáo\nMột đoạn văn.\n");
  d.write("in/empty.txt", "  \n\n");
  std::string gz = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage-not-deflate";
  d.write("in/bad.jsonl.gz", gz);
  const RunResult r = index({"--db", d / "db", d / "in"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("bad.jsonl.gz: byte"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 skipped"), std::string::npos) << r.err;  // the empty file is a note
  EXPECT_EQ(search(d / "db", {"đoạn văn"}).status, 0);
}

TEST(OfficialDocuments, HeaderArticlesAndReferences) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kOfficial}).status, 0);
  auto h = hits(db, {"không né tránh khuyết điểm"});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0]["title"], "NGHỊ QUYẾT VỀ THỬ NGHIỆM CÔNG CỤ TRA CỨU VĂN BẢN");
  EXPECT_EQ(h[0]["date"], "2025-03-12");
  EXPECT_EQ(h[0]["article"], "2");
  // The header is not a passage; its number is the report's, searchable.
  EXPECT_EQ(search(db, {"\"độc lập tự do hạnh phúc\""}).status, 1);
  EXPECT_FALSE(hits(db, {"99-NQ/TW"}).empty());

  // dieu: filters by article; passages outside articles have article null.
  h = hits(db, {"dieu:3", "hiệu lực"});
  ASSERT_FALSE(h.empty());
  for (const auto& hit : h) EXPECT_EQ(hit["article"], "3");
  h = hits(db, {"căn cứ"});
  ASSERT_FALSE(h.empty());
  EXPECT_TRUE(h[0]["article"].is_null());
  RunResult r = search(db, {"dieu:2", "tra cứu"});
  EXPECT_NE(r.out.find("Điều 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("99-NQ/TW"), std::string::npos) << r.out;

  // ref: finds the passages citing a document, however the reference is typed.
  for (const char* q : {"ref:NQ-57", "ref:57-NQ/TW", "ref:nq-57"}) {
    h = hits(db, {q});
    ASSERT_EQ(h.size(), 1u) << q;
    EXPECT_NE(h[0]["text"].get<std::string>().find("57-NQ/TW"), std::string::npos);
  }
  EXPECT_EQ(hits(db, {"ref:CT-5"}).size(), 1u);
  // A short key finds the fuller number of the same document.
  for (const char* q : {"ref:ND-15", "ref:ND-15/2020/CP", "ref:15/2020/NĐ-CP"}) {
    EXPECT_EQ(hits(db, {q}).size(), 1u) << q;
  }
  r = search(db, {"ref:"});
  EXPECT_EQ(r.status, 2);
  r = search(db, {"ref:hello"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("ref:"), std::string::npos) << r.err;
  r = search(db, {"dieu:abc"});
  EXPECT_EQ(r.status, 2);

  r = search(db, {"--facet", "ref", "--json", "căn cứ"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::set<std::string> refs;
  for (const auto& line : json_lines(r.out)) {
    if (line["value"].is_string()) refs.insert(line["value"].get<std::string>());
  }
  EXPECT_TRUE(refs.contains("NQ-57")) << r.out;
  EXPECT_TRUE(refs.contains("KL-150")) << r.out;

  r = search(db, {"--top-refs"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("NQ-57"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CT-5"), std::string::npos) << r.out;
}

TEST(Metadata, DateFromTheTextWhenTheDataHasNone) {
  TempDir d;
  d.write("in/a.txt", "Hội nghị Thành ủy\nSáng 16/6, Ban Thường vụ họp bàn kế hoạch năm 2025.\n");
  d.write("in/b.txt", "# date = 20240101\nTin cũ\nNgày 2/9/2025 tổ chức lễ kỷ niệm.\n");
  ASSERT_EQ(index({"--db", d / "db", d / "in"}).status, 0);
  auto h = hits(d / "db", {"Ban Thường vụ"});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0]["date"], "2025-06-16");
  h = hits(d / "db", {"lễ kỷ niệm"});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0]["date"], "2024-01-01");  // the data's own date wins
}

// A report's fields are stored once, on its first passage (schema.h), and every passage's
// hit shows them, also after the report changed.
TEST(Metadata, AReportsFieldsAreStoredOnceAndEveryPassageShowsThem) {
  TempDir d;
  const std::string db = d / "db";
  auto feed = [&](const std::string& title, const std::string& date, const std::string& url) {
    d.write("in/feed.jsonl", "{\"id\": \"r1\", \"title\": \"" + title + "\", \"date\": \"" + date +
                                 "\", \"url\": \"" + url +
                                 "\", \"source\": \"Báo Y\", \"body\": "
                                 "\"Đoạn đầu về hội nghị.\\nĐoạn giữa về đê điều.\\nĐoạn cuối về "
                                 "thủy lợi nội đồng.\"}\n"
                                 "{\"id\": \"r2\", \"title\": \"Tin khác\", \"body\": \"Một đoạn "
                                 "về thủy lợi.\\nĐoạn hai.\"}\n");
  };
  feed("Tiêu đề cũ", "2025-01-02", "https://y.vn/cu");
  ASSERT_EQ(index({"--db", db, d / "in"}).status, 0);
  auto h = hits(db, {"thủy lợi nội đồng"});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0]["id"], "r1");
  EXPECT_EQ(h[0]["passage"], 2);
  EXPECT_EQ(h[0]["title"], "Tiêu đề cũ");
  EXPECT_EQ(h[0]["date"], "2025-01-02");
  EXPECT_EQ(h[0]["url"], "https://y.vn/cu");
  EXPECT_EQ(h[0]["source"], "Báo Y");
  {
    // Only the first passage of a report holds its fields.
    const Xapian::Database x(db);
    std::vector<nlohmann::json> data;
    for (auto it = x.postlist_begin("Qr1"); it != x.postlist_end("Qr1"); ++it) {
      data.push_back(nlohmann::json::parse(x.get_document(*it).get_data()));
    }
    ASSERT_EQ(data.size(), 3u);
    EXPECT_EQ(data[0]["title"], "Tiêu đề cũ");
    for (std::size_t i = 1; i < data.size(); ++i) {
      EXPECT_EQ(data[i]["passage"], i);
      EXPECT_FALSE(data[i].contains("title") || data[i].contains("url") ||
                   data[i].contains("source"))
          << data[i].dump();
    }
  }

  feed("Tiêu đề mới", "2025-03-04", "https://y.vn/moi");
  ASSERT_EQ(index({"--db", db, d / "in"}).status, 0);
  h = hits(db, {"đê điều"});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0]["passage"], 1);
  EXPECT_EQ(h[0]["title"], "Tiêu đề mới");
  EXPECT_EQ(h[0]["date"], "2025-03-04");
  EXPECT_EQ(h[0]["url"], "https://y.vn/moi");
  // Hits of two reports in one answer each show their own report's fields.
  h = hits(db, {"thủy lợi"});
  ASSERT_EQ(h.size(), 2u);
  for (const auto& hit : h) EXPECT_EQ(hit["title"], hit["id"] == "r1" ? "Tiêu đề mới" : "Tin khác");
}
// The same report id in two databases searched as one is two reports, each with its own
// fields (read from its first passage in its own database).
TEST(Metadata, AReportIdInTwoDatabasesIsTwoReportsWithTheirOwnFields) {
  TempDir d;
  std::string a;
  for (int i = 0; i < 30; ++i)
    a += "{\"id\": \"x" + std::to_string(i) + "\", \"title\": \"Khác\", \"body\": \"Tin khác.\"}\n";
  const std::string r1 = "\"body\": \"Đoạn đầu.\\nĐoạn hai về đê điều.\"}\n";
  d.write("in/feed.jsonl", a + "{\"id\": \"r1\", \"title\": \"Tiêu đề A\", " + r1);
  ASSERT_EQ(index({"--db", d / "dba", d / "in"}).status, 0);
  // The second database is a copy (databases searched as one share a segmentation
  // model), then holds r1 alone, retitled, at later document ids.
  std::filesystem::copy(d / "dba", d / "dbb", std::filesystem::copy_options::recursive);
  d.write("in/feed.jsonl", "{\"id\": \"r1\", \"title\": \"Tiêu đề B\", " + r1);
  ASSERT_EQ(index({"--db", d / "dbb", "--prune", d / "in"}).status, 0);
  const RunResult r =
      run({kSearch, "--db", d / "dba", "--db", d / "dbb", "--json", "đê điều"}, kNoDbEnv);
  ASSERT_EQ(r.status, 0) << r.err;
  std::multiset<std::string> titles;
  for (const auto& h : json_lines(r.out)) {
    EXPECT_EQ(h["passage"], 1);
    titles.insert(h["title"].get<std::string>());
  }
  EXPECT_EQ(titles, (std::multiset<std::string>{"Tiêu đề A", "Tiêu đề B"}));
}

TEST(Encodings, LegacyFilesAreDetectedAndConverted) {
  TempDir d;
  const std::string text =
      "Báo cáo của Thành ủy\nTổng Bí thư yêu cầu không né tránh khuyết điểm, khắc phục "
      "hạn chế và nâng cao chất lượng công tác cán bộ.\n";
  d.write("in/tcvn3.txt", encode_as(text, Encoding::kTcvn3));
  d.write("in/vni.txt", encode_as(text, Encoding::kVni));
  d.write("in/cp1258.txt", encode_as(text, Encoding::kWindows1258));
  d.write("in/viqr.txt", encode_as(text, Encoding::kViqr));
  d.write("in/english.txt", "Plain English report\nWhat? It's 3.5 percent, e.g. growth.\n");
  const RunResult r = index({"--db", d / "db", d / "in"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("as tcvn3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("as vni"), std::string::npos) << r.err;
  const auto h = hits(d / "db", {"\"không né tránh khuyết điểm\""});
  std::set<std::string> ids;
  for (const auto& hit : h) {
    ids.insert(hit["id"].get<std::string>());
    EXPECT_NE(hit["text"].get<std::string>().find("không né tránh khuyết điểm"), std::string::npos);
  }
  EXPECT_EQ(ids, (std::set<std::string>{"tcvn3.txt", "vni.txt", "cp1258.txt", "viqr.txt"}));
  EXPECT_EQ(hits(d / "db", {"percent"}).size(), 1u);

  // --encoding forces one; a wrong name is a usage error.
  TempDir e;
  e.write("x.txt", encode_as(text, Encoding::kVni));
  EXPECT_EQ(index({"--db", e / "db", "--encoding", "vni", e / "x.txt"}).status, 0);
  EXPECT_EQ(hits(e / "db", {"khuyết điểm"}).size(), 1u);
  EXPECT_EQ(index({"--db", e / "db", "--encoding", "koi8", e / "x.txt"}).status, 2);
}

// A folder of two text files (one and two passages) and a JSON lines file of two reports,
// indexed once; each test runs the indexer on it again.
class Incremental : public ::testing::Test {
 protected:
  void SetUp() override {
    d.write("in/a.txt", "Báo cáo A\nĐoạn một của A.\n");
    d.write("in/b.txt", "Báo cáo B\nĐoạn một của B.\nĐoạn hai của B.\n");
    d.write("in/feed.jsonl", std::string(kJ1) + kJ2);
    const RunResult r = index({"--db", db, in});
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_NE(r.err.find("(4 new or changed, 0 unchanged)"), std::string::npos) << r.err;
  }

  // tracuu-index --db DB OPTIONS... in
  RunResult again(std::vector<std::string> options = {}) const {
    options.insert(options.begin(), {"--db", db});
    options.push_back(in);
    return index(options);
  }

  static constexpr const char* kJ1 = "{\"id\": \"j1\", \"title\": \"J1\", \"body\": \"jmot\"}\n";
  static constexpr const char* kJ2 = "{\"id\": \"j2\", \"title\": \"J2\", \"body\": \"jhai\"}\n";
  TempDir d;
  const std::string db = d / "db";
  const std::string in = d / "in";
};

TEST_F(Incremental, OnlyWhatChangedIsWritten) {
  const auto revision = Xapian::Database(db).get_revision();
  RunResult r = again();  // the same again: nothing written
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("(0 new or changed, 4 unchanged)"), std::string::npos) << r.err;
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 5u);
  EXPECT_EQ(Xapian::Database(db).get_revision(), revision);  // not even a new revision

  d.write("in/a.txt", "Báo cáo A\nĐoạn mới của A, thay thế.\nĐoạn thêm.\n");
  r = again();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("(1 new or changed, 3 unchanged)"), std::string::npos) << r.err;
  EXPECT_EQ(listed(db),
            (std::map<std::string, std::size_t>{{"a.txt", 2}, {"b.txt", 2}, {"j1", 1}, {"j2", 1}}));
  EXPECT_EQ(search(db, {"\"đoạn một của A\""}).status, 1);
  EXPECT_EQ(search(db, {"\"đoạn mới của A\""}).status, 0);
  EXPECT_GT(Xapian::Database(db).get_revision(), revision);
}

// Without --prune, a gone file's reports stay; with it, they go, and so does a report its
// JSON lines file no longer holds.
TEST_F(Incremental, PruneRemovesWhatIsGone) {
  std::filesystem::remove(d / "in/b.txt");
  d.write("in/feed.jsonl", kJ1);
  RunResult r = again();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(listed(db).size(), 4u);
  r = again({"--prune"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("2 removed"), std::string::npos) << r.err;
  EXPECT_EQ(listed(db), (std::map<std::string, std::size_t>{{"a.txt", 1}, {"j1", 1}}));
}

// A path typed with a trailing slash names the same folder; a missing root prunes nothing
// (an unmounted share must not empty the index).
TEST_F(Incremental, PruneTakesATrailingSlashAndSparesAMissingRoot) {
  std::filesystem::remove(d / "in/b.txt");
  RunResult r = index({"--db", db, "--prune", in + "/"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("1 removed"), std::string::npos) << r.err;
  EXPECT_EQ(listed(db), (std::map<std::string, std::size_t>{{"a.txt", 1}, {"j1", 1}, {"j2", 1}}));

  std::filesystem::rename(in, d / "unmounted");
  r = again({"--prune"});
  EXPECT_NE(r.err.find("not pruned"), std::string::npos) << r.err;
  EXPECT_EQ(listed(db), (std::map<std::string, std::size_t>{{"a.txt", 1}, {"j1", 1}, {"j2", 1}}));
}

// A file with a bad line keeps the reports it had, even with --prune: nothing is lost to
// bad input.
TEST_F(Incremental, AFileWithABadLineKeepsItsReports) {
  d.write("in/feed.jsonl", std::string(kJ1) + "{\"id\": \"j2\" broken\n");
  const RunResult r = again({"--prune"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(listed(db),
            (std::map<std::string, std::size_t>{{"a.txt", 1}, {"b.txt", 2}, {"j1", 1}, {"j2", 1}}));
}

TEST_F(Incremental, DeleteRemovesReportsAndInfoCountsWhatIsLeft) {
  RunResult r = index({"--db", db, "--delete", "j1", "nope"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  EXPECT_EQ(listed(db),
            (std::map<std::string, std::size_t>{{"a.txt", 1}, {"b.txt", 2}, {"j2", 1}}));
  r = index({"--db", db, "--info"});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* key : {"schema", "reports       3", "passages      4", "segmentation", "size"}) {
    EXPECT_NE(r.out.find(key), std::string::npos) << key << "\n" << r.out;
  }
  EXPECT_EQ(index({"--db", d / "none", "--info"}).status, 2);
}

// A feed big enough to take some seconds: reports of two passages each.
std::string big_feed(int reports, const std::string& word) {
  std::string feed;
  for (int i = 0; i < reports; ++i) {
    feed += "{\"id\": \"big-" + std::to_string(i) + "\", \"title\": \"Báo cáo số " +
            std::to_string(i) + "\", \"body\": \"Hội nghị bàn về chuyển đổi số ở Hà Nội, mã " +
            word + ".\\nĐoạn hai của báo cáo " + std::to_string(i) + ".\"}\n";
  }
  return feed;
}

pid_t start_indexer(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(kIndex.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

TEST(Safety, AKilledRunLeavesWholeReportsAndTheNextRunCompletesIt) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const std::string big = d.write("big.jsonl", big_feed(15000, "xkillx"));
  const pid_t pid = start_indexer({"--db", db, "--batch", "500", big});
  ASSERT_GT(pid, 0);
  // Kill it once it has committed a few batches.
  for (int i = 0; i < 600; ++i) {
    usleep(50 * 1000);
    try {
      if (Xapian::Database(db).get_doccount() > 1500) break;
    } catch (const Xapian::DatabaseError&) {
      // Opened while the indexer committed (DatabaseModifiedError and kin): look again.
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the indexer finished before it could be killed";

  // Searchable, and every report in it whole.
  EXPECT_EQ(search(db, {"Hà Nội"}).status, 0);
  const auto after_kill = listed(db);
  std::size_t big_reports = 0;
  for (const auto& [id, passages] : after_kill) {
    if (id.starts_with("big-")) {
      ++big_reports;
      EXPECT_EQ(passages, 2u) << id;
    }
  }
  EXPECT_GT(big_reports, 0u);
  EXPECT_LT(big_reports, 15000u);

  // The next run completes the work, skipping what was committed.
  const RunResult r = index({"--db", db, big});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(std::to_string(big_reports) + " unchanged"), std::string::npos) << r.err;
  TempDir fresh;
  ASSERT_EQ(index({"--db", fresh / "db", kCorpus}).status, 0);
  ASSERT_EQ(index({"--db", fresh / "db", big}).status, 0);
  EXPECT_EQ(listed(db), listed(fresh / "db"));
  EXPECT_EQ(search(db, {"--json", "-n", "20", "xkillx báo cáo 14999"}).out,
            search(fresh / "db", {"--json", "-n", "20", "xkillx báo cáo 14999"}).out);
}

TEST(Safety, SearchingWhileIndexingWorksAndASecondIndexerFailsAtOnce) {
  TempDir d;
  const std::string db = d / "db";
  ASSERT_EQ(index({"--db", db, kCorpus}).status, 0);
  const std::string big = d.write("big.jsonl", big_feed(10000, "xlivex"));
  const pid_t pid = start_indexer({"--db", db, "--batch", "1000", big});
  ASSERT_GT(pid, 0);
  usleep(300 * 1000);
  // A second indexer: refused at once, with a message.
  const auto t0 = std::chrono::steady_clock::now();
  const RunResult second = index({"--db", db, kCorpus});
  EXPECT_EQ(second.status, 2);
  EXPECT_NE(second.err.find("locked"), std::string::npos) << second.err;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  // Searches during the run: every one answers (0 or 1), none fails.
  int searches = 0;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    const RunResult r = search(db, {"--json", "-n", "3", "chuyển đổi số"});
    EXPECT_EQ(r.status, 0) << r.err;
    ++searches;
  }
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_GT(searches, 3);
  std::size_t big_reports = 0;
  for (const auto& [id, passages] : listed(db)) big_reports += id.starts_with("big-");
  EXPECT_EQ(big_reports, 10000u);
}

}  // namespace
}  // namespace tracuu::testing
