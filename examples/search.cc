// Indexes two reports into the database DB (created if missing), then searches it:
//   tracuu-example DB [QUERY]    (QUERY: "thủy lợi" when not given)
#include <tracuu/tracuu.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB [QUERY]\n", argv[0]);
    return 2;
  }
  const std::string query = argc > 2 ? argv[2] : "thủy lợi";
  try {
    {
      tracuu::Indexer indexer(argv[1]);
      tracuu::ReportInput report;
      report.id = "r1";
      report.title = "Đê điều mùa lũ";
      report.body =
          "Hệ thống thủy lợi được gia cố trước mùa lũ.\nUBND tỉnh kiểm tra đê.";  // 2 passages
      report.date = "2024-09-09";
      indexer.add(report);
      report = {};
      report.id = "r2";
      report.title = "Tưới tiêu";
      report.body = "Công trình thuỷ lợi nội đồng được duy tu.";
      indexer.add(report);
      indexer.commit();
    }
    tracuu::Database db(argv[1]);
    tracuu::SearchParams params;
    params.limit = 5;
    for (const tracuu::Result& r : db.search(query, params)) {
      std::printf("%zu. %s (%s, passage %u, %s)\n   ", r.rank, r.title.c_str(), r.id.c_str(),
                  r.passage, r.date ? r.date->c_str() : "no date");
      std::size_t at = 0;
      for (const auto& [start, end] : r.highlights) {  // the matched words, between [ ]
        std::printf("%s[%s]", r.text.substr(at, start - at).c_str(),
                    r.text.substr(start, end - start).c_str());
        at = end;
      }
      std::printf("%s\n", r.text.substr(at).c_str());
    }
    const tracuu::Totals totals = db.count(query);
    std::printf("%llu passages in %llu reports\n", static_cast<unsigned long long>(totals.passages),
                static_cast<unsigned long long>(totals.reports));
  } catch (const tracuu::Error& e) {
    std::fprintf(stderr, "tracuu-example: %s\n", e.what());
    return 2;
  }
  return 0;
}
