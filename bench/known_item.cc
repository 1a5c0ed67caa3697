// Known-item retrieval benchmark: does the passage a reader has in mind come first?
//
// For each sampled passage, a span of 3-8 consecutive words is cut out as the query and
// asked in each form a reader types it; a query succeeds when the top result's text
// contains the span (after NFC and case folding: a span found in several passages is
// right in any of them). Reports success@1 and MRR@10 per form for tracuu and for SQLite
// FTS5 (unicode61 remove_diacritics 2, bm25, all words required) over the same passages.
//
//   tracuu-bench-known-item [--queries N] [--seed S] [--work DIR] CORPUS...
#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <unordered_map>

#include "bench_util.h"
#include "query/plan.h"
#include "query/query.h"
#include "query/searcher.h"
#include "query/suggest.h"
#include "text/analyze.h"
#include "text/fold.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace fs = std::filesystem;
using namespace tracuu;
using namespace tracuu::bench;

namespace {

// Moves the tone of an open oa/oe/uy syllable to the other vowel (hòa ↔ hoà, thủy ↔
// thuỷ); returns false when `word` has no such syllable.
bool swap_tone(std::string_view word, std::string& out) {
  std::vector<vn::Letter> letters;
  for (std::size_t pos = 0; pos < word.size();) {
    const char32_t cp = next_code_point(word, pos);
    vn::Letter l;
    if (!vn::lookup(cp, l)) {
      if (cp >= 0x80) return false;
      l.base = static_cast<char32_t>(cp | 0x20);
      l.upper = cp >= 'A' && cp <= 'Z';
    }
    letters.push_back(l);
  }
  const std::size_t n = letters.size();
  if (n < 2) return false;
  vn::Letter& a = letters[n - 2];
  vn::Letter& b = letters[n - 1];
  const bool cluster = (a.base == U'o' && (b.base == U'a' || b.base == U'e')) ||
                       (a.base == U'u' && b.base == U'y' && (n < 3 || letters[n - 3].base != U'q'));
  if (!cluster || (a.tone == vn::Tone::kLevel) == (b.tone == vn::Tone::kLevel)) return false;
  std::swap(a.tone, b.tone);
  out.clear();
  for (const vn::Letter& l : letters) {
    char32_t c = l.base;
    if (vn::is_vowel_base(c)) c = vn::compose(c, l.tone);
    append_utf8(out, l.upper ? static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))) : c);
  }
  return true;
}

// The span with every swappable syllable swapped; false when none was.
bool other_tone_placement(std::string_view span, std::string& out) {
  out.clear();
  bool changed = false;
  std::size_t at = 0;
  std::string swapped;
  for (const Word& w : analyze(span)) {
    out.append(span.substr(at, w.start - at));
    const std::string_view word = span.substr(w.start, w.end - w.start);
    if (swap_tone(word, swapped)) {
      out += swapped;
      changed = true;
    } else {
      out.append(word);
    }
    at = w.end;
  }
  out.append(span.substr(at));
  return changed;
}

// One syllable with another tone: a vowel that carries a tone gets another one, a level
// syllable gets one ("khuyết điểm" → "khuyết điềm"). False when no word can take one.
bool wrong_tone(std::string_view span, std::mt19937& rng, std::string& out) {
  const std::vector<Word> words = analyze(span);
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (is_syllable(words[i].exact)) candidates.push_back(i);
  }
  if (candidates.empty()) return false;
  const Word& w =
      words[candidates[std::uniform_int_distribution<std::size_t>(0, candidates.size() - 1)(rng)]];
  const std::string_view word = span.substr(w.start, w.end - w.start);
  // The letters, the position of the toned vowel (or the first vowel).
  std::vector<vn::Letter> letters;
  std::size_t target = std::string::npos;
  for (std::size_t pos = 0; pos < word.size();) {
    const char32_t cp = next_code_point(word, pos);
    vn::Letter l;
    if (!vn::lookup(cp, l)) {
      l.base = static_cast<char32_t>(cp | 0x20);
      l.upper = cp >= 'A' && cp <= 'Z';
    }
    if (vn::is_vowel_base(l.base) && (l.tone != vn::Tone::kLevel || target == std::string::npos)) {
      if (l.tone != vn::Tone::kLevel || target == std::string::npos) target = letters.size();
    }
    letters.push_back(l);
  }
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (letters[i].tone != vn::Tone::kLevel) target = i;
  }
  if (target == std::string::npos) return false;
  int tone = static_cast<int>(letters[target].tone);
  tone = (tone + std::uniform_int_distribution<int>(1, 5)(rng)) % 6;
  letters[target].tone = static_cast<vn::Tone>(tone);
  std::string replaced;
  for (const vn::Letter& l : letters) {
    char32_t c = vn::is_vowel_base(l.base) ? vn::compose(l.base, l.tone) : l.base;
    if (l.upper) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
    append_utf8(replaced, c);
  }
  out = std::string(span.substr(0, w.start)) + replaced + std::string(span.substr(w.end));
  return true;
}

// The words in another order (a random permutation that is not the original one).
bool reordered(std::string_view span, std::mt19937& rng, std::string& out) {
  const std::vector<Word> words = analyze(span);
  if (words.size() < 2) return false;
  std::vector<std::size_t> order(words.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::size_t> original = order;
  while (order == original) std::shuffle(order.begin(), order.end(), rng);
  out.clear();
  for (std::size_t i : order) {
    if (!out.empty()) out += ' ';
    out.append(span.substr(words[i].start, words[i].end - words[i].start));
  }
  return true;
}

// The last syllable cut to its first two letters, as typed halfway ("khuyết đi").
bool half_typed(std::string_view span, std::string& out) {
  const std::vector<Word> words = analyze(span);
  if (words.empty() || !words.back().has_letter) return false;
  const Word& last = words.back();
  std::size_t pos = last.start;
  for (int i = 0; i < 2 && pos < last.end; ++i) next_code_point(span, pos);
  if (pos >= last.end) return false;
  out = std::string(span.substr(0, pos));
  return true;
}

// The text with ASCII punctuation and spacing reduced to single spaces: what a search
// engine sees of it ("vui chơi, giải trí" and "vui chơi giải trí" alike).
std::string words_only(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c & 0x80) != 0 || std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (keep)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return " " + out + " ";
}

std::string upper(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.toUpper(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string nfd(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = n->normalize(icu::UnicodeString::fromUTF8(text), status);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// What any ranking could reach on inner-word-out queries. A reader's query with an inner
// word left out still has its words in order with exactly one word between two of them;
// among the passages that have that shape, those with the original span are right. An
// oracle that knew the shape but not the missing word succeeds on a query with
// probability (passages with the span) / (passages with the shape); the mean is the
// ceiling for this form.
class GapOracle {
 public:
  explicit GapOracle(const std::vector<Passage>& passages) {
    for (std::size_t p = 0; p < passages.size(); ++p) {
      std::vector<std::uint32_t> seq;
      for (const Word& w : analyze(passages[p].text)) seq.push_back(id(w.exact));
      for (std::uint32_t i = 0; i < seq.size(); ++i) occurrences_[seq[i]].push_back({p, i});
      text_.push_back(std::move(seq));
    }
  }

  // The oracle's chance on `query` (the span with one inner word left out).
  double chance(const std::string& query, const std::string& span) const {
    const std::vector<std::uint32_t> q = ids(query), whole = ids(span);
    if (q.size() < 2) return 0;
    std::size_t with_shape = 0, with_span = 0;
    std::size_t last = SIZE_MAX;
    const auto it = occurrences_.find(q[0]);
    if (it == occurrences_.end()) return 0;
    for (const auto& [p, start] : it->second) {
      if (p == last) continue;  // count each passage once
      if (!shape_at(text_[p], start, q)) continue;
      last = p;
      ++with_shape;
      if (contains(text_[p], whole)) ++with_span;
    }
    return with_shape == 0 ? 0 : static_cast<double>(with_span) / static_cast<double>(with_shape);
  }

 private:
  std::uint32_t id(const std::string& w) {
    return vocabulary_.try_emplace(w, static_cast<std::uint32_t>(vocabulary_.size())).first->second;
  }
  std::vector<std::uint32_t> ids(const std::string& text) const {
    std::vector<std::uint32_t> out;
    for (const Word& w : analyze(to_nfc(text))) {
      const auto it = vocabulary_.find(w.exact);
      out.push_back(it == vocabulary_.end() ? UINT32_MAX : it->second);
    }
    return out;
  }
  // q[0..] from `start` with exactly one extra word after some q[j], 0 <= j < n - 1.
  static bool shape_at(const std::vector<std::uint32_t>& t, std::size_t start,
                       const std::vector<std::uint32_t>& q) {
    if (start + q.size() + 1 > t.size()) return false;
    for (std::size_t gap = 1; gap < q.size(); ++gap) {
      bool ok = true;
      for (std::size_t k = 0; k < q.size() && ok; ++k) ok = t[start + k + (k >= gap)] == q[k];
      if (ok) return true;
    }
    return false;
  }
  static bool contains(const std::vector<std::uint32_t>& t, const std::vector<std::uint32_t>& s) {
    return std::search(t.begin(), t.end(), s.begin(), s.end()) != t.end();
  }

  std::unordered_map<std::string, std::uint32_t> vocabulary_;
  std::unordered_map<std::uint32_t, std::vector<std::pair<std::size_t, std::uint32_t>>>
      occurrences_;
  std::vector<std::vector<std::uint32_t>> text_;
};

struct Sample {
  std::string span;   // the words as they stand in the passage
  std::string query;  // the form asked
};

struct Score {
  std::size_t n = 0;
  double success_at_1 = 0;
  double rr = 0;
  std::vector<double> ms;
  void add(std::size_t rank, double millis) {  // rank 1-based, 0 = not in top 10
    ++n;
    if (rank == 1) success_at_1 += 1;
    if (rank > 0) rr += 1.0 / static_cast<double>(rank);
    ms.push_back(millis);
  }
  double median_ms() {
    if (ms.empty()) return 0;
    std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(ms.size() / 2), ms.end());
    return ms[ms.size() / 2];
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Known-item retrieval: tracuu against SQLite FTS5 on the same passages"};
  std::vector<std::string> corpus;
  std::size_t queries = 1000;
  unsigned seed = 20251125;
  std::string work;
  bool show_failures = false;
  app.add_option("CORPUS", corpus, "Files or folders to index (e.g. ../shared/data/news-dantri)")
      ->required();
  app.add_option("--queries", queries, "Spans sampled per form")->capture_default_str();
  app.add_option("--seed", seed, "Random seed")->capture_default_str();
  app.add_option("--work", work,
                 "Folder for the indexes; reused when it already holds both (for tuning "
                 "ranking without re-indexing)");
  app.add_flag("--failures", show_failures, "Print the tracuu queries that fail at rank 1");
  std::vector<std::string> only_forms;
  app.add_option("--forms", only_forms, "Only these forms (default: all)");
  std::string weight_spec;
  app.add_option("--weights", weight_spec,
                 "Ranking weights to try instead of the defaults, e.g. phrase=4,near=1,b=0.75 "
                 "(names as in RankingWeights: exact phrase gap near title word likely prefix k1 b "
                 "min_normlen)");
  CLI11_PARSE(app, argc, argv);

  const bool temporary = work.empty();
  if (temporary)
    work = (fs::temp_directory_path() / fmt::format("tracuu-bench-{}", getpid())).string();
  fs::create_directories(work);
  const std::string db_path = work + "/tracuu.db";
  const std::string fts_path = work + "/fts5.sqlite";
  const bool reuse = fs::exists(db_path) && fs::exists(fts_path);

  if (!reuse) {
    const double t = build_tracuu(corpus, db_path);
    fmt::print("tracuu index built in {:.2f} s\n", t);
  }
  const std::vector<Passage> passages = read_passages(db_path);
  double fts_seconds = 0;
  sqlite3* fts = nullptr;
  if (reuse) {
    if (sqlite3_open(fts_path.c_str(), &fts) != SQLITE_OK) {
      fmt::print(stderr, "cannot open {}\n", fts_path);
      return 2;
    }
    fmt::print("reusing the indexes in {}\n", work);
  } else {
    fts = build_fts5(passages, fts_path, fts_seconds);
    fmt::print("FTS5 index built in {:.2f} s\n", fts_seconds);
  }
  fmt::print("{} passages\n", passages.size());

  // Sample spans. Each form gets its own sample of `queries` spans; the tone form only
  // spans that contain a syllable written with oa/oe/uy (else it would repeat "exact").
  std::mt19937 rng(seed);
  auto sample_span = [&](std::string& span) {
    for (;;) {
      const Passage& p =
          passages[std::uniform_int_distribution<std::size_t>(0, passages.size() - 1)(rng)];
      const std::vector<Word> words = analyze(p.text);
      const std::size_t len = std::uniform_int_distribution<std::size_t>(3, 8)(rng);
      if (words.size() < len) continue;
      const std::size_t first =
          std::uniform_int_distribution<std::size_t>(0, words.size() - len)(rng);
      span = p.text.substr(words[first].start, words[first + len - 1].end - words[first].start);
      return analyze(span);
    }
  };

  const std::vector<std::string> all_forms = {"exact",     "no-diacritics", "other-tone",
                                              "capitals",  "nfd",           "wrong-tone",
                                              "reordered", "half-typed",    "inner-word-out"};
  const std::vector<std::string>& forms = only_forms.empty() ? all_forms : only_forms;
  Searcher searcher(db_path);
  searcher.set_weights(parse_weights(weight_spec));
  fmt::print("\n{:<16} {:>6} {:>10} {:>10} {:>10} {:>10} {:>9} {:>9}\n", "form", "n", "tracuu@1",
             "tracuuMRR", "fts5@1", "fts5MRR", "tracuu ms", "fts5 ms");
  for (const std::string& form : forms) {
    Score ours, theirs;
    std::size_t restorable = 0, restored = 0;  // did you mean, on the no-diacritics form
    std::size_t punctuation_only = 0;          // failures of the success rule on punctuation alone
    std::vector<std::string> failures;
    std::unique_ptr<GapOracle> oracle;
    double ceiling = 0;
    if (form == "inner-word-out") oracle = std::make_unique<GapOracle>(passages);
    for (std::size_t i = 0; i < queries; ++i) {
      Sample s;
      std::vector<Word> words;
      for (int attempt = 0;; ++attempt) {
        words = sample_span(s.span);
        if (form == "exact")
          s.query = s.span;
        else if (form == "no-diacritics")
          s.query = fold_text(s.span);
        else if (form == "capitals")
          s.query = upper(s.span);
        else if (form == "nfd")
          s.query = nfd(s.span);
        else if (form == "inner-word-out") {
          const std::size_t k =
              std::uniform_int_distribution<std::size_t>(1, words.size() - 2)(rng);
          s.query = s.span.substr(0, words[k].start) + s.span.substr(words[k].end);
        } else if (form == "wrong-tone") {
          if (!wrong_tone(s.span, rng, s.query) && attempt < 2000) continue;
        } else if (form == "reordered") {
          if (!reordered(s.span, rng, s.query) && attempt < 2000) continue;
        } else if (form == "half-typed") {
          if (!half_typed(s.span, s.query) && attempt < 2000) continue;
        } else if (!other_tone_placement(s.span, s.query)) {
          if (attempt < 2000) continue;
        }
        break;
      }
      const std::string want = comparable(s.span);

      auto t0 = std::chrono::steady_clock::now();
      ParsedQuery parsed;
      try {
        parsed = searcher.parse(s.query);
      } catch (const QueryError&) {
        // Text pasted with an unbalanced "(" or a stray operator: searched as plain words.
        std::string plain = s.query;
        for (char& c : plain) {
          if (c == '(' || c == ')' || c == '"' || c == '+') c = ' ';
        }
        try {
          parsed = searcher.parse(plain);
        } catch (const QueryError&) {
          continue;  // nothing left to search for: not a query a reader would type
        }
      }
      if (oracle) ceiling += oracle->chance(s.query, s.span);
      if (form == "no-diacritics") {
        ++restorable;
        restored += comparable(searcher.suggestion(parsed)) == want;
      }
      const std::vector<Hit> hits = searcher.search(parsed, 0, 10);
      auto t1 = std::chrono::steady_clock::now();
      std::size_t rank = 0;
      for (std::size_t r = 0; r < hits.size() && rank == 0; ++r) {
        if (comparable(hits[r].text).find(want) != std::string::npos) rank = r + 1;
      }
      ours.add(rank, std::chrono::duration<double, std::milli>(t1 - t0).count());
      if (rank != 1 && !hits.empty() &&
          words_only(comparable(hits[0].text)).find(words_only(want)) != std::string::npos) {
        ++punctuation_only;
      }
      if (rank != 1 && show_failures) {
        failures.push_back(fmt::format("  [{}] {}  (rank {})", form, s.query, rank));
      }

      t0 = std::chrono::steady_clock::now();
      const std::vector<std::size_t> rows = fts5_search(fts, s.query, 10);
      t1 = std::chrono::steady_clock::now();
      rank = 0;
      for (std::size_t r = 0; r < rows.size() && rank == 0; ++r) {
        if (comparable(passages[rows[r]].text).find(want) != std::string::npos) rank = r + 1;
      }
      theirs.add(rank, std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    const double n = static_cast<double>(ours.n);
    fmt::print("{:<16} {:>6} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>9.2f} {:>9.2f}\n", form,
               ours.n, ours.success_at_1 / n, ours.rr / n, theirs.success_at_1 / n, theirs.rr / n,
               ours.median_ms(), theirs.median_ms());
    fmt::print(
        "{:<16} {:>6}   (failures whose top passage has the span's words in order, with other "
        "punctuation)\n",
        "  punctuation", punctuation_only);
    if (restorable > 0) {
      fmt::print(
          "{:<16} {:>6} {:>10.3f}   (did you mean gives back the span with its diacritics)\n",
          "  restored", restorable,
          static_cast<double>(restored) / static_cast<double>(restorable));
    }
    if (oracle) {
      fmt::print(
          "{:<16} {:>6} {:>10.3f}   (ceiling: an oracle that knows one inner word is "
          "missing)\n",
          "  ceiling", ours.n, ceiling / n);
    }
    for (const auto& f : failures) fmt::print("{}\n", f);
  }
  sqlite3_close(fts);
  if (temporary) fs::remove_all(work);
  return 0;
}
