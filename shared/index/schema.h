// The index schema, in one place. A Xapian document is one passage (a paragraph) of a
// report; every passage carries its report's identity, title terms and metadata.
//
// Terms (spelt by index/terms.h, which the writer and the query side both call)
//   prefix  example            positions  what
//   (none)  khuyet             yes        folded word (diacritics removed, lower case); the
//                                         parts of a compound are words too: 60, nq, tw
//   (none)  60-nq/tw  60nqtw   no         a compound as a whole (compound_terms() in
//           16/6 6/2025                   text/analyze.h; tokenize.h lists connectors)
//   (none)  khuyet_diem        no         folded word of two or more units, as the database's
//                                         segmentation model groups them (segment/words.h)
//   XE      XEkhuyết_điểm      no         the same word, exact
//   XE      XEkhuyết           yes        exact word: normalized, diacritics kept, so a word
//                                         typed with diacritics can prefer that form, also
//                                         side by side with the others (đã xong, not đá … xong)
//   S       Skhuyet            first      folded word of the report's title (context), on
//                                         every passage; with positions on the first
//   XT      XTkhuyết           first      exact word of the report's title, on its first
//                                         passage only: title: filters (the title as typed)
//   XH      XHtội              no         exact word of the heading of the official document's
//                                         article the passage belongs to ("Điều 353. Tội tham
//                                         ô tài sản"), on the article's other passages, whose
//                                         context it is; its folded words are S terms there
//   Q       Q000_bc9a3.txt     no         report id, boolean: shared by all passages of a
//                                         report, which is how re-indexing replaces them
//   XS      XScorpus           no         folded word of the report's source (source:)
//   XR      XRNQ-15            no         a party or state document the passage cites
//                                         (text/refs.h keys; ref:NQ-15, --facet ref)
//   XA      XA12               no         the article of an official document the passage
//                                         belongs to (Điều 12; dieu:12), boolean
//   XF      XF/data/a.jsonl    no         the input file the report came from (absolute
//                                         path; for --prune), boolean; none from stdin
//   XP      XP                 no         padding on passages that do not end like a sentence
//                                         (headings, bylines, bare numbers, captions): wdf
//                                         kPaddingWdf, so that BM25 weighs them as longer
//                                         passages and a paragraph that matches as well
//                                         comes first (a factor of about 0.75 on a term)
//
// Value slots
//   0  date, "YYYYMMDD" (sorts as a string; absent when unknown)
//   1  report id (collapse key for --per-report; with 2, the tie-break of equal weights)
//   2  passage ordinal, Xapian::sortable_serialise
//   3  year, "YYYY" (--facet year; absent when the date is unknown)
//   4  source (--facet source)
//   5  the passage's references, their keys joined by "\n" (--facet ref; absent if none)
//   6  the report's content hash (writer.h report_hash; unchanged reports are skipped)
//
// Document data: one JSON object
//   every passage: {"passage", "article"?, "line"?, "text"}
//   and the report's first (passage 0) also: {"id", "title", "source", "path", "url", "date",
//   "number"}, once per report rather than repeated on each passage. A passage's report
//   is its value slot 1; its first passage is the first posting of its Q term (passages
//   are added in order, a report lives in one shard), which is how the searcher reads them.
//   text is the passage as written, decoded and NFC-composed; offsets refer to it.
//   article ("12") is absent and number (the official document's, "100/2015/QH13") null
//   when the report has none. line: the 1-based line of the decoded input file where the
//   passage starts (.txt, .md), or of the report's JSON line (.jsonl, stdin); absent where
//   unknown (HTML). path: the input file as named when indexing ("-" for stdin). source:
//   the input's, else the URL's host, else the file's top folder. A long
//   paragraph split into several passages (formats.h) gives each its own text, and its
//   paragraph's line.
//
// Metadata
//   tracuu.schema     the schema version below (this layout of terms, values and data)
//   tracuu.analyzer   the analyzer version below (what text/ turns text into: tokens,
//                     normalization, tone placement, folding, compound terms)
//   tracuu.segmenter  the segmentation model (segmenter.h's file format), set when the
//                     database is created or relearned and never changed otherwise: the
//                     searcher segments queries with it, as the documents were
//   tracuu.segmenter.id  its fingerprint (index/database.h segmenter_id), so that the
//                     shards of one collection are checked for the same model cheaply
//   tracuu.shard      "k/N" in shard k of a sharded database of N (shards.h); absent
//                     in a database of one
// Beside its Xapian files, a database's folder (each shard's) holds tracuu.segmenter, a
// copy of that model, written (to a temporary name, then renamed) when the model is set,
// before the commit, and again by an index run that finds it missing, another model's or
// damaged (every byte checked against its checksum). The searcher maps it and looks words
// up in place rather than reading the whole value back from Xapian, when its fingerprint
// (the checksum it ends with: 8 bytes read) is the committed tracuu.segmenter.id and its
// tables' sizes add up; else (missing after xapian-compact, left by a run that failed,
// cut short) it reads the metadata. A file damaged inside, its end intact, is not noticed
// by the searcher (queries would be grouped into other words) until an index run repairs
// it. Replace it only by rename: a searcher keeps it mapped, and a file overwritten or
// truncated in place under it ends that process with SIGBUS.
// Both programs refuse a database with other versions: its terms would not be the ones
// the queries ask for. Bump kAnalyzerVersion with any change to the terms the analyzer
// produces — text/ (tokens, normalization, folding, compounds, refs.h's keys) and the
// padding rule (report.h is_prose) — also because unchanged reports are skipped by their
// content hash, which covers the text but not how it is analysed. tests/query/search_test.cc
// pins the terms of one passage. (text/chars.h's Unicode white space left it at 1: it
// changes terms only around rare spaces, and the reference corpora index identically.)
#pragma once

#include <cstddef>
#include <string_view>

namespace tracuu::schema {

inline constexpr int kVersion = 8;
inline constexpr std::string_view kVersionKey = "tracuu.schema";
inline constexpr int kAnalyzerVersion = 1;
inline constexpr std::string_view kAnalyzerKey = "tracuu.analyzer";
inline constexpr std::string_view kSegmenterKey = "tracuu.segmenter";
inline constexpr std::string_view kSegmenterIdKey = "tracuu.segmenter.id";
inline constexpr std::string_view kShardKey = "tracuu.shard";
inline constexpr std::string_view kModelFileName = "tracuu.segmenter";

inline constexpr std::string_view kPrefixExact = "XE";
inline constexpr std::string_view kPrefixTitle = "S";
inline constexpr std::string_view kPrefixTitleExact = "XT";
inline constexpr std::string_view kPrefixHeadingExact = "XH";
inline constexpr std::string_view kPrefixReport = "Q";
inline constexpr std::string_view kPrefixSource = "XS";
inline constexpr std::string_view kPrefixRef = "XR";
inline constexpr std::string_view kPrefixArticle = "XA";
inline constexpr std::string_view kPrefixFile = "XF";

inline constexpr unsigned kSlotDate = 0;
inline constexpr unsigned kSlotReport = 1;
inline constexpr unsigned kSlotOrdinal = 2;
inline constexpr unsigned kSlotYear = 3;
inline constexpr unsigned kSlotSource = 4;
inline constexpr unsigned kSlotRefs = 5;
inline constexpr unsigned kSlotHash = 6;

inline constexpr std::string_view kTermPadding = "XP";
inline constexpr unsigned kPaddingWdf = 300;

// Xapian refuses terms over 245 bytes; longer tokens (URLs, hashes) are not words anyone
// types, so terms above this size are left out (index/terms.h fits). Report ids, which
// become Q terms, are checked when read (ingest/report.h kMaxReportIdBytes).
inline constexpr std::size_t kMaxTermBytes = 120;

}  // namespace tracuu::schema
