// The date of a report, read from its text.
//
// Dates are written "16/6/2025", "16-6-2025", "16.6.2025", "ngày 16 tháng 6 năm 2025", or
// without the year, "16/6", "16 tháng 6"; words may lack their diacritics ("ngay 16 thang 6")
// or be capitals. A date must exist in the calendar (no 31/4, 29/2 only in leap years).
// Not dates: a number that goes on as a compound ("16/6/2025/QĐ-UBND", "15/2020/NĐ-CP",
// "60-NQ/TW"), and a day and month without a year unless "ngày" or a time of day comes
// before them ("Sáng 16/6", "ngày 16-6") — so no scores ("thắng 2-1"), fractions ("3/4 số
// phiếu") or ratios ("24/7").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu {

// "YYYYMMDD" of the place-and-date line of an official document — "Hà Nội, ngày 27 tháng 11
// năm 2015", "TP. Hồ Chí Minh, ngày 5/8/2020", or the date alone — when that is all the line
// holds; nullopt otherwise.
std::optional<std::string> official_header_date(std::string_view line);

// "YYYYMMDD" of the report's date found in its NFC text (lines are paragraphs; pass the title
// and the first paragraphs), or nullopt. The first of these that gives a date, in order:
//  1. an official header line (official_header_date) among the first 20 lines;
//  2. a dateline: one of the first four lines opening with a time word or "ngày" and a date,
//     after any source tag — "Sáng 16/6, …", "(Dân trí) - Chiều ngày 16/6, …",
//     "Tối nay (16/6), …", "Sáng thứ Hai (16/6), …", "Ngày 16/6/2025, …";
//  3. in those four lines, the first day written without its year after a time word or
//     "ngày" ("Trao đổi với PV chiều 16/6, ông …"). A full date inside a paragraph is almost
//     always cited ("ban hành ngày 16/4/2020"), so it is not taken.
// A date without its year takes `year_hint` (the year of the file's metadata), else the one
// year its own paragraph names (in a full date or "năm YYYY"; not "đến năm 2030", "sinh
// năm …", "so với năm 2020"), else it gives nullopt. The hint comes first because news names
// other years than its own.
std::optional<std::string> date_from_text(std::string_view nfc_text,
                                          std::optional<int> year_hint = std::nullopt);

}  // namespace tracuu
