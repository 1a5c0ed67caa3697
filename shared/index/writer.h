// Writing reports into the index: one Xapian document per passage (see schema.h).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

struct Report;
class Segmenter;

// The Xapian documents of one report, ready to be written: built away from the writer
// (on another thread), so that analysis and writing overlap.
struct PreparedReport {
  std::string id;
  std::vector<Xapian::Document> documents;  // one per passage, in order
};

// A fingerprint of everything a report's documents are made from (its fields, passages,
// articles, input file, and the schema and analyzer versions): when a report comes again
// with the same hash, re-indexing it would change nothing. 16 hex digits (FNV-1a, 64 bits).
std::string report_hash(const Report& report, std::string_view file_key);

// The documents of `report`, its words found by `segmenter`. `file_key` names the input
// file the report came from (absolute path; "" for stdin), for --prune.
PreparedReport prepare_report(const Report& report, std::string_view file_key,
                              const Segmenter& segmenter);

// The Xapian document for passage `ordinal` of `report` (what prepare_report makes,
// without the hash and file terms).
Xapian::Document passage_document(const Report& report, std::size_t ordinal,
                                  const Segmenter& segmenter);

// Opens (creating if needed) the database at `path` for one indexing run. Changes are
// written in batches: each commit() makes the batch since the last one durable and
// visible at once, and a writer destroyed without commit() drops only the open batch —
// the database keeps its last committed revision, which is always a whole number of
// reports (a report is never split across batches).
class IndexWriter {
 public:
  // Throws Error when the database is of another schema or locked by another writer.
  // Without `load_model`, the database's model is not read into memory (segmenter() is
  // nullptr): a shard other than the first, whose documents are made with the first's.
  explicit IndexWriter(const std::string& path, bool load_model = true);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  const std::string& path() const;

  // The segmentation model stored in the database; nullptr for a new database, which needs
  // set_segmenter() before reports.
  const Segmenter* segmenter() const;

  // Makes `model` the database's model. Throws Error when the database already has
  // passages (they were segmented with its model; --relearn builds a new database).
  void set_segmenter(Segmenter model);

  // Gives this database the model of `other` (another shard of the same database) without
  // keeping a copy in memory: documents for every shard are made with the first's model.
  // Throws Error as set_segmenter does.
  void share_segmenter(const IndexWriter& other);

  // The fingerprint of the database's model (database.h segmenter_id); "" when it has none.
  const std::string& segmenter_id() const;

  // Replaces every passage of report.id with the passages of `report` (tests, tools).
  void replace_report(const Report& report);

  // Replaces every passage of prepared.id with prepared.documents.
  void write(const PreparedReport& prepared);

  // Removes every passage of report `id`; false when there was none.
  bool delete_report(const std::string& id);

  // The ids of the reports read from input file `file_key`.
  std::vector<std::string> reports_of_file(const std::string& file_key);

  // The input files (file keys) of indexed reports whose key starts with `prefix`.
  std::vector<std::string> files_under(const std::string& prefix);

  // Passages written or deleted since the last commit().
  std::size_t pending() const;

  // Makes the changes since the last commit durable and visible at once.
  void commit();

 private:
  friend std::vector<std::unique_ptr<IndexWriter>> open_writers(const std::string& path);
  void store_segmenter(const std::string& serialized, const std::string& id);
  // Reads the stored model into memory (segmenter()), if there is one.
  void load_segmenter();
  // Writes the model file beside the database (schema.h) when it is missing or another
  // model's: made before there was one, or compacted. `serialized`: the model, when the
  // caller has read it already (else it is read from the metadata).
  void restore_model_file(const std::string* serialized = nullptr);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The writers of the database at `path`: one, or one per shard when `path` is a sharded
// database folder (shards.h), in shard order, the model read into the first only. Throws
// Error when a shard has another model than the first, or is not the shard the stub says.
std::vector<std::unique_ptr<IndexWriter>> open_writers(const std::string& path);

// Makes `model` the model of every writer (of a new or relearned database).
void set_segmenter(const std::vector<std::unique_ptr<IndexWriter>>& writers, Segmenter model);

}  // namespace tracuu
