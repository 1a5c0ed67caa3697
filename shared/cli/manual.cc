#include "cli/manual.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <sstream>

#include "text/chars.h"

namespace tracuu::cli {
namespace {

// The options --help lists (the hidden ones, of no group, left out), positionals last.
std::vector<const CLI::Option*> listed_options(const CLI::App& app) {
  std::vector<const CLI::Option*> options =
      app.get_options([](const CLI::Option* o) { return !o->get_group().empty(); });
  std::stable_partition(options.begin(), options.end(),
                        [](const CLI::Option* o) { return o->nonpositional(); });
  return options;
}

// Text for roff: backslashes escaped, and a line beginning with '.' or '\'' not taken for
// a request.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

// Paragraphs (separated by blank lines) as roff paragraphs.
std::string roff_paragraphs(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  bool open = false;
  while (std::getline(in, line)) {
    if (line.empty()) {
      open = false;
      continue;
    }
    if (!open) out += ".PP\n";
    open = true;
    out += roff(line) + "\n";
  }
  return out;
}

// The value an option takes, as its label shows it ("N", "FILE"), without the checks
// CLI11 adds after a colon.
bool takes_value(const CLI::Option* o) {
  return o->get_type_size_max() > 0 && o->get_expected_max() > 0;
}

std::string value_label(const CLI::Option* o) {
  if (!takes_value(o)) return "";
  const std::string type = o->get_type_name();
  return type.substr(0, type.find(':'));
}

// What --help shows of an option beside its description: the values its checks allow (the
// type name's parts after the label: "N:UINT in [1 - 100000]", "ORDER:{date,relevance}")
// and the options it needs or excludes: " Values: in [1 - 100000]. Needs: --db."
std::string value_rules(const CLI::Option* o) {
  std::string out;
  if (takes_value(o)) {
    const std::string type = o->get_type_name();
    std::size_t at = type.find(':');
    while (at != std::string::npos) {
      const std::size_t next = type.find(':', at + 1);
      std::string part = type.substr(at + 1, next == std::string::npos ? next : next - at - 1);
      for (const char* kind : {"UINT ", "INT ", "FLOAT "}) {
        if (part.starts_with(kind)) part.erase(0, std::string_view(kind).size());
      }
      if (part.starts_with("in [") || part.starts_with("{"))
        out += fmt::format(" Values: {}.", part);
      at = next;
    }
  }
  for (const auto& [label, options] :
       {std::pair{"Needs", o->get_needs()}, std::pair{"Excludes", o->get_excludes()}}) {
    if (options.empty()) continue;
    out += fmt::format(" {}:", label);
    for (const CLI::Option* other : options) out += " " + other->get_name();
    out += '.';
  }
  return out;
}

std::string option_term(const CLI::Option* o) {
  if (o->get_positional()) return fmt::format("\\fI{}\\fR", roff(o->get_name(true, false)));
  std::string term;
  for (const std::string& s : o->get_snames())
    term += fmt::format("{}\\fB\\-{}\\fR", term.empty() ? "" : ", ", s);
  for (const std::string& l : o->get_lnames())
    term += fmt::format("{}\\fB\\-\\-{}\\fR", term.empty() ? "" : ", ", roff(l));
  if (const std::string label = value_label(o); !label.empty())
    term += fmt::format(" \\fI{}\\fR", roff(label));
  return term;
}

void item_list(std::string& out, const std::vector<Item>& items, bool bold_terms) {
  for (const Item& item : items) {
    out += fmt::format(".TP\n{}{}{}\n{}\n", bold_terms ? "\\fB" : "", roff(item.term),
                       bold_terms ? "\\fR" : "", roff(item.text));
  }
}

}  // namespace

std::string help_footer(const Manual& m) {
  std::string out;
  const auto list = [&out](const char* title, const std::vector<Item>& items) {
    if (items.empty()) return;
    out += fmt::format("{}{}:\n", out.empty() ? "" : "\n", title);
    for (const Item& item : items) out += fmt::format("  {}  {}\n", item.term, item.text);
  };
  list("Exit status", m.exit_status);
  list("Environment", m.environment);
  list("Files", m.files);
  out += fmt::format("\nThe manual, with examples: man {}", m.name);
  return out;
}

std::string man_page(const CLI::App& app, const Manual& m, const std::string& version) {
  std::string upper = m.name;
  for (char& c : upper) c = upper_ascii(c);  // inline: tracuu_cli does not link tracuu
  std::string out = fmt::format(".TH {} 1 \"\" \"tracuu {}\" \"User Commands\"\n", upper, version);
  out += fmt::format(".SH NAME\n{} \\- {}\n.SH SYNOPSIS\n", roff(m.name), roff(m.purpose));
  for (std::size_t i = 0; i < m.synopsis.size(); ++i) {
    out += fmt::format("{}.B {}\n{}\n", i > 0 ? ".br\n" : "", roff(m.name), roff(m.synopsis[i]));
  }
  out +=
      ".SH DESCRIPTION\n" + roff_paragraphs(app.get_description()) + roff_paragraphs(m.description);
  out += ".SH OPTIONS\n";
  for (const CLI::Option* o : listed_options(app)) {
    std::string text = o->get_description();
    if (const std::string rules = value_rules(o); !rules.empty())
      text += (text.ends_with('.') ? "" : ".") + rules;
    if (!o->get_default_str().empty()) text += fmt::format(" (default: {})", o->get_default_str());
    out += fmt::format(".TP\n{}\n{}\n", option_term(o), roff(text));
  }
  if (!m.exit_status.empty()) {
    out += ".SH EXIT STATUS\n";
    item_list(out, m.exit_status, true);
  }
  if (!m.environment.empty()) {
    out += ".SH ENVIRONMENT\n";
    item_list(out, m.environment, true);
  }
  if (!m.files.empty()) {
    out += ".SH FILES\n";
    item_list(out, m.files, false);
  }
  if (!m.examples.empty()) {
    out += ".SH EXAMPLES\n";
    for (const Item& e : m.examples)
      out += fmt::format(".PP\n{}\n.PP\n.nf\n.RS\n$ {}\n.RE\n.fi\n", roff(e.text), roff(e.term));
  }
  if (!m.see_also.empty()) {
    out += ".SH SEE ALSO\n";
    for (std::size_t i = 0; i < m.see_also.size(); ++i) {
      const std::string& ref = m.see_also[i];
      const auto paren = ref.find('(');
      out += fmt::format(".BR {} {}{}\n", roff(ref.substr(0, paren)),
                         paren == std::string::npos ? "" : ref.substr(paren),
                         i + 1 < m.see_also.size() ? " ," : "");
    }
  }
  return out;
}

std::string bash_completion(const CLI::App& app,
                            const std::map<std::string, std::vector<std::string>>& choices,
                            const std::vector<std::string>& files,
                            const std::vector<std::string>& folders) {
  std::string name = app.get_name();
  std::string function = "_" + name;
  std::replace(function.begin(), function.end(), '-', '_');
  std::string words, cases;
  for (const CLI::Option* o : listed_options(app)) {
    if (o->get_positional()) continue;
    std::vector<std::string> names;
    for (const std::string& s : o->get_snames()) names.push_back("-" + s);
    for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
    for (const std::string& n : names) words += (words.empty() ? "" : " ") + n;
    if (!takes_value(o)) continue;        // a flag: no value follows
    std::string action = "COMPREPLY=()";  // a number, an id: nothing to offer
    const std::string long_name = o->get_lnames().empty() ? "" : "--" + o->get_lnames().front();
    const auto named = [&long_name](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), long_name) != list.end();
    };
    if (const auto it = choices.find(long_name); it != choices.end()) {
      std::string list;
      for (const std::string& c : it->second) list += (list.empty() ? "" : " ") + c;
      action = fmt::format("COMPREPLY=($(compgen -W '{}' -- \"$cur\"))", list);
    } else if (named(folders)) {
      action = "COMPREPLY=($(compgen -d -- \"$cur\")); compopt -o filenames 2>/dev/null";
    } else if (named(files)) {
      action = "COMPREPLY=($(compgen -f -- \"$cur\")); compopt -o filenames 2>/dev/null";
    }
    std::string pattern;
    for (const std::string& n : names) pattern += (pattern.empty() ? "" : "|") + n;
    cases += fmt::format("    {}) {}; return ;;\n", pattern, action);
  }
  return fmt::format(
      "# bash completion for {0} (generated by `{0} --generate complete-bash`)\n"
      "{1}() {{\n"
      "  local cur prev\n"
      "  cur=${{COMP_WORDS[COMP_CWORD]}}\n"
      "  prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
      "  case $prev in\n"
      "{2}"
      "  esac\n"
      "  if [[ $cur == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W '{3}' -- \"$cur\"))\n"
      "  else\n"
      "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      "    compopt -o filenames 2>/dev/null\n"
      "  fi\n"
      "}}\n"
      "complete -F {1} {0}\n",
      name, function, cases, words);
}

void add_generate_option(CLI::App& app, std::string& what) {
  app.add_option("--generate", what,
                 "Print the man page (man) or bash completion script (complete-bash)")
      ->check(CLI::IsMember({"man", "complete-bash"}))
      ->group("");  // hidden: the build uses it
}

}  // namespace tracuu::cli
