// The layout of Vietnamese official documents (laws, resolutions, decisions of party and
// state bodies): a header block, a title in capitals, then chapters and articles.
//
//   QUỐC HỘI                                  issuer           } header: gives the number
//   --------                                  separator        } and the date; none of it
//   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM        national title   } becomes a passage
//   Độc lập - Tự do - Hạnh phúc               motto            }
//   Luật số: 103/2016/QH13                    number           }
//   Hà Nội, ngày 05 tháng 4 năm 2016          place and date   }
//   LUẬT                                      title (capital lines from a kind word)
//   BÁO CHÍ
//   Căn cứ Hiến pháp …                        passages, outside any article
//   Chương I / Mục 1. … / Phần thứ nhất       headings: passages that end the article
//   Điều 1. Phạm vi điều chỉnh                passages of article "1", up to the next
//   Luật này quy định …                       article or heading
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

struct Report;

// One non-empty line of a document, trimmed, with its 1-based line number.
struct DocumentLine {
  std::string_view text;
  std::size_t number = 0;
};

// True when the first lines are an official header — the national title (CỘNG HÒA XÃ HỘI
// CHỦ NGHĨA VIỆT NAM) or the Party's (ĐẢNG CỘNG SẢN VIỆT NAM) within the first lines, after
// an issuer written in capitals — or when the document starts with its title in capitals
// naming its kind ("LUẬT" / "CẢI CÁCH RUỘNG ĐẤT", as old laws without the header do).
bool is_official_document(const std::vector<DocumentLine>& lines);

// Fills report.title, number, date (when the header has one), passages and articles from
// the lines of an official document. Lines are NFC-composed here.
void parse_official_document(const std::vector<DocumentLine>& lines, Report& report);

// The article a heading line opens: "Điều 12. Quyền…" → "12", "Điều 5a:" → "5a", "ĐIỀU 3"
// → "3"; "" for any other line ("Điều này …", "Điều kiện …", "Điều 83 của Hiến pháp").
std::string article_heading(std::string_view line);

// True for headings above articles: "Chương I", "CHƯƠNG 2:", "Mục 1. …", "Phần thứ nhất".
bool is_division_heading(std::string_view line);

}  // namespace tracuu
