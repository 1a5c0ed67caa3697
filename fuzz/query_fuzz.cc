// The query side: parse_query on any bytes either parses or throws QueryError (never
// another exception), and a parsed query runs against a small database built once at
// start: hits are distinct passages, highlighted within their text, and --count and
// --facet agree with the passages the search finds with every part.
#include <stdlib.h>
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check.h"
#include "index/segmentation.h"
#include "index/writer.h"
#include "ingest/report.h"
#include "query/query.h"
#include "query/searcher.h"
#include "query/snippet.h"
#include "text/utf8.h"

namespace {

using tracuu::fuzz::on_boundary;
using tracuu::fuzz::valid_utf8;

tracuu::Report report(std::string id, std::string title, std::string date, std::string source,
                      std::vector<std::string> passages) {
  tracuu::Report r;
  r.id = std::move(id);
  r.title = std::move(title);
  r.date = std::move(date);
  r.source = std::move(source);
  r.passages = std::move(passages);
  return r;
}

// A database of a few reports in a temporary folder, removed at exit.
class Corpus {
 public:
  Corpus() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tracuu-fuzz-query-XXXXXX").string();
    FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    const std::string db = (dir_ / "db").string();
    {
      tracuu::IndexWriter writer(db);
      writer.set_segmenter(tracuu::load_model(tracuu::shipped_model_path()));
      writer.replace_report(
          report("r1", "Hội nghị Ban Chấp hành Đảng bộ", "20250616", "Tỉnh ủy",
                 {"Không né tránh khuyết điểm, mổ xẻ sâu các điểm nghẽn trong thể chế.",
                  "Thực hiện Nghị quyết 60-NQ/TW ngày 16/6/2025 của Ban Chấp hành Trung ương.",
                  "UBND TP.HCM và HĐND tỉnh báo cáo tình hình Covid-19 năm 2020–2025."}));
      writer.replace_report(
          report("r2", "Thủy lợi và hoà giải", "20241231", "Báo Dân trí",
                 {"Công trình thuỷ lợi được nghiệm thu, hòa giải ở cơ sở đạt 12,5%.",
                  "Ủy ban nhân dân huyện họp lúc 10:30; khuyết điểm được nêu thẳng thắn.",
                  "Hà Nội, Đà Nẵng, Huế: giá khuyến mại R&D, Vietnam’s economy."}));
      writer.replace_report(report("r3", "Ghi chép", "", "r3.txt",
                                   {"da thịt, dạ vâng, đá bóng, đã xong việc.",
                                    "Quy định số 100/2015/QH13 về tổ chức chính quyền."}));
      writer.commit();
    }
    searcher_ = std::make_unique<tracuu::Searcher>(db);
    passages_ = Xapian::Database(db).get_doccount();
  }
  ~Corpus() {
    searcher_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Corpus(const Corpus&) = delete;
  Corpus& operator=(const Corpus&) = delete;

  tracuu::Searcher& searcher() { return *searcher_; }
  std::size_t passages() const { return passages_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<tracuu::Searcher> searcher_;
  std::size_t passages_ = 0;
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size(); ++n) tracuu::next_code_point(text, pos);
  return n;
}

void check_unit(const tracuu::QueryUnit& unit, std::string_view text) {
  for (const tracuu::Word& w : unit.words) {
    FUZZ_CHECK(w.start < w.end && w.end <= text.size());
    FUZZ_CHECK(on_boundary(text, w.start) && on_boundary(text, w.end));
    FUZZ_CHECK(!w.exact.empty() && valid_utf8(w.exact) && valid_utf8(w.folded));
  }
  for (const std::string& t : unit.whole_terms) FUZZ_CHECK(!t.empty() && valid_utf8(t));
  for (const tracuu::QueryUnit& alternative : unit.alternatives) {
    FUZZ_CHECK(!alternative.words.empty());
    for (const tracuu::Word& w : alternative.words) FUZZ_CHECK(!w.exact.empty());
  }
}

void check_clause(const tracuu::Clause& c, std::string_view text) {
  FUZZ_CHECK(c.column >= 1 && c.column <= code_points(text) + 1);
  if (c.kind == tracuu::Clause::Kind::kUnit) {
    FUZZ_CHECK(!c.unit.words.empty());
    check_unit(c.unit, text);
  }
  for (const tracuu::Clause& child : c.children) check_clause(child, text);
}

void check_spans(const std::vector<tracuu::Span>& spans, std::string_view text) {
  std::uint32_t previous_end = 0;
  for (const auto& [start, end] : spans) {
    FUZZ_CHECK(start < end && end <= text.size());
    FUZZ_CHECK(on_boundary(text, start) && on_boundary(text, end));
    FUZZ_CHECK(start >= previous_end);
    previous_end = end;
  }
}

void search(const tracuu::ParsedQuery& query, std::size_t size) {
  tracuu::Searcher& searcher = corpus().searcher();
  tracuu::SearchOptions options;
  options.limit = corpus().passages();  // all of them: the tiers are checked as a whole
  options.context = 1;
  const std::vector<tracuu::Hit> hits = searcher.search(query, options);
  FUZZ_CHECK(hits.size() <= corpus().passages());
  std::set<std::pair<std::string, unsigned>> seen;
  std::uint64_t with_every_part = 0;
  for (const tracuu::Hit& h : hits) {
    FUZZ_CHECK(seen.emplace(h.id, h.passage).second);  // tiers do not overlap
    FUZZ_CHECK(valid_utf8(h.text));
    check_spans(h.highlights, h.text);
    check_spans(tracuu::highlight(query, h.text), h.text);
    const tracuu::Snippet s = tracuu::choose_snippet(h.text, h.highlights, 40);
    FUZZ_CHECK(s.start <= s.end && s.end <= h.text.size());
    FUZZ_CHECK(on_boundary(h.text, s.start) && on_boundary(h.text, s.end));
    if (h.match == tracuu::Match::kAll) ++with_every_part;
  }
  const tracuu::Counts counts = searcher.count(query);
  FUZZ_CHECK(counts.passages == with_every_part);
  FUZZ_CHECK(counts.reports <= counts.passages && (counts.reports == 0) == (counts.passages == 0));
  for (const tracuu::Facet f : {tracuu::Facet::kYear, tracuu::Facet::kSource}) {
    std::uint64_t total = 0;
    for (const tracuu::FacetValue& v : searcher.facet(query, f, 100)) total += v.count;
    FUZZ_CHECK(total == counts.passages);
  }

  // The other orders and limits, for coverage: the same passages with every part first.
  tracuu::SearchOptions other;
  other.limit = 3;
  other.offset = size % 3;
  other.per_report = static_cast<unsigned>(size % 2);
  other.sort = size % 3 == 0   ? tracuu::SearchOptions::Sort::kNewest
               : size % 3 == 1 ? tracuu::SearchOptions::Sort::kOldest
                               : tracuu::SearchOptions::Sort::kRelevance;
  FUZZ_CHECK(searcher.search(query, other).size() <= other.limit);
  FUZZ_CHECK(valid_utf8(searcher.suggestion(query)));
  for (const std::string& term : searcher.word_terms(query)) FUZZ_CHECK(valid_utf8(term));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  corpus();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw = tracuu::fuzz::as_text(data, size);
  tracuu::ParsedQuery query;
  try {
    query = tracuu::parse_query(raw);
  } catch (const tracuu::QueryError& e) {
    FUZZ_CHECK(e.column() >= 1);
    if (valid_utf8(raw)) FUZZ_CHECK(e.column() <= code_points(raw) + 1);
    FUZZ_CHECK(!tracuu::point_at(raw, e.column()).empty());
    return 0;
  }
  FUZZ_CHECK(valid_utf8(raw));
  FUZZ_CHECK(valid_utf8(query.text) && !query.clauses.empty());
  for (const tracuu::Clause& c : query.clauses) check_clause(c, query.text);
  for (const tracuu::QueryUnit* u : query.positive_units()) check_unit(*u, query.text);

  // The searcher's own parse adds abbreviations' other forms (a run of words that spells
  // one becomes one clause: "Ủy ban nhân dân" and UBND).
  const tracuu::ParsedQuery expanded = corpus().searcher().parse(raw);
  FUZZ_CHECK(expanded.text == query.text);
  FUZZ_CHECK(!expanded.clauses.empty() && expanded.clauses.size() <= query.clauses.size());
  for (const tracuu::Clause& c : expanded.clauses) check_clause(c, expanded.text);
  search(expanded, size);
  return 0;
}
