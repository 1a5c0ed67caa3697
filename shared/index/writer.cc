#include "index/writer.h"

#include <fmt/format.h>
#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "error.h"
#include "index/database.h"
#include "index/report.h"
#include "index/schema.h"
#include "segment/segmenter.h"
#include "segment/words.h"
#include "text/analyze.h"

namespace tracuu {
namespace {

std::string iso_date(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return {};
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

bool fits(std::size_t prefix, const std::string& term) {
  return !term.empty() && prefix + term.size() <= schema::kMaxTermBytes;
}

// The passage text gives folded words with positions, exact words and compounds; the
// title, context for each passage, gives the same folded words and compounds prefixed
// with S, without positions or exact forms.
enum class Field { kPassage, kTitle };

void add_text_terms(Xapian::Document& doc, std::string_view text, Field field,
                    const Segmenter* segmenter) {
  const bool passage = field == Field::kPassage;
  const std::string prefix = passage ? "" : std::string(schema::kPrefixTitle);
  const std::string exact_prefix(schema::kPrefixExact);
  const std::vector<Word> words = analyze(text);
  if (segmenter != nullptr) {
    for (const MultiUnitWord& w : multi_unit_words(text, words, *segmenter)) {
      if (fits(0, w.folded)) doc.add_term(w.folded);
      if (fits(exact_prefix.size(), w.exact)) doc.add_term(exact_prefix + w.exact);
    }
  }
  Xapian::termpos pos = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    ++pos;
    if (fits(prefix.size(), w.folded)) {
      if (passage) doc.add_posting(w.folded, pos);
      else doc.add_term(prefix + w.folded);
    }
    if (passage && w.has_letter && fits(exact_prefix.size(), w.exact)) {
      doc.add_posting(exact_prefix + w.exact, pos);  // positions: the form typed, side by side
    }
    if (!w.joined && i + 1 < words.size() && words[i + 1].joined) {
      for (const std::string& whole : compound_terms(text, words, i, compound_end(words, i))) {
        if (fits(prefix.size(), whole)) doc.add_term(prefix + whole);
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
  add_text_terms(doc, report.title, Field::kTitle, nullptr);
  check_report_id(report.id, report.source);  // the readers check too, with line numbers
  doc.add_boolean_term(std::string(schema::kPrefixReport) + report.id);

  if (!report.date.empty()) {
    doc.add_value(schema::kSlotDate, report.date);
    doc.add_value(schema::kSlotYear, report.date.substr(0, 4));
  }
  doc.add_value(schema::kSlotSource, report.source);
  for (const Word& w : analyze(report.source)) {
    if (fits(schema::kPrefixSource.size(), w.folded)) {
      doc.add_boolean_term(std::string(schema::kPrefixSource) + w.folded);
    }
  }
  doc.add_value(schema::kSlotReport, report.id);
  doc.add_value(schema::kSlotOrdinal, Xapian::sortable_serialise(static_cast<double>(ordinal)));
  // Not a sentence: a heading, byline or number. Counted as a longer passage (schema.h).
  if (!is_prose(text)) doc.add_term(std::string(schema::kTermPadding), schema::kPaddingWdf);

  nlohmann::json data = {
      {"id", report.id},
      {"title", report.title},
      {"passage", ordinal},
      {"source", report.source},
      {"url", report.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.url)},
      {"date", report.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(iso_date(report.date))},
      {"text", text},
  };
  doc.set_data(data.dump());
  return doc;
}

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  std::string path;
  std::unique_ptr<Segmenter> segmenter;
  bool cleared = false;
  bool committed = false;
};

IndexWriter::IndexWriter(const std::string& path) : impl_(std::make_unique<Impl>()) {
  check_writable_location(path);
  try {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw Error(fmt::format("database '{}' is locked: another tracuu-index is writing to it",
                            path));
  } catch (const Xapian::DatabaseError& e) {
    throw Error(fmt::format("cannot open database '{}' for writing: {}", path, e.get_msg()));
  } catch (const std::filesystem::filesystem_error& e) {
    throw Error(fmt::format("cannot create database '{}': {}", path, e.code().message()));
  }
  check_schema(impl_->db, path, true);
  impl_->path = path;
  if (const std::string model = impl_->db.get_metadata(std::string(schema::kSegmenterKey));
      !model.empty()) {
    try {
      impl_->segmenter = std::make_unique<Segmenter>(
          Segmenter::deserialize(model, fmt::format("{} (its {} metadata)", path, schema::kSegmenterKey)));
    } catch (const ModelError& e) {
      throw Error(e.what());
    }
    impl_->segmenter->prepare_for_bulk();
  }
  impl_->db.begin_transaction();
  impl_->db.set_metadata(std::string(schema::kVersionKey), std::to_string(schema::kVersion));
  impl_->db.set_metadata(std::string(schema::kAnalyzerKey),
                         std::to_string(schema::kAnalyzerVersion));
}

IndexWriter::~IndexWriter() {
  if (impl_ && !impl_->committed) {
    try {
      impl_->db.cancel_transaction();
    } catch (const Xapian::Error&) {
      // Nothing was committed either way; the database keeps its last revision.
    }
  }
}

const Segmenter* IndexWriter::segmenter() const { return impl_->segmenter.get(); }

void IndexWriter::set_segmenter(Segmenter model) {
  if (!impl_->cleared && impl_->db.get_doccount() > 0) {
    throw Error(fmt::format("'{}' already has a segmentation model and passages segmented with "
                            "it; to change the model, rebuild it with --relearn",
                            impl_->path));
  }
  impl_->db.set_metadata(std::string(schema::kSegmenterKey), model.serialize());
  model.prepare_for_bulk();
  impl_->segmenter = std::make_unique<Segmenter>(std::move(model));
}

void IndexWriter::clear() {
  std::vector<Xapian::docid> ids;
  for (auto it = impl_->db.postlist_begin(""); it != impl_->db.postlist_end(""); ++it) {
    ids.push_back(*it);
  }
  for (Xapian::docid id : ids) impl_->db.delete_document(id);
  impl_->cleared = true;
}

void IndexWriter::replace_report(const Report& report) {
  if (!impl_->segmenter) throw std::logic_error("IndexWriter: no segmentation model set");
  // Build every document first: a report that cannot be built changes nothing.
  std::vector<Xapian::Document> docs;
  docs.reserve(report.passages.size());
  for (std::size_t i = 0; i < report.passages.size(); ++i) {
    docs.push_back(passage_document(report, i, *impl_->segmenter));
  }
  impl_->db.delete_document(std::string(schema::kPrefixReport) + report.id);
  for (const auto& doc : docs) impl_->db.add_document(doc);
}

void IndexWriter::commit() {
  impl_->db.commit_transaction();
  impl_->committed = true;
}

}  // namespace tracuu
