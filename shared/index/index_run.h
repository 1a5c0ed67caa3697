// One indexing run: expand the command-line paths into input files, read their reports,
// and write them through an IndexWriter. Problems with the input are reported and the
// input skipped; only database failures are fatal (and then nothing is committed).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace tracuu {

class IndexWriter;
struct Report;

struct IndexStats {
  std::size_t files = 0;
  std::size_t reports = 0;
  std::size_t passages = 0;
  std::size_t skipped = 0;  // inputs not indexed: files, JSON lines, duplicate reports
  std::size_t bytes = 0;    // bytes read from input files
  double seconds = 0;
};

// Receives what a run has to say; the program decides how to show it.
class IndexObserver {
 public:
  virtual ~IndexObserver() = default;
  // Input that was skipped: where ("file", "file:line", "file: byte N") and why.
  virtual void skipped(const std::string& where, const std::string& why) = 0;
  // Something worth knowing that is not a problem (files of other types ignored).
  virtual void note(const std::string& what) = 0;
  // Called after each file.
  virtual void progress(const IndexStats& so_far) = 0;
};

// Supported input formats, by file name.
enum class InputFormat { kText, kJsonLines, kUnsupported };
InputFormat input_format(const std::string& path);

// Reads the reports of `paths` (files and folders, recursively) and gives each to `sink`,
// reporting what cannot be read to `observer`. A report whose id came earlier in the run
// is skipped; `sink` may throw InputError to skip a report.
IndexStats for_each_report(const std::vector<std::string>& paths, IndexObserver& observer,
                           const std::function<void(const Report&)>& sink);

// Indexes `paths` into `writer` without committing.
IndexStats index_paths(IndexWriter& writer, const std::vector<std::string>& paths,
                       IndexObserver& observer);

}  // namespace tracuu
