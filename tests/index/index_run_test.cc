// A whole indexing run and model training as tracuu-index asks for them (index_run.h
// run_index, segmentation.h train_model_file): the flows the program only prints.
#include "index/index_run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "error.h"
#include "index/database.h"
#include "index/inspect.h"
#include "index/segmentation.h"
#include "support/temp_dir.h"

namespace tracuu {
namespace {

using testing::TempDir;

// Collects what a run says.
struct Recorder : IndexObserver {
  std::vector<std::string> skips, notes;
  void skipped(const std::string& where, const std::string& why) override {
    skips.push_back(where + ": " + why);
  }
  void note(const std::string& what) override { notes.push_back(what); }
  void progress(const IndexStats&) override {}
};

TEST(RunIndex, NothingToIndexLeavesTheDatabaseUntouched) {
  TempDir dir;
  IndexRequest request;
  request.db = dir / "db";
  request.paths = {dir / "no-such-file.txt", dir / "nor-this"};
  Recorder observer;
  const IndexOutcome outcome = run_index(request, observer);
  EXPECT_EQ(outcome.status, IndexOutcome::Status::kNothingToIndex);
  EXPECT_EQ(outcome.db, dir / "db");
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
}

TEST(RunIndex, ANewDatabaseLearnsItsModelThenARunAgainChangesNothing) {
  TempDir dir;
  const std::string input =
      dir.write("in/a.txt", "Báo cáo\n\nKhông né tránh khuyết điểm.\n\nHạn chế còn nhiều.\n");
  IndexRequest request;
  request.db = dir / "db";
  request.paths = {dir / "in"};
  Recorder first;
  const IndexOutcome made = run_index(request, first);
  EXPECT_EQ(made.status, IndexOutcome::Status::kIndexed);
  EXPECT_EQ(made.stats.reports, 1u);
  EXPECT_EQ(made.stats.unchanged, 0u);
  ASSERT_EQ(first.notes.size(), 1u);
  EXPECT_EQ(first.notes[0].rfind("segmentation model for " + (dir / "db") + ": ", 0), 0u)
      << first.notes[0];
  EXPECT_EQ(database_info(dir / "db").reports, 1u);

  Recorder second;
  const IndexOutcome again = run_index(request, second);
  EXPECT_EQ(again.status, IndexOutcome::Status::kIndexed);
  EXPECT_EQ(again.stats.unchanged, 1u);
  EXPECT_TRUE(second.notes.empty());  // the model is kept

  request.lexicons = {input};
  Recorder third;
  EXPECT_THROW(run_index(request, third), Error);  // word lists apply to a new model only
}

TEST(RunIndex, ARelearnWithSkippedInputKeepsTheOldDatabase) {
  TempDir dir;
  dir.write("in/a.txt", "Báo cáo\n\nKhông né tránh khuyết điểm.\n");
  IndexRequest request;
  request.db = dir / "db";
  request.paths = {dir / "in"};
  Recorder observer;
  ASSERT_EQ(run_index(request, observer).status, IndexOutcome::Status::kIndexed);
  dir.write("in/b.jsonl", "{not json\n");
  request.relearn = true;
  Recorder relearn;
  const IndexOutcome outcome = run_index(request, relearn);
  EXPECT_EQ(outcome.status, IndexOutcome::Status::kRelearnKept);
  EXPECT_EQ(outcome.stats.skipped, 1u);
  EXPECT_EQ(relearn.skips.size(), 1u);
  EXPECT_EQ(database_info(dir / "db").reports, 1u);
  EXPECT_FALSE(std::filesystem::exists(relearn_build_path(dir / "db")));
}

TEST(TrainModelFile, TrainsOnGoldFilesAndWritesTheModel) {
  TempDir dir;
  TrainRequest request;
  request.gold = {std::string(TRACUU_TEST_DATA) + "/gold-small.txt"};
  request.out = dir / "t.model";
  const TrainOutcome outcome = train_model_file(request);
  EXPECT_EQ(outcome.sentences, 5u);
  EXPECT_GT(outcome.features, 0u);
  EXPECT_EQ(outcome.bytes, std::filesystem::file_size(request.out));
  EXPECT_FALSE(std::filesystem::exists(request.out + ".tmp"));
  EXPECT_NO_THROW(load_model(request.out));

  request.gold = {dir.write("empty.txt", "")};
  EXPECT_THROW(train_model_file(request), Error);
}

}  // namespace
}  // namespace tracuu
