// Writing reports into the index: one Xapian document per passage (see schema.h).
#pragma once

#include <memory>
#include <string>

namespace Xapian {
class Document;
}

namespace tracuu {

struct Report;
class Segmenter;

// The Xapian document for passage `ordinal` of `report`, its words found by `segmenter`.
Xapian::Document passage_document(const Report& report, std::size_t ordinal,
                                  const Segmenter& segmenter);

// Opens (creating if needed) the database at `path` for one indexing run. All changes
// form one transaction: they become visible together at commit(), and a writer destroyed
// without commit() leaves the database exactly as it was.
class IndexWriter {
 public:
  // Throws Error when the database is of another schema or locked by another writer.
  explicit IndexWriter(const std::string& path);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // The segmentation model stored in the database; nullptr for a new database, which needs
  // set_segmenter() before reports.
  const Segmenter* segmenter() const;

  // Makes `model` the database's model (a new database, or --relearn). Throws Error when
  // the database already has passages and `clear()` was not called.
  void set_segmenter(Segmenter model);

  // Removes every passage (for --relearn; visible at commit() like everything else).
  void clear();

  // Replaces every passage of report.id with the passages of `report`.
  void replace_report(const Report& report);

  // Makes all changes of this run durable and visible at once.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracuu
