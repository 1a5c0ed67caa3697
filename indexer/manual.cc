#include "manual.h"

tracuu::cli::Manual index_manual() {
  tracuu::cli::Manual m;
  m.name = "tracuu-index";
  m.purpose = "index Vietnamese reports into a tracuu database";
  m.synopsis = {
      "[--db DIR] [--shards N] [--prune] [--encoding NAME] [--batch N] [--lexicon FILE]... "
      "[--segmenter-model FILE] [--relearn] PATH...",
      "[--db DIR] --info | --list | --delete ID...",
      "--segment [--db DIR | --segmenter-model FILE] [--lexicon FILE]... < TEXT",
      "--train-segmenter OUT.model GOLD... [--unlabeled PATH]... [--lexicon FILE]...",
  };
  m.description =
      "Each paragraph of a report becomes a passage. A report is identified by its id: indexing it "
      "again replaces it, and a report that comes again with the same content is not rewritten. "
      "Input is read in UTF-8, UTF-16 with a byte-order mark, or a legacy Vietnamese encoding "
      "(Windows-1258, TCVN3, VNI, VIQR), detected unless --encoding names it. A report is read "
      "from "
      "at most 4 MiB; a larger one is skipped and reported.\n"
      "\n"
      "A new database learns its segmentation model from the corpus it is created from (and the "
      "words of --lexicon files) and keeps it; --relearn builds the database again beside the old "
      "one (DIR.relearn), which stays searchable until the new one takes its place. A summary goes "
      "to stderr, and a progress line while stderr is a terminal.";
  m.exit_status = {
      {"0",
       "All input was indexed (or the --info, --list, --delete, --segment or --train-segmenter run "
       "succeeded)."},
      {"1",
       "Some input was skipped, each on stderr with its file and line, and the rest indexed; with "
       "--delete, an id that is not in the database; with --segment, a line that could not be "
       "decoded."},
      {"2",
       "A fatal error, with what to do: bad arguments or option files, a database that cannot be "
       "opened, is locked by another indexer, is not writable or is corrupt. The database keeps "
       "its last commit, whole reports only."},
  };
  m.environment = {
      {"TRACUU_DB", "The database when no --db is given (else ./tracuu.db)."},
      {"TRACUU_RESOURCES",
       "The folder of tracuu's data files (segmenter.model, abbreviations.tsv) "
       "instead of the one installed with the program (PREFIX/share/tracuu)."},
  };
  m.files = {
      {"./tracuu.db", "The database written when neither --db nor TRACUU_DB names one."},
      {"DIR/tracuu.segmenter",
       "A copy of the database's segmentation model, which the searcher maps."},
      {"DIR/shard-K, DIR/tracuu.stub",
       "The shards of a database made with --shards, and the stub file "
       "listing them."},
      {"PREFIX/share/tracuu/segmenter.model",
       "The shipped segmentation model a new database starts from."},
  };
  m.examples = {
      {"tracuu-index --db tracuu.db corpus", "Index the files of a folder (recursively):"},
      {"tracuu-index --db tracuu.db --info", "The database's schema, model, counts and size:"},
      {"tracuu-index --db tracuu.db --list", "One line per report: id, date, passages, title:"},
      {"echo 'Tổng Bí thư Tô Lâm làm việc với Thành ủy Hà Nội.' | tracuu-index --segment",
       "Words as the shipped model segments them, their syllables joined by _:"},
      {"tracuu-index --db archive --shards 2 corpus", "A database of two shards, searched as one:"},
  };
  m.see_also = {"tracuu-search(1)", "xapian-check(1)", "xapian-compact(1)"};
  return m;
}
