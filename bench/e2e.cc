// tracuu-bench-e2e: the parts of the end-to-end benchmark (bench/e2e.sh) that a shell script
// cannot do well.
//
//   scale --copies N --out DIR CORPUS...   N copies of every report, under new ids
//   passages --db DB --out FILE [--jsonl FILE]
//                                          tracuu's passages, for sqlite3's .import --ascii;
//                                          and each as a report of its own, in JSON lines
//   xapian --passages FILE --db DIR [--terms plain|forms] [--positions all|one|none]
//                                          the same passages into Xapian alone: the writer's
//                                          floor, against which tracuu-index's time is read
//   translate --queries FILE               each query with its FTS5 MATCH expression
//   latency --db DB --fts FILE --queries FILE      in-process: library call vs SQLite C API
//   processes --db DB --fts FILE --queries FILE    a process per query, and the floors
//   collection --db SPEC... --queries FILE         tracuu alone over shards (bench/shards.sh)
//   versus --bin DIR --db DB --bin DIR --db DB --queries FILE
//                                          a process per query of two builds, interleaved
//
// Figures go to stdout as tables; lines "@ name value" carry them to e2e.sh.
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "bench_util.h"
#include "index/schema.h"
#include "index/shards.h"
#include "index/terms.h"
#include "query/searcher.h"
#include "text/analyze.h"
#include "text/tokenize.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace tracuu;

namespace {

// ---- the query set ----

struct Query {
  std::string cls;   // class: common, word, words, no-diacritics, phrase, rare, ...
  std::string text;  // as typed to tracuu-search
};

// class<TAB>query per line; blank lines and lines starting with # are skipped.
std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Query> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab + 1 == line.size()) {
      throw std::runtime_error(fmt::format("{}:{}: want class<TAB>query", path, n));
    }
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  if (out.empty()) throw std::runtime_error(path + ": no queries");
  return out;
}

// The FTS5 query for `query`, as bench_util's fts5_search makes it: each of our tokenizer's
// tokens in double quotes (implicitly ANDed); a "quoted phrase" becomes one FTS5 phrase of
// its tokens.
std::string fts5_match(std::string_view query) {
  std::string match;
  bool in_phrase = false;
  for (std::size_t at = 0; at <= query.size();) {
    std::size_t quote = query.find('"', at);
    if (quote == std::string_view::npos) quote = query.size();
    const std::string_view part = query.substr(at, quote - at);
    std::vector<std::string> words;
    for (const Token& t : tokenize(part)) words.emplace_back(part.substr(t.start, t.end - t.start));
    if (in_phrase && !words.empty()) {
      std::string phrase;
      for (const auto& w : words) phrase += (phrase.empty() ? "" : " ") + w;
      match += (match.empty() ? "\"" : " \"") + phrase + '"';
    } else {
      for (const auto& w : words) match += (match.empty() ? "\"" : " \"") + w + '"';
    }
    in_phrase = !in_phrase;
    at = quote + 1;
  }
  return match;
}

constexpr const char* kFts5Select =
    "SELECT rowid FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 10";

// The same statement for the sqlite3 shell, the MATCH expression as an SQL string.
std::string fts5_sql(const std::string& match) {
  std::string quoted;
  for (char c : match) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return "SELECT rowid FROM passages WHERE passages MATCH '" + quoted +
         "' ORDER BY bm25(passages) LIMIT 10";
}

// ---- statistics ----

// Nearest-rank percentile (p in (0, 1]) of `ms`; 0 for none.
double percentile(std::vector<double> ms, double p) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(ms.size())));
  return ms[std::min(ms.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// Timings per query class, in the order the classes first appear, and of all queries.
class Timings {
 public:
  void add(const std::string& cls, double ms) {
    if (std::find(order_.begin(), order_.end(), cls) == order_.end()) order_.push_back(cls);
    by_class_[cls].push_back(ms);
    all_.push_back(ms);
  }
  const std::vector<std::string>& classes() const { return order_; }
  const std::vector<double>& of(const std::string& cls) const { return by_class_.at(cls); }
  const std::vector<double>& all() const { return all_; }

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::vector<double>> by_class_;
  std::vector<double> all_;
};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string ratio(double a, double b) { return b > 0 ? fmt::format("{:.2f}", a / b) : "-"; }

// The table of two systems' latencies per class; "@ PREFIX.NAME.median/p99" for all.
void print_latency_table(const std::string& prefix, const std::string& name_a, const Timings& a,
                         const std::string& name_b, const Timings& b,
                         const std::map<std::string, std::size_t>& queries_per_class) {
  fmt::print("| class | queries | {0} median | {0} p99 | {1} median | {1} p99 | median ratio |\n",
             name_a, name_b);
  fmt::print("|---|---|---|---|---|---|---|\n");
  auto row = [&](const std::string& label, std::size_t n, const std::vector<double>& ta,
                 const std::vector<double>& tb) {
    const double ma = percentile(ta, 0.5), mb = percentile(tb, 0.5);
    fmt::print("| {} | {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {} |\n", label, n, ma,
               percentile(ta, 0.99), mb, percentile(tb, 0.99), ratio(ma, mb));
  };
  std::size_t total = 0;
  for (const auto& cls : a.classes()) {
    row(cls, queries_per_class.at(cls), a.of(cls), b.of(cls));
    total += queries_per_class.at(cls);
  }
  row("**all**", total, a.all(), b.all());
  fmt::print("@ {}.{}.median {:.3f}\n@ {}.{}.p99 {:.3f}\n", prefix, name_a,
             percentile(a.all(), 0.5), prefix, name_a, percentile(a.all(), 0.99));
  fmt::print("@ {}.{}.median {:.3f}\n@ {}.{}.p99 {:.3f}\n", prefix, name_b,
             percentile(b.all(), 0.5), prefix, name_b, percentile(b.all(), 0.99));
}

std::map<std::string, std::size_t> count_classes(const std::vector<Query>& queries) {
  std::map<std::string, std::size_t> n;
  for (const auto& q : queries) ++n[q.cls];
  return n;
}

// ---- scale: N copies of every report under new ids ----

// Rewrites the `# doc_id = X` line of a .txt report's front matter to X~k.
std::string retag_txt(const std::string& text, unsigned k) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t at = 0;
  bool front = true;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string_view line(text.data() + at, end - at);
    std::string_view bare = line;  // without a byte-order mark
    if (at == 0 && bare.starts_with("\xEF\xBB\xBF")) bare.remove_prefix(3);
    if (front && !bare.starts_with("# ")) front = false;
    if (front && bare.starts_with("# doc_id")) {
      std::size_t stop = line.find_last_not_of("\r\n ");
      out.append(line.substr(0, stop + 1));
      out += fmt::format("~{}", k);
      out.append(line.substr(stop + 1));
    } else {
      out.append(line);
    }
    at = end;
  }
  return out;
}

// Rewrites the "id" of each JSON line to "ID~k" (a string); lines that do not parse stay
// as they are (the indexer reports them).
std::string retag_jsonl(const std::string& text, unsigned k) {
  std::istringstream in(text);
  std::string out, line;
  while (std::getline(in, line)) {
    auto j = nlohmann::ordered_json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("id") &&
        (j["id"].is_string() || j["id"].is_number_integer())) {
      const std::string id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
      j["id"] = fmt::format("{}~{}", id, k);
      line = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    out += line;
    out += '\n';
  }
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int scale(unsigned copies, const std::string& out_dir, const std::vector<std::string>& corpus) {
  // Every file of the corpus with the path it gets inside a copy (its path relative to
  // the folder named, under the folder's own name, as the indexer names reports).
  std::vector<std::pair<fs::path, fs::path>> files;
  for (const fs::path root : corpus) {
    if (fs::is_regular_file(root)) {
      files.emplace_back(root, root.filename());
      continue;
    }
    const fs::path name = root.filename().empty() ? root.parent_path().filename() : root.filename();
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
         ++it) {
      if (it->path().filename().string().starts_with('.')) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file())
        files.emplace_back(it->path(), name / fs::relative(it->path(), root));
    }
  }
  std::uintmax_t bytes = 0;
  for (const auto& [source, relative] : files) {
    const std::string text = slurp(source);
    const std::string ext = source.extension().string();
    for (unsigned k = 1; k <= copies; ++k) {
      const fs::path target = fs::path(out_dir) / fmt::format("x{}", k) / relative;
      fs::create_directories(target.parent_path());
      const std::string copy = ext == ".txt"     ? retag_txt(text, k)
                               : ext == ".jsonl" ? retag_jsonl(text, k)
                                                 : text;
      std::ofstream(target, std::ios::binary)
          .write(copy.data(), static_cast<std::streamsize>(copy.size()));
      bytes += copy.size();
    }
  }
  fmt::print("@ scale.files {}\n@ scale.bytes {}\n", files.size() * copies, bytes);
  return 0;
}

// ---- passages: the very passages of the tracuu database, for the FTS5 table ----

// One passage per record, ASCII record separator (0x1E) after each: sqlite3's
// `.import --ascii` reads that without any quoting, and gives rowids 1.. in order.
// With `jsonl_path`, each passage also becomes a report of its own (id: report#ordinal),
// one JSON line each: the many-small-reports case of indexing.
int passages(const std::string& db, const std::string& out_path, const std::string& jsonl_path) {
  const std::vector<bench::Passage> all = bench::read_passages(db);
  if (!jsonl_path.empty()) {
    std::ofstream jsonl(jsonl_path, std::ios::binary);
    for (const auto& p : all) {
      const nlohmann::json line = {{"id", p.id + "#" + std::to_string(p.ordinal)},
                                   {"body", p.text}};
      jsonl << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    if (!jsonl) throw std::runtime_error("cannot write " + jsonl_path);
  }
  std::ofstream out(out_path, std::ios::binary);
  std::size_t bytes = 0, replaced = 0;
  for (const auto& p : all) {
    std::string text = p.text;
    for (char& c : text) {
      if (c == '\x1e' || c == '\x1f') c = ' ', ++replaced;
    }
    out << text << '\x1e';
    bytes += text.size();
  }
  if (!out) throw std::runtime_error("cannot write " + out_path);
  if (replaced > 0) fmt::print(stderr, "passages: {} separator bytes became spaces\n", replaced);
  fmt::print("@ passages.count {}\n@ passages.bytes {}\n", all.size(), bytes);
  return 0;
}

// ---- xapian: the same passages into Xapian alone, the floor of any index built on it ----

// Each passage of `passages_path` (0x1E after each, as `passages` writes them) a document
// of a new glass database at `db`, its text as the document data (as FTS5 keeps its
// content), committed once at the end, with Xapian's flush threshold of tracuu-index
// (shared/index/writer.cc). Terms: `plain`, Xapian's TermGenerator with its defaults (a
// term per word, lower-cased, no stemming: what a Xapian application does first); `forms`,
// the two forms tracuu's matching needs of every word (text/analyze.h: the folded word, and
// the exact word) and nothing else: no compounds, segmenter's words, title or report terms.
// Positions: `all` on every term, the exact word only where it has a diacritic (elsewhere
// it is the folded word); `one` (forms) on one form of each word only, the exact word of
// every word with a letter (XE, as tracuu-index writes it: phrases in any form would be
// phrases of the exact forms' OR), the folded word without; `none`, as `all` without
// positions.
int xapian_floor(const std::string& passages_path, const std::string& db, const std::string& terms,
                 const std::string& positions) {
  std::ifstream in(passages_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + passages_path);
  if (terms == "plain" && positions == "one")
    throw std::runtime_error("--positions one is for --terms forms");
  setenv("XAPIAN_FLUSH_THRESHOLD", "2000", 0);
  Xapian::WritableDatabase out(db, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  Xapian::TermGenerator generator;
  std::size_t count = 0, terms_written = 0;
  auto add = [](Xapian::Document& doc, const std::string& t, Xapian::termpos pos) {
    if (t.size() > schema::kMaxTermBytes) return;
    if (pos > 0) {
      doc.add_posting(t, pos);
    } else {
      doc.add_term(t);
    }
  };
  for (std::string text; std::getline(in, text, '\x1e');) {
    Xapian::Document doc;
    if (terms == "plain") {
      generator.set_document(doc);
      if (positions == "none") {
        generator.index_text_without_positions(text);
      } else {
        generator.index_text(text);
      }
    } else {
      Xapian::termpos pos = 0;
      for (const Word& w : analyze(text)) {
        ++pos;
        if (positions == "one") {
          add(doc, w.folded, w.has_letter ? 0 : pos);
          if (w.has_letter) add(doc, terms::exact(w.exact), pos);
        } else {
          const Xapian::termpos at = positions == "all" ? pos : 0;
          add(doc, w.folded, at);
          if (has_diacritics(w)) add(doc, terms::exact(w.exact), at);
        }
      }
    }
    terms_written += doc.termlist_count();
    doc.set_data(text);
    out.add_document(doc);
    ++count;
  }
  out.commit();
  out.close();
  fmt::print("@ xapian.count {}\n@ xapian.terms_per_passage {:.1f}\n", count,
             count == 0 ? 0.0 : static_cast<double>(terms_written) / static_cast<double>(count));
  return 0;
}

// ---- in-process latency ----

sqlite3* open_fts(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open " + path);
  }
  return db;
}

// The FTS5 side of one query as an application would run it: translate, prepare, step
// through the top 10, finalize. Returns the rows found.
std::size_t fts5_top10(sqlite3* db, const std::string& query) {
  const std::string match = fts5_match(query);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, kFts5Select, -1, &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  }
  sqlite3_bind_text(stmt, 1, match.c_str(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
  std::size_t rows = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) ++rows;
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) throw std::runtime_error("sqlite: " + query + ": " + sqlite3_errmsg(db));
  return rows;
}

int latency(const std::string& db, const std::string& fts, const std::vector<Query>& queries,
            unsigned repeats) {
  Searcher searcher(db);
  sqlite3* sql = open_fts(fts);
  auto ours = [&](const Query& q) { return searcher.search(searcher.parse(q.text), 0, 10).size(); };
  // Warm: every query once on each side (and the empty results counted).
  std::size_t ours_empty = 0, theirs_empty = 0;
  for (const auto& q : queries) {
    ours_empty += ours(q) == 0;
    theirs_empty += fts5_top10(sql, q.text) == 0;
  }
  Timings t_ours, t_theirs;
  for (unsigned r = 0; r < repeats; ++r) {
    for (const auto& q : queries) {
      auto t0 = std::chrono::steady_clock::now();
      ours(q);
      t_ours.add(q.cls, ms_since(t0));
      t0 = std::chrono::steady_clock::now();
      fts5_top10(sql, q.text);
      t_theirs.add(q.cls, ms_since(t0));
    }
  }
  sqlite3_close(sql);
  fmt::print(
      "In-process latency, ms ({} queries × {} rounds, warm; tracuu: Searcher::parse + "
      "search, top 10; fts5: MATCH … ORDER BY bm25 LIMIT 10 through the C API)\n\n",
      queries.size(), repeats);
  print_latency_table("inproc", "tracuu", t_ours, "fts5", t_theirs, count_classes(queries));
  fmt::print("\nqueries with no result: tracuu {}, fts5 {}\n", ours_empty, theirs_empty);
  fmt::print("@ inproc.tracuu.empty {}\n@ inproc.fts5.empty {}\n", ours_empty, theirs_empty);
  return 0;
}

// ---- a process per query ----

// Runs argv (stdout and stderr to /dev/null) and waits; the wall time in ms from just
// before the spawn to the end of the wait. `status` gets the exit status (-1 if killed).
double run_process(const std::vector<std::string>& argv, int& status) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot run " + argv[0]);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  const double ms = ms_since(t0);
  status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  return ms;
}

int processes(const std::string& db, const std::string& fts, const std::vector<Query>& queries,
              unsigned repeats, const std::string& bin, const std::string& sqlite3_shell) {
  const std::string search = bin + "/tracuu-search", floor = bin + "/tracuu-bench-floor";
  for (const auto& p : {search, floor}) {
    if (!fs::exists(p)) throw std::runtime_error("no " + p + " (build it first)");
  }
  std::vector<std::string> sql;
  for (const auto& q : queries) sql.push_back(fts5_sql(fts5_match(q.text)));
  Timings t_ours, t_theirs, t_floor, t_shell_floor;
  std::size_t failures = 0;
  auto check = [&](int status, bool nothing_found_ok, const std::string& what) {
    if (status == 0 || (nothing_found_ok && status == 1)) return;
    if (++failures <= 5) fmt::print(stderr, "processes: exit status {}: {}\n", status, what);
  };
  // One warm-up round, not timed: the page cache and the dynamic loader's caches.
  for (unsigned r = 0; r <= repeats; ++r) {
    for (std::size_t i = 0; i < queries.size(); ++i) {
      const Query& q = queries[i];
      int status = 0;
      const double ours = run_process({search, "--db", db, "-n", "10", q.text}, status);
      check(status, true, q.text);
      const double theirs = run_process({sqlite3_shell, fts, sql[i]}, status);
      check(status, false, sql[i]);
      const double floor_ms = run_process({floor, "--db", db, "-n", "10", q.text}, status);
      check(status, false, floor);
      const double shell_floor = run_process({sqlite3_shell, fts, "SELECT 1"}, status);
      check(status, false, "sqlite3 SELECT 1");
      if (r == 0) continue;
      t_ours.add(q.cls, ours);
      t_theirs.add(q.cls, theirs);
      t_floor.add("floor", floor_ms);
      t_shell_floor.add("floor", shell_floor);
    }
  }
  fmt::print(
      "A process per query, ms ({} queries × {} rounds, after one untimed round; "
      "posix_spawn to waitpid, output to /dev/null)\n\n",
      queries.size(), repeats);
  print_latency_table("proc", "tracuu", t_ours, "sqlite3", t_theirs, count_classes(queries));
  const double floor_med = percentile(t_floor.all(), 0.5);
  const double shell_floor_med = percentile(t_shell_floor.all(), 0.5);
  const double ours_med = percentile(t_ours.all(), 0.5),
               theirs_med = percentile(t_theirs.all(), 0.5);
  fmt::print("\n| floor | median | p99 | the tool's median above it |\n|---|---|---|---|\n");
  fmt::print(
      "| tracuu-bench-floor (tracuu-search's libraries, empty main) | {:.2f} | {:.2f} | {:.2f} |\n",
      floor_med, percentile(t_floor.all(), 0.99), ours_med - floor_med);
  fmt::print("| sqlite3 FTS.db \"SELECT 1\" | {:.2f} | {:.2f} | {:.2f} |\n", shell_floor_med,
             percentile(t_shell_floor.all(), 0.99), theirs_med - shell_floor_med);
  if (failures > 0) fmt::print("\n{} processes exited with an error (see stderr)\n", failures);
  fmt::print("@ proc.floor.median {:.3f}\n@ proc.floor.p99 {:.3f}\n", floor_med,
             percentile(t_floor.all(), 0.99));
  fmt::print("@ proc.shellfloor.median {:.3f}\n@ proc.shellfloor.p99 {:.3f}\n", shell_floor_med,
             percentile(t_shell_floor.all(), 0.99));
  fmt::print("@ proc.failures {}\n", failures);
  return failures > 0 ? 1 : 0;
}

// ---- a collection of shards (bench/shards.sh) ----

// In-process and per-process latency of tracuu alone over `dbs` searched as one collection
// (shards, stub files with remote shards); "@ LABEL.inproc/proc.median/p99" lines.
int collection(const std::vector<std::string>& dbs, const std::vector<Query>& queries,
               unsigned repeats, unsigned process_repeats, const std::string& bin,
               const std::string& label) {
  const std::string search = bin + "/tracuu-search";
  if (!fs::exists(search)) throw std::runtime_error("no " + search + " (build it first)");
  CollectionOptions options;
  Searcher searcher(dbs, options);
  auto ours = [&](const Query& q) { return searcher.search(searcher.parse(q.text), 0, 10).size(); };
  std::size_t empty = 0;
  for (const auto& q : queries) empty += ours(q) == 0;  // warm
  Timings inproc, proc;
  for (unsigned r = 0; r < repeats; ++r) {
    for (const auto& q : queries) {
      const auto t0 = std::chrono::steady_clock::now();
      ours(q);
      inproc.add(q.cls, ms_since(t0));
    }
  }
  std::vector<std::string> argv = {search};
  for (const auto& db : dbs) {
    argv.push_back("--db");
    argv.push_back(db);
  }
  argv.insert(argv.end(), {"-n", "10", ""});
  std::size_t failures = 0;
  for (unsigned r = 0; r <= process_repeats; ++r) {  // round 0 untimed
    for (const auto& q : queries) {
      argv.back() = q.text;
      int status = 0;
      const double ms = run_process(argv, status);
      if (status != 0 && status != 1 && ++failures <= 5) {
        fmt::print(stderr, "collection: exit status {}: {}\n", status, q.text);
      }
      if (r > 0) proc.add(q.cls, ms);
    }
  }
  fmt::print("| {} | {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {} |\n", label,
             searcher.missing_shards().empty() ? "all" : "partial", percentile(inproc.all(), 0.5),
             percentile(inproc.all(), 0.99), percentile(proc.all(), 0.5),
             percentile(proc.all(), 0.99), empty);
  fmt::print(
      "@ {0}.inproc.median {1:.3f}\n@ {0}.inproc.p99 {2:.3f}\n@ {0}.proc.median {3:.3f}\n"
      "@ {0}.proc.p99 {4:.3f}\n@ {0}.failures {5}\n",
      label, percentile(inproc.all(), 0.5), percentile(inproc.all(), 0.99),
      percentile(proc.all(), 0.5), percentile(proc.all(), 0.99), failures);
  return failures > 0 ? 1 : 0;
}

// ---- two builds of tracuu, before and after a change ----

// A process per query of two builds (each `bins[k]/tracuu-search` on its database
// `dbs[k]`) and their floors, interleaved query by query, the order alternating, so that
// the load of a shared machine falls on both alike; the median, p99 and floor of each,
// and the second's median over the first's.
int versus(const std::vector<std::string>& bins, const std::vector<std::string>& dbs,
           const std::vector<Query>& queries, unsigned repeats) {
  if (bins.size() != 2 || dbs.size() != 2)
    throw std::runtime_error("versus: two --bin and two --db");
  Timings search[2], floor[2];
  std::size_t failures = 0;
  for (unsigned r = 0; r <= repeats; ++r) {  // round 0 untimed
    for (std::size_t i = 0; i < queries.size(); ++i) {
      for (std::size_t step = 0; step < 2; ++step) {
        const std::size_t k = (r + i) % 2 == 0 ? step : 1 - step;
        int status = 0;
        const double ms = run_process(
            {bins[k] + "/tracuu-search", "--db", dbs[k], "-n", "10", queries[i].text}, status);
        if (status != 0 && status != 1 && ++failures <= 5) {
          fmt::print(stderr, "versus: exit status {}: {}\n", status, queries[i].text);
        }
        const double floor_ms = run_process(
            {bins[k] + "/tracuu-bench-floor", "--db", dbs[k], "-n", "10", queries[i].text}, status);
        if (r == 0) continue;
        search[k].add(queries[i].cls, ms);
        floor[k].add("floor", floor_ms);
      }
    }
  }
  fmt::print(
      "A process per query, ms ({} queries × {} rounds, two builds interleaved; "
      "second: {}, first: {})\n\n",
      queries.size(), repeats, bins[1], bins[0]);
  print_latency_table("versus", "second", search[1], "first", search[0], count_classes(queries));
  fmt::print("\n| build | floor median | median above the floor |\n|---|---|---|\n");
  for (std::size_t k : {std::size_t{1}, std::size_t{0}}) {
    const double floor_med = percentile(floor[k].all(), 0.5);
    fmt::print("| {} | {:.2f} | {:.2f} |\n", k ? "second" : "first", floor_med,
               percentile(search[k].all(), 0.5) - floor_med);
  }
  fmt::print("\nsecond / first, median: {:.3f}\n",
             percentile(search[1].all(), 0.5) / percentile(search[0].all(), 0.5));
  return failures > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"End to end against SQLite FTS5: the helpers of bench/e2e.sh"};
  app.require_subcommand(1);

  unsigned copies = 1;
  std::string out, db, fts, queries_path, bin = "build/bin", shell = "sqlite3";
  std::vector<std::string> corpus;
  unsigned repeats = 0;

  auto* sc = app.add_subcommand("scale",
                                "N copies of every report under new ids (.txt: doc_id "
                                "line, .jsonl: id, +~K; each copy in its own folder xK)");
  sc->add_option("--copies", copies, "Copies")->required()->check(CLI::Range(1u, 100000u));
  sc->add_option("--out", out, "Folder to write")->required();
  sc->add_option("CORPUS", corpus, "Files or folders")->required();

  auto* pc =
      app.add_subcommand("passages", "Write the tracuu database's passages, 0x1E after each");
  pc->add_option("--db", db, "tracuu database")->required();
  pc->add_option("--out", out, "File to write")->required();
  std::string jsonl;
  pc->add_option("--jsonl", jsonl,
                 "Also write each passage as a report of its own, in JSON lines, to this file");

  std::string passages_path, floor_terms = "plain";
  std::string floor_positions = "all";
  auto* xc = app.add_subcommand("xapian",
                                "The passages into Xapian alone (one document each): the "
                                "writer's floor");
  xc->add_option("--passages", passages_path, "Passages, 0x1E after each (as `passages` writes)")
      ->required();
  xc->add_option("--db", db, "New Xapian database to write")->required();
  xc->add_option("--terms", floor_terms,
                 "plain: Xapian's TermGenerator; forms: tracuu's folded and exact words only")
      ->check(CLI::IsMember({"plain", "forms"}))
      ->capture_default_str();
  xc->add_option("--positions", floor_positions,
                 "all: on every term; one (forms): on the exact form of each word only; none")
      ->check(CLI::IsMember({"all", "one", "none"}))
      ->capture_default_str();

  auto* tc = app.add_subcommand("translate", "Print class, query, FTS5 MATCH expression");
  tc->add_option("--queries", queries_path, "class<TAB>query file")->required();

  auto* lc = app.add_subcommand("latency", "In-process latency: Searcher vs the SQLite C API");
  auto* rc = app.add_subcommand("processes", "Latency of a process per query, and the floors");
  for (auto* c : {lc, rc}) {
    c->add_option("--db", db, "tracuu database")->required();
    c->add_option("--fts", fts, "SQLite database with the FTS5 table passages")->required();
    c->add_option("--queries", queries_path, "class<TAB>query file")->required();
  }
  lc->add_option("--repeats", repeats, "Timed rounds over the query set")->default_val(30u);
  rc->add_option("--repeats", repeats, "Timed rounds over the query set")->default_val(10u);
  rc->add_option("--bin", bin, "Folder of tracuu-search and tracuu-bench-floor")
      ->capture_default_str();
  rc->add_option("--sqlite3", shell, "The sqlite3 shell")->capture_default_str();
  std::vector<std::string> dbs;
  std::string label = "tracuu";
  unsigned process_repeats = 0;
  auto* cc = app.add_subcommand("collection",
                                "tracuu alone over databases searched as one (shards, "
                                "stub files): in-process and per-process latency");
  cc->add_option("--db", dbs, "Database, sharded folder or stub file (repeatable)")->required();
  cc->add_option("--queries", queries_path, "class<TAB>query file")->required();
  cc->add_option("--repeats", repeats, "Timed in-process rounds")->default_val(10u);
  cc->add_option("--process-repeats", process_repeats, "Timed per-process rounds")->default_val(3u);
  cc->add_option("--bin", bin, "Folder of tracuu-search")->capture_default_str();
  cc->add_option("--label", label, "Name of the configuration in the figures")
      ->capture_default_str();
  std::vector<std::string> bins;
  auto* vc = app.add_subcommand("versus", "A process per query of two builds, interleaved");
  vc->add_option("--bin", bins,
                 "Folder of a build's tracuu-search and tracuu-bench-floor "
                 "(twice: first, second)")
      ->required();
  vc->add_option("--db", dbs, "The database each searches (twice, in the same order)")->required();
  vc->add_option("--queries", queries_path, "class<TAB>query file")->required();
  vc->add_option("--repeats", repeats, "Timed rounds over the query set")->default_val(10u);
  CLI11_PARSE(app, argc, argv);

  try {
    if (vc->parsed()) return versus(bins, dbs, read_queries(queries_path), repeats);
    if (sc->parsed()) return scale(copies, out, corpus);
    if (pc->parsed()) return passages(db, out, jsonl);
    if (xc->parsed()) return xapian_floor(passages_path, db, floor_terms, floor_positions);
    if (tc->parsed()) {
      for (const auto& q : read_queries(queries_path)) {
        fmt::print("{}\t{}\t{}\n", q.cls, q.text, fts5_match(q.text));
      }
      return 0;
    }
    if (lc->parsed()) return latency(db, fts, read_queries(queries_path), repeats);
    if (cc->parsed()) {
      return collection(dbs, read_queries(queries_path), repeats, process_repeats, bin, label);
    }
    return processes(db, fts, read_queries(queries_path), repeats, bin, shell);
  } catch (const std::exception& e) {
    fmt::print(stderr, "tracuu-bench-e2e: {}\n", e.what());
    return 2;
  } catch (const Xapian::Error& e) {
    fmt::print(stderr, "tracuu-bench-e2e: {}\n", e.get_description());
    return 2;
  }
}
