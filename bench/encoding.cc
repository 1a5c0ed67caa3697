// Legacy encodings benchmark: detection accuracy, round-trip exactness and speed of
// decode_any(), on UTF-8 text converted into each encoding.
//
// Each file's text (NFC) is written in each encoding with encode_as() — characters the
// encoding cannot hold become '?' first, and are counted — then read back by decode_any()
// with detection and with the encoding forced. Plain-ASCII text must stay UTF-8: the
// files typed without diacritics (fold_text) and any --ascii files (English, code).
//
// --snippet N cuts each text to about N bytes (whole words, from the line of its first
// non-ASCII letter) first: detection on short texts.
//
//   tracuu-bench-encoding [--ascii PATH...] [--repeat N] [--snippet N] CORPUS...
#include "text/encoding.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "text/decode.h"
#include "text/fold.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace fs = std::filesystem;
using namespace tracuu;

namespace {

constexpr Encoding kAll[] = {Encoding::kUtf8, Encoding::kWindows1258, Encoding::kTcvn3,
                             Encoding::kVni, Encoding::kViqr};

std::vector<fs::path> list_files(const std::vector<std::string>& paths, bool only_txt) {
  std::vector<fs::path> files;
  for (const std::string& p : paths) {
    if (fs::is_directory(p)) {
      for (const auto& entry : fs::recursive_directory_iterator(p)) {
        if (!entry.is_regular_file()) continue;
        if (only_txt && entry.path().extension() != ".txt") continue;
        files.push_back(entry.path());
      }
    } else {
      files.emplace_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t pos = 0; pos < s.size();) out.push_back(next_code_point(s, pos));
  return out;
}

// `text` with each code point `e` cannot hold replaced by '?'; `replaced` counts them.
std::string representable(std::string_view text, Encoding e, std::size_t& replaced) {
  static std::map<Encoding, std::unordered_map<char32_t, bool>> cache;
  auto& known = cache[e];
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    auto it = known.find(cp);
    if (it == known.end()) it = known.emplace(cp, can_encode(cp, e)).first;
    if (it->second) {
      append_utf8(out, cp);
    } else {
      out.push_back('?');
      ++replaced;
    }
  }
  return out;
}

// encode_as(), replacing what fails in context (VIQR: a second tone ending a word).
std::string encode_lossy(std::string& text, Encoding e, std::size_t& replaced) {
  for (;;) {
    try {
      return encode_as(text, e);
    } catch (const EncodeError& err) {
      std::size_t end = err.offset();
      next_code_point(text, end);
      text.replace(err.offset(), end - err.offset(), "?");
      ++replaced;
    }
  }
}

// The round trip's expectation: NFC, and TCVN3's capitals with a tone in lower case.
std::string expected_text(std::string_view nfc, Encoding e) {
  if (e != Encoding::kTcvn3) return std::string(nfc);
  std::string out;
  for (std::size_t pos = 0; pos < nfc.size();) {
    const char32_t cp = next_code_point(nfc, pos);
    vn::Letter l;
    append_utf8(out, vn::lookup(cp, l) && l.upper && l.tone != vn::Tone::kLevel
                         ? vn::compose(l.base, l.tone)
                         : cp);
  }
  return out;
}

// Plain ASCII of `text`: typographic punctuation by its ASCII form, anything else '?'.
std::string asciify(std::string_view text) {
  std::string out;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case U'‘':
      case U'’':
        out += '\'';
        break;
      case U'“':
      case U'”':
        out += '"';
        break;
      case U'–':
      case U'—':
        out += '-';
        break;
      case U'…':
        out += "...";
        break;
      case 0x00A0:
        out += ' ';
        break;
      default:
        out += cp < 0x80 ? static_cast<char>(cp) : '?';
    }
  }
  return out;
}

struct Row {
  std::size_t files = 0, detected = 0, exact = 0, exact_forced = 0, strict = 0;
  std::size_t chars = 0, chars_exact = 0, replaced = 0;
  std::size_t bytes = 0;
  double seconds = 0;
  std::map<std::string, std::vector<std::string>> confusions;  // detected as → files
};

struct AsciiRow {
  std::size_t files = 0, utf8 = 0, bytes = 0;
  double seconds = 0;
  std::vector<std::string> examples;
};

double mb_per_s(std::size_t bytes, double seconds) {
  return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
}

// This thread's CPU time: figures that hold on a machine shared with other work.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Runs `f` `repeat` times; the CPU seconds of one run.
template <typename F>
double timed(int repeat, F&& f) {
  const double t0 = cpu_seconds();
  for (int i = 0; i < repeat; ++i) f();
  return (cpu_seconds() - t0) / repeat;
}

void check_ascii(const std::string& text, const std::string& name, int repeat, AsciiRow& row) {
  ++row.files;
  row.bytes += text.size();
  DecodedText d;
  row.seconds += timed(repeat, [&] { d = decode_any(text); });
  if (d.encoding == Encoding::kUtf8 && d.text == text) {
    ++row.utf8;
  } else if (row.examples.size() < 5) {
    row.examples.push_back(fmt::format("{} (read as {})", name, encoding_name(d.encoding)));
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Legacy Vietnamese encodings: detection, round trips, speed"};
  std::vector<std::string> corpus, ascii_paths;
  int repeat = 3;
  std::size_t snippet = 0;
  app.add_option("corpus", corpus, "UTF-8 .txt files or folders of them")->required();
  app.add_option("--ascii", ascii_paths,
                 "Files or folders of plain text (English, code) that must stay UTF-8");
  app.add_option("--repeat", repeat, "Decode each input this many times when timing")
      ->capture_default_str();
  app.add_option("--snippet", snippet, "Cut each text to about this many bytes (whole words)");
  CLI11_PARSE(app, argc, argv);

  std::map<Encoding, Row> rows;
  AsciiRow folded, ascii;
  double decode_text_seconds = 0;
  std::size_t skipped = 0;
  const auto files = list_files(corpus, true);
  for (const fs::path& path : files) {
    const std::string raw = read_file(path);
    std::string text;
    try {
      text = to_nfc(decode_text(raw));
    } catch (const DecodeError&) {
      ++skipped;
      continue;
    }
    if (snippet > 0) {
      // From the line of the first non-ASCII letter (past headers such as "# url = ...").
      std::size_t from = 0;
      while (from < text.size() && static_cast<unsigned char>(text[from]) < 0x80) ++from;
      from = from == text.size() ? 0 : text.rfind('\n', from) + 1;
      text.erase(0, from);
      if (text.size() > snippet) {
        const std::size_t cut = text.rfind(' ', snippet);
        text.resize(cut == std::string::npos ? 0 : cut);
      }
    }
    decode_text_seconds += timed(repeat, [&] { (void)decode_text(text); });

    for (Encoding e : kAll) {
      Row& row = rows[e];
      std::size_t replaced = 0;
      std::string source = representable(text, e, replaced);
      const std::string bytes = encode_lossy(source, e, replaced);
      const std::string expected = expected_text(source, e);
      DecodedText d;
      bool error = false;
      row.seconds += timed(repeat, [&] {
        try {
          d = decode_any(bytes);
        } catch (const DecodeError&) {
          error = true;  // invalid UTF-8 not recognised as legacy text
        }
      });
      ++row.files;
      row.bytes += bytes.size();
      row.replaced += replaced;
      const bool detected = !error && d.encoding == e;
      row.detected += detected;
      const std::string got = to_nfc(d.text);
      row.exact += detected && got == expected;
      row.strict += detected && got == source;
      row.exact_forced += to_nfc(decode_any(bytes, e).text) == expected;
      const std::u32string a = code_points(got), b = code_points(expected);
      row.chars += b.size();
      for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        row.chars_exact += a[i] == b[i];
      if (!detected) {
        row.confusions[error ? "an error" : std::string(encoding_name(d.encoding))].push_back(
            path.filename().string());
      }
    }
    check_ascii(asciify(fold_text(text)), path.filename().string(), repeat, folded);
  }
  for (const fs::path& path : list_files(ascii_paths, false)) {
    const std::string raw = read_file(path);
    if (raw.find('\0') != std::string::npos || raw.size() > (8u << 20)) continue;
    try {
      check_ascii(asciify(decode_text(raw)), path.string(), repeat, ascii);
    } catch (const DecodeError&) {
      // not text
    }
  }

  fmt::print(
      "{} files ({} not UTF-8, skipped); decode_any timed over {} runs each, "
      "MB/s of input bytes per CPU second\n\n",
      files.size(), skipped, repeat);
  fmt::print(
      "| encoding | files | detected | round trip exact | forced, exact | chars exact | "
      "chars replaced | decode_any MB/s |\n|---|---|---|---|---|---|---|---|\n");
  for (Encoding e : kAll) {
    const Row& r = rows[e];
    const double n = static_cast<double>(std::max<std::size_t>(r.files, 1));
    fmt::print(
        "| {} | {} | {:.4f} | {:.4f} | {:.4f} | {:.6f} | {} ({:.4f}%) | {:.1f} |\n",
        encoding_name(e), r.files, r.detected / n, r.exact / n, r.exact_forced / n,
        static_cast<double>(r.chars_exact) / static_cast<double>(std::max<std::size_t>(r.chars, 1)),
        r.replaced,
        100.0 * static_cast<double>(r.replaced) /
            static_cast<double>(std::max<std::size_t>(r.chars, 1)),
        mb_per_s(r.bytes, r.seconds));
  }
  const Row& tcvn = rows[Encoding::kTcvn3];
  fmt::print(
      "\nTCVN3 files exact including the case of capitals with tones: {:.4f} "
      "(the rest lost it by design)\n",
      static_cast<double>(tcvn.strict) / static_cast<double>(std::max<std::size_t>(tcvn.files, 1)));
  for (Encoding e : kAll) {
    const Row& r = rows[e];
    for (const auto& [as, names] : r.confusions) {
      const std::vector<std::string> some(names.begin(),
                                          names.begin() + std::min<std::size_t>(names.size(), 3));
      fmt::print("{} read as {}: {} file(s), e.g. {}\n", encoding_name(e), as, names.size(),
                 fmt::join(some, ", "));
    }
  }
  fmt::print("decode_text (today's UTF-8 path) on the same UTF-8: {:.1f} MB/s\n\n",
             mb_per_s(rows[Encoding::kUtf8].bytes, decode_text_seconds));

  for (const auto& [name, row] : {std::pair<const char*, const AsciiRow*>{
                                      "corpus without diacritics (fold_text, ASCII)", &folded},
                                  {"--ascii files", &ascii}}) {
    if (row->files == 0) continue;
    fmt::print(
        "{}: {} files, {:.1f} MB, stayed UTF-8: {} — false positives {} ({:.4f}); {:.1f} MB/s\n",
        name, row->files, static_cast<double>(row->bytes) / 1e6, row->utf8, row->files - row->utf8,
        static_cast<double>(row->files - row->utf8) / static_cast<double>(row->files),
        mb_per_s(row->bytes, row->seconds));
    for (const std::string& ex : row->examples) fmt::print("  {}\n", ex);
  }
  return 0;
}
