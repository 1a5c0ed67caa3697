#include "query/synonyms.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "error.h"
#include "files.h"
#include "resources.h"
#include "segment/units.h"
#include "text/analyze.h"
#include "text/decode.h"
#include "text/normalize.h"

namespace tracuu {
namespace {

std::string key_of(const std::vector<Word>& words) {
  std::string key;
  for (const Word& w : words) {
    if (!key.empty()) key += ' ';
    key += w.folded;
  }
  return key;
}

// A form as a query unit: one word or compound, or a phrase of its words.
QueryUnit unit_of(const std::string& form) {
  QueryUnit u;
  u.words = analyze(form);
  if (!u.words.empty() && compound_end(u.words, 0) == u.words.size() && u.words.size() > 1) {
    u.whole_terms = compound_terms(form, u.words, 0, u.words.size());
    u.numeric =
        std::none_of(u.words.begin(), u.words.end(), [](const Word& w) { return w.has_letter; });
  }
  return u;
}

}  // namespace

std::string shipped_synonyms_path() { return resource_file("abbreviations.tsv"); }

void Synonyms::add(std::string_view a, std::string_view b) {
  const std::string fa = to_nfc(a), fb = to_nfc(b);
  add_analysed(fa, analyze(fa), fb, analyze(fb));
}

void Synonyms::add_analysed(const std::string& fa, const std::vector<Word>& wa,
                            const std::string& fb, const std::vector<Word>& wb) {
  if (wa.empty() || wb.empty()) return;
  const std::string ka = key_of(wa), kb = key_of(wb);
  if (ka == kb) return;
  auto add_one = [this](const std::string& key, const std::vector<Word>& words,
                        const std::string& other) {
    Forms& f = forms_[key];
    if (std::find(f.others.begin(), f.others.end(), other) == f.others.end())
      f.others.push_back(other);
    f.needs_capitals = f.needs_capitals || (words.size() == 1 && is_syllable(words[0].exact));
  };
  add_one(ka, wa, fb);
  add_one(kb, wb, fa);
  longest_ = std::max({longest_, wa.size(), wb.size()});
  ++pairs_;
}

void Synonyms::load(const std::string& path) {
  check_regular_file(path, kMaxListFileBytes, "synonyms file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot read the synonyms file");
  std::string raw;
  std::size_t line_number = 0;
  while (std::getline(in, raw)) {
    ++line_number;
    const std::string where = fmt::format("{}:{}", path, line_number);
    std::string line;
    try {
      line = decode_text(raw);
    } catch (const DecodeError& e) {
      throw InputError(where, e.what());
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos ||
        line[line.find_first_not_of(" \t")] == '#') {
      continue;
    }
    const auto tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos) {
      throw InputError(where, "want two forms separated by one tab");
    }
    const std::string a = to_nfc(std::string_view(line).substr(0, tab));
    const std::string b = to_nfc(std::string_view(line).substr(tab + 1));
    const std::vector<Word> wa = analyze(a), wb = analyze(b);
    if (wa.empty() || wb.empty()) throw InputError(where, "each form needs a word");
    add_analysed(a, wa, b, wb);
  }
}

void Synonyms::expand(ParsedQuery& query) const {
  if (!forms_.empty()) expand(query.clauses, query.text);
}

void Synonyms::expand(std::vector<Clause>& clauses, std::string_view text) const {
  auto plain = [](const Clause& c) { return c.kind == Clause::Kind::kUnit && !c.unit.quoted; };
  std::vector<Clause> out;
  for (std::size_t i = 0; i < clauses.size();) {
    Clause& c = clauses[i];
    if (c.kind == Clause::Kind::kAll || c.kind == Clause::Kind::kAny ||
        c.kind == Clause::Kind::kTitle) {
      expand(c.children, text);
    }
    // Whether the units' words spell a form, and (for a form that is also a syllable)
    // were typed in capitals.
    auto spells = [&](const std::vector<Word>& words) -> const Forms* {
      const auto it = forms_.find(key_of(words));
      if (it == forms_.end()) return nullptr;
      if (it->second.needs_capitals &&
          shape_of(text.substr(words.front().start, words.back().end - words.front().start)) !=
              Shape::kUpper) {
        return nullptr;
      }
      return &it->second;
    };
    if (c.kind == Clause::Kind::kUnit && c.unit.quoted) {
      if (const Forms* f = spells(c.unit.words)) {
        for (const std::string& other : f->others) c.unit.alternatives.push_back(unit_of(other));
      }
    }
    // The longest run of plain units from i that spells a form.
    std::size_t matched = 0;
    std::vector<Word> words;
    std::vector<std::string> others;
    for (std::size_t j = i;
         j < clauses.size() && plain(clauses[j]) && clauses[j].negated == c.negated; ++j) {
      words.insert(words.end(), clauses[j].unit.words.begin(), clauses[j].unit.words.end());
      if (words.size() > longest_) break;
      if (const Forms* f = spells(words)) {
        matched = j - i + 1;
        others = f->others;
      }
    }
    if (matched == 0) {
      out.push_back(std::move(clauses[i]));
      ++i;
      continue;
    }
    Clause merged = std::move(clauses[i]);
    for (std::size_t j = i + 1; j < i + matched; ++j) {
      const QueryUnit& u = clauses[j].unit;
      merged.unit.words.insert(merged.unit.words.end(), u.words.begin(), u.words.end());
      merged.unit.prefix = u.prefix;
      merged.required = merged.required || clauses[j].required;
    }
    if (matched > 1) {
      // Several units read as one phrase ("Ủy ban nhân dân"); a single compound keeps its
      // whole terms (TP.HCM).
      merged.unit.whole_terms.clear();
      merged.unit.numeric = false;
      merged.unit.prefix = false;
    }
    for (const std::string& other : others) merged.unit.alternatives.push_back(unit_of(other));
    out.push_back(std::move(merged));
    i += matched;
  }
  clauses = std::move(out);
}

}  // namespace tracuu
