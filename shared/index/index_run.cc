#include "index/index_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_set>

#include "error.h"
#include "index/report.h"
#include "index/writer.h"
#include "text/decode.h"

namespace tracuu {
namespace fs = std::filesystem;
namespace {

struct InputFile {
  fs::path path;
  std::string display;  // the path as the user would write it
  std::string id;       // relative to the folder named on the command line, or the file name
};

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.';
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw InputError(path.string(), "cannot be read");
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw InputError(path.string(), "read error");
  }
  return bytes;
}

class Run {
 public:
  Run(IndexObserver& observer, const std::function<void(const Report&)>& sink)
      : observer_(observer), sink_(sink) {}

  IndexStats go(const std::vector<std::string>& args) {
    const auto start = std::chrono::steady_clock::now();
    for (const InputFile& f : collect(args)) {
      index_file(f);
      ++stats_.files;
      stats_.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      observer_.progress(stats_);
    }
    if (!ignored_.empty()) {
      observer_.note(fmt::format("ignored {} file(s) of other types, such as {}", ignored_.size(),
                                 *ignored_.begin()));
    }
    stats_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats_;
  }

 private:
  std::vector<InputFile> collect(const std::vector<std::string>& args) {
    std::vector<InputFile> files;
    for (const std::string& arg : args) {
      std::error_code ec;
      const fs::path root(arg);
      const auto status = fs::status(root, ec);
      if (ec || !fs::exists(status)) {
        skip(arg, "no such file or folder");
        continue;
      }
      if (fs::is_regular_file(status)) {
        if (input_format(arg) == InputFormat::kUnsupported) {
          skip(arg, "not a supported format (.txt, .jsonl)");
          continue;
        }
        files.push_back({root, arg, root.filename().string()});
        continue;
      }
      if (!fs::is_directory(status)) {
        skip(arg, "not a regular file or folder");
        continue;
      }
      std::vector<InputFile> found;
      fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (is_hidden(p)) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file()) continue;
        if (input_format(p.string()) == InputFormat::kUnsupported) {
          ignored_.insert(p.string());
          continue;
        }
        found.push_back({p, p.string(), p.lexically_relative(root).generic_string()});
      }
      if (ec) skip(arg, fmt::format("cannot list folder: {}", ec.message()));
      std::sort(found.begin(), found.end(),
                [](const InputFile& a, const InputFile& b) { return a.id < b.id; });
      files.insert(files.end(), found.begin(), found.end());
    }
    return files;
  }

  void index_file(const InputFile& f) {
    std::string bytes;
    try {
      bytes = read_file(f.path);
    } catch (const InputError& e) {
      skip(f.display, e.what());
      return;
    }
    stats_.bytes += bytes.size();
    if (input_format(f.path.string()) == InputFormat::kJsonLines) {
      index_json_lines(f, bytes);
      return;
    }
    try {
      std::string text;
      try {
        text = decode_text(bytes);
      } catch (const DecodeError& e) {
        throw InputError(fmt::format("{}: byte {}", f.display, e.offset()), e.what());
      }
      add(parse_text_report(text, f.id, f.display), f.display);
    } catch (const InputError& e) {
      skip(e.location(), e.what());
    }
  }

  void index_json_lines(const InputFile& f, std::string_view bytes) {
    std::size_t line_number = 0;
    std::size_t offset = 0;
    while (offset < bytes.size()) {
      auto nl = bytes.find('\n', offset);
      if (nl == std::string_view::npos) nl = bytes.size();
      const std::string_view line = bytes.substr(offset, nl - offset);
      const std::size_t line_start = offset;
      offset = nl + 1;
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      const std::string where = fmt::format("{}:{}", f.display, line_number);
      try {
        std::string text;
        try {
          text = decode_text(line);
        } catch (const DecodeError& e) {
          throw InputError(fmt::format("{} (byte {} of the file)", where, line_start + e.offset()),
                           e.what());
        }
        add(parse_json_report(text, f.display, line_number), where);
      } catch (const InputError& e) {
        skip(e.location(), e.what());
      }
    }
  }

  void add(const Report& report, const std::string& where) {
    if (!ids_.insert(report.id).second) {
      throw InputError(where,
                       fmt::format("report id \"{}\" already came earlier in this run", report.id));
    }
    sink_(report);
    ++stats_.reports;
    stats_.passages += report.passages.size();
  }

  void skip(const std::string& where, const std::string& why) {
    ++stats_.skipped;
    observer_.skipped(where, why);
  }

  IndexObserver& observer_;
  const std::function<void(const Report&)>& sink_;
  IndexStats stats_;
  std::unordered_set<std::string> ids_;
  std::set<std::string> ignored_;
};

}  // namespace

InputFormat input_format(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (ext == ".txt") return InputFormat::kText;
  if (ext == ".jsonl") return InputFormat::kJsonLines;
  return InputFormat::kUnsupported;
}

IndexStats for_each_report(const std::vector<std::string>& paths, IndexObserver& observer,
                           const std::function<void(const Report&)>& sink) {
  return Run(observer, sink).go(paths);
}

IndexStats index_paths(IndexWriter& writer, const std::vector<std::string>& paths,
                       IndexObserver& observer) {
  return for_each_report(paths, observer, [&](const Report& r) { writer.replace_report(r); });
}

}  // namespace tracuu
