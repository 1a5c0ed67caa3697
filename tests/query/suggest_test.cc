// "Did you mean": the diacritic forms a word typed without diacritics may stand for.
#include "query/suggest.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "text/normalize.h"

namespace tracuu {
namespace {

bool has(const std::vector<std::string>& forms, const std::string& form) {
  return std::find(forms.begin(), forms.end(), form) != forms.end();
}

TEST(DiacriticForms, TheSyllablesAWordMayStandFor) {
  struct Case {
    const char* folded;
    std::vector<std::string> some;  // among the forms
    std::vector<std::string> none;  // not among them: no syllable, a tone misplaced…
  };
  const Case cases[] = {
      // Lower case and composed (NFC), as the terms looked up are.
      {"khong", {"khong", "không", "khóng", "khồng"}, {"Không", "kho\u0302ng"}},
      {"duoc", {"được", "dược", "đuộc"}, {"đựơc", "dựơc", "duọc"}},  // ươ: the tone on ơ
      {"hoa", {"hoa", "hòa", "hóa", "hỏa"}, {"hoà", "hoá", "hoả"}},  // canonical: hòa, not hoà
      {"thuy", {"thủy", "thùy"}, {"thuỷ", "thuỳ"}},
      {"nghieng", {"nghiêng", "nghiếng"}, {"nghíêng", "nghìêng", "nghieng"}},  // iê: on ê
      {"a", {"a", "á", "ă", "ấ"}, {"Á", "a\u0301"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.folded);
    const auto forms = diacritic_forms(c.folded);
    for (const std::string& f : c.some) EXPECT_TRUE(has(forms, f)) << f;
    for (const std::string& f : c.none) EXPECT_FALSE(has(forms, f)) << f;
    for (const std::string& f : forms) EXPECT_TRUE(is_syllable(f)) << f;
  }
}

// Found by tracuu-fuzz-query: "aaaaaaaa" made 6 * 3^8 candidate strings, compared pairwise,
// and each was looked up in the database: a one-word query took over a second.
TEST(DiacriticForms, StringsThatCannotBeASyllableGiveNone) {
  for (const char* folded :
       {"aaaaaaaa", "oooooooo", "oaoaoaoa", "uouououo", "xyz", "ubnd", "Khong", "kh0ng", ""}) {
    SCOPED_TRACE(folded);
    EXPECT_TRUE(diacritic_forms(folded).empty());
  }
}

}  // namespace
}  // namespace tracuu
