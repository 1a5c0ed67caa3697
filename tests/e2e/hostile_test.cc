// End-to-end tests of what hostile input, file names, database folders and arguments must
// not do (issue 18): run a program, control the terminal, end a whole run, or exhaust
// memory or time. The real binaries on temporary databases.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "e2e/run.h"
#include "support/temp_dir.h"

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

}  // namespace
}  // namespace tracuu::testing
