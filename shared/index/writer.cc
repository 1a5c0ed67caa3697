#include "index/writer.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "error.h"
#include "hash.h"
#include "index/database.h"
#include "index/schema.h"
#include "index/segmentation.h"
#include "index/shards.h"
#include "index/terms.h"
#include "ingest/report.h"
#include "segment/segmenter.h"
#include "segment/words.h"
#include "text/analyze.h"
#include "text/refs.h"

namespace tracuu {
namespace {

std::string iso_date(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return {};
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

// Where the positions of an official document's number begin, after its title's.
constexpr Xapian::termpos kNumberPosition = 100000;

// The passage text gives folded words with positions, exact words and compounds; the
// title, context for each passage, the same folded words and compounds prefixed with S;
// on the report's first passage also with positions and exact forms (XT), where title:
// filters look for the title as typed; the heading of an official document's article,
// context for the article's other passages, its folded words as title words and its exact
// words (XH) (schema.h). `pos`: the position before the first word.
enum class Field { kPassage, kTitle, kFirstTitle, kHeading };

// How a field spells a word's term (terms.h), and the prefix terms::fits measures it with.
struct Spelling {
  std::string_view prefix;
  std::string (*term)(std::string_view form);
};

// Folded words and whole compounds: the passage's bare, the title's and heading's as title
// words.
Spelling folded_spelling(Field field) {
  if (field == Field::kPassage) return {{}, terms::folded};
  return {schema::kPrefixTitle, terms::title};
}

// Exact words: XE, XT or XH.
Spelling exact_spelling(Field field) {
  switch (field) {
    case Field::kPassage:
      return {schema::kPrefixExact, terms::exact};
    case Field::kHeading:
      return {schema::kPrefixHeadingExact, terms::heading_exact};
    case Field::kTitle:
    case Field::kFirstTitle:
      break;
  }
  return {schema::kPrefixTitleExact, terms::title_exact};
}

void add_text_terms(Xapian::Document& doc, std::string_view text, Field field,
                    const Segmenter* segmenter, Xapian::termpos pos = 0) {
  const bool passage = field == Field::kPassage;
  const bool positions = field == Field::kPassage || field == Field::kFirstTitle;
  const Spelling folded = folded_spelling(field);
  const Spelling exact = exact_spelling(field);
  const std::vector<Word> words = analyze(text);
  if (segmenter != nullptr) {  // a passage's
    for (const MultiUnitWord& w : multi_unit_words(text, words, *segmenter)) {
      if (terms::fits("", w.folded)) doc.add_term(terms::word(w));
      if (terms::fits(schema::kPrefixExact, w.exact)) doc.add_term(terms::word_exact(w));
    }
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    ++pos;
    if (terms::fits(folded.prefix, w.folded)) {
      if (positions)
        doc.add_posting(folded.term(w.folded), pos);
      else
        doc.add_term(folded.term(w.folded));
    }
    const bool exact_fits = w.has_letter && terms::fits(exact.prefix, w.exact);
    if (positions && exact_fits) {
      // Positions: the form typed, side by side. A title's exact words are only looked for
      // (title: filters, evidence), never weighed: no wdf, so that the first passage is no
      // longer than the others for BM25.
      doc.add_posting(exact.term(w.exact), pos, passage ? 1 : 0);
    } else if (field == Field::kHeading && exact_fits) {
      doc.add_boolean_term(exact.term(w.exact));
    }
    if (!w.joined && i + 1 < words.size() && words[i + 1].joined) {
      for (const std::string& whole : compound_terms(text, words, i, compound_end(words, i))) {
        if (terms::fits(folded.prefix, whole)) doc.add_term(folded.term(whole));
      }
    }
  }
}

}  // namespace

Xapian::Document passage_document(const Report& report, std::size_t ordinal,
                                  const Segmenter& segmenter) {
  const std::string& text = report.passages.at(ordinal);
  Xapian::Document doc;
  add_text_terms(doc, text, Field::kPassage, &segmenter);
  const Field title = ordinal == 0 ? Field::kFirstTitle : Field::kTitle;
  add_text_terms(doc, report.title, title, nullptr);
  // An official document's own number is part of its title context: "100/2015/QH13" (past
  // the title's positions: no phrase runs from one into the other).
  if (!report.number.empty()) add_text_terms(doc, report.number, title, nullptr, kNumberPosition);
  // A passage of an article after its heading ("Điều 353. Tội tham ô tài sản"): the heading
  // is its context, as the title is the report's.
  if (ordinal < report.articles.size() && !report.articles[ordinal].empty()) {
    std::size_t heading = ordinal;
    while (heading > 0 && report.articles[heading - 1] == report.articles[ordinal]) --heading;
    if (heading != ordinal) add_text_terms(doc, report.passages[heading], Field::kHeading, nullptr);
  }
  check_report_id(report.id, report.source);  // the readers check too, with line numbers
  doc.add_boolean_term(terms::report(report.id));

  if (!report.date.empty()) {
    doc.add_value(schema::kSlotDate, report.date);
    doc.add_value(schema::kSlotYear, report.date.substr(0, 4));
  }
  doc.add_value(schema::kSlotSource, report.source);
  for (const Word& w : analyze(report.source)) {
    if (terms::fits(schema::kPrefixSource, w.folded)) doc.add_boolean_term(terms::source(w.folded));
  }
  std::string refs;
  std::vector<std::string> seen;  // each document once in the facet value
  for (const DocumentRef& ref : find_refs(text)) {
    if (!terms::fits(schema::kPrefixRef, ref.key)) continue;
    if (std::find(seen.begin(), seen.end(), ref.key) != seen.end()) continue;
    seen.push_back(ref.key);
    doc.add_boolean_term(terms::ref(ref.key));
    if (!refs.empty()) refs += '\n';
    refs += ref.key;
  }
  if (!refs.empty()) doc.add_value(schema::kSlotRefs, refs);
  const std::string article =
      ordinal < report.articles.size() ? report.articles[ordinal] : std::string();
  if (!article.empty()) doc.add_boolean_term(terms::article(article));
  doc.add_value(schema::kSlotReport, report.id);
  doc.add_value(schema::kSlotOrdinal, Xapian::sortable_serialise(static_cast<double>(ordinal)));
  // Not a sentence: a heading, byline or number. Counted as a longer passage (schema.h).
  if (!is_prose(text)) doc.add_term(std::string(schema::kTermPadding), schema::kPaddingWdf);

  // The report's fields once, on its first passage (schema.h), not on every passage.
  nlohmann::json data = {{"passage", ordinal}};
  if (!article.empty()) data["article"] = article;
  if (ordinal < report.lines.size() && report.lines[ordinal] > 0)
    data["line"] = report.lines[ordinal];
  if (ordinal == 0) {
    data["id"] = report.id;
    data["title"] = report.title;
    data["source"] = report.source;
    data["path"] = report.path;
    data["url"] = report.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.url);
    data["date"] =
        report.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(iso_date(report.date));
    data["number"] =
        report.number.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.number);
  }
  data["text"] = text;
  doc.set_data(data.dump());
  return doc;
}

std::string report_hash(const Report& report, std::string_view file_key) {
  // FNV-1a over every field, each followed by a separator byte that text cannot hold.
  std::uint64_t h = kFnvOffset;
  auto mix = [&h](std::string_view s) { h = fnv1a_64("\xFF", fnv1a_64(s, h)); };
  mix(std::to_string(schema::kVersion));
  mix(std::to_string(schema::kAnalyzerVersion));
  mix(report.id);
  mix(report.title);
  mix(report.date);
  mix(report.source);
  mix(report.url);
  mix(report.number);
  mix(report.path);
  mix(file_key);
  // The counts first: passages [a, b] without articles differ from [a] with article b.
  mix(std::to_string(report.passages.size()));
  mix(std::to_string(report.articles.size()));
  for (const std::string& p : report.passages) mix(p);
  for (const std::string& a : report.articles) mix(a);
  mix(std::to_string(report.lines.size()));
  for (const std::size_t l : report.lines) mix(std::to_string(l));
  return fmt::format("{:016x}", h);
}

PreparedReport prepare_report(const Report& report, std::string_view file_key,
                              const Segmenter& segmenter) {
  PreparedReport prepared;
  prepared.id = report.id;
  const std::string hash = report_hash(report, file_key);
  const std::string file_term = terms::file(file_key);
  prepared.documents.reserve(report.passages.size());
  for (std::size_t i = 0; i < report.passages.size(); ++i) {
    Xapian::Document doc = passage_document(report, i, segmenter);
    doc.add_value(schema::kSlotHash, hash);
    // Paths too long for a term are not pruned, only replaced.
    if (!file_key.empty() && terms::file_fits(file_key)) doc.add_boolean_term(file_term);
    prepared.documents.push_back(std::move(doc));
  }
  return prepared;
}

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  std::string path;
  std::unique_ptr<Segmenter> segmenter;
  std::string segmenter_id;  // of the stored model; "" when there is none
  std::size_t pending = 0;
  bool in_transaction = false;

  void begin() {
    if (!in_transaction) {
      db.begin_transaction();
      in_transaction = true;
    }
  }
};

IndexWriter::IndexWriter(const std::string& path, bool load_model)
    : impl_(std::make_unique<Impl>()) {
  check_writable_location(path);
  // Xapian merges its buffered postings into the tables every XAPIAN_FLUSH_THRESHOLD
  // documents (default 10,000), also inside our batches; 2,000 takes less CPU and memory
  // (bench/README.md "Ingestion"). A value the user set wins.
  setenv("XAPIAN_FLUSH_THRESHOLD", "2000", 0);
  try {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    impl_->db =
        Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::DatabaseLockError&) {
    throw write_lock_error(path);
  } catch (const Xapian::DatabaseError& e) {
    if (is_corruption(e)) throw corrupt_database_error({path}, e.get_msg());
    // "mkdir failed", and why (Permission denied) apart.
    const char* why = e.get_error_string();
    throw Error(fmt::format("cannot open database '{}' for writing: {}{}", path, e.get_msg(),
                            why != nullptr ? fmt::format(" ({})", why) : ""));
  } catch (const std::filesystem::filesystem_error& e) {
    throw Error(fmt::format("cannot create database '{}': {}", path, e.code().message()));
  }
  check_schema(impl_->db, path, true);
  // A corrupt database found now is refused whole; found inside a commit, it can crash it.
  check_before_writing(impl_->db, path);
  impl_->path = path;
  impl_->begin();
  impl_->segmenter_id = impl_->db.get_metadata(std::string(schema::kSegmenterIdKey));
  if (impl_->segmenter_id.empty()) {
    // Databases from before the fingerprint was stored get it (once).
    if (const std::string model = impl_->db.get_metadata(std::string(schema::kSegmenterKey));
        !model.empty()) {
      impl_->segmenter_id = tracuu::segmenter_id(model);
      impl_->db.set_metadata(std::string(schema::kSegmenterIdKey), impl_->segmenter_id);
    }
  }
  if (load_model) load_segmenter();
  // Only when they change: a run that changes nothing makes no new revision.
  for (const auto& [key, value] :
       {std::pair{std::string(schema::kVersionKey), std::to_string(schema::kVersion)},
        std::pair{std::string(schema::kAnalyzerKey), std::to_string(schema::kAnalyzerVersion)}}) {
    if (impl_->db.get_metadata(key) != value) impl_->db.set_metadata(key, value);
  }
}

IndexWriter::~IndexWriter() {
  if (!impl_) return;
  // The open batch is dropped; the database keeps its last revision. Closing here, where
  // errors can be caught, keeps Xapian's own destructor from committing (and, on a full
  // disk, from throwing out of a destructor, which would abort the program).
  try {
    if (impl_->in_transaction) impl_->db.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
  try {
    impl_->db.close();
  } catch (const Xapian::Error&) {
  }
}

const std::string& IndexWriter::path() const { return impl_->path; }

const Segmenter* IndexWriter::segmenter() const { return impl_->segmenter.get(); }

void IndexWriter::set_segmenter(Segmenter model) {
  const std::string serialized = model.serialize();
  store_segmenter(serialized, tracuu::segmenter_id(serialized));
  model.prepare_for_bulk();
  impl_->segmenter = std::make_unique<Segmenter>(std::move(model));
}

void IndexWriter::share_segmenter(const IndexWriter& other) {
  // Its fingerprint as it is (in the form of the tracuu that made it): the shards are
  // checked for the same model by comparing them.
  store_segmenter(other.impl_->db.get_metadata(std::string(schema::kSegmenterKey)),
                  other.impl_->segmenter_id);
}

void IndexWriter::store_segmenter(const std::string& serialized, const std::string& id) {
  if (impl_->db.get_doccount() > 0) {
    throw Error(
        fmt::format("'{}' already has a segmentation model and passages segmented with "
                    "it; to change the model, rebuild it with --relearn",
                    impl_->path));
  }
  impl_->begin();
  impl_->segmenter_id = id;
  impl_->db.set_metadata(std::string(schema::kSegmenterKey), serialized);
  impl_->db.set_metadata(std::string(schema::kSegmenterIdKey), impl_->segmenter_id);
  // The searcher's fast copy (schema.h): used only when its fingerprint is the one just
  // set, so one left by a run that then failed is never read as this database's model.
  (void)write_model_file(impl_->path, serialized);
}

const std::string& IndexWriter::segmenter_id() const { return impl_->segmenter_id; }

void IndexWriter::restore_model_file(const std::string* serialized) {
  if (impl_->segmenter_id.empty() || model_file_is(impl_->path, impl_->segmenter_id)) return;
  (void)write_model_file(impl_->path,
                         serialized != nullptr
                             ? *serialized
                             : impl_->db.get_metadata(std::string(schema::kSegmenterKey)));
}

void IndexWriter::load_segmenter() {
  const std::string model = impl_->db.get_metadata(std::string(schema::kSegmenterKey));
  if (model.empty()) return;
  try {
    impl_->segmenter = std::make_unique<Segmenter>(Segmenter::deserialize(
        model, fmt::format("{} (its {} metadata)", impl_->path, schema::kSegmenterKey)));
    restore_model_file(&model);
  } catch (const ModelError& e) {
    throw Error(e.what());
  }
  impl_->segmenter->prepare_for_bulk();
}

void IndexWriter::replace_report(const Report& report) {
  if (!impl_->segmenter) throw std::logic_error("IndexWriter: no segmentation model set");
  // Build every document first: a report that cannot be built changes nothing.
  write(prepare_report(report, "", *impl_->segmenter));
}

void IndexWriter::write(const PreparedReport& prepared) {
  if (impl_->segmenter_id.empty()) throw std::logic_error("IndexWriter: no segmentation model set");
  impl_->begin();
  const std::string id_term = terms::report(prepared.id);
  impl_->pending += impl_->db.get_termfreq(id_term);
  impl_->db.delete_document(id_term);
  for (const auto& doc : prepared.documents) impl_->db.add_document(doc);
  impl_->pending += prepared.documents.size();
}

bool IndexWriter::delete_report(const std::string& id) {
  const std::string id_term = terms::report(id);
  const Xapian::doccount n = impl_->db.get_termfreq(id_term);
  if (n == 0) return false;
  impl_->begin();
  impl_->db.delete_document(id_term);
  impl_->pending += n;
  return true;
}

std::vector<std::string> IndexWriter::reports_of_file(const std::string& file_key) {
  const std::string file_term = terms::file(file_key);
  std::vector<std::string> ids;
  for (auto it = impl_->db.postlist_begin(file_term); it != impl_->db.postlist_end(file_term);
       ++it) {
    std::string id = impl_->db.get_document(*it).get_value(schema::kSlotReport);
    if (ids.empty() || ids.back() != id) ids.push_back(std::move(id));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> IndexWriter::files_under(const std::string& prefix) {
  const std::string term_prefix = terms::file(prefix);
  std::vector<std::string> files;
  for (auto it = impl_->db.allterms_begin(term_prefix); it != impl_->db.allterms_end(term_prefix);
       ++it) {
    files.push_back((*it).substr(schema::kPrefixFile.size()));
  }
  return files;
}

std::size_t IndexWriter::pending() const { return impl_->pending; }

void IndexWriter::commit() {
  impl_->begin();  // so that set-up alone (metadata) is committed too
  impl_->db.commit_transaction();
  impl_->in_transaction = false;
  impl_->pending = 0;
}

std::vector<std::unique_ptr<IndexWriter>> open_writers(const std::string& path) {
  std::vector<std::unique_ptr<IndexWriter>> writers;
  const std::string shard_key(schema::kShardKey);
  if (!is_sharded(path)) {
    writers.push_back(std::make_unique<IndexWriter>(path));
    if (const std::string shard = writers.back()->impl_->db.get_metadata(shard_key);
        !shard.empty()) {
      // Written on its own, it would take reports that belong to other shards.
      throw Error(
          fmt::format("'{}' is shard {} of a sharded database: index through --db "
                      "with the folder that holds its tracuu.stub",
                      path, shard));
    }
    return writers;
  }
  const std::vector<std::string> shards = local_shards(path);
  for (std::size_t k = 0; k < shards.size(); ++k) {
    writers.push_back(std::make_unique<IndexWriter>(shards[k], false));
    Xapian::WritableDatabase& db = writers.back()->impl_->db;
    const std::string expected = fmt::format("{}/{}", k, shards.size());
    const std::string recorded = db.get_metadata(shard_key);
    if (recorded.empty()) {
      db.set_metadata(shard_key, expected);
    } else if (recorded != expected) {
      throw Error(
          fmt::format("'{}' is shard {} of a database, not shard {}: the stub file of "
                      "'{}' does not list the shards it was made with",
                      shards[k], recorded, expected, path));
    }
  }
  // The model is read from the first shard that has one (a first run stopped early may
  // have committed some shards only), and given to those without.
  std::size_t reference = 0;
  while (reference + 1 < writers.size() && writers[reference]->segmenter_id().empty()) ++reference;
  writers[reference]->load_segmenter();
  const IndexWriter& first = *writers[reference];
  for (std::size_t k = 0; k < writers.size(); ++k) {
    IndexWriter& w = *writers[k];
    if (w.segmenter_id().empty() && !first.segmenter_id().empty()) w.share_segmenter(first);
    if (k != reference) w.restore_model_file();
    if (w.segmenter_id() != first.segmenter_id()) {
      throw Error(
          fmt::format("'{}' has another segmentation model than '{}': the shards of one "
                      "database share one model (rebuild with --relearn)",
                      shards[k], shards[reference]));
    }
  }
  return writers;
}

void set_segmenter(const std::vector<std::unique_ptr<IndexWriter>>& writers, Segmenter model) {
  writers.front()->set_segmenter(std::move(model));
  for (std::size_t k = 1; k < writers.size(); ++k) writers[k]->share_segmenter(*writers.front());
}

}  // namespace tracuu
