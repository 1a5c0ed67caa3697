// The searcher segments queries exactly as the indexer segmented the documents: both use
// the model stored in the database.
#include <gtest/gtest.h>
#include <xapian.h>

#include <set>

#include "index/schema.h"
#include "index/segmentation.h"
#include "index/writer.h"
#include "ingest/report.h"
#include "query/query.h"
#include "query/searcher.h"
#include "segment/segmenter.h"
#include "support/temp_dir.h"

namespace tracuu {
namespace {

TEST(Consistency, SearcherAndIndexerSegmentAlikeFromTheStoredModel) {
  testing::TempDir dir;
  dir.write("corpus/a.txt",
            "Hội nghị\nChuyển đổi số và kinh tế tuần hoàn là hai nhiệm vụ trọng tâm.\n"
            "Ban Thường vụ Thành ủy Hà Nội họp về chuyển đổi số.\n");
  const std::string db = dir / "db";
  std::string stored_model;
  std::vector<std::string> texts = {"Chuyển đổi số và kinh tế tuần hoàn", "Thành ủy Hà Nội",
                                    "Tổng Bí thư Tô Lâm yêu cầu không né tránh khuyết điểm",
                                    "cán bộ và bộ máy"};
  std::vector<std::set<std::string>> indexed;
  {
    IndexWriter writer(db);
    ModelOptions options;
    ASSERT_TRUE(prepare_segmenter(writer, db, {(dir.path() / "corpus").string()}, options));
    ASSERT_NE(writer.segmenter(), nullptr);
    stored_model = writer.segmenter()->serialize();
    for (const std::string& text : texts) {
      Report r;
      r.id = "x";
      r.title = "t";
      r.passages = {text};
      std::set<std::string> words;
      const Xapian::Document doc = passage_document(r, 0, *writer.segmenter());
      for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string t = *it;
        if (t.find('_') != std::string::npos && t[0] >= 'a') words.insert(t);
      }
      indexed.push_back(words);
    }
    writer.commit();
  }
  EXPECT_EQ(Xapian::Database(db).get_metadata(std::string(schema::kSegmenterKey)), stored_model);
  Searcher searcher(db);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    SCOPED_TRACE(texts[i]);
    const auto terms = searcher.word_terms(parse_query(texts[i]));
    EXPECT_EQ(std::set<std::string>(terms.begin(), terms.end()), indexed[i]);
    EXPECT_FALSE(indexed[i].empty());
  }
}

}  // namespace
}  // namespace tracuu
