// Stage 1 for old files: legacy Vietnamese encodings (Windows-1258, TCVN3, VNI, VIQR),
// their detection, and encode_as() for the way back.
#include "text/encoding.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/fold.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

using namespace std::string_view_literals;

constexpr Encoding kAll[] = {Encoding::kUtf8, Encoding::kWindows1258, Encoding::kTcvn3,
                             Encoding::kVni, Encoding::kViqr};
constexpr Encoding kLegacy[] = {Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni,
                                Encoding::kViqr};

std::string utf8_of(char32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}

// What a round trip through `e` gives back: the NFC of the input, except that TCVN3 writes
// capitals with a tone as lower-case letters (it has no bytes for them).
std::string expected_round_trip(std::string_view text, Encoding e) {
  const std::string nfc = to_nfc(text);
  if (e != Encoding::kTcvn3) return nfc;
  std::string out;
  for (std::size_t pos = 0; pos < nfc.size();) {
    const char32_t cp = next_code_point(nfc, pos);
    vn::Letter letter;
    if (vn::lookup(cp, letter) && letter.upper && letter.tone != vn::Tone::kLevel) {
      append_utf8(out, vn::compose(letter.base, letter.tone));
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

// Paragraphs in the style of the archives, written for these tests.
constexpr std::string_view kParagraphs[] = {
    "Tổng Bí thư Tô Lâm chủ trì cuộc họp Bộ Chính trị sáng ngày 16/6/2025 tại Hà Nội, cho "
    "ý kiến về việc sắp xếp tổ chức bộ máy của hệ thống chính trị. Phát biểu kết luận, Tổng "
    "Bí thư yêu cầu các cấp ủy, tổ chức đảng quán triệt sâu sắc tinh thần đổi mới, không để "
    "gián đoạn công việc, bảo đảm hoạt động thông suốt và hiệu quả.",
    "Chiều cùng ngày, Thủ tướng Chính phủ chủ trì phiên họp thường kỳ, nghe báo cáo tình "
    "hình kinh tế - xã hội sáu tháng đầu năm. Theo báo cáo, tăng trưởng GDP ước đạt gần "
    "7,5%, xuất khẩu tiếp tục tăng khá, giải ngân vốn đầu tư công có nhiều chuyển biến tích "
    "cực. Thủ tướng đề nghị các bộ, ngành khẩn trương tháo gỡ vướng mắc về thể chế, thúc "
    "đẩy chuyển đổi số và phát triển khoa học, công nghệ.",
    "Quốc hội khóa XV đã biểu quyết thông qua Nghị quyết về việc điều chỉnh địa giới đơn vị "
    "hành chính cấp tỉnh với tỷ lệ tán thành rất cao. Nhiều đại biểu Quốc hội đề nghị quan "
    "tâm giải quyết chế độ, chính sách đối với cán bộ, công chức, viên chức chịu ảnh hưởng "
    "trực tiếp. ỦY BAN THƯỜNG VỤ QUỐC HỘI sẽ hướng dẫn thi hành Nghị quyết.",
    "Ủy ban Kiểm tra Trung ương đề nghị thi hành kỷ luật một số tổ chức đảng và đảng viên "
    "vi phạm quy định về phòng, chống tham nhũng, lãng phí. Những khuyết điểm, vi phạm nêu "
    "trên đã gây hậu quả nghiêm trọng, ảnh hưởng xấu đến uy tín của tổ chức đảng và chính "
    "quyền địa phương.",
};

// --- names -------------------------------------------------------------------------------

TEST(EncodingName, NamesAndAliases) {
  struct Case {
    std::string_view name;
    std::optional<Encoding> expected;
  };
  const Case cases[] = {
      {"utf-8", Encoding::kUtf8},
      {"UTF8", Encoding::kUtf8},
      {"windows-1258", Encoding::kWindows1258},
      {"CP1258", Encoding::kWindows1258},
      {"Windows1258", Encoding::kWindows1258},
      {"tcvn3", Encoding::kTcvn3},
      {"TCVN", Encoding::kTcvn3},
      {"abc", Encoding::kTcvn3},
      {"VNI", Encoding::kVni},
      {"vni-windows", Encoding::kVni},
      {"Viqr", Encoding::kViqr},
      {"", std::nullopt},
      {"latin1", std::nullopt},
      {"utf-16", std::nullopt},
      {"vni ", std::nullopt},
      {"utf\r8", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(parse_encoding_name(c.name), c.expected);
  }
  for (Encoding e : kAll) EXPECT_EQ(parse_encoding_name(encoding_name(e)), e);
}

// --- known bytes, from the published tables ----------------------------------------------

struct BytesCase {
  std::string_view text;
  Encoding encoding;
  std::string_view bytes;
};

TEST(EncodingRoundTrip, KnownBytes) {
  const BytesCase cases[] = {
      // Windows-1258: base letter, then a combining tone byte where no precomposed
      // letter exists (ệ = ê + dot below F2); precomposed where one does (à E0, Đ D0).
      {"Việt Nam", Encoding::kWindows1258, "Vi\xEA\xF2t Nam"},
      {"Đà Nẵng", Encoding::kWindows1258, "\xD0\xE0 N\xE3\xDEng"},
      {"người", Encoding::kWindows1258, "ng\xFD\xF5\xCCi"},
      {"Ý kiến", Encoding::kWindows1258, "Y\xEC ki\xEA\xECn"},
      // TCVN3: one byte per lower-case letter.
      {"Việt Nam", Encoding::kTcvn3, "Vi\xD6t Nam"},
      {"Đảng", Encoding::kTcvn3, "\xA7\xB6ng"},
      {"người", Encoding::kTcvn3, "ng\xAD\xEAi"},
      {"Ương", Encoding::kTcvn3, "\xA6\xACng"},
      {"khuyết", Encoding::kTcvn3, "khuy\xD5t"},
      {"“Hà Nội”", Encoding::kTcvn3, "\x93H\xB5 N\xE9i\x94"},
      // TCVN3 has no capital with a tone: the lower-case byte (the H font drew it).
      {"BÍ THƯ", Encoding::kTcvn3, "B\xDD TH\xA6"},
      {"ỦY BAN", Encoding::kTcvn3, "\xF1Y BAN"},
      // VNI: base letter + mark byte; capitals take the capital mark.
      {"Việt Nam", Encoding::kVni, "Vie\xE4t Nam"},
      {"VIỆT NAM", Encoding::kVni, "VIE\xC4T NAM"},
      {"Đảng", Encoding::kVni,
       "\xD1"
       "a\xFBng"},
      {"người", Encoding::kVni, "ng\xF6\xF4\xF8i"},
      {"Ngữ", Encoding::kVni, "Ng\xF6\xF5"},
      {"tỉnh, kỷ, lý", Encoding::kVni, "t\xE6nh, ky\xFB, ly\xF9"},
      {"Ị ị ỵ Ỵ", Encoding::kVni, "\xD2 \xF2 \xEE \xCE"},
      {"Nẵng, ẮT, ẳ", Encoding::kVni, "Na\xFCng, A\xC9T, a\xFA"},
      // VIQR (RFC 1456).
      {"Việt Nam", Encoding::kViqr, "Vie^.t Nam"},
      {"người Đà Nẵng", Encoding::kViqr, "ngu+o+`i DDa` Na(~ng"},
      {"Hà Nội.", Encoding::kViqr, "Ha` No^.i\\."},
      {"a^b", Encoding::kViqr, "a\\^b"},
      {"C:\\", Encoding::kViqr, "C:\\\\"},
      {"add", Encoding::kViqr, "a\\dd"},
      {"dđ", Encoding::kViqr, "\\ddd"},
      {"What?", Encoding::kViqr, "What?"},
      {"so?", Encoding::kViqr, "so\\?"},
  };
  for (const BytesCase& c : cases) {
    SCOPED_TRACE(std::string(c.text) + " in " + std::string(encoding_name(c.encoding)));
    EXPECT_EQ(encode_as(c.text, c.encoding), c.bytes);
    const DecodedText d = decode_any(c.bytes, c.encoding);
    EXPECT_EQ(to_nfc(d.text), expected_round_trip(c.text, c.encoding));
    EXPECT_EQ(d.encoding, c.encoding);
  }
}

// --- every letter, every encoding ----------------------------------------------------------

TEST(EncodingRoundTrip, EveryVietnameseLetter) {
  std::u32string letters(vn::all_lower_letters());
  letters += vn::all_upper_letters();
  ASSERT_EQ(letters.size(), 146u);
  for (Encoding e : kAll) {
    for (char32_t cp : letters) {
      const std::string letter = utf8_of(cp);
      SCOPED_TRACE(letter + " in " + std::string(encoding_name(e)));
      EXPECT_TRUE(can_encode(cp, e));
      // Alone, and inside a word, where VNI's and VIQR's marks meet their neighbours.
      for (const std::string& text :
           {letter, "Ng" + letter + "n " + letter + "a a" + letter + " " + letter + "."}) {
        const std::string bytes = encode_as(text, e);
        const std::string decoded = decode_any(bytes, e).text;
        EXPECT_EQ(to_nfc(decoded), expected_round_trip(text, e)) << "bytes: " << bytes;
      }
    }
  }
}

TEST(EncodingRoundTrip, DecomposedInputGivesTheSameBytes) {
  const std::string nfd = "Vie\u0302\u0323t Nam, Ngu\u031Bo\u031B\u0300i, \u0110a\u0309ng";
  const std::string nfc = "Việt Nam, Người, Đảng";
  for (Encoding e : kLegacy) {
    SCOPED_TRACE(encoding_name(e));
    EXPECT_EQ(encode_as(nfd, e), encode_as(nfc, e));
  }
}

TEST(EncodingRoundTrip, TcvnCapitalsWithTonesBecomeLowerCase) {
  // The documented exception: Ă Â Ê Ô Ơ Ư Đ have bytes, toned capitals do not.
  EXPECT_EQ(decode_any(encode_as("TỔNG BÍ THƯ", Encoding::kTcvn3), Encoding::kTcvn3).text,
            "TổNG Bí THƯ");
  EXPECT_EQ(decode_any(encode_as("ĂN ÂU ÊM ÔI ƠN ƯU ĐI", Encoding::kTcvn3), Encoding::kTcvn3).text,
            "ĂN ÂU ÊM ÔI ƠN ƯU ĐI");
}

TEST(EncodingRoundTrip, UnrepresentableCharactersThrowWithOffset) {
  struct Case {
    std::string_view text;
    Encoding encoding;
    std::size_t offset;
    char32_t code_point;
  };
  const Case cases[] = {
      {"Hà Nội 😀", Encoding::kWindows1258, 10, U'😀'},
      {"Hà Nội 😀", Encoding::kTcvn3, 10, U'😀'},
      {"Hà Nội 😀", Encoding::kVni, 10, U'😀'},
      {"Hà Nội 😀", Encoding::kViqr, 10, U'😀'},
      {"北京", Encoding::kWindows1258, 0, U'北'},
      {"x “y”", Encoding::kViqr, 2, U'“'},
      // VNI uses ü (FC) as a mark byte, so the letter ü has no byte of its own.
      {"Müller", Encoding::kVni, 1, U'ü'},
      // TCVN3's bytes from A0 are all Vietnamese.
      {"garçon", Encoding::kTcvn3, 3, U'ç'},
      // VIQR reads a tone mark that ends an already toned word as punctuation.
      {"résumé", Encoding::kViqr, 6, U'é'},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text) + " in " + std::string(encoding_name(c.encoding)));
    try {
      const std::string bytes = encode_as(c.text, c.encoding);
      ADD_FAILURE() << "no EncodeError: " << bytes;
    } catch (const EncodeError& e) {
      EXPECT_EQ(e.offset(), c.offset) << e.what();
      EXPECT_EQ(e.code_point(), c.code_point) << e.what();
    }
  }
  EXPECT_THROW(encode_as("a\xFF", Encoding::kVni), std::invalid_argument);
}

TEST(EncodingRoundTrip, CanEncode) {
  struct Case {
    char32_t cp;
    Encoding encoding;
    bool expected;
  };
  const Case cases[] = {
      {U'€', Encoding::kWindows1258, true}, {U'€', Encoding::kTcvn3, true},
      {U'€', Encoding::kVni, true},         {U'€', Encoding::kViqr, false},
      {U'“', Encoding::kTcvn3, true},       {U'–', Encoding::kVni, true},
      {U'é', Encoding::kViqr, true},        {U'ü', Encoding::kWindows1258, true},
      {U'ü', Encoding::kVni, false},        {U'ǘ', Encoding::kWindows1258, true},
      {U'ñ', Encoding::kWindows1258, true}, {U'ñ', Encoding::kVni, false},
      {U'Ç', Encoding::kVni, true},         {U'ç', Encoding::kTcvn3, false},
      {U'😀', Encoding::kUtf8, true},        {U'😀', Encoding::kWindows1258, false},
      {0xD800, Encoding::kUtf8, false},     {0x110000, Encoding::kUtf8, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(utf8_of(c.cp < 0xD800 || c.cp > 0xDFFF ? c.cp : U'?') + " in " +
                 std::string(encoding_name(c.encoding)));
    EXPECT_EQ(can_encode(c.cp, c.encoding), c.expected);
  }
}

// --- decoding details -----------------------------------------------------------------------

struct DecodeCase {
  std::string_view name;
  std::string_view bytes;
  std::string_view expected;
};

// VNI text is conventionally shown as Latin-1 ("Vieät Nam"): this gives its bytes.
std::string latin1(std::string_view shown) {
  std::string bytes;
  for (std::size_t pos = 0; pos < shown.size();) {
    const char32_t cp = next_code_point(shown, pos);
    EXPECT_LT(cp, 0x100u) << "not Latin-1";
    bytes.push_back(static_cast<char>(cp));
  }
  return bytes;
}

TEST(EncodingDecode, VniMarksAttachGreedily) {
  const DecodeCase cases[] = {
      {"circumflex with tone is one byte", "tieáng", "tiếng"},
      {"breve with tone", "naêm, aét, aèn", "năm, ắt, ằn"},
      {"horn letters take tones", "ñöôïc, ôû, öù", "được, ở, ứ"},
      {"capital base, capital mark", "ÑAÛNG, VIEÄT", "ĐẢNG, VIỆT"},
      {"capital base, lower-case mark", "Aù", "Á"},
      {"a mark with no vowel reads as Latin-1", "ù xù", "ù xù"},
      {"circumflex on u is not Vietnamese", "uâ", "uâ"},
      {"plain tone after a circumflex", "aâù", "ấ"},
      {"one mark per slot: the second stays Latin-1", "aùù", "áù"},
  };
  for (const DecodeCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(decode_any(latin1(c.bytes), Encoding::kVni).text, c.expected);
  }
  // Windows-1252's punctuation, which the VNI fonts keep.
  EXPECT_EQ(decode_any("\x93ta\xF9\x63 gia\xFB\x94 \x96 1", Encoding::kVni).text, "“tác giả” – 1");
}

TEST(EncodingDecode, ViqrFollowsRfc1456) {
  const DecodeCase cases[] = {
      {"quality then tone", "Vie^.t Nam", "Việt Nam"},
      {"two horns", "ngu+o+`i", "người"},
      {"dd, DD and Dd", "dda^`u DDA^`U Dda^`u", "đầu ĐẦU Đầu"},
      {"dD is not đ", "dD", "dD"},
      {"breve and tilde", "Na(~ng", "Nẵng"},
      {"escaped mark stays", "a\\.b", "a.b"},
      {"escaped backslash", "C:\\\\", "C:\\"},
      {"marks after consonants are text", "don't! What? C++", "don't! What? C++"},
      {"a final period after a toned word is punctuation", "Xin cha`o.", "Xin chào."},
      {"... and inside a word it is a tone", "Xin cha`o. Vie^.t", "Xin chào. Việt"},
      {"a final period on an untoned word is a tone (the RFC's ambiguity)", "ddi.", "đị"},
      {"UTF-8 passes through", "Hà No^.i", "Hà Nội"},
  };
  for (const DecodeCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(decode_any(c.bytes, Encoding::kViqr).text, c.expected);
  }
}

TEST(EncodingRoundTrip, ViqrEscapes) {
  const std::string_view cases[] = {
      "a^b",
      "a(b)",
      "o+1",
      "Hà Nội.",
      "Có không?",
      "Ừ...",
      "add dđ đd ddd DdD",
      "C:\\dir\\",
      "e.g. i.e.",
      "ư+",
      "ấ'",
      "x = a^2",
      "'quoted' `code`",
      "\\\\\\",
      "dd\\d",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(text);
    const std::string bytes = encode_as(text, Encoding::kViqr);
    EXPECT_EQ(to_nfc(decode_any(bytes, Encoding::kViqr).text), to_nfc(text)) << bytes;
  }
}

TEST(EncodingDecode, TcvnReadsTheVn2Extras) {
  // Bytes VN3 leaves free: VN2's capitals with tones and combining tones.
  EXPECT_EQ(decode_any("\xC4 \xFF \xAF", Encoding::kTcvn3).text, "Ấ Ố Ằ");
  EXPECT_EQ(decode_any("a\xB3", Encoding::kTcvn3).text, "a\u0301");
  // Every byte from 0xA0 is defined, and all differently.
  std::vector<std::string> seen;
  for (unsigned b = 0xA0; b < 0x100; ++b) {
    const std::string byte(1, static_cast<char>(b));
    std::string decoded;
    ASSERT_NO_THROW(decoded = decode_any(byte, Encoding::kTcvn3).text) << b;
    for (const std::string& s : seen) EXPECT_NE(s, decoded) << b;
    seen.push_back(decoded);
  }
}

// --- forced encodings and errors ---------------------------------------------------------

TEST(EncodingDecode, ForcedEncodingIsUsedAsIs) {
  EXPECT_EQ(decode_any("Vie^.t", Encoding::kUtf8).text, "Vie^.t");
  EXPECT_EQ(decode_any("Vie^.t", Encoding::kUtf8).encoding, Encoding::kUtf8);
  EXPECT_EQ(decode_any("Vie^.t", Encoding::kViqr).text, "Việt");
  EXPECT_EQ(decode_any("caf\xE9", Encoding::kWindows1258).text, "café");
  EXPECT_EQ(decode_any("caf\xE9", Encoding::kTcvn3).text, "cafộ");
  EXPECT_EQ(decode_any("\xEF\xBB\xBFH\xC3\xA0", Encoding::kUtf8).text, "Hà");
  EXPECT_EQ(decode_any("", Encoding::kVni).text, "");
}

// The bad byte sits between `before` and `after`, so the expected offset is before.size().
struct InvalidCase {
  std::string_view name;
  std::string_view before;
  std::string_view bad;
  std::string_view after;
  std::optional<Encoding> forced;
};

TEST(EncodingDecode, InvalidInputThrowsWithOffsetOfFirstBadByte) {
  const InvalidCase cases[] = {
      {"byte FF after UTF-8", "Hà Nội", "\xFF", "", std::nullopt},
      {"Latin-1 French is no Vietnamese encoding", "caf", "\xE9", " cr\xE8me br\xFBl\xE9\x65",
       std::nullopt},
      {"truncated sequence in UTF-8 text", "Nghị quyết ", "\xE1\xBB", "", std::nullopt},
      {"one stray byte in Vietnamese UTF-8", "Tổng Bí thư ", "\x80", " chủ trì cuộc họp",
       std::nullopt},
      {"a Latin-1 letter in Vietnamese UTF-8", "Thủ tướng Chính phủ họp với ", "\xE9",
       "quipe Việt Nam", std::nullopt},
      {"a BOM says UTF-8", "\xEF\xBB\xBFVi", "\xD6", "t Nam, H\xB5 N\xE9i, ng\xAD\xEAi",
       std::nullopt},
      {"forced utf-8", "ab", "\xC3", "", Encoding::kUtf8},
      {"forced viqr needs UTF-8", "Vie^.t ", "\xFF", "", Encoding::kViqr},
      {"windows-1258 leaves 0x81 undefined", "Vi\xEA\xF2t ", "\x81", "", Encoding::kWindows1258},
      {"windows-1258 leaves 0x8A undefined", "", "\x8A", "a", Encoding::kWindows1258},
      {"tcvn3 leaves 0x90 undefined", "Vi\xD6t ", "\x90", "", Encoding::kTcvn3},
      {"vni leaves 0x8D undefined", "Vie\xE4t ", "\x8D", "", Encoding::kVni},
      {"vni: undefined byte after a vowel", "a", "\x9D", "", Encoding::kVni},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string input = std::string(c.before) + std::string(c.bad) + std::string(c.after);
    try {
      const DecodedText d = decode_any(input, c.forced);
      ADD_FAILURE() << "no DecodeError; read as " << encoding_name(d.encoding) << ": " << d.text;
    } catch (const DecodeError& e) {
      EXPECT_EQ(e.offset(), c.before.size()) << e.what();
    }
  }
}

TEST(EncodingDecode, UndefinedByteAfterTheDetectedStartIsAnError) {
  // Detection reads the start; decoding all of it then finds the byte TCVN3 leaves out.
  std::string bytes;
  for (int i = 0; i < 50; ++i) bytes += encode_as(kParagraphs[i % 4], Encoding::kTcvn3) + "\n";
  const std::size_t at = bytes.size();
  bytes += "\x90 end";
  try {
    decode_any(bytes);
    ADD_FAILURE() << "no DecodeError";
  } catch (const DecodeError& e) {
    EXPECT_EQ(e.offset(), at) << e.what();
    EXPECT_NE(std::string(e.what()).find("tcvn3"), std::string::npos) << e.what();
  }
}

// --- detection -----------------------------------------------------------------------------

TEST(EncodingDetect, EachEncodingOnParagraphs) {
  for (Encoding e : kAll) {
    for (std::string_view paragraph : kParagraphs) {
      SCOPED_TRACE(std::string(encoding_name(e)) + ": " + std::string(paragraph.substr(0, 40)));
      const DecodedText d = decode_any(encode_as(paragraph, e));
      EXPECT_EQ(d.encoding, e);
      EXPECT_EQ(to_nfc(d.text), expected_round_trip(paragraph, e));
    }
  }
}

TEST(EncodingDetect, LegacyEncodingsOnShortText) {
  struct Case {
    std::string_view text;
    Encoding encoding;
  };
  const Case cases[] = {
      {"Hà Nội", Encoding::kWindows1258},
      {"Hà Nội", Encoding::kTcvn3},
      {"Hà Nội", Encoding::kVni},
      {"Bộ Chính trị họp", Encoding::kWindows1258},
      {"Bộ Chính trị họp", Encoding::kTcvn3},
      {"Bộ Chính trị họp", Encoding::kVni},
      {"Quốc hội thông qua luật", Encoding::kVni},
      {"ĐẢNG CỘNG SẢN VIỆT NAM", Encoding::kVni},
      {"ĐẢNG CỘNG SẢN VIỆT NAM", Encoding::kWindows1258},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text) + " in " + std::string(encoding_name(c.encoding)));
    EXPECT_EQ(decode_any(encode_as(c.text, c.encoding)).encoding, c.encoding);
  }
}

TEST(EncodingDetect, Utf8StaysUtf8) {
  const std::string_view cases[] = {
      "Tổng Bí thư Tô Lâm",
      "Khuye\u0302\u0301t (NFD)",
      "\xEF\xBB\xBFHà Nội",
      "北京 Москва 😀",
      "café crème",
      // VIQR-looking text with a non-ASCII character is UTF-8: the rule looks no further.
      "Vie^.t Nam ngu+o+`i ddu+o+.c ca'c – ok",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(text);
    const DecodedText d = decode_any(text);
    EXPECT_EQ(d.encoding, Encoding::kUtf8);
    EXPECT_EQ(d.text, text.substr(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0));
  }
}

TEST(EncodingDetect, AsciiIsNeverTakenForViqr) {
  std::vector<std::string> cases = {
      "",
      "don't",
      "What?",
      "e.g.",
      "i.e. the U.S.A.",
      "C++",
      "3.5",
      "a+b",
      "x^2 + y^2 = z^2",
      "https://example.com/a?b=c&d=e#top",
      "www.google.com/search?q=hanoi",
      "file.txt index.html config.yaml a.b.c",
      // "I'm" reads "Ím", a syllable with an inner tone: one distinct word, however often.
      "I'm sure I'm right, I'm told. I'm here. I'm there. I'm everywhere.",
      "O'Neil said: \"you're right, we'll go, I'd say.\" Ma'am? Hawai'i?",
      "Eddie added a ladder to the Addis Ababa address; the odd toddler giddy.",
      "Mr. So went to Lo. He said no. Me too. So? No. Go to. Do so.",
      "a^n + b^n = c^n has no solution for n > 2; e^x, o^n, u+v, (a+o)^2",
      "int main() { return a+b; } // C++: i++; x=a^b; printf(\"%d\\n\", o+u);",
      "C:\\Windows\\System32\\drivers\\etc\\hosts and \\\\server\\dd\\share",
      "def f(a):\n    return a.b + o.c if a else e.d\n",
      "{\"name\": \"a.b\", \"version\": \"1.2.3\", \"url\": \"http://a.io/e?x=y\"}",
      "# Heading\n\n* item one.\n* item two?\n\n`code` and 'quotes' and \"double\".",
      // Chat smileys after vowels: "qua^^" reads "quâ" followed by a stray mark.
      "vui qua^^ nha^^ nhe^^ hihi^^ hay qua^^ de^^ nhe^^ qua^_^ vui nha^_^",
      "What do you do? Where are you? Who are you? How are you? I see. Me too.",
      // English prose with contractions and questions.
      "Everyone is permitted to copy and distribute verbatim copies of this license "
      "document, but changing it is not allowed. The licenses for most software are "
      "designed to take away your freedom to share and change it. By contrast, you're "
      "free to do so; I'm told we'll see. Isn't it? Don't you think so? Yes, it's so.",
  };
  // Vietnamese typed without its marks, as ASCII: never VIQR either.
  for (std::string_view paragraph : kParagraphs) cases.push_back(fold_text(paragraph));
  cases.push_back(
      fold_text("Anh đi đâu? Tôi đi Hà Nội. Chị có khỏe không? Em ở nhà. Thế à? "
                "Vâng ạ. Bố mẹ đi chợ. Bà ơi! Ừ. Cô ấy là ai? Đó là mẹ."));
  for (const std::string& text : cases) {
    SCOPED_TRACE(text);
    const DecodedText d = decode_any(text);
    EXPECT_EQ(d.encoding, Encoding::kUtf8);
    EXPECT_EQ(d.text, text);
  }
}

TEST(EncodingDetect, ViqrNeedsThreeDistinctStrongWords) {
  // Strong words: a quality mark or a tone inside the word. Two are not enough.
  EXPECT_EQ(decode_any("Vie^.t Nam").encoding, Encoding::kUtf8);
  EXPECT_EQ(decode_any("Vie^.t Nam, Vie^.t Nam, Vie^.t Nam").encoding, Encoding::kUtf8);
  EXPECT_EQ(decode_any("ngu+o+`i Vie^.t").encoding, Encoding::kUtf8);
  const DecodedText d = decode_any("Ngu+o+`i Vie^.t Nam ye^u ca'i dde.p.");
  EXPECT_EQ(d.encoding, Encoding::kViqr);
  EXPECT_EQ(d.text, "Người Việt Nam yêu cái đẹp.");
}

TEST(EncodingDetect, BomBeforeViqr) {
  const std::string bytes = "\xEF\xBB\xBF" + encode_as(kParagraphs[0], Encoding::kViqr);
  const DecodedText d = decode_any(bytes);
  EXPECT_EQ(d.encoding, Encoding::kViqr);
  EXPECT_EQ(d.text, kParagraphs[0]);
}

TEST(EncodingDetect, LegacyTextAfterALongAsciiStart) {
  // A long ASCII preamble (an English header) does not hide the legacy text after it.
  std::string bytes;
  for (int i = 0; i < 2000; ++i) bytes += "Header line without any accents. ";
  bytes += encode_as(kParagraphs[1], Encoding::kTcvn3);
  EXPECT_EQ(decode_any(bytes).encoding, Encoding::kTcvn3);
}

// Found by tracuu-fuzz-encoding: text starting with U+FEFF came back without it, the
// character taken for a byte-order mark.
TEST(EncodeAs, ALeadingZeroWidthNoBreakSpaceSurvivesAUtf8RoundTrip) {
  const std::string text = "\xEF\xBB\xBFHà Nội";  // U+FEFF, then text
  const std::string bytes = encode_as(text, Encoding::kUtf8);
  EXPECT_EQ(decode_any(bytes).text, text);
  EXPECT_EQ(decode_any(encode_as("Hà Nội", Encoding::kUtf8)).text, "Hà Nội");
}

// UTF-16 of `text` by ICU, big- or little-endian, with its byte-order mark.
std::string utf16_of(const std::string& text, bool little_endian) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t unit = u.charAt(i);
    const char lo = static_cast<char>(unit & 0xFF), hi = static_cast<char>(unit >> 8);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

TEST(EncodingDetect, Utf16WithAByteOrderMarkIsReadByIcu) {
  for (const bool little_endian : {true, false}) {
    for (std::string_view paragraph : kParagraphs) {
      const std::string text = std::string(paragraph) + " 😀 Đà Nẵng";
      SCOPED_TRACE(text.substr(0, 40));
      const DecodedText d = decode_any(utf16_of(text, little_endian));
      EXPECT_EQ(d.encoding, Encoding::kUtf16);
      EXPECT_EQ(d.text, text);
    }
  }
  EXPECT_EQ(decode_any(encode_as("Việt Nam 😀", Encoding::kUtf16)).text, "Việt Nam 😀");
  EXPECT_EQ(encoding_name(Encoding::kUtf16), "utf-16");
  const struct {
    std::string bytes;
    std::size_t offset;
    const char* message;
  } bad[] = {
      {utf16_of("Hà Nội", true) + "x", 14, "cut short"},
      {utf16_of("Hà", true) + std::string("\x00\xD8"
                                          "a\x00",
                                          4),
       6, "unpaired surrogate"},  // D800 'a'
      {utf16_of("Hà", false) + std::string("\xDC\x00\x00"
                                           "a",
                                           4),
       6, "unpaired surrogate"},  // DC00
      {utf16_of("Hà", true) + std::string("\0\0"
                                          "a\0",
                                          4),
       6, "NUL"},
  };
  for (const auto& c : bad) {
    SCOPED_TRACE(c.message);
    try {
      decode_any(c.bytes);
      ADD_FAILURE() << "decoded";
    } catch (const DecodeError& e) {
      EXPECT_EQ(e.offset(), c.offset) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

TEST(EncodingDetect, NoEncodingIsGuessedForBytesWithANul) {
  std::string no_bom = utf16_of("Tiêu đề. Hà Nội và Thành phố Hồ Chí Minh.", true).substr(2);
  const struct {
    std::string bytes;
    std::size_t offset;
  } cases[] = {
      {no_bom, 1},                                            // UTF-16LE without a mark
      {utf16_of("Hà Nội", false).substr(2), 0},               // UTF-16BE without a mark
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), 8},  // binary
      {std::string("Vi\xEA\xF2t Nam\0", 10), 9},              // Windows-1258 would fit, but NUL
      {std::string("Việt Nam\0", 11), 10},                    // UTF-8 with a NUL
  };
  for (const auto& c : cases) {
    try {
      decode_any(c.bytes);
      ADD_FAILURE() << "decoded";
    } catch (const DecodeError& e) {
      EXPECT_EQ(e.offset(), c.offset) << e.what();
      EXPECT_NE(std::string(e.what()).find("a NUL byte"), std::string::npos) << e.what();
    }
  }
  // Forced, the encoding is the user's word.
  EXPECT_EQ(decode_any(std::string("Việt Nam\0", 11), Encoding::kUtf8).text,
            std::string("Việt Nam\0", 11));
}

}  // namespace
}  // namespace tracuu
