// What a search allocates does not grow with the collection: Xapian reserves room for as
// many results as a match asks for before it starts (matcher/multimatch.cc), and the
// searcher's matches over the passages of a few reports (the second step of the ranking,
// the labels) once asked for as many as the collection holds. This program replaces the
// global operator new to see the largest single allocation of a search (its own program,
// so that no other test runs with it; not under AddressSanitizer, which has its own).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "index/writer.h"
#include "ingest/report.h"
#include "query/query.h"
#include "query/searcher.h"
#include "segment/segmenter.h"
#include "support/temp_dir.h"

namespace {
std::atomic<bool> recording{false};
std::atomic<std::size_t> largest{0};
}  // namespace

#if defined(__SANITIZE_ADDRESS__)
#define TRACUU_ALLOCATIONS_SEEN 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRACUU_ALLOCATIONS_SEEN 0
#endif
#endif
#ifndef TRACUU_ALLOCATIONS_SEEN
#define TRACUU_ALLOCATIONS_SEEN 1

// (The replacement itself frees with free() what it took with malloc(); GCC sees operator
// delete's free() of what operator new returned.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  if (recording.load(std::memory_order_relaxed)) {
    std::size_t seen = largest.load(std::memory_order_relaxed);
    while (n > seen && !largest.compare_exchange_weak(seen, n)) {
    }
  }
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { ::operator delete(p); }
#pragma GCC diagnostic pop
#endif

namespace tracuu {
namespace {

using testing::TempDir;

// Report r0's `big` passages hold "Chống tham nhũng", once, twice in the first 50 and three
// times in the last 50; then `others` reports of 10 passages without it. The tests ask for
// "chống nhũng": no passage has the words side by side, so all are in the last tier, whose
// first 100 the second step orders again: the last 50, then the first 50, from the highest
// document ids to the lowest.
std::string build(const TempDir& dir, int big, int others) {
  const std::string path = dir / "db";
  IndexWriter writer(path);
  if (writer.segmenter() == nullptr) writer.set_segmenter(Segmenter());
  Report r0;
  r0.id = "r0";
  r0.title = "Báo cáo";
  r0.source = "r0.txt";
  for (int p = 0; p < big; ++p) {
    const int times = p >= big - 50 ? 3 : p < 50 ? 2 : 1;
    std::string text = fmt::format("Đoạn {} của báo cáo.", p);
    for (int k = 0; k < times; ++k) text += " Chống tham nhũng.";
    r0.passages.push_back(text);
  }
  writer.replace_report(r0);
  for (int r = 1; r <= others; ++r) {
    Report report;
    report.id = fmt::format("r{}", r);
    report.title = "Báo cáo";
    report.source = report.id + ".txt";
    for (int p = 0; p < 10; ++p) report.passages.push_back(fmt::format("Đoạn {}.", p));
    writer.replace_report(report);
  }
  writer.commit();
  return path;
}

std::vector<Hit> search(Searcher& searcher, const std::string& query) {
  const ParsedQuery parsed = parse_query(query);
  (void)searcher.search(parsed, 0, 10);  // the database opened, its tables read once
  largest = 0;
  recording = true;
  std::vector<Hit> hits = searcher.search(parsed, 0, 10);
  recording = false;
  return hits;
}

// 20,100 passages: a match asked for all of them reserves 20,101 results of 88 bytes (1.8
// MB); the search's matches hold the passages of one report.
TEST(MatchSize, ASearchAllocatesLessThanItsCollectionsSize) {
  if (!TRACUU_ALLOCATIONS_SEEN) GTEST_SKIP() << "operator new is AddressSanitizer's here";
  const TempDir dir;
  Searcher searcher(build(dir, 100, 2000));
  const std::vector<Hit> hits = search(searcher, "chống nhũng");
  ASSERT_EQ(hits.size(), 10u);
  for (const Hit& h : hits) {
    EXPECT_EQ(h.id, "r0");
    EXPECT_EQ(h.match, Match::kAll) << h.text;
  }
  EXPECT_LT(largest.load(), 20000u * 40) << "the largest allocation of one search, bytes";
}

// A report of more matching passages than the first match asks for (4,096, searcher.cc),
// its words in under a fifth of the passages (evidence for the second step): the second
// match reads them all, so the best passages, at the highest document ids, gain what the
// first 50 gain, and keep their place before them, labelled as the others.
TEST(MatchSize, MatchesBeyondTheFirstFetchAreAllRead) {
  const TempDir dir;
  Searcher searcher(build(dir, 6000, 3000));
  const std::vector<Hit> hits = search(searcher, "chống nhũng");
  ASSERT_EQ(hits.size(), 10u);
  for (const Hit& h : hits) {
    EXPECT_EQ(h.match, Match::kAll) << h.text;
    EXPECT_GE(h.passage, 5950u) << h.text;
  }
}

}  // namespace
}  // namespace tracuu
