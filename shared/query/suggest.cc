#include "query/suggest.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "index/terms.h"
#include "segment/segmenter.h"
#include "text/analyze.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The marked forms of an ASCII vowel.
std::u32string_view bases_of(char c) {
  switch (c) {
    case 'a':
      return U"aăâ";
    case 'e':
      return U"eê";
    case 'o':
      return U"oôơ";
    case 'u':
      return U"uư";
    case 'i':
      return U"i";
    default:
      return U"y";
  }
}

// A word in capitals that is no Vietnamese syllable (UBND, BHTN, HĐND): an abbreviation,
// not a misspelling ("KHUYẾT ĐIỄM" is words in capitals).
bool is_acronym(const Word& w, std::string_view typed) {
  std::size_t upper = 0;
  for (std::size_t pos = 0; pos < typed.size();) {
    const char32_t cp = next_code_point(typed, pos);
    if (is_lower(cp)) return false;
    upper += is_upper(cp);
  }
  return upper >= 2 && !is_syllable(w.exact);
}

// The case of `typed` given to `word` (lower case): "Ha" → "Hà", "HA" → "HÀ", "Uỷ" → "Ủy".
std::string in_case_of(const std::string& word, std::string_view typed) {
  std::size_t letters = 0, upper = 0;
  bool first_upper = false;
  for (std::size_t pos = 0; pos < typed.size();) {
    const char32_t cp = next_code_point(typed, pos);
    if (!is_letter(cp)) continue;
    if (letters == 0) first_upper = is_upper(cp);
    ++letters;
    upper += is_upper(cp);
  }
  if (upper == 0) return word;
  std::string out;
  std::size_t i = 0;
  for (std::size_t pos = 0; pos < word.size(); ++i) {
    char32_t cp = next_code_point(word, pos);
    const bool make_upper = upper == letters ? true : (i == 0 && first_upper);
    if (make_upper) {
      vn::Letter l;
      if (cp < 0x80) {
        cp = static_cast<char32_t>(upper_ascii(static_cast<char>(cp)));
      } else if (vn::lookup(cp, l)) {
        const std::u32string_view upper_letters = vn::all_upper_letters();
        const std::u32string_view lower_letters = vn::all_lower_letters();
        const auto at = lower_letters.find(cp);
        if (at != std::u32string_view::npos) cp = upper_letters[at];
      }
    }
    append_utf8(out, cp);
  }
  return out;
}

struct Candidate {
  std::string exact;
  double frequency;
};

// The forms of a folded word that passages have, the most frequent first (at most k).
std::vector<Candidate> candidates(const std::string& folded, const Xapian::Database& db,
                                  std::size_t k) {
  std::vector<Candidate> out;
  for (const std::string& form : diacritic_forms(folded)) {
    const auto f = db.get_termfreq(terms::exact(form));
    if (f > 0) out.push_back({form, static_cast<double>(f)});
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.frequency != b.frequency ? a.frequency > b.frequency : a.exact < b.exact;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

// The folded words one edit away (a letter left out, added, changed, or two swapped)
// that passages have; the most frequent, or "" when none.
std::string nearest_known(const std::string& folded, const Xapian::Database& db) {
  std::string best;
  Xapian::doccount best_freq = 0;
  auto consider = [&](const std::string& w) {
    if (w.empty() || w == folded) return;
    const auto f = db.get_termfreq(w);
    if (f > best_freq || (f == best_freq && f > 0 && w < best)) {
      best = w;
      best_freq = f;
    }
  };
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    if (i < folded.size()) consider(folded.substr(0, i) + folded.substr(i + 1));
    if (i + 1 < folded.size()) {
      std::string s = folded;
      std::swap(s[i], s[i + 1]);
      consider(s);
    }
    for (char c : kLetters) {
      consider(folded.substr(0, i) + c + folded.substr(i));
      if (i < folded.size()) {
        std::string s = folded;
        s[i] = c;
        consider(s);
      }
    }
  }
  return best;
}

bool ascii_letters(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::vector<std::string> diacritic_forms(const std::string& folded) {
  if (!ascii_letters(folded) || folded.size() > 8) return {};
  // Letter by letter, the marked forms it may stand for: vowels (ă â ê ô ơ ư), d (đ).
  std::vector<std::u32string> options;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (is_vowel(c))
      options.emplace_back(bases_of(c));
    else if (c == 'd' && i == 0)
      options.emplace_back(U"dđ");
    else
      options.emplace_back(1, static_cast<char32_t>(c));
  }
  std::vector<std::string> out;
  std::vector<std::size_t> choice(options.size(), 0);
  while (true) {
    std::u32string bases;
    for (std::size_t i = 0; i < options.size(); ++i) bases.push_back(options[i][choice[i]]);
    std::string toneless;
    for (const char32_t b : bases) append_utf8(toneless, b);
    // Each tone on the first vowel; canonical_tone_placement moves it where it belongs.
    // Only syllables: "aaaaaaaa" alone makes 6 * 3^8 strings, and no passage has them.
    const std::size_t first_vowel = bases.find_first_of(U"aăâeêioôơuưy");
    if (first_vowel != std::u32string::npos && is_syllable(toneless)) {
      for (int tone = 0; tone < 6; ++tone) {
        std::string s;
        for (std::size_t i = 0; i < bases.size(); ++i) {
          append_utf8(
              s, i == first_vowel ? vn::compose(bases[i], static_cast<vn::Tone>(tone)) : bases[i]);
        }
        std::string canonical = canonical_tone_placement(s);
        if (std::find(out.begin(), out.end(), canonical) == out.end())
          out.push_back(std::move(canonical));
      }
    }
    std::size_t i = 0;
    while (i < choice.size() && ++choice[i] == options[i].size()) choice[i++] = 0;
    if (i == choice.size()) break;
  }
  return out;
}

namespace {

// The bonus of neighbouring forms per unit of their corpus cohesion (0 to 1); chosen on the
// known-item benchmark's queries typed without diacritics (bench/README.md).
constexpr double kCohesionWeight = 20;

// What each positive word of the query should become ("": stays as typed), and whether
// anything changes. `fix_spelling`: unknown words are replaced by known ones first.
struct Rewrite {
  std::vector<const Word*> words;
  std::vector<std::string> replacement;
  bool changed = false;
  bool respelled = false;  // a word read as another (`fix_spelling`)
};

Rewrite rewrite(const ParsedQuery& query, const Xapian::Database& db, const Cohesion& cohesion,
                bool fix_spelling, bool restore = false) {
  Rewrite r;
  std::vector<const Word*>& words = r.words;
  // Abbreviations are not misspellings: known ones ("bhtn", a word with other forms), and
  // any typed in capitals.
  std::vector<bool> keep_spelling;
  for (const QueryUnit* u : query.positive_units()) {
    const bool abbreviation = !u->alternatives.empty() && u->words.size() == 1;
    for (const Word& w : u->words) {
      words.push_back(&w);
      keep_spelling.push_back(
          abbreviation ||
          is_acronym(w, std::string_view(query.text).substr(w.start, w.end - w.start)));
    }
  }
  if (words.empty()) return r;
  // Typed without diacritics, or (`restore`) read as if it were: every word gets its most
  // likely form.
  const bool typed_plain = restore || std::none_of(words.begin(), words.end(), [](const Word* w) {
                             return has_diacritics(*w);
                           });

  std::vector<std::string>& replacement = r.replacement;
  replacement.assign(words.size(), std::string());
  bool& changed = r.changed;
  std::vector<std::vector<Candidate>> options(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = *words[i];
    if (!w.has_letter || !ascii_letters(w.folded)) continue;
    std::string folded = w.folded;
    if (fix_spelling && !keep_spelling[i] && !typed_plain && has_diacritics(w) &&
        db.get_termfreq(terms::exact(w)) == 0 && db.get_termfreq(folded) > 0) {
      // A form no passage has ("chuyễn"): the most frequent form of the same letters.
      const auto best = candidates(folded, db, 1);
      if (!best.empty()) {
        replacement[i] = best[0].exact;
        changed = true;
        r.respelled = true;
      }
    } else if (fix_spelling && !keep_spelling[i] && db.get_termfreq(folded) == 0 &&
               folded.size() >= 3) {
      const std::string near = nearest_known(folded, db);
      if (!near.empty()) {
        folded = near;
        replacement[i] = near;
        changed = true;
        r.respelled = true;
        if (!typed_plain) {  // in its most frequent written form
          const auto best = candidates(near, db, 1);
          if (!best.empty()) replacement[i] = best[0].exact;
        }
      }
    }
    if (typed_plain) options[i] = candidates(folded, db, 4);
  }
  if (typed_plain) {
    // The best sequence of forms: each form's frequency, and a bonus for neighbours that
    // the database knows as one word (the segmenter's exact word terms) and, in proportion
    // to their cohesion, for those its corpus shows together (the model's n-grams, which do
    // not depend on how the segmenter grouped them): Viterbi. A word with no forms passes
    // as typed.
    const std::size_t n = words.size();
    std::vector<std::vector<std::uint64_t>> hashes(n);  // of the options, for the model
    for (std::size_t i = 0; i < n && cohesion; ++i) {
      for (const Candidate& c : options[i]) hashes[i].push_back(form_hash(c.exact));
    }
    std::vector<std::vector<double>> score(n);
    std::vector<std::vector<std::size_t>> back(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k = std::max<std::size_t>(options[i].size(), 1);
      score[i].assign(k, 0.0);
      back[i].assign(k, 0);
      for (std::size_t a = 0; a < k; ++a) {
        const bool real = !options[i].empty();
        const double own = real ? std::log(1.0 + options[i][a].frequency) : 0.0;
        double best = 0;
        if (i > 0) {
          best = -1e300;
          for (std::size_t b = 0; b < score[i - 1].size(); ++b) {
            // The neighbours as one word of the database; and as a bigram of its corpus, and
            // the end of a trigram with the form chosen before (the n-grams a model learns).
            double together = 0;
            if (real && !options[i - 1].empty()) {
              const std::string pair =
                  terms::exact(terms::join_units(options[i - 1][b].exact, options[i][a].exact));
              together = 3.0 * std::log(1.0 + static_cast<double>(db.get_termfreq(pair)));
              if (cohesion) {
                std::uint64_t forms[3] = {0, hashes[i - 1][b], hashes[i][a]};
                together += kCohesionWeight * std::max(0.0f, cohesion(forms + 1, 2));
                if (i >= 2 && !options[i - 2].empty()) {
                  forms[0] = hashes[i - 2][back[i - 1][b]];
                  together += kCohesionWeight * std::max(0.0f, cohesion(forms, 3));
                }
              }
            }
            if (score[i - 1][b] + together > best) {
              best = score[i - 1][b] + together;
              back[i][a] = b;
            }
          }
        }
        score[i][a] = best + own;
      }
    }
    std::size_t pick = static_cast<std::size_t>(
        std::max_element(score[n - 1].begin(), score[n - 1].end()) - score[n - 1].begin());
    for (std::size_t i = n; i-- > 0;) {
      if (!options[i].empty()) {
        replacement[i] = options[i][pick].exact;
        if (replacement[i] != (has_diacritics(*words[i]) ? words[i]->exact : words[i]->folded))
          changed = true;
      }
      pick = back[i][pick];
    }
  }
  return r;
}

// likely_forms() of a rewrite.
std::vector<std::string> likely_of(const Rewrite& r) {
  for (const Word* w : r.words) {
    if (has_diacritics(*w)) return {};
  }
  return r.replacement;
}

}  // namespace

std::vector<std::string> likely_forms(const ParsedQuery& query, const Xapian::Database& db,
                                      const Cohesion& cohesion) {
  return likely_of(rewrite(query, db, cohesion, false));
}

std::string suggest(const ParsedQuery& query, const Xapian::Database& db, bool none_as_typed,
                    const Cohesion& cohesion, std::optional<std::vector<std::string>>* likely) {
  const Rewrite r = rewrite(query, db, cohesion, true, none_as_typed);
  // Spelling is fixed before the forms are chosen: without a fix, they are likely_forms'.
  if (likely != nullptr) {
    if (!none_as_typed && !r.respelled)
      *likely = likely_of(r);
    else
      likely->reset();
  }
  if (!r.changed) return {};
  const std::vector<const Word*>& words = r.words;
  const std::vector<std::string>& replacement = r.replacement;
  // The query with the words replaced, in the case they were typed.
  std::vector<std::size_t> order(words.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return words[a]->start < words[b]->start; });
  std::string out;
  std::size_t at = 0;
  for (std::size_t i : order) {
    const Word& w = *words[i];
    if (w.start < at) continue;
    out.append(query.text, at, w.start - at);
    const std::string_view typed = std::string_view(query.text).substr(w.start, w.end - w.start);
    out += replacement[i].empty() ? std::string(typed) : in_case_of(replacement[i], typed);
    at = w.end;
  }
  out.append(query.text, at, std::string::npos);
  return out == query.text ? std::string() : out;
}

}  // namespace tracuu
