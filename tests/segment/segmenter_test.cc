// The segmenter: units, features, models and their files, training, corpus n-grams.
#include "segment/segmenter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>

#include "error.h"
#include "index/segmentation.h"
#include "segment/corpus.h"
#include "segment/lexicon_file.h"
#include "segment/model_tables.h"
#include "segment/train.h"
#include "segment/units.h"
#include "support/temp_dir.h"
#include "text/analyze.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace tracuu {
namespace {

std::vector<Unit> units_of(const std::string& text) { return make_units(text, analyze(text)); }

std::string segmented(const Segmenter& s, const std::string& text) {
  const std::string nfc = to_nfc(text);
  const auto units = units_of(nfc);
  return underscore_words(nfc, units, s.segment(units));
}

const Segmenter& shipped() {
  static const Segmenter model = load_model(shipped_model_path());
  return model;
}

TEST(Units, OnePerSyllableNumberOrCompound) {
  struct Case {
    std::string text;
    std::vector<std::string> forms;
    std::vector<bool> space_before;
  };
  const Case cases[] = {
      {"Hà Nội", {"hà", "nội"}, {false, true}},
      {"Nghị quyết 60-NQ/TW, ngày 16/6/2025",
       {"nghị", "quyết", "60-nq/tw", "ngày", "16/6/2025"},
       {false, true, true, false, true}},
      {"TP.HCM  và   UBND", {"tp.hcm", "và", "ubnd"}, {false, true, true}},
      {"a (b) c", {"a", "b", "c"}, {false, false, false}},
      {"", {}, {}},
      {"  ...  ", {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto units = units_of(c.text);
    std::vector<std::string> forms;
    std::vector<bool> spaces;
    for (const Unit& u : units) {
      forms.push_back(u.form);
      spaces.push_back(u.space_before);
    }
    EXPECT_EQ(forms, c.forms);
    EXPECT_EQ(spaces, c.space_before);
  }
}

TEST(Units, Shapes) {
  struct Case {
    const char* text;
    Shape shape;
  };
  const Case cases[] = {
      {"khuyết", Shape::kLower},   {"Hà", Shape::kTitle},     {"UBND", Shape::kUpper},
      {"HĐND", Shape::kUpper},     {"2025", Shape::kNumber},  {"16/6", Shape::kNumber},
      {"Covid-19", Shape::kMixed}, {"iPhone", Shape::kMixed}, {"A", Shape::kTitle}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(shape_of(c.text), c.shape);
  }
}

// The shipped model on sentences of the kind our users search: the words a reader of
// party documents expects, and what must never change (text, punctuation, compounds).
TEST(ShippedModel, GroupsWordsAndKeepsEverythingElse) {
  struct Case {
    std::string text;
    std::vector<std::string> words;  // must appear in the output
  };
  const Case cases[] = {
      {"Tổng Bí thư Tô Lâm làm việc với Thành ủy Hà Nội.", {"Tô_Lâm", "làm_việc", "Hà_Nội"}},
      {"Sơn Tây và Hòa Lạc là các đô thị vệ tinh.", {"Sơn_Tây", "Hòa_Lạc", "đô_thị"}},
      {"cán bộ và bộ máy hành chính", {"cán_bộ", "bộ_máy", "hành_chính"}},
      {"Ngày 16/6/2025, Nghị quyết 60-NQ/TW được ban hành.",
       {"16/6/2025", "60-NQ/TW", "Nghị_quyết"}},
      {"phát triển kinh tế xã hội", {"phát_triển", "kinh_tế"}},
      {"xyzzy qwerty plugh", {"xyzzy qwerty plugh"}},  // nothing known: nothing joined
      {"", {""}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::string out = segmented(shipped(), c.text);
    for (const std::string& w : c.words) EXPECT_NE(out.find(w), std::string::npos) << out;
    // Only spaces inside words change.
    std::string back = out;
    for (char& ch : back) {
      if (ch == '_') ch = ' ';
    }
    EXPECT_EQ(back, c.text);
  }
}

// The shipped model carries its word list (tudientv, resources/README.md): words as the
// gold data writes them, also typed without diacritics. The model of before, without the
// list, split each of these.
TEST(ShippedModel, KnowsTheWordsOfItsList) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {"Tổng Bí thư Tô Lâm", "Tổng_Bí_thư Tô_Lâm"},
      {"theo bách khoa toàn thư mở", "theo bách_khoa_toàn_thư mở"},
      {"khong ne tranh khuyet diem", "khong ne_tranh khuyet_diem"},
      {"Tong Bi thu To Lam", "Tong_Bi_thu To_Lam"},
      {"vận hành nhà máy thủy điện", "vận_hành nhà_máy thủy_điện"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(segmented(shipped(), c.text), c.expected);
  }
}

// Cohesion (what "did you mean" weighs neighbouring forms by) is the corpus n-grams' alone:
// forms the news corpus has together are cohesive, other forms of the same letters less or
// not at all, and forms it never has together have none (-1).
TEST(ShippedModel, CohesionIsThatOfTheCorpusNgrams) {
  auto cohesion = [](const std::vector<std::string>& forms) {
    std::vector<std::uint64_t> hashes;
    for (const std::string& f : forms) hashes.push_back(form_hash(f));
    return shipped().cohesion(hashes.data(), hashes.size());
  };
  EXPECT_GT(cohesion({"việt", "nam"}), 0.5f);
  EXPECT_GT(cohesion({"né", "tránh"}), std::max(0.0f, cohesion({"nề", "trành"})));
  EXPECT_GT(cohesion({"tổng", "bí", "thư"}), 0.0f);
  EXPECT_EQ(cohesion({"xyzzy", "qwerty"}), -1.0f);
}

// An indexer looks n-grams and known words up in one hash table (prepare_for_bulk), a
// searcher in the model's sorted tables: the same words either way, as written and typed
// without diacritics, over the sample corpus.
TEST(ShippedModel, BulkTablesSegmentAsLookupsDo) {
  Segmenter bulk = shipped();
  bulk.prepare_for_bulk();
  std::size_t lines = 0, joins = 0;
  for (const char* file : {"/000_bc9a313a279a5665.txt", "/tracuu-vd-001.txt"}) {
    std::ifstream in(std::string(TRACUU_CORPUS_DIR) + file);
    std::string line;
    while (std::getline(in, line)) {
      for (const std::string& text : {to_nfc(line), fold_text(to_nfc(line))}) {
        const auto units = units_of(text);
        const std::vector<bool> joined = shipped().segment(units);
        EXPECT_EQ(bulk.segment(units), joined) << text;
        joins += static_cast<std::size_t>(std::count(joined.begin(), joined.end(), true));
      }
      ++lines;
    }
  }
  EXPECT_GT(lines, 20u);
  EXPECT_GT(joins, 300u);
}

TEST(ShippedModel, NeverJoinsAcrossPunctuation) {
  const std::string out = segmented(shipped(), "Hà, Nội. Tô; Lâm (cán) bộ");
  EXPECT_EQ(out.find('_'), std::string::npos) << out;
}

// The shipped model file reads back whole (checksum and order of keys checked) with what
// it ships: weights, learned n-grams and known words. Its load time is a benchmark's
// (bench/README.md, tracuu-bench-micro BM_LoadModel and BM_MapModelAndSegmentAQuery).
TEST(ShippedModel, ReadsBackWithItsWeightsNgramsAndKnownWords) {
  std::ifstream in(shipped_model_path(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Segmenter s = Segmenter::deserialize(bytes, "shipped");
  EXPECT_GT(s.feature_count(), 10000u);
  EXPECT_GT(s.ngram_count(), 10000u);
  EXPECT_GT(s.word_count(), 50000u);  // 30,247 words, as written and without diacritics
  EXPECT_TRUE(s.uses_words());
}

TEST(ModelFile, RoundTripsAndRefusesDamage) {
  const std::string bytes = shipped().serialize();
  const Segmenter copy = Segmenter::deserialize(bytes, "copy");
  const std::string text = "Tổng Bí thư Tô Lâm yêu cầu Hà Nội chuyển đổi số";
  EXPECT_EQ(segmented(copy, text), segmented(shipped(), text));
  EXPECT_EQ(copy.serialize(), bytes);

  struct Case {
    std::string bytes;
    const char* message;
  };
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  std::string version = bytes;
  version[7] = 9;
  std::string features = bytes;
  features[8] = 99;
  const Case cases[] = {
      {"", "not a tracuu segmentation model"},
      {"hello world, this is not a model", "not a tracuu segmentation model"},
      {bytes.substr(0, bytes.size() / 3), "damaged"},
      {flipped, "damaged"},
      {version, "format 9"},
      {features, "damaged"},  // the checksum sees it first
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    try {
      Segmenter::deserialize(c.bytes, "the-file.model");
      ADD_FAILURE() << "no error";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find("the-file.model"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

// Empty tables (a model without known words) read without passing an empty
// vector's null data() to memcpy: UBSan stopped at it (scripts/sanitize, the fuzz targets).
TEST(ModelFile, EmptyTablesRoundTrip) {
  const std::string bytes = Segmenter().serialize();
  const Segmenter copy = Segmenter::deserialize(bytes, "empty");
  EXPECT_EQ(copy.feature_count(), 0u);
  EXPECT_EQ(copy.ngram_count(), 0u);
  EXPECT_EQ(copy.word_count(), 0u);
  EXPECT_EQ(copy.serialize(), bytes);
}

// A searcher looks the model up in place in its mapped file (Segmenter::view): the same
// model as a copy, also when a table's odd size leaves the next one at an address that is
// not a multiple of 8; the layout is checked, the checksum is not (the database's
// fingerprint of the file is that checksum, index/database.h).
TEST(ModelFile, ViewReadsInPlaceWhatDeserializeCopies) {
  const std::string text = "Tổng Bí thư Tô Lâm yêu cầu Hà Nội chuyển đổi số";
  const std::string shipped_bytes = shipped().serialize();
  const Segmenter in_place = Segmenter::view(shipped_bytes, nullptr, "shipped");
  EXPECT_EQ(segmented(in_place, text), segmented(shipped(), text));
  EXPECT_EQ(in_place.serialize(), shipped_bytes);

  Segmenter odd = Segmenter::from_weights({{5, 0.5f}, {7, -0.25f}, {9, 1.0f}});
  Lexicon lexicon;
  lexicon.add_ngram(11, 0.75f);
  lexicon.add_word_key(13);
  odd.set_lexicon(lexicon);
  auto storage = std::make_shared<const std::string>(odd.serialize());
  const std::string odd_bytes = *storage;
  // The n-gram table's keys start at byte 24 + 3 × 12 + 8 = 68.
  Segmenter first = Segmenter::view(*storage, storage, "odd");
  storage.reset();  // the model keeps the bytes alive, also in its copies
  const Segmenter viewed = first;
  first = Segmenter();
  EXPECT_EQ(viewed.feature_count(), 3u);
  EXPECT_EQ(viewed.ngram_count(), 1u);
  EXPECT_EQ(viewed.word_count(), 1u);
  EXPECT_EQ(viewed.serialize(), odd_bytes);
  EXPECT_EQ(viewed.lexicon().ngrams(), 1u);
  EXPECT_EQ(viewed.lexicon().words(), 1u);

  std::uint64_t tail;
  std::memcpy(&tail, shipped_bytes.data() + shipped_bytes.size() - 8, 8);
  EXPECT_EQ(Segmenter::stored_checksum(shipped_bytes), tail);
  EXPECT_EQ(Segmenter::stored_checksum("hello world, this is not a model, is it?"), std::nullopt);

  std::string flipped = shipped_bytes;
  flipped[flipped.size() / 2] ^= 0x10;
  EXPECT_NO_THROW(Segmenter::view(flipped, nullptr, "flipped"));
  EXPECT_TRUE(Segmenter::intact(shipped_bytes));
  EXPECT_FALSE(Segmenter::intact(flipped));
  // The middle cut out, the tail (and so the fingerprint) kept: the sizes do not add up.
  const std::string cut =
      shipped_bytes.substr(0, 4096) + shipped_bytes.substr(shipped_bytes.size() - 4096);
  const std::string longer = shipped_bytes.substr(0, shipped_bytes.size() - 8) +
                             std::string(8, '\0') + shipped_bytes.substr(shipped_bytes.size() - 8);
  for (const std::string& bytes :
       {std::string(), std::string("hello world, this is not a model"), cut, longer}) {
    EXPECT_THROW(Segmenter::view(bytes, nullptr, "bad"), ModelError) << bytes.size();
  }
}

// A table moved from is empty, not a view of storage it no longer keeps alive.
TEST(ModelFile, MovedFromTableIsEmpty) {
  FrozenTable table({{3, 0.5f}, {1, 0.25f}});
  EXPECT_EQ(table.get(1, -1), 0.25f);
  FrozenTable moved = std::move(table);
  EXPECT_EQ(moved.get(3, -1), 0.5f);
  EXPECT_EQ(table.size(), 0u);  // NOLINT(bugprone-use-after-move): what is tested
  EXPECT_EQ(table.get(3, -1), -1);
  table = std::move(moved);
  EXPECT_EQ(table.get(3, -1), 0.5f);
}

TEST(ModelFile, MissingFileIsAnError) {
  EXPECT_THROW(load_model("/nonexistent/segmenter.model"), Error);
}

TEST(Training, LearnsTheWordsOfItsGoldData) {
  const auto gold = read_gold(std::string(TRACUU_TEST_DATA) + "/gold-small.txt");
  ASSERT_EQ(gold.size(), 5u);
  TrainOptions options;
  options.epochs = 8;
  const Segmenter model = train_segmenter(gold, Lexicon(), options);
  EXPECT_EQ(segmented(model, "cán bộ khắc phục khuyết điểm"), "cán_bộ khắc_phục khuyết_điểm");
  // And measures itself right on its own training data.
  const Accuracy a = evaluate(gold, [&](const std::vector<Unit>& u) { return model.segment(u); });
  EXPECT_EQ(a.f1(), 1.0);
}

// A model trained with a word list keeps it and joins its words, also where the gold data
// never had them, and typed without diacritics; one trained without a list uses none.
TEST(Training, AModelTrainedWithKnownWordsKeepsAndUsesThem) {
  const auto gold = read_gold(std::string(TRACUU_TEST_DATA) + "/gold-small.txt");
  testing::TempDir d;
  WordListCounts counts;
  const Lexicon words =
      read_lexicon_file(d.write("words.txt",
                                "hội nghị\nban chấp hành\nchuyển đổi số\ntổng bí thư\nyêu cầu\n"
                                "né tránh\nkhuyết điểm\ncán bộ\nkhắc phục\ntrách nhiệm\nnhiệm vụ\n"
                                "kinh tế\ntuần hoàn\n"),
                        &counts);
  ASSERT_EQ(counts.words, 13u);
  TrainOptions options;
  options.epochs = 8;
  const Segmenter trained = train_segmenter(gold, words, options);
  EXPECT_TRUE(trained.uses_words());
  EXPECT_EQ(trained.word_count(), words.words());
  const Segmenter model = Segmenter::deserialize(trained.serialize(), "with words");
  EXPECT_EQ(segmented(model, "phát triển kinh tế tuần hoàn"), "phát triển kinh_tế tuần_hoàn");
  EXPECT_EQ(segmented(model, "phat trien kinh te tuan hoan"), "phat trien kinh_te tuan_hoan");
  EXPECT_EQ(segmented(model, "cán bộ khắc phục khuyết điểm"), "cán_bộ khắc_phục khuyết_điểm");

  Segmenter without = train_segmenter(gold, Lexicon(), options);
  EXPECT_FALSE(without.uses_words());
  const std::string before = segmented(without, "phát triển kinh tế tuần hoàn");
  without.set_lexicon(words);
  EXPECT_EQ(segmented(without, "phát triển kinh tế tuần hoàn"), before);
}

TEST(Training, GoldFilesInBothFormatsAndTheirErrors) {
  testing::TempDir d;
  const std::string conllu = d.write("g.conllu",
                                     "# text = Hà Nội đẹp .\n"
                                     "1\tHà Nội\thà nội\tPROPN\t_\t_\t2\tnsubj\t_\t_\n"
                                     "2\tđẹp\tđẹp\tADJ\t_\t_\t0\troot\t_\t_\n"
                                     "3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n");
  const auto gold = read_gold(conllu);
  ASSERT_EQ(gold.size(), 1u);
  ASSERT_EQ(gold[0].units.size(), 3u);
  EXPECT_TRUE(gold[0].joined(1));
  EXPECT_FALSE(gold[0].joined(2));
  EXPECT_EQ(gold[0].unitless_words, 1u);  // the full stop

  const std::string bad = d.write("bad.conllu", "1\tHà\n");
  try {
    read_gold(bad);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location(), bad + ":1");
  }
}

TEST(Accuracy, WordsCountWhenBothBoundariesAreRight) {
  Accuracy a;
  // gold: [0 1] [2] [3 4]; predicted: [0 1] [2 3] [4]
  a.add({0, 0, 1, 2, 2}, {false, true, false, true, false});
  EXPECT_EQ(a.gold_words, 3u);
  EXPECT_EQ(a.predicted_words, 3u);
  EXPECT_EQ(a.correct, 1u);
}

TEST(Corpus, LearnsTheNgramsThatHangTogether) {
  NgramCounter counter;
  for (int i = 0; i < 30; ++i) {
    counter.add(units_of("chuyển đổi số là việc của mỗi ngành"));
    counter.add(units_of("ngành nào cũng cần chuyển đổi số nhanh"));
    counter.add(units_of("mỗi việc một người " + std::to_string(i)));
    counter.add(units_of("họ cần thêm người, tôi cần nghỉ, ai cũng cần ăn"));
  }
  const Lexicon lexicon = counter.learn();
  auto score = [&](const std::string& text) {
    std::vector<std::uint64_t> keys;
    for (const Unit& u : units_of(text)) keys.push_back(form_hash(u.form));
    return lexicon.ngram_score(keys.data(), keys.size());
  };
  EXPECT_GT(score("chuyển đổi"), 0.5f);
  EXPECT_GT(score("chuyển đổi số"), 0.5f);
  EXPECT_LT(score("của mỗi"), score("chuyển đổi"));
  const auto joined = segment_by_lexicon(units_of("cần chuyển đổi số"), lexicon, {0.5f, 0.5f});
  EXPECT_EQ(joined, (std::vector<bool>{false, false, true, true}));
  // Numbers break runs: nothing is learned across them.
  EXPECT_LT(score("người 1"), 0.0f);
}

// The map of lexicons and corpus counts: every key found again after the table grows (0,
// 2^64 - 1 and keys that differ only in their high half included), absent keys absent.
TEST(FlatMap, CountsEveryKeyThroughGrowth) {
  FlatMap<std::uint32_t> m;
  std::uint64_t expected_total = 0;
  for (std::uint64_t k = 0; k < 5000; ++k) {
    const std::uint64_t key = k << 32 | 7;  // ids side by side, as bigram keys are
    const std::uint32_t times = k % 3 + 1;
    for (std::uint32_t t = 0; t < times; ++t) ++m[key];
    expected_total += times;
  }
  auto [value, inserted] = m.try_emplace(0, 41);
  EXPECT_TRUE(inserted);
  ++*value;
  EXPECT_FALSE(m.try_emplace(0, 99).second);
  EXPECT_EQ(m.size(), 5001u);
  m[~std::uint64_t{0}] = 5;  // every key, the largest too
  EXPECT_EQ(m.at(~std::uint64_t{0}), 5u);
  EXPECT_EQ(m.size(), 5002u);
  EXPECT_EQ(m.at(0), 42u);
  EXPECT_EQ(m.at(std::uint64_t{4999} << 32 | 7), 4999 % 3 + 1);
  EXPECT_EQ(m.find(std::uint64_t{5000} << 32 | 7), nullptr);
  EXPECT_EQ(m.find(8), nullptr);
  EXPECT_THROW(m.at(8), std::out_of_range);
  std::uint64_t total = 0, entries = 0;
  m.for_each([&](std::uint64_t key, std::uint32_t count) {
    if (key != 0 && key != ~std::uint64_t{0}) total += count;
    ++entries;
  });
  EXPECT_EQ(total, expected_total);
  EXPECT_EQ(entries, 5002u);
  EXPECT_EQ(FlatMap<std::uint32_t>().find(3), nullptr);
}

TEST(LexiconFile, WordsPerLineOrJsonLines) {
  testing::TempDir d;
  WordListCounts counts;
  const Lexicon plain = read_lexicon_file(
      d.write("words.txt", "chuyển đổi số\nkinh tế tuần hoàn\n\nđơn\nmột hai ba bốn năm\n"),
      &counts);
  EXPECT_EQ(counts.words, 2u);
  EXPECT_EQ(counts.left_out, 2u);  // one unit; five units
  EXPECT_EQ(plain.words(), 4u);    // each as written and without diacritics
  const Lexicon json = read_lexicon_file(
      d.write("words.jsonl",
              "{\"text\": \"khuyết điểm\", \"source\": \"x\"}\n{\"text\": \"Hà Nội\"}\n"
              "{\"text\": \"ti vi\"}\n"),
      &counts);
  EXPECT_EQ(counts.words, 3u);
  EXPECT_EQ(json.words(), 5u);  // ti vi has no diacritics to leave out
  const std::string bad = d.write("bad.jsonl", "{\"text\": \"a b\"}\n{\"word\": \"c d\"}\n");
  try {
    read_lexicon_file(bad);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location(), bad + ":2");
  }
}

TEST(KnownWords, AUsersWordBecomesAWord) {
  Segmenter model = shipped();
  const std::string text = "quy trình khép kín vận hành số";
  const std::string before = segmented(model, text);
  Lexicon lexicon = model.lexicon();
  lexicon.add_word({"vận", "hành", "số"});
  model.set_lexicon(lexicon);
  EXPECT_NE(segmented(model, text).find("vận_hành_số"), std::string::npos)
      << before << " -> " << segmented(model, text);
}

// Every feature of many gaps has its own key, and keys differ in their high 32 bits too
// (the compact tables tell keys apart by those); a regression test for keys whose last
// part reached only the low bits.
TEST(Features, KeysAreDistinctInTheirHighBits) {
  const auto units = units_of(
      "Hà Nội cần tổ chức tổng kết nhiệm kỳ 2020-2025 một cách nghiêm túc và "
      "UBND TP.HCM họp Covid-19 F0 A B C");
  const UnitKeys keys(units, nullptr, false);
  std::set<std::uint64_t> all;
  std::set<std::uint32_t> high;
  std::uint64_t f[kMaxGapFeatures];
  for (std::size_t i = 1; i < units.size(); ++i) {
    if (!keys.space_before[i]) continue;
    for (bool previous : {false, true}) {
      const std::size_t n = gap_features(keys, i, previous, f);
      for (std::size_t k = 0; k < n; ++k) {
        all.insert(f[k]);
        high.insert(static_cast<std::uint32_t>(f[k] >> 32));
      }
    }
  }
  EXPECT_EQ(high.size(), all.size());
}

// A database keeps the model it was made with, so the keys of gap_features() must stay what
// every earlier model was trained with (or the feature set version be bumped): every key of
// every gap of one sentence, without and with known words, against their digest as the
// code of fbf6e52 made them.
TEST(Features, KeysAreThoseEarlierModelsWereTrainedWith) {
  const std::string text =
      to_nfc("Tổng Bí thư Tô Lâm làm việc với UBND TP.HCM ngày 16/6/2025, chuyển đổi số Covid-19");
  const auto units = units_of(text);
  ASSERT_EQ(units.size(), 16u);
  std::vector<std::uint64_t> forms;
  for (const Unit& u : units) forms.push_back(form_hash(u.form));
  Lexicon lexicon;
  lexicon.add_ngram(ngram_key(&forms[0], 2), 0.55f);  // tổng bí
  lexicon.add_ngram(ngram_key(&forms[5], 2), 0.91f);  // làm việc
  lexicon.add_ngram(ngram_key(&forms[11], 3), 0.3f);  // chuyển đổi số
  lexicon.add_word({"bí", "thư"});
  lexicon.add_word({"tô", "lâm"});
  lexicon.add_word({"tổng", "bí", "thư"});
  lexicon.add_word({"chuyển", "đổi", "số"});
  const FrozenLexicon frozen(lexicon);
  std::uint64_t digest = 0, count = 0;
  for (bool with_words : {false, true}) {
    const UnitKeys keys(units, &frozen, with_words);
    std::uint64_t f[kMaxGapFeatures];
    for (std::size_t i = 1; i < units.size(); ++i) {
      if (!keys.space_before[i]) continue;
      for (bool previous : {false, true}) {
        const std::size_t n = gap_features(keys, i, previous, f);
        for (std::size_t k = 0; k < n; ++k) digest = (digest ^ f[k]) * 0x100000001B3ull;
        count += n;
      }
    }
  }
  EXPECT_EQ(count, 1386u);
  EXPECT_EQ(digest, 0x57873ada35c89097ull);
}

}  // namespace
}  // namespace tracuu
