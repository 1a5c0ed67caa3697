// Sentences of a paragraph, and long paragraphs cut into passages of whole sentences.
//
// A sentence ends at . ! ? … (or a run of them: "...", "?!"), with any closing quotes or
// brackets after it (." .” .) ?»), when whitespace and then something other than a
// lower-case letter follow; a line break always ends one. A period does not end a sentence
//   - inside a token: 3.5  1.000.000  16.6.2025  TP.HCM  www.dantri.com.vn
//   - after a title or place abbreviation, which a name follows: TS. PGS.TS. ThS. Th.S. GS.
//     BS. KS. St. Mr. tr. — and TP./Tp./Q./P./TX.: "TP. Hồ Chí Minh" is one sentence
//   - after initials: "John S. McCain", and "N.V.A. (SN 1990)" unless a capital follows
//   - after an item number or letter that opens the sentence or a clause (after : ; ( or a
//     dash): "1. Báo chí là…", "a. Tăng…", "II. NHIỆM VỤ", "gồm: 1. …"
//   - after an article head that opens the sentence: "Điều 1. Phạm vi…", "Chương II. …",
//     "Khoản 2.", "Mục 3.", "Phần I.", "Điểm a." — but "… tại Điều 60. Người …" ends one
//   - in an elision "(...)" or "[…]"
// "v.v." and "etc." are ordinary words: they end a sentence when a capital follows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tracuu {

// Byte ranges [begin, end) of the sentences of one NFC paragraph, in order, trimmed of
// whitespace; together they cover every non-space byte of the paragraph.
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view paragraph);

// Passage sizes in bytes of UTF-8. kMaxPassageBytes sits at the 99.9th percentile of the
// reference corpora's paragraphs (bench/README.md "Limits"): only outliers are cut,
// since a cut loses phrase matches and context across it. kTargetPassageBytes, half of it
// (~80 words), gives pieces as long as an ordinary long paragraph: BM25 normalizes by
// length, and 500 bytes is a snippet one reads at a glance.
inline constexpr std::size_t kMaxPassageBytes = 1000;
inline constexpr std::size_t kTargetPassageBytes = 500;
// The hard limit, kHardMaxFactor × the maximum: a clause longer than that (a line without
// punctuation, the longest real one 2.2 KB) is cut between words, so that no passage, and
// no search that reads it, grows with its input.
inline constexpr std::size_t kHardMaxFactor = 4;
inline constexpr std::size_t kHardMaxPassageBytes = kHardMaxFactor * kMaxPassageBytes;

// A paragraph longer than `max_bytes` cut between sentences into passages whose lengths are as
// close to `target_bytes` as whole sentences allow (least squares), none above `max_bytes`
// unless it holds one sentence alone. A sentence longer than `max_bytes` is first cut after
// its semicolons ("…; "), and a clause still too long after its commas (", "); a clause
// longer than that stays whole up to kHardMaxFactor × `max_bytes`, and beyond is cut between
// words (within a word only when it has no space for `target_bytes`), so no passage is
// longer than that. A paragraph of at most `max_bytes` comes back as it is, in one piece;
// passages are trimmed and never empty.
std::vector<std::string> split_long_paragraph(std::string_view paragraph,
                                              std::size_t max_bytes = kMaxPassageBytes,
                                              std::size_t target_bytes = kTargetPassageBytes);

// The start of `text` of at most `max_bytes`, cut between words as split_long_paragraph cuts
// a clause (within a word only when it has no space); `text` itself when it is not longer.
std::string_view first_words(std::string_view text, std::size_t max_bytes);

}  // namespace tracuu
