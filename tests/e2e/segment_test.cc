// End-to-end tests of the segmentation modes of tracuu-index and of the model a database
// keeps: --segment, --train-segmenter, --segmenter-model, --lexicon, --relearn.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>

#include "e2e/run.h"
#include "support/temp_dir.h"

namespace tracuu::testing {
namespace {

const std::string kGold = TRACUU_TEST_DATA "/gold-small.txt";
const std::map<std::string, std::string> kEnv = {{"TRACUU_DB", ""}};

bool has_term(const std::string& db, const std::string& term) {
  return Xapian::Database(db).term_exists(term);
}

TEST(Segment, WritesEachLineBackWithWordsJoined) {
  const RunResult r = run({kIndex, "--segment"}, kEnv, "",
                          "Tổng Bí thư Tô Lâm làm việc với Thành ủy Hà Nội.\n"
                          "Ngày 16/6/2025, Nghị quyết 60-NQ/TW.\n"
                          "\n"
                          "xyzzy qwerty plugh\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Tô_Lâm"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Hà_Nội."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Ngày 16/6/2025, Nghị_quyết 60-NQ/TW.\n\nxyzzy qwerty plugh\n"),
            std::string::npos)
      << r.out;
}

TEST(Segment, BadLinesAreReportedAndWrittenBackUnchanged) {
  const RunResult r =
      run({kIndex, "--segment"}, kEnv, "", std::string("Hà Nội\nx \xC3\x28 y\ncán bộ\n"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "Hà_Nội\nx \xC3\x28 y\ncán_bộ\n");
  EXPECT_NE(r.err.find("stdin:2: byte 2"), std::string::npos) << r.err;
}

TEST(Segment, ArgumentsThatDoNotGoTogether) {
  TempDir d;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{kIndex, "--segment", kCorpus},
        std::vector<std::string>{kIndex, "--segment", "--db", d / "x", "--segmenter-model", "m"},
        std::vector<std::string>{kIndex, "--segment", "--train-segmenter", d / "m"},
        std::vector<std::string>{kIndex, "--unlabeled", kCorpus, kCorpus}}) {
    const RunResult r = run(args, kEnv, "", "");
    EXPECT_EQ(r.status, 2) << args[1];
    EXPECT_NE(r.err.find("--help"), std::string::npos) << r.err;
  }
}

TEST(SegmenterModel, DamagedOrMissingFilesAreErrorsNamingThem) {
  TempDir d;
  const std::string junk =
      d.write("junk.model", "TRCUSEG\x01 but then nothing sensible at all....");
  for (const std::string& model : {junk, d / "missing.model"}) {
    RunResult r = run({kIndex, "--segment", "--segmenter-model", model}, kEnv, "", "Hà Nội\n");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find(model), std::string::npos) << r.err;
    r = run({kIndex, "--db", d / "db", "--segmenter-model", model, kCorpus}, kEnv);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find(model), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(d.path() / "db" / "iamglass"));
  }
}

TEST(SegmenterModel, TrainedFromGoldThenUsedForSegmentAndForADatabase) {
  TempDir d;
  const std::string model = d / "small.model";
  RunResult r = run({kIndex, "--train-segmenter", model, kGold}, kEnv);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("5 gold sentences"), std::string::npos) << r.err;
  r = run({kIndex, "--segment", "--segmenter-model", model}, kEnv, "",
          "cán bộ khắc phục khuyết điểm\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "cán_bộ khắc_phục khuyết_điểm\n");

  // A database created with it keeps it: --segment --db gives the same.
  r = run({kIndex, "--db", d / "db", "--segmenter-model", model, kCorpus}, kEnv);
  ASSERT_EQ(r.status, 0) << r.err;
  r = run({kIndex, "--segment", "--db", d / "db"}, kEnv, "", "cán bộ khắc phục khuyết điểm\n");
  EXPECT_EQ(r.out, "cán_bộ khắc_phục khuyết_điểm\n");
  EXPECT_TRUE(has_term(d / "db", "khuyet_diem"));
  EXPECT_TRUE(has_term(d / "db", "XEkhuyết_điểm"));
}

TEST(SegmenterModel, TrainedWithAWordListKeepsIt) {
  TempDir d;
  const std::string words = d.write("words.txt",
                                    "hội nghị\nban chấp hành\nchuyển đổi số\ntổng bí thư\nyêu cầu\n"
                                    "né tránh\nkhuyết điểm\ncán bộ\nkhắc phục\ntrách nhiệm\n"
                                    "nhiệm vụ\nkinh tế\ntuần hoàn\n");
  const std::string model = d / "small.model";
  RunResult r = run({kIndex, "--train-segmenter", model, kGold, "--lexicon", words}, kEnv);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("with 13 words from word lists"), std::string::npos) << r.err;
  r = run({kIndex, "--segment", "--segmenter-model", model}, kEnv, "",
          "phát triển kinh tế tuần hoàn\nphat trien kinh te tuan hoan\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "phát triển kinh_tế tuần_hoàn\nphat trien kinh_te tuan_hoan\n");

  // A model trained without a word list uses none, and says so.
  ASSERT_EQ(run({kIndex, "--train-segmenter", d / "plain.model", kGold}, kEnv).status, 0);
  r = run({kIndex, "--segment", "--segmenter-model", d / "plain.model", "--lexicon", words}, kEnv,
          "", "phát triển kinh tế\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("--lexicon unused"), std::string::npos) << r.err;
  r = run({kIndex, "--db", d / "db", "--segmenter-model", d / "plain.model", "--lexicon", words,
           kCorpus},
          kEnv);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("unused: the model was trained without known words"), std::string::npos)
      << r.err;
}

// A database keeps the model it was made with, whatever the shipped model becomes: one
// made before the shipped model had its word list (here: a model without known words)
// segments as it did, and --relearn moves it to the shipped model.
TEST(SegmenterModel, ADatabaseOfAnEarlierModelKeepsItUntilRelearned) {
  TempDir d;
  const std::string model = d / "earlier.model";
  ASSERT_EQ(run({kIndex, "--train-segmenter", model, kGold}, kEnv).status, 0);
  const std::string text = "Tổng Bí thư Tô Lâm yêu cầu khắc phục khuyết điểm\n";
  const RunResult earlier = run({kIndex, "--segment", "--segmenter-model", model}, kEnv, "", text);
  const RunResult shipped = run({kIndex, "--segment"}, kEnv, "", text);
  ASSERT_NE(earlier.out, shipped.out);
  EXPECT_NE(shipped.out.find("Tổng_Bí_thư"), std::string::npos) << shipped.out;

  ASSERT_EQ(run({kIndex, "--db", d / "db", "--segmenter-model", model, kCorpus}, kEnv).status, 0);
  RunResult r = run({kIndex, "--db", d / "db", "--info"}, kEnv);
  EXPECT_NE(r.out.find(" 0 known-word keys"), std::string::npos) << r.out;
  EXPECT_EQ(run({kIndex, "--db", d / "db", kCorpus}, kEnv).status, 0);  // later runs keep it
  EXPECT_EQ(run({kIndex, "--segment", "--db", d / "db"}, kEnv, "", text).out, earlier.out);
  EXPECT_EQ(run({kSearch, "--db", d / "db", "khuyết điểm"}, kEnv).status, 0);

  ASSERT_EQ(run({kIndex, "--db", d / "db", "--relearn", kCorpus}, kEnv).status, 0);
  r = run({kIndex, "--db", d / "db", "--info"}, kEnv);
  EXPECT_EQ(r.out.find(" 0 known-word keys"), std::string::npos) << r.out;
  EXPECT_EQ(run({kIndex, "--segment", "--db", d / "db"}, kEnv, "", text).out, shipped.out);
  EXPECT_TRUE(has_term(d / "db", "tong_bi_thu"));
  EXPECT_EQ(run({kSearch, "--db", d / "db", "khuyết điểm"}, kEnv).status, 0);
}

TEST(SegmenterModel, ADatabaseKeepsItsModelUntilRelearned) {
  TempDir d;
  const std::string words = d.write("words.txt", "kênh mương\n");
  ASSERT_EQ(run({kIndex, "--db", d / "db", kCorpus}, kEnv).status, 0);
  EXPECT_FALSE(has_term(d / "db", "kenh_muong"));
  const auto passages = Xapian::Database(d / "db").get_doccount();

  // Later runs keep the model: a word list now is refused, and nothing changes.
  RunResult r = run({kIndex, "--db", d / "db", "--lexicon", words, kCorpus}, kEnv);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--relearn"), std::string::npos) << r.err;

  // --relearn rebuilds with a fresh model that knows the word.
  r = run({kIndex, "--db", d / "db", "--relearn", "--lexicon", words, kCorpus}, kEnv);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("1 words from word lists"), std::string::npos) << r.err;
  EXPECT_TRUE(has_term(d / "db", "kenh_muong"));
  EXPECT_EQ(Xapian::Database(d / "db").get_doccount(), passages);
  r = run({kIndex, "--segment", "--db", d / "db"}, kEnv, "", "hệ thống kênh mương\n");
  EXPECT_NE(r.out.find("kênh_mương"), std::string::npos) << r.out;

  // Searching still works, through the stored model.
  EXPECT_EQ(run({kSearch, "--db", d / "db", "kênh mương"}, kEnv).status, 0);
}

TEST(SegmenterModel, RelearnFromFewerPathsDropsTheRest) {
  TempDir d;
  ASSERT_EQ(run({kIndex, "--db", d / "db", kCorpus}, kEnv).status, 0);
  const std::string one = kCorpus + "/tracuu-vd-001.txt";
  ASSERT_EQ(run({kIndex, "--db", d / "db", "--relearn", one}, kEnv).status, 0);
  EXPECT_EQ(run({kSearch, "--db", d / "db", "\"Sơn Tây\""}, kEnv).status, 1);
  EXPECT_EQ(run({kSearch, "--db", d / "db", "thuỷ lợi"}, kEnv).status, 0);
  // The new database was built beside the old one and took its place: nothing left over.
  EXPECT_FALSE(std::filesystem::exists(d / "db.relearn"));
  EXPECT_FALSE(std::filesystem::exists(d / "db.relearn-old"));
}

// --relearn builds beside the database: a build killed before leaves a folder that the
// next --relearn clears; a run with skipped input does not replace the database (it would
// lose those reports); a database of another analyzer version can be relearned.
TEST(SegmenterModel, RelearnReplacesTheDatabaseOnlyWhenTheNewOneIsWhole) {
  TempDir d;
  const std::string db = d / "db";
  d.write("in/a.txt", "Báo cáo A\nĐoạn về kênh mương.\n");
  d.write("in/b.txt", "Báo cáo B\nĐoạn về thủy lợi.\n");
  ASSERT_EQ(run({kIndex, "--db", db, d / "in"}, kEnv).status, 0);
  // What a build killed before its first commit leaves: a Xapian database, the model file.
  Xapian::WritableDatabase(d / "db.relearn", Xapian::DB_CREATE).close();
  d.write("db.relearn/tracuu.segmenter", "from a killed build");
  ASSERT_EQ(run({kIndex, "--db", db, "--relearn", d / "in"}, kEnv).status, 0);
  EXPECT_FALSE(std::filesystem::exists(d / "db.relearn"));

  d.write("in/b.txt", std::string("Báo cáo B\nĐoạn \xC3\x28 hỏng.\n"));
  const RunResult r = run({kIndex, "--db", db, "--relearn", d / "in"}, kEnv);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("was not replaced"), std::string::npos) << r.err;
  EXPECT_EQ(run({kSearch, "--db", db, "thủy lợi"}, kEnv).status, 0);  // B is still there
  EXPECT_FALSE(std::filesystem::exists(d / "db.relearn"));

  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    w.set_metadata("tracuu.analyzer", "0");  // an index from an older analyzer
    w.commit();
  }
  EXPECT_EQ(run({kSearch, "--db", db, "kênh mương"}, kEnv).status, 2);
  d.write("in/b.txt", "Báo cáo B\nĐoạn về thủy lợi.\n");
  ASSERT_EQ(run({kIndex, "--db", db, "--relearn", d / "in"}, kEnv).status, 0);
  EXPECT_EQ(run({kSearch, "--db", db, "kênh mương"}, kEnv).status, 0);
}

}  // namespace
}  // namespace tracuu::testing
