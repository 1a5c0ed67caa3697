// tracuu-bench-floor: does nothing, linked as tracuu-search is. The end-to-end benchmark
// (bench/e2e.sh) runs it as a process per query to measure the floor of process start:
// loading the shared libraries tracuu-search loads (Xapian, ICU, fmt, the C++ runtime)
// and exiting.
#include <fmt/format.h>
#include <unicode/uversion.h>
#include <xapian.h>

#include <string>

// Never called. The linker keeps only the shared libraries a program refers to
// (--as-needed): these references give the floor the same ones as tracuu-search.
std::string tracuu_bench_floor_libraries() {
  UVersionInfo icu;
  u_getVersion(icu);
  return fmt::format("{} {}", Xapian::version_string(), icu[0]);
}

int main() { return 0; }
