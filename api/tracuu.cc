// The public API (include/tracuu/tracuu.h) over the library: the searcher, the writer and
// the segmenter that tracuu-search and tracuu-index use, errors made tracuu::Error.
#include "tracuu/tracuu.h"

#include <fmt/format.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "api/query.h"
#include "error.h"
#include "index/database.h"
#include "index/model_file.h"
#include "index/shards.h"
#include "index/writer.h"
#include "ingest/formats.h"
#include "ingest/report.h"
#include "query/query.h"
#include "query/searcher.h"
#include "segment/segmenter.h"
#include "segment/units.h"
#include "text/analyze.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/refs.h"

namespace tracuu {
namespace {

// Runs `f`, its exceptions made Error with the message the programs print after their name.
template <class F>
auto translated(F f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const QueryError& e) {
    throw Error(fmt::format("{} (column {})", e.what(), e.column()));
  } catch (const InputError& e) {
    throw Error(fmt::format("{}: {}", e.location(), e.what()));
  } catch (const ModelError& e) {
    throw Error(e.what());
  } catch (const Xapian::Error& e) {
    if (is_corruption(e)) throw corrupt_database_error({}, e.get_msg());
    throw Error("database error: " + e.get_description());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(std::string("error: ") + e.what());
  }
}

std::optional<std::string> or_none(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

const char* match_name(Match m) {
  switch (m) {
    case Match::kAll:
      return "all";
    case Match::kForms:
      return "forms";
    case Match::kTitle:
      return "title";
    case Match::kSome:
      break;
  }
  return "some";
}

// The code-point offsets of byte offsets `spans` into valid UTF-8 `text`: what Python's
// str and jq's string slices count.
std::vector<Offsets> code_point_spans(std::string_view text, const std::vector<Span>& spans) {
  std::vector<Offsets> out;
  std::size_t at = 0, chars = 0;
  const auto to = [&](std::size_t byte) {
    for (; at < byte && at < text.size(); ++at)
      chars += (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
    return chars;
  };
  for (const auto& [start, end] : spans) {
    const std::size_t s = to(start);
    out.emplace_back(s, to(end));
  }
  return out;
}

Result result_of(Hit& hit, std::size_t rank) {
  Result r;
  r.rank = rank;
  r.score = hit.score;
  r.match = match_name(hit.match);
  r.id = std::move(hit.id);
  r.title = std::move(hit.title);
  r.number = or_none(hit.number);
  r.passage = hit.passage;
  r.path = std::move(hit.path);
  if (hit.line > 0) r.line = hit.line;
  r.source = std::move(hit.source);
  r.url = or_none(hit.url);
  r.date = or_none(hit.date);
  r.article = or_none(hit.article);
  for (const auto& [start, end] : hit.highlights) r.highlights.emplace_back(start, end);
  r.highlight_chars = code_point_spans(hit.text, hit.highlights);
  r.text = std::move(hit.text);
  for (Neighbour& n : hit.before) r.before.push_back({n.passage, std::move(n.text)});
  for (Neighbour& n : hit.after) r.after.push_back({n.passage, std::move(n.text)});
  return r;
}

// A number of results asked for: 1 to kMaxLimit, as tracuu-search's -n.
void check_limit(std::size_t limit) {
  if (limit < 1 || limit > kMaxLimit)
    throw Error(fmt::format("limit {}: from 1 to {}", limit, kMaxLimit));
}

// The options of a search, its parameters checked against the ranges tracuu-search's
// options have (searcher/main.cc).
SearchOptions search_options(const SearchParams& params) {
  check_limit(params.limit);
  if (params.offset > kMaxOffset)
    throw Error(fmt::format("offset {}: from 0 to {}", params.offset, kMaxOffset));
  if (params.per_report > kMaxPerReport) {
    throw Error(
        fmt::format("per_report {}: from 1 to {} (0: no limit)", params.per_report, kMaxPerReport));
  }
  if (params.context > kMaxContext)
    throw Error(fmt::format("context {}: from 0 to {}", params.context, kMaxContext));
  SearchOptions options;
  options.offset = params.offset;
  options.limit = params.limit;
  options.per_report = params.per_report;
  options.context = params.context;
  options.strict = params.strict;
  options.sort = params.sort == Sort::kNewest   ? SearchOptions::Sort::kNewest
                 : params.sort == Sort::kOldest ? SearchOptions::Sort::kOldest
                                                : SearchOptions::Sort::kRelevance;
  return options;
}

Facet facet_of(const std::string& field) {
  if (field != "year" && field != "source" && field != "ref") {
    throw Error(fmt::format("facet {}: year, source or ref", field));
  }
  return field == "year" ? Facet::kYear : field == "source" ? Facet::kSource : Facet::kRef;
}

}  // namespace

std::string version() { return TRACUU_VERSION; }

Query query_of(std::shared_ptr<const Query::Impl> impl) { return Query(std::move(impl)); }

Query::Query(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Query::~Query() = default;
Query::Query(const Query&) = default;
Query& Query::operator=(const Query&) = default;

Query Query::parse(const std::string& text) {
  return translated([&] { return query_of(text, parse_query(text)); });
}

const std::string& Query::text() const { return impl_->text; }

struct Database::Impl {
  std::vector<std::string> specs;
  CollectionOptions collection;
  std::vector<std::string> synonym_files;
  std::optional<Searcher> searcher;

  Searcher& open() {
    if (!searcher) searcher.emplace(specs, collection, synonym_files);
    return *searcher;
  }
  // `f(searcher)`, its errors translated (the Searcher reads the latest revision again
  // when an indexer's commits overtake the one it reads).
  template <class F>
  auto run(F f) -> decltype(f(open())) {
    return translated([&] { return f(open()); });
  }

  // The last query run, its units given their other forms (the synonyms, Searcher::parse's
  // part beside parse_query), so that a Query run several times gets them once.
  std::shared_ptr<const Query::Impl> last_query;
  ParsedQuery last_expanded;
  const ParsedQuery& expanded(const Searcher& s, const std::shared_ptr<const Query::Impl>& q) {
    if (last_query != q) {
      last_expanded = s.with_other_forms(q->parsed);
      last_query = q;
    }
    return last_expanded;
  }
};

Database::Database(const std::string& path, const OpenOptions& options)
    : Database(std::vector<std::string>{path}, options) {}

Database::Database(const std::vector<std::string>& paths, const OpenOptions& options)
    : impl_(new Impl) {
  impl_->specs = paths;
  if (!(options.timeout_seconds >= 0.001 && options.timeout_seconds <= 3600)) {
    throw Error(
        fmt::format("timeout {}: a number of seconds from 0.001 to 3600", options.timeout_seconds));
  }
  impl_->collection.timeout_ms = static_cast<unsigned>(options.timeout_seconds * 1000 + 0.5);
  impl_->collection.allow_partial = options.allow_partial;
  impl_->collection.allow_programs = options.allow_programs;
  impl_->synonym_files = options.synonym_files;
  translated([&] { impl_->open(); });
}

Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

std::vector<Result> Database::search(const std::string& query, const SearchParams& params) {
  search_options(params);  // the parameters first, as ever
  return search(Query::parse(query), params);
}

std::vector<Result> Database::search(const Query& query, const SearchParams& params) {
  const SearchOptions options = search_options(params);
  std::vector<Hit> hits =
      impl_->run([&](Searcher& s) { return s.search(impl_->expanded(s, query.impl_), options); });
  std::vector<Result> results;
  results.reserve(hits.size());
  for (std::size_t i = 0; i < hits.size(); ++i)
    results.push_back(result_of(hits[i], params.offset + i + 1));
  return results;
}

Totals Database::count(const std::string& query) { return count(Query::parse(query)); }

Totals Database::count(const Query& query) {
  const Counts c =
      impl_->run([&](Searcher& s) { return s.count(impl_->expanded(s, query.impl_)); });
  return {c.passages, c.reports};
}

std::vector<FacetCount> Database::facet(const std::string& query, const std::string& field,
                                        std::size_t limit) {
  facet_of(field);  // the field first, as ever
  return facet(Query::parse(query), field, limit);
}

std::vector<FacetCount> Database::facet(const Query& query, const std::string& field,
                                        std::size_t limit) {
  const Facet facet = facet_of(field);
  check_limit(limit);
  const std::vector<FacetValue> values = impl_->run(
      [&](Searcher& s) { return s.facet(impl_->expanded(s, query.impl_), facet, limit); });
  std::vector<FacetCount> out;
  for (const FacetValue& v : values) out.push_back({or_none(v.value), v.count});
  return out;
}

std::vector<CitedDocument> Database::top_refs(std::size_t limit, const std::string& kind) {
  check_limit(limit);
  const std::string upper = upper_ascii(kind);
  if (!upper.empty() && !is_ref_kind(upper))
    throw Error(fmt::format("kind {}: not a kind of document: {}", upper, ref_kinds()));
  const std::vector<RefCount> refs =
      impl_->run([&](Searcher& s) { return s.top_refs(limit, upper); });
  std::vector<CitedDocument> out;
  for (const RefCount& r : refs) out.push_back({r.key, r.name, r.keys, r.passages, r.reports});
  return out;
}

std::string Database::suggestion(const std::string& query) {
  return suggestion(Query::parse(query));
}

std::string Database::suggestion(const Query& query) {
  return impl_->run([&](Searcher& s) { return s.suggestion(impl_->expanded(s, query.impl_)); });
}

std::vector<std::string> Database::missing_shards() const {
  std::vector<std::string> out;
  if (impl_->searcher) {
    for (const MissingShard& m : impl_->searcher->missing_shards()) out.push_back(m.why);
  }
  return out;
}

struct Indexer::Impl {
  std::vector<std::unique_ptr<IndexWriter>> writers;
};

Indexer::Indexer(const std::string& path) : impl_(new Impl) {
  translated([&] {
    impl_->writers = open_writers(path);
    if (impl_->writers.front()->segmenter() == nullptr) {
      set_segmenter(impl_->writers, load_model(shipped_model_path()));
      // Every shard has the model before any passage (as tracuu-index does).
      if (impl_->writers.size() > 1) {
        for (const auto& w : impl_->writers) w->commit();
      }
    }
  });
}

Indexer::~Indexer() = default;
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

void Indexer::add(const ReportInput& input) {
  translated([&] {
    // As a JSON line of tracuu-index's input, read by the same rules.
    nlohmann::json line = {{"id", input.id}, {"body", input.body}};
    if (!input.title.empty()) line["title"] = input.title;
    if (!input.date.empty()) line["date"] = input.date;
    if (!input.source.empty()) line["source"] = input.source;
    if (!input.url.empty()) line["url"] = input.url;
    const std::string where = "report \"" + input.id + "\"";
    // tracuu-index's limit on what one report is read from (ingest/formats.h).
    if (input.body.size() + input.title.size() > kMaxReportBytes) {
      throw Error(fmt::format("{}: {} bytes, more than the {} MiB one report may be read from",
                              where, input.body.size() + input.title.size(),
                              kMaxReportBytes >> 20));
    }
    Report report;
    try {
      report = parse_json_report(line.dump(), where, 1);
    } catch (const InputError& e) {
      throw Error(fmt::format("{}: {}", where, e.what()));
    }
    if (report.source.empty()) report.source = url_host(report.url);
    report.path = input.path;
    report.lines.clear();  // no file, no lines (Result::line is null)
    finish_report(report, where);
    const auto& writers = impl_->writers;
    writers[shard_of(report.id, writers.size())]->write(
        prepare_report(report, "", *writers.front()->segmenter()));
  });
}

bool Indexer::remove(const std::string& id) {
  return translated(
      [&] { return impl_->writers[shard_of(id, impl_->writers.size())]->delete_report(id); });
}

void Indexer::commit() {
  translated([&] {
    for (const auto& w : impl_->writers) w->commit();
  });
}

std::vector<std::string> segment(const std::string& text) {
  return translated([&] {
    static const Segmenter model = load_model(shipped_model_path());
    const std::string nfc = to_nfc(text);
    const std::vector<Unit> units = make_units(nfc, analyze(nfc));
    const std::vector<bool> joined = model.segment(units);
    // A word: a unit and those joined to it, from the first's start to the last's end.
    std::vector<std::string> words;
    for (std::size_t first = 0, i = 1; i <= units.size(); ++i) {
      if (i < units.size() && joined[i]) continue;
      words.push_back(nfc.substr(units[first].start, units[i - 1].end - units[first].start));
      first = i;
    }
    return words;
  });
}

}  // namespace tracuu
