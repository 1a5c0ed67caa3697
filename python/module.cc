// The Python module `tracuu` (pybind11) over the public API (include/tracuu/tracuu.h):
// hits whose attributes are tracuu-search --json's keys, errors as tracuu.Error.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <tracuu/tracuu.h>

namespace py = pybind11;

namespace {

// Whatever names one database, or a list of them: str, bytes, os.PathLike.
std::vector<std::string> database_paths(const py::object& path) {
  const py::object fspath = py::module_::import("os").attr("fsdecode");
  std::vector<std::string> paths;
  if (py::isinstance<py::list>(path) || py::isinstance<py::tuple>(path)) {
    for (const py::handle item : path) paths.push_back(py::str(fspath(item)));
  } else {
    paths.push_back(py::str(fspath(path)));
  }
  return paths;
}

// [[start, end], ...], as json.loads gives --json's arrays.
py::list spans(const std::vector<tracuu::Offsets>& offsets) {
  py::list out;
  for (const auto& [start, end] : offsets) {
    py::list span;
    span.append(start);
    span.append(end);
    out.append(span);
  }
  return out;
}

// `value` of the option `name` when within [low, high] (the CLI's ranges), else tracuu.Error
// (per_report=0 meant no limit, and limit=-1 a TypeError).
std::size_t in_range(const char* name, long long value, long long low, std::size_t high) {
  if (value < low || static_cast<unsigned long long>(value) > high) {
    throw tracuu::Error(std::string(name) + " " + std::to_string(value) + ": from " +
                        std::to_string(low) + " to " + std::to_string(high));
  }
  return static_cast<std::size_t>(value);
}

tracuu::Sort sort_of(const std::string& sort) {
  if (sort == "relevance") return tracuu::Sort::kRelevance;
  if (sort == "date") return tracuu::Sort::kNewest;
  if (sort == "date-asc") return tracuu::Sort::kOldest;
  throw tracuu::Error("sort " + sort + ": relevance, date or date-asc");
}

}  // namespace

PYBIND11_MODULE(tracuu, m) {
  m.doc() =
      "Full-text search of Vietnamese reports in tracuu databases (made by tracuu-index): "
      "tracuu.open(path).search(query) gives what tracuu-search --json gives.";
  m.attr("__version__") = tracuu::version();
  py::register_exception<tracuu::Error>(m, "Error");

  py::class_<tracuu::Result>(m, "Hit",
                             "A passage found; its attributes are tracuu-search --json's keys.")
      .def_readonly("rank", &tracuu::Result::rank)
      .def_readonly("score", &tracuu::Result::score)
      .def_readonly("match", &tracuu::Result::match)
      .def_readonly("id", &tracuu::Result::id)
      .def_readonly("title", &tracuu::Result::title)
      .def_readonly("number", &tracuu::Result::number)
      .def_readonly("passage", &tracuu::Result::passage)
      .def_readonly("path", &tracuu::Result::path)
      .def_readonly("line", &tracuu::Result::line)
      .def_readonly("source", &tracuu::Result::source)
      .def_readonly("url", &tracuu::Result::url)
      .def_readonly("date", &tracuu::Result::date)
      .def_readonly("article", &tracuu::Result::article)
      .def_readonly("text", &tracuu::Result::text)
      .def_property_readonly(
          "highlights", [](const tracuu::Result& r) { return spans(r.highlights); },
          "[start, end] UTF-8 byte offsets into text of the matched words")
      .def_property_readonly(
          "highlight_chars", [](const tracuu::Result& r) { return spans(r.highlight_chars); },
          "the same as str offsets (code points): text[start:end] is the word")
      .def("__repr__", [](const tracuu::Result& r) {
        return "<tracuu.Hit " + std::to_string(r.rank) + " " + r.id + " passage " +
               std::to_string(r.passage) + ">";
      });

  py::class_<tracuu::Database>(m, "Database",
                               "A tracuu database opened for searching (tracuu.open).")
      .def(
          "search",
          [](tracuu::Database& db, const std::string& query, long long limit, long long offset,
             std::optional<long long> per_report, const std::string& sort) {
            tracuu::SearchParams params;
            params.limit = in_range("limit", limit, 1, tracuu::kMaxLimit);
            params.offset = in_range("offset", offset, 0, tracuu::kMaxOffset);
            params.per_report =
                per_report ? in_range("per_report", *per_report, 1, tracuu::kMaxPerReport) : 0;
            params.sort = sort_of(sort);
            // (The GIL stays held: a Database is used by one thread at a time, tracuu.h.)
            return db.search(query, params);
          },
          py::arg("query"), py::arg("limit") = 10, py::arg("offset") = 0,
          py::arg("per_report") = py::none(), py::arg("sort") = "relevance",
          "The passages matching query, best first (sort: relevance, date, date-asc), as "
          "tracuu-search "
          "--json gives them with -n limit --offset offset --per-report per_report.")
      .def(
          "count",
          [](tracuu::Database& db, const std::string& query) {
            const tracuu::Totals t = db.count(query);
            return py::make_tuple(t.passages, t.reports);
          },
          py::arg("query"), "(passages, reports) with every part of the query as typed (--count).")
      .def(
          "facet",
          [](tracuu::Database& db, const std::string& query, const std::string& field,
             long long limit) {
            const std::vector<tracuu::FacetCount> values =
                db.facet(query, field, in_range("limit", limit, 1, tracuu::kMaxLimit));
            py::list out;
            for (const auto& v : values)
              out.append(
                  py::make_tuple(v.value ? py::object(py::str(*v.value)) : py::none(), v.count));
            return out;
          },
          py::arg("query"), py::arg("field"), py::arg("limit") = 10,
          "[(value, count)] per year, source or ref (--facet); value None for passages without "
          "one.")
      .def(
          "suggestion",
          [](tracuu::Database& db, const std::string& query) -> std::optional<std::string> {
            std::string s = db.suggestion(query);
            if (s.empty()) return std::nullopt;
            return s;
          },
          py::arg("query"), "'Did you mean': the query as probably meant, or None.");

  m.def(
      "open",
      [](const py::object& path, bool allow_programs, double timeout, bool allow_partial,
         const std::vector<std::string>& synonyms) {
        tracuu::OpenOptions options;
        options.allow_programs = allow_programs;
        options.timeout_seconds = timeout;
        options.allow_partial = allow_partial;
        options.synonym_files = synonyms;
        const std::vector<std::string> paths = database_paths(path);
        py::gil_scoped_release unlocked;
        return tracuu::Database(paths, options);
      },
      py::arg("path"), py::kw_only(), py::arg("allow_programs") = false, py::arg("timeout") = 5.0,
      py::arg("allow_partial") = false, py::arg("synonyms") = std::vector<std::string>{},
      "Opens what tracuu-search --db takes: a database folder, a sharded folder or a stub file (or "
      "a "
      "list of them, searched as one). 'remote :PROG' lines of a stub file run only with "
      "allow_programs=True, as with --allow-programs.");
  m.def("segment", &tracuu::segment, py::arg("text"),
        "The words of text as the shipped segmentation model groups its syllables.");
}
