// Other forms of the same thing in a query: abbreviations and their full forms
// (UBND ↔ Ủy ban nhân dân), both ways, from resources/abbreviations.tsv and the user's
// --synonyms files. Expanded at query time, so an index needs nothing for them (and a
// remote database serves them like any query).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "query/query.h"

namespace tracuu {

class Synonyms {
 public:
  // Adds a pair of forms of one thing (either may be the abbreviation).
  void add(std::string_view a, std::string_view b);
  // Adds the pairs of a file: "FORM<TAB>OTHER FORM" per line, # comments and blank lines
  // allowed. Throws InputError naming the file and line.
  void load(const std::string& path);
  std::size_t size() const { return pairs_; }

  // Gives the query's units their other forms: where consecutive plain units (or a quoted
  // phrase) spell one form, they become one unit with the other forms as alternatives.
  void expand(ParsedQuery& query) const;

 private:
  void expand(std::vector<Clause>& clauses, std::string_view text) const;
  // add() of two forms in NFC with their words (each analysed once: a process loads the
  // shipped list for every search).
  void add_analysed(const std::string& a, const std::vector<Word>& wa, const std::string& b,
                    const std::vector<Word>& wb);
  struct Forms {
    std::vector<std::string> others;  // the other forms, as written
    // A form that is also an ordinary syllable (TƯ, "tư") stands for its pair only when
    // typed in capitals.
    bool needs_capitals = false;
  };
  // Folded words of a form, joined by spaces → its other forms.
  std::unordered_map<std::string, Forms> forms_;
  std::size_t longest_ = 0;  // words in the longest form
  std::size_t pairs_ = 0;
};

// The shipped list: abbreviations.tsv of the data files (resources.h resource_file).
std::string shipped_synonyms_path();

}  // namespace tracuu
