// Micro-benchmarks of the pipeline stages, one per stage, in MB/s of their input, on real
// text (see bench/README.md "Micro-benchmarks").
//
//   tracuu-bench-micro [--corpus=PATH] [--corpus-mb=N] [Google Benchmark flags]
//
// PATH (a folder or file; else $TRACUU_BENCH_CORPUS, else the repository's corpus/) gives
// the .txt reports read at start, in name order, until N MB (default 4; $TRACUU_BENCH_MB).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "index/database.h"
#include "index/index_run.h"
#include "index/model_file.h"
#include "index/segmentation.h"
#include "index/writer.h"
#include "ingest/report.h"
#include "segment/segmenter.h"
#include "segment/units.h"
#include "text/analyze.h"
#include "text/decode.h"
#include "text/encoding.h"
#include "text/fold.h"
#include "text/normalize.h"
#include "text/refs.h"
#include "text/sentences.h"
#include "text/tokenize.h"

using namespace tracuu;
namespace fs = std::filesystem;

namespace {

class Quiet : public IndexObserver {
 public:
  void skipped(const std::string&, const std::string&) override {}
  void note(const std::string&) override {}
  void progress(const IndexStats&) override {}
};

// The sample every benchmark runs over, loaded once.
struct Sample {
  std::vector<std::string> files;        // raw bytes of the .txt files
  std::vector<Report> reports;           // as the indexer parses them
  std::vector<std::string> passages;     // NFC paragraphs of the reports
  std::vector<std::string> nfd;          // the same, decomposed (to_nfc's slow path)
  std::vector<std::vector<Word>> words;  // analyze() of each passage
  std::vector<std::vector<Unit>> units;  // make_units() of each passage
  std::vector<std::string> tokens;       // every token of every passage, as written
  std::vector<std::string> exact;        // normalize_token() of each token
  std::size_t file_bytes = 0, passage_bytes = 0, nfd_bytes = 0, token_bytes = 0, exact_bytes = 0;
  Segmenter bulk;    // the shipped model, ready for bulk (as the indexer uses it)
  Segmenter lookup;  // the same, binary search (as the searcher uses it)
};

Sample& sample() {
  static Sample s;
  return s;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string nfd_of(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfd->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                     nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFD failed");
  return out;
}

void load(const std::string& corpus, std::size_t max_bytes) {
  Sample& s = sample();
  std::vector<fs::path> paths;
  if (!fs::exists(corpus))
    throw std::runtime_error(fmt::format("{}: no such file or folder", corpus));
  if (fs::is_directory(corpus)) {
    for (const auto& e : fs::recursive_directory_iterator(corpus)) {
      if (e.is_regular_file() && e.path().extension() == ".txt") paths.push_back(e.path());
    }
  } else {
    paths.emplace_back(corpus);
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> chosen;
  for (const fs::path& p : paths) {
    if (s.file_bytes >= max_bytes) break;
    s.files.push_back(read_bytes(p));
    s.file_bytes += s.files.back().size();
    chosen.push_back(p.string());
  }
  Quiet quiet;
  for_each_report(chosen, quiet,
                  [&](const Report& r, const std::string&) { s.reports.push_back(r); });
  for (const Report& r : s.reports) {
    for (const std::string& p : r.passages) {
      s.passages.push_back(p);
      s.passage_bytes += p.size();
      s.nfd.push_back(nfd_of(p));
      s.nfd_bytes += s.nfd.back().size();
      s.words.push_back(analyze(p));
      s.units.push_back(make_units(p, s.words.back()));
      for (const Token& t : tokenize(p)) {
        s.tokens.emplace_back(p.substr(t.start, t.end - t.start));
        s.token_bytes += s.tokens.back().size();
        s.exact.push_back(normalize_token(s.tokens.back()));
        s.exact_bytes += s.exact.back().size();
      }
    }
  }
  s.lookup = load_model(shipped_model_path());
  s.bulk = load_model(shipped_model_path());
  s.bulk.prepare_for_bulk();
  fmt::print(stderr,
             "corpus {}: {} files, {:.2f} MB; {} reports, {} passages, {:.2f} MB NFC; {} tokens\n",
             corpus, s.files.size(), static_cast<double>(s.file_bytes) / 1e6, s.reports.size(),
             s.passages.size(), static_cast<double>(s.passage_bytes) / 1e6, s.tokens.size());
}

void bytes_per_iteration(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes));
}

// Stage 1: decoding the files' bytes.
void BM_DecodeText(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& f : s.files) benchmark::DoNotOptimize(decode_text(f));
  }
  bytes_per_iteration(state, s.file_bytes);
}
BENCHMARK(BM_DecodeText)->Unit(benchmark::kMillisecond);

void BM_DecodeAny(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& f : s.files) benchmark::DoNotOptimize(decode_any(f));
  }
  bytes_per_iteration(state, s.file_bytes);
}
BENCHMARK(BM_DecodeAny)->Unit(benchmark::kMillisecond);

// Stage 2: NFC of passages already in NFC (the usual case: the check only) and of NFD.
void BM_ToNfc(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& p : s.passages) benchmark::DoNotOptimize(to_nfc(p));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_ToNfc)->Unit(benchmark::kMillisecond);

void BM_ToNfcFromNfd(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& p : s.nfd) benchmark::DoNotOptimize(to_nfc(p));
  }
  bytes_per_iteration(state, s.nfd_bytes);
}
BENCHMARK(BM_ToNfcFromNfd)->Unit(benchmark::kMillisecond);

// Stage 3: tokens with offsets.
void BM_Tokenize(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& p : s.passages) benchmark::DoNotOptimize(tokenize(p));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// The per-token work of analyze(): normalize_token, then fold_diacritics; MB/s of tokens.
void BM_NormalizeAndFoldTokens(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& t : s.tokens) {
      const std::string exact = normalize_token(t);
      benchmark::DoNotOptimize(fold_diacritics(exact));
    }
  }
  bytes_per_iteration(state, s.token_bytes);
}
BENCHMARK(BM_NormalizeAndFoldTokens)->Unit(benchmark::kMillisecond);

void BM_NormalizeToken(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& t : s.tokens) benchmark::DoNotOptimize(normalize_token(t));
  }
  bytes_per_iteration(state, s.token_bytes);
}
BENCHMARK(BM_NormalizeToken)->Unit(benchmark::kMillisecond);

// analyze() of whole passages: tokenize + normalize_token + fold_diacritics.
void BM_Analyze(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& p : s.passages) benchmark::DoNotOptimize(analyze(p));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_Analyze)->Unit(benchmark::kMillisecond);

// Stage 4: folding, of normalized tokens and of running text.
void BM_FoldDiacritics(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& t : s.exact) benchmark::DoNotOptimize(fold_diacritics(t));
  }
  bytes_per_iteration(state, s.exact_bytes);
}
BENCHMARK(BM_FoldDiacritics)->Unit(benchmark::kMillisecond);

void BM_FoldText(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& p : s.passages) benchmark::DoNotOptimize(fold_text(p));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_FoldText)->Unit(benchmark::kMillisecond);

// Stage 5: segmentation. Units from analyzed words; the segmenter alone on ready units (the
// issue's target, ≥ 20 MB/s), with the indexer's hash tables and with the searcher's
// binary search; and both steps together.
void BM_MakeUnits(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (std::size_t i = 0; i < s.passages.size(); ++i) {
      benchmark::DoNotOptimize(make_units(s.passages[i], s.words[i]));
    }
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_MakeUnits)->Unit(benchmark::kMillisecond);

void BM_Segment(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const auto& u : s.units) benchmark::DoNotOptimize(s.bulk.segment(u));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

void BM_SegmentBinarySearch(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const auto& u : s.units) benchmark::DoNotOptimize(s.lookup.segment(u));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_SegmentBinarySearch)->Unit(benchmark::kMillisecond);

void BM_MakeUnitsAndSegment(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (std::size_t i = 0; i < s.passages.size(); ++i) {
      benchmark::DoNotOptimize(s.bulk.segment(make_units(s.passages[i], s.words[i])));
    }
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_MakeUnitsAndSegment)->Unit(benchmark::kMillisecond);

// Loading the shipped model, per load. BM_LoadModel: read and checked whole into tables of
// its own, as the indexer loads a model file (load_model). BM_MapModelAndSegmentAQuery: as
// each tracuu-search process does, the model file beside a database mapped anew and looked
// up in place (model_beside_database), one short query segmented to touch what it needs.
void BM_LoadModel(benchmark::State& state) {
  const std::string path = shipped_model_path();
  for (auto _ : state) benchmark::DoNotOptimize(load_model(path));
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond);

void BM_MapModelAndSegmentAQuery(benchmark::State& state) {
  const fs::path folder =
      fs::temp_directory_path() / fmt::format("tracuu-bench-micro-{}", ::getpid());
  fs::create_directories(folder);
  const std::string bytes = read_bytes(shipped_model_path());
  const std::string id = segmenter_id(bytes);
  if (!write_model_file(folder.string(), bytes)) {
    state.SkipWithError("cannot write the model file");
    return;
  }
  const std::string query = "Tổng Bí thư yêu cầu không né tránh khuyết điểm";
  const std::vector<Unit> units = make_units(query, analyze(query));
  for (auto _ : state) {
    const std::optional<Segmenter> model = model_beside_database(folder.string(), id);
    if (!model) {
      state.SkipWithError("the model file was not taken");
      break;
    }
    benchmark::DoNotOptimize(model->segment(units));
  }
  std::error_code ec;
  fs::remove_all(folder, ec);
}
BENCHMARK(BM_MapModelAndSegmentAQuery)->Unit(benchmark::kMillisecond);

// What the indexer does beside the pipeline: sentences (for long paragraphs), references.
void BM_SplitSentences(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& p : s.passages) benchmark::DoNotOptimize(split_sentences(p));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_SplitSentences)->Unit(benchmark::kMillisecond);

void BM_FindRefs(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& p : s.passages) benchmark::DoNotOptimize(find_refs(p));
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_FindRefs)->Unit(benchmark::kMillisecond);

// Term generation: the Xapian document of every passage, all the indexer's per-passage
// analysis (passage and title terms, segmentation, references, data); MB/s of passages.
void BM_PassageDocument(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const Report& r : s.reports) {
      for (std::size_t i = 0; i < r.passages.size(); ++i) {
        benchmark::DoNotOptimize(passage_document(r, i, s.bulk));
      }
    }
  }
  bytes_per_iteration(state, s.passage_bytes);
}
BENCHMARK(BM_PassageDocument)->Unit(benchmark::kMillisecond);

// The text pipeline in one loop, per file: decode → NFC → tokenize → normalize and fold
// each token (analyze); MB/s of file bytes (the target: ≥ 100 MB/s).
void BM_TextPipeline(benchmark::State& state) {
  const Sample& s = sample();
  for (auto _ : state) {
    for (const std::string& f : s.files) {
      const std::string nfc = to_nfc(decode_text(f));
      benchmark::DoNotOptimize(analyze(nfc));
    }
  }
  bytes_per_iteration(state, s.file_bytes);
}
BENCHMARK(BM_TextPipeline)->Unit(benchmark::kMillisecond);

// Takes `--name=VALUE` out of argv (Google Benchmark rejects flags it does not know).
std::string take_flag(int& argc, char** argv, std::string_view name) {
  const std::string prefix = "--" + std::string(name) + "=";
  std::string value;
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.substr(0, prefix.size()) == prefix) {
      value = std::string(arg.substr(prefix.size()));
    } else {
      argv[out++] = argv[i];
    }
  }
  argc = out;
  return value;
}

std::string env_or(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = take_flag(argc, argv, "corpus");
  std::string mb = take_flag(argc, argv, "corpus-mb");
  if (corpus.empty()) corpus = env_or("TRACUU_BENCH_CORPUS", TRACUU_BENCH_DEFAULT_CORPUS);
  if (mb.empty()) mb = env_or("TRACUU_BENCH_MB", "4");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  try {
    load(corpus, static_cast<std::size_t>(std::stod(mb) * 1e6));
  } catch (const std::exception& e) {
    fmt::print(stderr, "tracuu-bench-micro: {}\n", e.what());
    return 2;
  }
  if (sample().files.empty() || sample().passages.empty()) {
    fmt::print(stderr, "tracuu-bench-micro: no .txt reports in {}\n", corpus);
    return 2;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
