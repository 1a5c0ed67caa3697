// The index schema, in one place. A Xapian document is one passage (a paragraph) of a
// report; every passage carries its report's identity, title terms and metadata.
//
// Terms
//   prefix  example            positions  what
//   (none)  khuyet             yes        folded word (diacritics removed, lower case); the
//                                         parts of a compound are words too: 60, nq, tw
//   (none)  60-nq/tw           no         folded whole compound (tokenize.h lists connectors)
//   E       Ekhuyết            no         exact word: normalized, diacritics kept, so a query
//                                         typed with diacritics can prefer what it typed
//   S       Skhuyet            no         folded word of the report's title (context)
//   Q       Q000_bc9a3.txt     no         report id, boolean: shared by all passages of a
//                                         report, which is how re-indexing replaces them
// Exact terms carry no positions: phrases and proximity are matched on folded terms,
// which every passage has, and exactness is a per-word property.
//
// Value slots
//   0  date, "YYYYMMDD" (sorts as a string; absent when unknown)
//   1  report id (collapse key: one report's passages)
//   2  passage ordinal, Xapian::sortable_serialise
//   3  passage prior, Xapian::sortable_serialise(1.0) on passages that end like a sentence;
//      absent on headings, bylines, numbers and captions without a full stop, which are
//      seldom what a reader looks for (weighted at query time, see RankingWeights::prose)
//
// Document data: one JSON object
//   {"id", "title", "passage", "source", "url", "date", "text"}
//   text is the passage as written, decoded and NFC-composed; offsets refer to it.
//
// Metadata
//   tracuu.schema   the schema version below; binaries refuse other versions
#pragma once

#include <cstddef>
#include <string_view>

namespace tracuu::schema {

inline constexpr int kVersion = 1;
inline constexpr std::string_view kVersionKey = "tracuu.schema";

inline constexpr std::string_view kPrefixExact = "E";
inline constexpr std::string_view kPrefixTitle = "S";
inline constexpr std::string_view kPrefixReport = "Q";

inline constexpr unsigned kSlotDate = 0;
inline constexpr unsigned kSlotReport = 1;
inline constexpr unsigned kSlotOrdinal = 2;
inline constexpr unsigned kSlotProse = 3;

// Xapian refuses terms over 245 bytes; longer tokens (URLs, hashes) are not words anyone
// types, so terms above this size are left out.
inline constexpr std::size_t kMaxTermBytes = 120;
// Report ids become Q terms, so they must fit in one.
inline constexpr std::size_t kMaxIdBytes = 200;

}  // namespace tracuu::schema
