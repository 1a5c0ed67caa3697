// The manual of a program, from one source: the CLI11 App that parses its options (each
// option's names and description), with the prose around them. --help, the man page
// (tracuu-index(1), tracuu-search(1)) and the bash completion are all made from it, so
// they cannot drift apart; the build writes the last two with `PROGRAM --generate`.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace tracuu::cli {

struct Item {
  std::string term;  // an exit status, a variable, a file, an example's command
  std::string text;  // what it means or does
};

struct Manual {
  std::string name;                   // "tracuu-search"
  std::string purpose;                // the NAME line: what the program does, in a few words
  std::vector<std::string> synopsis;  // the forms of the command line, each without the name
  std::string description;            // paragraphs, separated by blank lines
  std::vector<Item> exit_status, environment, files;
  // Each command runs as written in a folder holding the sample corpus as corpus/, in this
  // order, the examples of tracuu-index(1) first (tests/install checks that they do).
  std::vector<Item> examples;
  std::vector<std::string> see_also;  // "tracuu-index(1)"
};

// What --help says after the options: exit status, environment and files, as the man page.
std::string help_footer(const Manual& manual);

// The man page (man(7) macros) of the program `app` parses: NAME, SYNOPSIS, DESCRIPTION,
// OPTIONS (every option `app` takes but the hidden ones, as --help lists them), EXIT
// STATUS, ENVIRONMENT, FILES, EXAMPLES, SEE ALSO.
std::string man_page(const CLI::App& app, const Manual& manual, const std::string& version);

// A bash completion script for the program: its options, and for an option's value the
// words of `choices` (by the option's long name, "--sort"), a file's name for those in
// `files`, a folder's for those in `folders`, else nothing (a number); a file's name for
// the other arguments.
std::string bash_completion(const CLI::App& app,
                            const std::map<std::string, std::vector<std::string>>& choices,
                            const std::vector<std::string>& files,
                            const std::vector<std::string>& folders);

// Adds the hidden option `--generate man|complete-bash` to `app`; its value is kept in
// `what`. The program then prints generate(...) and exits 0.
void add_generate_option(CLI::App& app, std::string& what);

}  // namespace tracuu::cli
