#include "manual.h"

tracuu::cli::Manual search_manual() {
  tracuu::cli::Manual m;
  m.name = "tracuu-search";
  m.purpose = "search a tracuu database of Vietnamese reports";
  m.synopsis = {
      "[--db DIR|STUB]... [OPTIONS] QUERY...",
      "[--db DIR|STUB]... [OPTIONS] --queries FILE",
      "[--db DIR|STUB]... [-n N] [--json] --top-refs [--kind KIND]",
  };
  m.description =
      "QUERY is everything after the options, joined into one query: from its first word on, every "
      "argument is part of it (-word leaves out a word); -- also ends the options, for a query "
      "that "
      "begins with -. A word typed with diacritics matches that word as typed (whatever the case, "
      "Unicode form or tone-mark placement); a word typed without matches every form. "
      "\"Quoted words\" are a phrase; OR, AND, NOT, NEAR and NEAR/n are operators in capitals; "
      "+word and -word require and exclude; ( ) groups; title:, source:, id:, ref:, dieu: and "
      "date:FROM..TO filter. A query is at most 1,024 bytes and 32 words.\n"
      "\n"
      "Results are passages, best first, each under its report's title and its location "
      "(PATH:LINE as the file was indexed), the matched words highlighted. --json prints one "
      "object per line with stable keys: rank, score, match, id, title, number, passage, path, "
      "line, source, url, date, article, text, highlights (UTF-8 byte offsets) and "
      "highlight_chars (code-point offsets).";
  m.exit_status = {
      {"0",
       "Something was printed (with --queries: some query matched and every line was a query)."},
      {"1", "Nothing matched, or nothing is left past --offset."},
      {"2",
       "An error, with a message on stderr saying what to do: a malformed or too long query, bad "
       "arguments or option files, no database, an unreadable, corrupt or other-version database, "
       "a stub line that would run a program without --allow-programs; with --queries, a line "
       "that is not a query (the other lines still run)."},
  };
  m.environment = {
      {"TRACUU_DB",
       "The database when no --db is given (else ./tracuu.db); never allows programs."},
      {"TRACUU_RESOURCES",
       "The folder of tracuu's data files (abbreviations.tsv, segmenter.model) "
       "instead of the one installed with the program (PREFIX/share/tracuu)."},
      {"NO_COLOR", "When set, --color=auto does not colour highlights."},
  };
  m.files = {
      {"./tracuu.db", "The database searched when neither --db nor TRACUU_DB names one."},
      {"DIR/tracuu.stub", "The stub file of a sharded database folder, listing its shards."},
      {"PREFIX/share/tracuu/abbreviations.tsv",
       "The shipped abbreviations (UBND and Ủy ban nhân dân), searched both ways."},
  };
  m.examples = {
      {"tracuu-search --db tracuu.db \"không né tránh khuyết điểm\"",
       "Passages with these words, the phrase first:"},
      {"tracuu-search --db tracuu.db -n 3 --mark '[ ]' khong ne tranh khuyet diem",
       "The same typed without diacritics, three passages, the matched words between marks:"},
      {"tracuu-search --db tracuu.db --json -n 1 \"thủy lợi\"",
       "The best passage as a JSON object:"},
      {"tracuu-search --db tracuu.db --count UBND",
       "How many passages, in how many reports, have the word (or Ủy ban nhân dân):"},
      {"tracuu-search --db tracuu.db --facet year UBND", "Those passages counted by year:"},
      {"printf 'thủy lợi\\nUBND\\n' | tracuu-search --db tracuu.db -n 1 --json --queries -",
       "Several queries in one process, one per line of stdin:"},
      {"tracuu-search --db tracuu.db --top-refs -n 5", "The documents the corpus cites most:"},
  };
  m.see_also = {"tracuu-index(1)", "xapian-tcpsrv(1)"};
  return m;
}
