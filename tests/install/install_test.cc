// The installed layout (issue 21): `cmake --install` into a temporary prefix, then the
// installed programs run from another folder, find their data files beside them (or in
// $TRACUU_RESOURCES), and come with man pages that list what --help lists, examples that
// run as written, and bash completion.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "e2e/run.h"
#include "support/temp_dir.h"

namespace tracuu::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCmake = TRACUU_CMAKE_COMMAND;
const std::string kBuildDir = TRACUU_BUILD_DIR;
const std::string kSourceDir = TRACUU_SOURCE_DIR;

// One installed prefix for the tests of this file (each test is its own process under
// ctest, so each installs once; the install takes about a second).
class Installed : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    prefix_ = new TempDir();
    const RunResult r = run({kCmake, "--install", kBuildDir, "--prefix", prefix_->path().string()});
    ASSERT_EQ(r.status, 0) << r.out << r.err;
  }
  static void TearDownTestSuite() {
    delete prefix_;
    prefix_ = nullptr;
  }
  static std::string installed(const std::string& relative) { return *prefix_ / relative; }
  // The installed program `name`, run in `cwd` with `env` (TRACUU_DB and NO_COLOR unset,
  // TRACUU_RESOURCES too unless given).
  static RunResult program(const std::string& name, std::vector<std::string> args,
                           const std::string& cwd, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), installed("bin/" + name));
    env.emplace("TRACUU_DB", "");
    env.emplace("NO_COLOR", "");
    env.emplace("TRACUU_RESOURCES", "");
    return run(args, env, cwd);
  }
  static TempDir* prefix_;
};
TempDir* Installed::prefix_ = nullptr;

TEST_F(Installed, LaysOutProgramsDataManPagesAndCompletion) {
  for (const std::string file :
       {"bin/tracuu-index", "bin/tracuu-search", "include/tracuu/tracuu.h",
        "include/tracuu/error.h", "lib/cmake/tracuu/tracuuConfig.cmake",
        "share/tracuu/segmenter.model",
        "lib/python3/dist-packages/tracuu.cpython-311-x86_64-linux-gnu.so",
        "share/tracuu/abbreviations.tsv", "share/man/man1/tracuu-index.1",
        "share/man/man1/tracuu-search.1", "share/bash-completion/completions/tracuu-index",
        "share/bash-completion/completions/tracuu-search"}) {
    EXPECT_TRUE(fs::is_regular_file(installed(file))) << file;
  }
}

TEST_F(Installed, ProgramsRunFromAnotherFolderWithTheirOwnData) {
  TempDir elsewhere;
  const RunResult indexed =
      program("tracuu-index", {"--db", "news.db", kCorpus}, elsewhere.path().string());
  ASSERT_EQ(indexed.status, 0) << indexed.err;
  const RunResult found = program(
      "tracuu-search", {"--db", "news.db", "--json", "-n", "1", "không né tránh khuyết điểm"},
      elsewhere.path().string());
  ASSERT_EQ(found.status, 0) << found.err;
  EXPECT_EQ(json_lines(found.out).at(0)["id"], "000_bc9a313a279a5665.txt") << found.out;
  const RunResult segmented =
      run({installed("bin/tracuu-index"), "--segment"}, {{"TRACUU_RESOURCES", ""}}, "/",
          "Tổng Bí thư Tô Lâm làm việc với Thành ủy Hà Nội.\n");
  EXPECT_EQ(segmented.status, 0) << segmented.err;
  EXPECT_EQ(segmented.out, "Tổng_Bí_thư Tô_Lâm làm_việc với Thành_ủy Hà_Nội.\n");
}

// The installed abbreviations are the ones read (not the source tree's): a pair added to
// them is searched.
TEST_F(Installed, ReadsTheInstalledDataFiles) {
  TempDir elsewhere;
  ASSERT_EQ(program("tracuu-index", {"--db", "db", kCorpus}, elsewhere.path().string()).status, 0);
  const auto search_xqz = [&](std::map<std::string, std::string> env = {}) {
    return program("tracuu-search", {"--db", "db", "--count", "XQZW"}, elsewhere.path().string(),
                   std::move(env));
  };
  EXPECT_EQ(search_xqz().out, "0 passages in 0 reports\n");
  std::ofstream(installed("share/tracuu/abbreviations.tsv"), std::ios::app)
      << "XQZW\tkhuyết điểm\n";
  const RunResult r = search_xqz();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out, "0 passages in 0 reports\n");
  // TRACUU_RESOURCES overrides the installed folder: the source tree's has no such pair.
  EXPECT_EQ(search_xqz({{"TRACUU_RESOURCES", fs::path(kCorpus).parent_path() / "resources"}}).out,
            "0 passages in 0 reports\n");
}

TEST_F(Installed, AWrongTracuuResourcesIsNamed) {
  TempDir work;
  const std::string cwd = work.path().string(), nowhere = work / "nowhere";
  ASSERT_EQ(program("tracuu-index", {"--db", "db", kCorpus}, cwd).status, 0);
  for (const auto& args : {std::vector<std::string>{"tracuu-search", "--db", "db", "thủy lợi"},
                           std::vector<std::string>{"tracuu-index", "--db", "new.db", kCorpus}}) {
    const RunResult r =
        program(args[0], {args.begin() + 1, args.end()}, cwd, {{"TRACUU_RESOURCES", nowhere}});
    EXPECT_EQ(r.status, 2) << args[0];
    EXPECT_NE(r.err.find("TRACUU_RESOURCES=" + nowhere + ": no "), std::string::npos) << r.err;
  }
}

// What --help lists is what the man page lists under OPTIONS (both from one definition).
TEST_F(Installed, ManPagesListWhatHelpLists) {
  for (const std::string name : {"tracuu-index", "tracuu-search"}) {
    const RunResult help = program(name, {"--help"}, "/");
    ASSERT_EQ(help.status, 0);
    // Under "Positionals:" and "Options:", up to a blank line, each line that begins with
    // an argument's or an option's names.
    std::set<std::string> in_help;
    std::istringstream help_lines(help.out);
    bool listing = false;
    for (std::string line; std::getline(help_lines, line);) {
      if (line == "Positionals:" || line == "Options:") listing = true;
      if (line.empty()) listing = false;
      std::smatch names;
      if (listing && std::regex_search(line, names, std::regex(R"(^ +(-[-a-zA-Z,]+|[A-Z]+)\b)"))) {
        in_help.insert(names[1]);
      }
    }
    const std::string page = slurp(installed("share/man/man1/" + name + ".1"));
    const std::string options_section = page.substr(
        page.find(".SH OPTIONS"), page.find(".SH EXIT STATUS") - page.find(".SH OPTIONS"));
    std::set<std::string> in_page;
    std::istringstream lines(options_section);
    for (std::string line, previous; std::getline(lines, line); previous = line) {
      if (previous != ".TP") continue;
      std::string names = std::regex_replace(line, std::regex(R"(\\f[BRI]|\\)"), "");
      names = names.substr(0, names.find(' ', names.find_last_of(',') == std::string::npos
                                                  ? 0
                                                  : names.find_last_of(',') + 2));
      in_page.insert(std::regex_replace(names, std::regex(" "), ""));
    }
    EXPECT_EQ(in_help, in_page) << name;
    EXPECT_GE(in_page.size(), 10u) << name;
    // And what --help says of their values: ranges, choices, options needed or excluded.
    const std::string plain_page = std::regex_replace(options_section, std::regex(R"(\\-)"), "-");
    std::size_t rules = 0;
    const std::regex rule(R"(in \[[^\]]*\]|\{[^}]*\}|(Needs|Excludes): --[a-z-]+)");
    // (Only the options' lines: from "Options:" to the blank line after them.)
    const std::size_t from = help.out.find("Options:");
    const std::string listed = help.out.substr(from, help.out.find("\n\n", from) - from);
    for (auto it = std::sregex_iterator(listed.begin(), listed.end(), rule);
         it != std::sregex_iterator(); ++it, ++rules) {
      EXPECT_NE(plain_page.find(it->str()), std::string::npos) << name << ": " << it->str();
    }
    EXPECT_GE(rules, 2u) << name;
    for (const std::string section :
         {".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", ".SH EXAMPLES", "TRACUU_RESOURCES"}) {
      EXPECT_NE(page.find(section), std::string::npos) << name << ": " << section;
    }
    // It renders without a warning (in UTF-8: preconv, as man does).
    const RunResult rendered =
        run({"/bin/sh", "-c",
             "groff -k -man -Tutf8 -ww -z " + installed("share/man/man1/" + name + ".1")});
    EXPECT_EQ(rendered.status, 0);
    EXPECT_EQ(rendered.err, "") << name;
  }
}

// Every command of the EXAMPLES sections runs as written (exit 0, output) in a folder with
// the sample corpus, the programs found on the PATH.
TEST_F(Installed, ManPageExamplesRun) {
  TempDir work;
  fs::create_directory_symlink(kCorpus, work / "corpus");
  std::size_t ran = 0;
  for (const std::string name : {"tracuu-index", "tracuu-search"}) {
    const std::string page = slurp(installed("share/man/man1/" + name + ".1"));
    std::istringstream lines(page.substr(page.find(".SH EXAMPLES")));
    for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with("$ ")) continue;
      // Roff back to the command: \- is -, \e is \, \& is nothing.
      std::string command = std::regex_replace(line.substr(2), std::regex(R"(\\-)"), "-");
      command = std::regex_replace(command, std::regex(R"(\\&)"), "");
      command = std::regex_replace(command, std::regex(R"(\\e)"), "\\");
      const RunResult r =
          run({"/bin/sh", "-c", command},
              {{"PATH", installed("bin") + ":/usr/bin:/bin"}, {"TRACUU_DB", ""}, {"NO_COLOR", ""}},
              work.path().string());
      EXPECT_EQ(r.status, 0) << command << "\n" << r.err;
      EXPECT_FALSE(r.out.empty() && r.err.empty()) << command;
      ++ran;
    }
  }
  EXPECT_GE(ran, 10u);
}

TEST_F(Installed, BashCompletesOptionsAndTheirValues) {
  const auto complete = [&](const std::string& program_name, const std::string& words) {
    const std::string script = fmt::format(
        "source {}; COMP_WORDS=({} {}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _{}; echo "
        "\"${{COMPREPLY[*]}}\"",
        installed("share/bash-completion/completions/" + program_name), program_name, words,
        std::regex_replace(program_name, std::regex("-"), "_"));
    return run({"/bin/bash", "-c", script}).out;
  };
  EXPECT_EQ(complete("tracuu-search", "--so"), "--sort\n");
  EXPECT_EQ(complete("tracuu-search", "--sort d"), "date date-asc\n");
  EXPECT_EQ(complete("tracuu-search", "--facet ''"), "year source ref\n");
  EXPECT_EQ(complete("tracuu-index", "--enc"), "--encoding\n");
  EXPECT_EQ(complete("tracuu-index", "--encoding v"), "vni viqr\n");
  EXPECT_EQ(complete("tracuu-search", "-n ''"), "\n");  // a number: nothing offered
}

// The Python module imported from P/lib/python3/dist-packages, as Debian's python3 finds
// it there, with the library and data files installed beside it.
TEST_F(Installed, PythonModuleRunsFromThePrefix) {
  TempDir work;
  ASSERT_EQ(program("tracuu-index", {"--db", "db", kCorpus}, work.path().string()).status, 0);
  const std::string script =
      "import tracuu\n"
      "print(tracuu.__file__)\n"
      "print(tracuu.segment('Tổng Bí thư Tô Lâm làm việc'))\n"
      "print(tracuu.open('db').search('thủy lợi', limit=1)[0].highlight_chars)\n";
  const RunResult r =
      run({"/usr/bin/python3", "-c", script},
          {{"PYTHONPATH", installed("lib/python3/dist-packages")}, {"TRACUU_RESOURCES", ""}},
          work.path().string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with(installed("lib/python3/dist-packages/tracuu."))) << r.out;
  EXPECT_NE(r.out.find("\n['Tổng Bí thư', 'Tô Lâm', 'làm việc']\n[[12, 16], [17, 20]]\n"),
            std::string::npos)
      << r.out;
}

// examples/ built against the installed package (find_package(tracuu), not the build
// tree), run on a database it indexes.
TEST_F(Installed, ExampleBuildsAgainstTheInstalledPackage) {
  TempDir work;
  const std::string build = work / "build";
  const RunResult configured = run({kCmake, "-S", kSourceDir + "/examples", "-B", build,
                                    "-DCMAKE_PREFIX_PATH=" + prefix_->path().string(),
                                    "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"});
  ASSERT_EQ(configured.status, 0) << configured.out << configured.err;
  // The package found is the installed one.
  EXPECT_NE(
      slurp(build + "/CMakeCache.txt").find("tracuu_DIR:PATH=" + installed("lib/cmake/tracuu")),
      std::string::npos);
  const RunResult built = run({kCmake, "--build", build});
  ASSERT_EQ(built.status, 0) << built.out << built.err;
  const RunResult ran =
      run({build + "/tracuu-example", work / "example.db"}, {{"TRACUU_RESOURCES", ""}}, "/");
  ASSERT_EQ(ran.status, 0) << ran.err;
  EXPECT_EQ(ran.out,
            "1. Tưới tiêu (r2, passage 0, no date)\n"
            "   Công trình [thuỷ] [lợi] nội đồng được duy tu.\n"
            "2. Đê điều mùa lũ (r1, passage 0, 2024-09-09)\n"
            "   Hệ thống [thủy] [lợi] được gia cố trước mùa lũ.\n"
            "2 passages in 2 reports\n");
  // The library exports the API, not the code behind it.
  const RunResult symbols =
      run({"/bin/sh", "-c",
           "nm -DC --defined-only " + installed("lib/libtracuu.so") + " | grep ' tracuu::'"});
  EXPECT_NE(symbols.out.find("tracuu::Database::search("), std::string::npos);
  EXPECT_EQ(symbols.out.find("tracuu::Searcher"), std::string::npos);
  EXPECT_EQ(symbols.out.find("tracuu::parse_query"), std::string::npos);
}

}  // namespace
}  // namespace tracuu::testing

namespace tracuu::testing {
namespace {

// The .deb (cpack -G DEB, from the build): Debian's library packages as dependencies, the
// installed layout under /usr, and programs that run where its files are unpacked.
TEST(Package, DebDependsOnDebianLibrariesAndHoldsTheInstalledLayout) {
  TempDir out;
  const RunResult packed = run({TRACUU_CPACK_COMMAND, "-G", "DEB", "-B", out.path().string(),
                                "--config", kBuildDir + "/CPackConfig.cmake"},
                               {}, kBuildDir);
  ASSERT_EQ(packed.status, 0) << packed.out << packed.err;
  std::string deb;
  for (const auto& entry : fs::directory_iterator(out.path())) {
    if (entry.path().extension() == ".deb") deb = entry.path().string();
  }
  ASSERT_TRUE(fs::path(deb).filename().string().starts_with("tracuu_")) << deb;

  const std::string depends = run({"/usr/bin/dpkg-deb", "-f", deb, "Depends"}).out;
  for (const std::string package :
       {"libxapian30", "libicu72", "libfmt9", "libstdc++6", "libc6", "python3 (>= 3.11)"}) {
    EXPECT_NE(depends.find(package), std::string::npos) << depends;
  }
  const std::string contents = run({"/usr/bin/dpkg-deb", "-c", deb}).out;
  for (const std::string file :
       {"./usr/bin/tracuu-index", "./usr/bin/tracuu-search", "./usr/share/tracuu/segmenter.model",
        "./usr/include/tracuu/tracuu.h", "./usr/lib/libtracuu.so.0.1.0",
        "./usr/lib/python3/dist-packages/tracuu.cpython-311-x86_64-linux-gnu.so",
        "./usr/share/tracuu/abbreviations.tsv", "./usr/share/man/man1/tracuu-search.1",
        "./usr/share/man/man1/tracuu-index.1",
        "./usr/share/bash-completion/completions/tracuu-search"}) {
    EXPECT_NE(contents.find(" " + file + "\n"), std::string::npos) << file;
  }

  TempDir unpacked, work;
  ASSERT_EQ(run({"/usr/bin/dpkg-deb", "-x", deb, unpacked.path().string()}).status, 0);
  const std::map<std::string, std::string> env = {{"TRACUU_DB", ""}, {"TRACUU_RESOURCES", ""}};
  ASSERT_EQ(
      run({unpacked / "usr/bin/tracuu-index", "--db", "db", kCorpus}, env, work.path().string())
          .status,
      0);
  const RunResult found = run({unpacked / "usr/bin/tracuu-search", "--db", "db", "--count", "UBND"},
                              env, work.path().string());
  EXPECT_EQ(found.status, 0) << found.err;
}

}  // namespace
}  // namespace tracuu::testing
