// Exactness: does `tracuu-search --count` count what the reader asked for? For each query
// of a list, tracuu's count of passages and reports beside an independent count over the
// same passages (read back from the tracuu index), made with ICU alone, none of tracuu's
// text pipeline:
//   - words: maximal runs of letters, digits and combining marks of the NFD, case-folded text;
//   - a word typed with a diacritic (a tone mark, â ă ê ô ơ ư, or đ) matches the words with
//     the same letters and marks, the tone mark compared wherever it sits (hoà = hòa), Ð
//     read as Đ; a word typed without any matches every form;
//   - plain words must all be in the passage's text, a "quoted phrase" must be its words
//     in a row, title:word and title:"phrase" must be in the report's title.
//
//   tracuu-bench-exactness [--work DIR] [--tolerance 0.02] QUERIES CORPUS...
// QUERIES: one query per line (# comments). Prints each query's counts and whether the
// reports counted are within the tolerance of the independent count.
#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "bench_util.h"
#include "query/searcher.h"

namespace fs = std::filesystem;
using namespace tracuu;
using namespace tracuu::bench;

namespace {

// A word as the independent matcher sees it.
struct Form {
  std::u16string marked;  // NFD, case folded, tone marks removed (quality marks and đ kept)
  char16_t tone = 0;      // the tone mark, 0 for none
  std::u16string folded;  // every mark removed, đ as d
  bool has_diacritics = false;
};

bool is_tone_mark(char16_t c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

Form form_of(const icu::UnicodeString& nfd_word) {
  Form f;
  for (int32_t i = 0; i < nfd_word.length(); ++i) {
    char16_t c = nfd_word.charAt(i);
    if (c == 0x00F0) c = 0x0111;  // ð (Ð folded) is đ
    if (is_tone_mark(c)) {
      f.tone = c;
      f.has_diacritics = true;
      continue;
    }
    f.marked.push_back(c);
    if (u_getCombiningClass(c) != 0) {
      f.has_diacritics = true;
      continue;
    }
    if (c == 0x0111) {
      f.has_diacritics = true;
      c = u'd';
    }
    f.folded.push_back(c);
  }
  return f;
}

std::vector<Form> words_of(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  u.foldCase();
  u = nfd->normalize(u, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFD failed");
  std::vector<Form> out;
  icu::UnicodeString word;
  auto flush = [&] {
    if (!word.isEmpty()) out.push_back(form_of(word));
    word.remove();
  };
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    if (u_isalnum(c) || (u_getCombiningClass(c) != 0 && !word.isEmpty()))
      word.append(c);
    else
      flush();
    i += U16_LENGTH(c);
  }
  flush();
  return out;
}

bool matches(const Form& typed, const Form& written) {
  if (!typed.has_diacritics) return typed.folded == written.folded;
  return typed.marked == written.marked && typed.tone == written.tone;
}

// The query's parts: each a sequence of words that must stand in a row (one word, or a
// quoted phrase), in the text or in the title.
struct Part {
  std::vector<Form> words;
  bool title = false;
};

std::vector<Part> parts_of(const std::string& query) {
  std::vector<Part> parts;
  std::size_t at = 0;
  while (at < query.size()) {
    if (query[at] == ' ') {
      ++at;
      continue;
    }
    Part p;
    if (query.compare(at, 6, "title:") == 0) {
      p.title = true;
      at += 6;
    }
    std::string chunk;
    if (at < query.size() && query[at] == '"') {
      const std::size_t close = query.find('"', at + 1);
      chunk = query.substr(at + 1, close == std::string::npos ? std::string::npos : close - at - 1);
      at = close == std::string::npos ? query.size() : close + 1;
      p.words = words_of(chunk);
      parts.push_back(std::move(p));
      continue;
    }
    const std::size_t end = std::min(query.find(' ', at), query.size());
    for (Form& w : words_of(query.substr(at, end - at))) {
      Part one;
      one.title = p.title;
      one.words = {std::move(w)};
      parts.push_back(std::move(one));
    }
    at = end;
  }
  return parts;
}

bool contains(const std::vector<Form>& text, const std::vector<Form>& run) {
  if (run.empty()) return true;
  for (std::size_t i = 0; i + run.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < run.size() && matches(run[k], text[i + k])) ++k;
    if (k == run.size()) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Exactness: tracuu's --count against an independent count over the same passages"};
  std::string queries_path, work;
  std::vector<std::string> corpus;
  double tolerance = 0.02;
  app.add_option("QUERIES", queries_path, "One query per line (bench/queries/exactness.txt)")
      ->required();
  app.add_option("CORPUS", corpus, "Files or folders to index")->required();
  app.add_option("--work", work, "Folder for the index; reused when it holds one");
  app.add_option("--tolerance", tolerance, "Largest relative difference in reports counted")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::vector<std::string> queries;
  {
    std::ifstream in(queries_path);
    if (!in) {
      fmt::print(stderr, "cannot read {}\n", queries_path);
      return 2;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] != '#') queries.push_back(line);
    }
  }
  const bool temporary = work.empty();
  if (temporary)
    work = (fs::temp_directory_path() / fmt::format("tracuu-exactness-{}", getpid())).string();
  fs::create_directories(work);
  const std::string db_path = work + "/tracuu.db";
  if (!fs::exists(db_path))
    fmt::print("tracuu index built in {:.2f} s\n", build_tracuu(corpus, db_path));
  const std::vector<Passage> passages = read_passages(db_path);
  std::vector<std::vector<Form>> texts, titles;
  std::unordered_map<std::string, std::size_t> title_of;  // report → index in titles
  std::vector<std::size_t> title_index;
  for (const Passage& p : passages) {
    texts.push_back(words_of(p.text));
    auto [it, fresh] = title_of.emplace(p.id, titles.size());
    if (fresh) titles.push_back(words_of(p.title));
    title_index.push_back(it->second);
  }

  Searcher searcher(db_path);
  std::size_t within = 0;
  fmt::print("{:<34} {:>17} {:>17} {:>7}\n", "query", "tracuu (p / r)", "independent", "diff");
  for (const std::string& q : queries) {
    const std::vector<Part> parts = parts_of(q);
    std::uint64_t passages_found = 0;
    std::set<std::string> reports;
    for (std::size_t i = 0; i < passages.size(); ++i) {
      bool all = true;
      for (const Part& part : parts) {
        all = all && contains(part.title ? titles[title_index[i]] : texts[i], part.words);
      }
      if (!all) continue;
      ++passages_found;
      reports.insert(passages[i].id);
    }
    const Counts c = searcher.count(searcher.parse(q));
    const double expected = static_cast<double>(reports.size());
    const double diff = expected == 0
                            ? (c.reports == 0 ? 0 : 1)
                            : std::abs(static_cast<double>(c.reports) - expected) / expected;
    within += diff <= tolerance;
    fmt::print("{:<34} {:>8} / {:>6} {:>8} / {:>6} {:>6.1f}%{}\n", q, c.passages, c.reports,
               passages_found, reports.size(), 100 * diff, diff <= tolerance ? "" : "  <-- off");
  }
  fmt::print("\n{} of {} queries count their reports within {:.0f}% of the independent count\n",
             within, queries.size(), 100 * tolerance);
  if (temporary) fs::remove_all(work);
  return within == queries.size() ? 0 : 1;
}
