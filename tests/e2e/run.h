// Running the real binaries from tests: arguments, environment, working folder, and the
// captured stdout, stderr and exit status.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace tracuu::testing {

// The programs under test, the sample corpus and resources/ (compile definitions,
// tests/CMakeLists.txt).
inline const std::string kIndex = TRACUU_INDEX_BIN;
inline const std::string kSearch = TRACUU_SEARCH_BIN;
inline const std::string kCorpus = TRACUU_CORPUS_DIR;
inline const std::string kTestData = TRACUU_TEST_DATA;
inline const std::string kResources = TRACUU_RESOURCES_DIR;

// Environment without TRACUU_DB, so only the flags under test choose the database.
inline const std::map<std::string, std::string> kNoDbEnv = {{"TRACUU_DB", ""}, {"NO_COLOR", ""}};

struct RunResult {
  int status = -1;  // exit status; 128 + signal when killed
  std::string out;
  std::string err;
};

// Output of --json: one JSON value per line.
inline std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::size_t at = 0;
  while (at < out.size()) {
    const auto nl = out.find('\n', at);
    lines.push_back(nlohmann::json::parse(out.substr(at, nl - at)));
    at = nl == std::string::npos ? out.size() : nl + 1;
  }
  return lines;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs argv[0] with argv; `env` entries are set (an empty value unsets the variable).
inline RunResult run(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& env = {},
                     const std::string& cwd = "", const std::string& input = "") {
  TempDir io;
  const std::string out_path = io / "out", err_path = io / "err", in_path = io.write("in", input);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& [k, v] : env) {
      if (v.empty())
        unsetenv(k.c_str());
      else
        setenv(k.c_str(), v.c_str(), 1);
    }
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  RunResult r;
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  return r;
}

}  // namespace tracuu::testing
