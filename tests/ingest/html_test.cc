#include "ingest/html.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "error.h"

namespace tracuu {
namespace {

using Passages = std::vector<std::string>;

Report parse(const std::string& html) {
  return parse_html_report(html, "trang.html", "web/trang.html");
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// The error's location, or "no error".
std::string error_location(const std::string& html) {
  try {
    parse(html);
  } catch (const InputError& e) {
    return e.location();
  }
  return "no error";
}

constexpr const char* kNewsPage = R"(<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Đà Nẵng mở tuyến xe buýt điện ra bán đảo Sơn Trà | Báo Tin Nhanh</title>
  <meta property="og:site_name" content="Báo Tin Nhanh">
  <meta property="article:published_time" content="2025-06-16T08:30:00+07:00">
  <meta property="og:url" content="https://tinnhanh.example.vn/og">
  <link rel="stylesheet" href="/a.css">
  <link rel="canonical" href=" https://tinnhanh.example.vn/xe-buyt-dien-son-tra.html ">
  <script>var html = "<p>Không phải đoạn văn</p>";</script>
  <style>p::before { content: "<b>"; }</style>
</head>
<body>
  <header class="dau-trang">
    <h1 class="logo"><a href="/">Báo Tin Nhanh</a></h1>
    <nav><ul><li><a href="/thoi-su">Thời sự</a></li><li><a href="/du-lich">Du lịch</a></li></ul></nav>
    <form action="/tim"><input name="q"><button>Tìm kiếm</button></form>
  </header>
  <div class="banner" aria-hidden="true">Quảng cáo: vé máy bay giá rẻ</div>
  <div role="navigation"><a href="/">Trang chủ</a> » <a href="/xa-hoi">Xã hội</a></div>
  <main>
    <article>
      <header>
        <h1>Đà Nẵng mở tuyến xe buýt <em>điện</em> ra bán đảo Sơn Trà</h1>
        <time datetime="2025-06-15">Chủ nhật, 15/6/2025</time>
      </header>
      <p class="sapo"><strong>Từ ngày 1/7/2025, tuyến xe buýt điện số 12 nối sân bay với bán đảo Sơn Trà
        bắt đầu chạy.</strong></p>
      <p>Theo <a href="/so-gtvt">Sở Giao thông vận tải</a>, tuyến dài <b>18 km</b>, có 24 điểm dừng.</p>
      <figure>
        <img src="/xe.jpg" alt="Xe buýt điện">
        <figcaption>Xe chạy thử trên đường Võ Nguyên Giáp. Ảnh: Minh Anh.</figcaption>
      </figure>
      <p>Giá vé:<br>– 8.000 đồng/lượt;<br/>– 100.000 đồng/tháng.</p>
      <ul>
        <li>Chuyến đầu: 5 giờ 30;</li>
        <li>Chuyến cuối: 21 giờ.</li>
      </ul>
      <div class="quang-cao"><script>hien_quang_cao()</script><iframe src="/qc"></iframe></div>
      <blockquote><p>Chúng tôi muốn giảm xe máy vào bán đảo.</p></blockquote>
      <p hidden>Đoạn bị ẩn.</p>
      <p style="display: none">Đoạn cũng bị ẩn.</p>
      <p>Thành phố dự kiến thêm ba tuyến nữa trong năm 2026<sup>1</sup>.</p>
      <footer>Chia sẻ: Facebook · Zalo</footer>
    </article>
    <aside><h3>Đọc thêm</h3><article><p>Giá xăng giảm lần thứ ba liên tiếp.</p></article></aside>
  </main>
  <footer role="contentinfo"><p>© 2025 Báo Tin Nhanh</p></footer>
  <script>theo_doi();</script>
</body>
</html>
)";

TEST(ParseHtmlReport, NewsPageKeepsTheArticleAndDropsThePageAroundIt) {
  const Report r = parse(kNewsPage);
  EXPECT_EQ(r.id, "trang.html");
  EXPECT_EQ(r.source, "");       // the run's: the URL's host
  EXPECT_TRUE(r.lines.empty());  // HTML has no lines to jump to
  EXPECT_EQ(r.title, "Đà Nẵng mở tuyến xe buýt điện ra bán đảo Sơn Trà");
  EXPECT_EQ(r.date, "20250616");  // the meta tag comes before <time>
  EXPECT_EQ(r.url, "https://tinnhanh.example.vn/xe-buyt-dien-son-tra.html");
  const Passages expected = {
      "Từ ngày 1/7/2025, tuyến xe buýt điện số 12 nối sân bay với bán đảo Sơn Trà bắt đầu chạy.",
      "Theo Sở Giao thông vận tải, tuyến dài 18 km, có 24 điểm dừng.",
      "Giá vé:",
      "– 8.000 đồng/lượt;",
      "– 100.000 đồng/tháng.",
      "Chuyến đầu: 5 giờ 30;",
      "Chuyến cuối: 21 giờ.",
      "Chúng tôi muốn giảm xe máy vào bán đảo.",
      "Thành phố dự kiến thêm ba tuyến nữa trong năm 20261.",
  };
  EXPECT_EQ(r.passages, expected);
  EXPECT_TRUE(r.articles.empty());
  EXPECT_TRUE(r.number.empty());
}

TEST(ParseHtmlReport, TitleComesFromTheContentsH1ElseTitleElement) {
  struct Case {
    const char* name;
    const char* html;
    const char* title;
    Passages passages;
  };
  const Case cases[] = {
      {"no h1: <title>",
       "<title>  Giá  lúa\n tăng </title><p>Đoạn một.</p>",
       "Giá lúa tăng",
       {"Đoạn một."}},
      {"h1 in body, not repeated as a passage",
       "<title>Khác - Báo</title><h1>Giá lúa tăng</h1><p>Đoạn một.</p>",
       "Giá lúa tăng",
       {"Đoạn một."}},
      {"the site's logo in the page header is not a title",
       "<title>Giá lúa tăng - Báo</title><header><h1>Báo</h1></header><p>Đoạn một.</p>",
       "Giá lúa tăng - Báo",
       {"Đoạn một."}},
      {"an empty h1 (a logo image) is passed over",
       "<title>T</title><h1><img alt=Logo></h1><h1>Giá lúa tăng</h1><p>Đoạn.</p>",
       "Giá lúa tăng",
       {"Đoạn."}},
      {"h1 outside the article",
       "<title>T</title><div><h1>Giá lúa tăng</h1></div><article><p>Đoạn một.</p></article>",
       "Giá lúa tăng",
       {"Đoạn một."}},
      {"the content's h1 before an earlier one outside it",
       "<h1>Tin nổi bật</h1><article><h1>Giá lúa tăng</h1><p>Đoạn.</p></article>",
       "Giá lúa tăng",
       {"Đoạn."}},
      {"a second h1 is a passage",
       "<h1>Giá lúa tăng</h1><p>Đoạn.</p><h1>Phần hai</h1>",
       "Giá lúa tăng",
       {"Đoạn.", "Phần hai"}},
      {"NFC and <br> in the title",
       "<title>Gia\u0301 lu\u0301a<br>ta\u0306ng</title><p>x</p>",
       "Giá lúa<br>tăng",
       {"x"}},
      {"<br> in an h1 is a space", "<h1>Giá lúa<br>tăng</h1><p>x</p>", "Giá lúa tăng", {"x"}},
      {"an SVG title is not the page's",
       "<svg><title>Biểu tượng</title></svg><title>Đúng</title><p>x</p>",
       "Đúng",
       {"x"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Report r = parse(c.html);
    EXPECT_EQ(r.title, c.title);
    EXPECT_EQ(r.passages, c.passages);
  }
}

TEST(ParseHtmlReport, DateFromEachMetaTagAndTime) {
  struct Case {
    const char* head;  // inserted before the body
    const char* body;
    const char* date;
  };
  const Case cases[] = {
      {R"(<meta property="article:published_time" content="2025-06-16T08:30:00+07:00">)", "",
       "20250616"},
      {R"(<meta property="og:published_time" content="2025-06-16">)", "", "20250616"},
      {R"(<meta itemprop="datePublished" content="2025-06-16T01:00:00Z">)", "", "20250616"},
      {"", R"(<time itemprop="datePublished" datetime="2025-06-16">16/6</time>)", "20250616"},
      {R"(<meta name="pubdate" content="20250616">)", "", "20250616"},
      {R"(<meta name="publishdate" content="2025-06-16 08:30">)", "", "20250616"},
      {R"(<meta name="date" content="2025-06-16">)", "", "20250616"},
      {R"(<meta name="dc.date" content="2025-06-16">)", "", "20250616"},
      {R"(<meta name="DC.date.issued" content=" 2025-06-16 ">)", "", "20250616"},
      {R"(<META NAME="DATE" CONTENT="20250616T083000">)", "", "20250616"},
      {"", R"(<time datetime="2025-06-16T08:30:00+07:00">sáng nay</time>)", "20250616"},
      {"", "<time>16/6/2025</time>", ""},
      // Priority, and unparseable values are passed over rather than errors.
      {R"(<meta name="date" content="2025-01-01">)"
       R"(<meta property="article:published_time" content="2025-06-16">)",
       "", "20250616"},
      {R"(<meta property="article:published_time" content="16/6/2025">)"
       R"(<meta name="date" content="2025-06-17">)",
       "", "20250617"},
      {R"(<meta name="date" content="2025-02-30">)", R"(<time datetime="2025-06-18">x</time>)",
       "20250618"},
      {R"(<meta name="date" content="hôm qua">)", "", ""},
      {R"(<meta name="date" content="">)", R"(<time datetime="sáng">x</time>)", ""},
      {"", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.head) + c.body);
    const Report r = parse(std::string("<html><head><title>T</title>") + c.head +
                           "</head><body><p>Đoạn.</p>" + c.body + "</body></html>");
    EXPECT_EQ(r.date, c.date);
  }
}

TEST(ParseHtmlReport, UrlFromCanonicalLinkElseOgUrl) {
  struct Case {
    const char* head;
    const char* url;
  };
  const Case cases[] = {
      {R"(<link rel="canonical" href="https://a.vn/1">)"
       R"(<meta property="og:url" content="https://a.vn/2">)",
       "https://a.vn/1"},
      {R"(<meta property="og:url" content="https://a.vn/2">)"
       R"(<link rel="Canonical" href="https://a.vn/1">)",
       "https://a.vn/1"},
      {R"(<meta property="og:url" content="https://a.vn/2">)", "https://a.vn/2"},
      {R"(<link rel="alternate" href="https://a.vn/amp">)", ""},
      {R"(<meta property="og:site_name" content="Báo A"><meta name="source" content="Báo A">)", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.head);
    const Report r = parse(std::string("<head><title>T</title>") + c.head + "</head><p>Đoạn.</p>");
    EXPECT_EQ(r.url, c.url);
    EXPECT_EQ(r.source, "");  // never the site's name: the run gives the URL's host
  }
}

TEST(ParseHtmlReport, ParagraphsFromBlocks) {
  struct Case {
    const char* name;
    const char* body;
    Passages passages;
  };
  const Case cases[] = {
      {"text directly in divs is a paragraph of its own",
       "<div>Mở đầu <b>đậm</b><div>Khối con.</div>Giữa hai khối<section>Phần.</section>Kết.</div>",
       {"Mở đầu đậm", "Khối con.", "Giữa hai khối", "Phần.", "Kết."}},
      {"inline elements join without adding spaces",
       "<p>Hà<i>Nội</i> <a href=x>mùa</a><span>thu</span>, "
       "<abbr>UBND</abbr><code>x</code><font>y</font><u>z</u>.</p>",
       {"HàNội mùathu, UBNDxyz."}},
      {"<br> splits a paragraph; empty lines vanish",
       "<p>Dòng một<br><br>  <br>Dòng hai<br></p>",
       {"Dòng một", "Dòng hai"}},
      {"headings, lists, definitions, quotes",
       "<h2>Mục 1</h2><ol><li>Một</li><li>Hai<ul><li>Hai a</li></ul></li></ol>"
       "<dl><dt>Thuật ngữ</dt><dd>Giải thích</dd></dl>"
       "<blockquote>Trích dẫn</blockquote><h6>Cuối</h6>",
       {"Mục 1", "Một", "Hai", "Hai a", "Thuật ngữ", "Giải thích", "Trích dẫn", "Cuối"}},
      {"table cells that hold text",
       "<table><tr><th>Tỉnh</th><th>Số ca</th><th></th></tr>"
       "<tr><td>Hà Nội</td><td>12</td><td> </td></tr></table>",
       {"Tỉnh", "Số ca", "Hà Nội", "12"}},
      {"each line of <pre>", "<pre>dòng 1\n  dòng 2\n\n</pre>", {"dòng 1", "dòng 2"}},
      {"captions are dropped, the figure's other text is kept",
       "<figure><p>Bảng số liệu</p><figcaption>Nguồn: Tổng cục Thống kê</figcaption></figure>",
       {"Bảng số liệu"}},
      {"dropped elements",
       "<p>Giữ</p><script>x</script><noscript><p>Bật JavaScript</p></noscript>"
       "<template><p>t</p></template>"
       "<nav>n</nav><aside>a</aside><form><p>f</p></form><select><option>o</option></select>"
       "<button>b</button><iframe>i</iframe><svg><text>s</text></svg><textarea>ta</textarea>"
       "<div role=banner>rb</div><div role='contentinfo'>rc</div><div role=complementary>rcm</div>"
       "<p aria-hidden=TRUE>ah</p><p aria-hidden=false>Hiện</p><div hidden><p>h</p></div>"
       "<p style='color:red;DISPLAY : NONE'>dn</p>"
       "<video>v</video><audio>au</audio><canvas>c</canvas>",
       {"Giữ", "Hiện"}},
      {"a dropped element between inline text joins nothing",
       "<p>Hà <script>x()</script>Nội</p>",
       {"Hà Nội"}},
      {"custom elements are inline",
       "<p>Tin <x-the-tag>nóng</x-the-tag> mới</p>",
       {"Tin nóng mới"}},
      {"comments are not text", "<p>Có<!-- không --> chữ</p>", {"Có chữ"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Report r = parse(std::string("<title>T</title><body>") + c.body);
    EXPECT_EQ(r.passages, c.passages);
  }
}

TEST(ParseHtmlReport, MainContentIsMainElseTheLongestArticle) {
  struct Case {
    const char* name;
    const char* body;
    Passages passages;
  };
  const Case cases[] = {
      {"main", "<p>Ngoài.</p><main><p>Trong.</p></main><p>Ngoài nữa.</p>", {"Trong."}},
      {"main before article",
       "<article><p>Bài dài dài dài dài dài dài.</p></article><main><p>Chính.</p></main>",
       {"Chính."}},
      {"the article with most text, not a teaser",
       "<article><p>Tin ngắn.</p></article>"
       "<article><p>Bài chính, dài hơn nhiều.</p><p>Thêm.</p></article>"
       "<article><p>Tin khác.</p></article>",
       {"Bài chính, dài hơn nhiều.", "Thêm."}},
      {"an article in an aside is no candidate",
       "<aside><article><p>Rất rất rất rất rất rất rất dài.</p></article></aside><p>Thân bài.</p>",
       {"Thân bài."}},
      {"nested articles belong to the outer one",
       "<article><p>Bài.</p><article><p>Bình luận.</p></article></article>",
       {"Bài.", "Bình luận."}},
      {"an empty main falls back to the body",
       "<main><img src=x></main><p>Thân bài.</p>",
       {"Thân bài."}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(parse(std::string("<title>T</title>") + c.body).passages, c.passages);
  }
}

TEST(ParseHtmlReport, EntitiesSpacesAndNormalization) {
  struct Case {
    const char* body;
    const char* passage;
  };
  const Case cases[] = {
      {"<p>Hà&nbsp;Nội &amp; TP.HCM</p>", "Hà Nội & TP.HCM"},
      {"<p>Ti&#7871;ng Vi&#x1EC7;t &lt;b&gt; &quot;x&quot; &copy;</p>", "Tiếng Việt <b> \"x\" ©"},
      {"<p>&amp &nbsp &khong; &#0; &#xD800;</p>", "& &khong; \uFFFD \uFFFD"},
      {"<p>&notit; (the legacy &not without ';')</p>", "¬it; (the legacy ¬ without ';')"},
      {"<p>\t  Nhiều \n\n khoảng\u00A0\u2003 trắng \u3000</p>", "Nhiều khoảng trắng"},
      {"<p>Không\u200Bcách\uFEFF</p>", "Khôngcách"},
      {"<p>Dòng\u2028mới\u2029và\u205Fđoạn\u1680hết.</p>", "Dòng mới và đoạn hết."},
      {"<p>khuye\u0302\u0301t \u0111ie\u0302\u0309m</p>", "khuyết điểm"},  // NFD in, NFC out
      {"<p>thu&#x1EF7; ho&#xE0;</p>", "thuỷ hoà"},  // tone placement is left as written
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    const Report r = parse(std::string("<title>T</title>") + c.body);
    ASSERT_EQ(r.passages.size(), 1u);
    EXPECT_EQ(r.passages[0], c.passage);
  }
}

TEST(ParseHtmlReport, BrokenHtml) {
  struct Case {
    const char* html;
    Passages passages;
  };
  const Case cases[] = {
      {"<p>Một<p>Hai<li>Ba<div>Bốn", {"Một", "Hai", "Ba", "Bốn"}},
      {"<p><b>Đậm <i>nghiêng</b> vẫn nghiêng</i> thường</p>", {"Đậm nghiêng vẫn nghiêng thường"}},
      {"</div></p><p>Thẻ đóng lạc</span></p></body></html><p>Sau html</p>",
       {"Thẻ đóng lạc", "Sau html"}},
      {"<table><p>Trong bảng</p><tr><td>Ô</td></table>", {"Trong bảng", "Ô"}},
      {"<p>Chú thích chưa đóng<!-- <p>mất", {"Chú thích chưa đóng"}},
      {"<p class=\"x>Mất</p><p>Mất nốt\">Còn lại</p>", {"Còn lại"}},
      {"<p class=\"không đóng>Mất cả trang</p>", {}},
      {"<p>Chưa xong <b", {"Chưa xong"}},
      {"\xEF\xBB\xBF<p>Sau BOM</p>", {"Sau BOM"}},
      {"<p>Byte l\xFF\xC0\xAF i</p>", {"Byte l\uFFFD\uFFFD\uFFFD i"}},
      {"<frameset><frame src=a></frameset><p>x</p>", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.html);
    const std::string html = std::string("<title>T</title>") + c.html;
    if (c.passages.empty()) {
      EXPECT_EQ(error_location(html), "web/trang.html");
    } else {
      EXPECT_EQ(parse(html).passages, c.passages);
    }
  }
}

TEST(ParseHtmlReport, ErrorsNameTheFile) {
  const char* bad[] = {
      "",
      "   \n",
      "<html><head><title>Chỉ có tiêu đề</title></head><body></body></html>",
      "<title>T</title><nav><p>Chỉ có menu</p></nav><footer>© Báo</footer>",
      "<title>T</title><p>   </p><p>&nbsp;</p><div><br><br></div>",
      "<p>Không có tiêu đề</p>",
      "<title> </title><h1> </h1><p>Không có tiêu đề</p>",
  };
  for (const char* html : bad) {
    SCOPED_TRACE(html);
    EXPECT_EQ(error_location(html), "web/trang.html");
  }
  try {
    parse_html_report("<title>T</title><p>x</p>", "", "web/trang.html");
    ADD_FAILURE() << "no error for an empty id";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location(), "web/trang.html");
  }
}

TEST(ParseHtmlReport, DeepNestingWithinBounds) {
  const std::string divs = "<title>T</title>" + repeat("<div>", 3000) + "Sâu ba nghìn tầng" +
                           repeat("</div>", 3000) + "<p>Sau</p>";
  EXPECT_EQ(parse(divs).passages, (Passages{"Sâu ba nghìn tầng", "Sau"}));

  const std::string spans =
      "<title>T</title><p>" + repeat("<span>", 12000) + "Một vạn hai nghìn tầng";
  EXPECT_EQ(parse(spans).passages, Passages{"Một vạn hai nghìn tầng"});

  const std::string formatting =
      "<title>T</title>" + repeat("<b>", 3000) + "<p>Đậm</p>" + repeat("<font color=red>", 3000);
  EXPECT_EQ(parse(formatting).passages, Passages{"Đậm"});
}

void* parse_nested_spans(void* result) {
  const std::string html = "<title>T</title>" + repeat("<span>", 12000) + "Một vạn hai nghìn tầng";
  try {
    *static_cast<std::string*>(result) = parse(html).passages.at(0);
  } catch (const std::exception& e) {
    *static_cast<std::string*>(result) = e.what();
  }
  return nullptr;
}

// Gumbo frees its tree recursively; a thread with a small stack must survive a deep page.
TEST(ParseHtmlReport, DeepPageOnASmallStack) {
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
  std::string result;
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attr, parse_nested_spans, &result), 0);
  ASSERT_EQ(pthread_join(thread, nullptr), 0);
  pthread_attr_destroy(&attr);
  EXPECT_EQ(result, "Một vạn hai nghìn tầng");
}

// Pages on which Gumbo's tree building would take minutes or gigabytes are refused by the
// estimate of its cost that parse_html_report asks before Gumbo runs (html_cost.h): each
// with the estimate's reason, located at the file. (Without the estimate most of them
// would still fail, slowly, for want of a title.)
TEST(ParseHtmlReport, PathologicalPagesAreRefusedByTheTreeCostEstimate) {
  struct Case {
    const char* name;
    std::string html;
    const char* reason;
  };
  std::string attributes = "<div";
  for (int i = 0; i < 30000; ++i) attributes += " a" + std::to_string(i);
  std::string clones;
  for (int i = 0; i < 5000; ++i) clones += "<p><b id=" + std::to_string(i) + ">x";
  const char* nested = "nested too deeply";
  const Case cases[] = {
      {"100,000 nested divs", repeat("<div>", 100000) + "<p>x</p>", nested},
      {"1,000,000 nested spans", "<p>" + repeat("<span>", 1000000) + "x", nested},
      {"deep divs, then many tags", repeat("<div>", 5000) + repeat("<hr>", 200000), nested},
      {"formatting 1,500 deep, then much text",
       repeat("<div>", 1500) + "<b>" + repeat("x", 2000000), nested},
      {"unclosed formatting cloned into each paragraph", clones,
       "too many unclosed formatting elements"},
      {"a tag with 30,000 attributes", attributes + ">x", "too many attributes"},
      {"33 MiB", "<title>T</title><p>" + repeat("x", 33 << 20), "larger than the 32 MiB"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    try {
      parse(c.html);
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.location(), "web/trang.html");
      EXPECT_NE(std::string(e.what()).find(c.reason), std::string::npos) << e.what();
    }
  }
}

TEST(ParseHtmlReport, LargeOrdinaryPagesAreAccepted) {
  // 50,000 paragraphs at depth 30, with inline SVG icons and an unclosed <b>.
  std::string html = "<title>T</title>" + repeat("<div class=khung>", 30) + "<b>";
  for (int i = 0; i < 500; ++i) {
    html += "<svg viewBox='0 0 10 10'>" + repeat("<path d='M0 0L10 10'/>", 20) + "</svg>";
  }
  html += repeat("<p>Một đoạn văn <a href=/x>có liên kết</a> và <i>chữ nghiêng</i>.</p>\n", 50000);
  const Report r = parse(html);
  EXPECT_EQ(r.passages.size(), 50000u);
  EXPECT_EQ(r.passages.back(), "Một đoạn văn có liên kết và chữ nghiêng.");
}

// Tag soup from a fixed seed: every input gives a report or an InputError, nothing else.
TEST(ParseHtmlReport, TagSoupNeverCrashes) {
  const char* pieces[] = {
      "<div>",
      "</div>",
      "<p>",
      "</p>",
      "<b id=1>",
      "</b>",
      "<i>",
      "<table>",
      "<tr>",
      "<td>",
      "</table>",
      "<svg>",
      "<path/>",
      "</svg>",
      "<math><mi>",
      "<!--",
      "-->",
      "<script>",
      "</script>",
      "<style>",
      "<title>",
      "</title>",
      "<h1>",
      "</h1>",
      "<br>",
      "<pre>",
      "\n",
      "<template>",
      "</template>",
      "<select>",
      "<option>",
      "<noscript>",
      "<a href=x>",
      "</a>",
      "<font face=a>",
      "<li>",
      "<ul>",
      "<article>",
      "</article>",
      "<main>",
      "<header>",
      "<nav>",
      "<frameset>",
      "<plaintext>",
      "<textarea>",
      "<foreignObject>",
      "<![CDATA[",
      "]]>",
      "<",
      ">",
      "\"",
      "'",
      "=",
      "/",
      "&",
      "&#",
      "&#3000000000;",
      "&nbsp;",
      "&amp",
      "\xFF",
      "\xC3",
      "Việt",
      "Nam ",
      "x",
      "<meta name=date content=2025-06-16>",
      "<time datetime=20250616>",
      "<link rel=canonical href=u>",
      "<p hidden>",
      "<!DOCTYPE html>",
      "<html>",
      "<body>",
      "</body>",
      "<head>",
      "<dd>",
      "<dt>",
      "<button>",
      "<form>",
      "<object>",
  };
  std::mt19937 random(20250616);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(0, 300);
  for (int round = 0; round < 2000; ++round) {
    std::string html;
    for (int i = length(random); i > 0; --i) html += pieces[pick(random)];
    try {
      const Report r = parse(html);
      EXPECT_FALSE(r.title.empty());
      EXPECT_FALSE(r.passages.empty());
      for (const std::string& p : r.passages) EXPECT_FALSE(p.empty());
    } catch (const InputError& e) {
      EXPECT_EQ(e.location(), "web/trang.html");
    }
  }
}

TEST(ParseHtmlReport, ExampleReportInTestData) {
  std::ifstream in(std::string(TRACUU_TEST_DATA) + "/bao-cao.html", std::ios::binary);
  ASSERT_TRUE(in);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const Report r = parse_html_report(bytes.str(), "bao-cao.html", "tests/data/bao-cao.html");
  EXPECT_EQ(r.title, "Hà Nội thử nghiệm “vườn mưa” chống ngập ở phố cổ");
  EXPECT_EQ(r.date, "20250618");
  EXPECT_EQ(r.url, "https://tracuu.example.vn/thoi-su/ha-noi-vuon-mua-pho-co.html");
  const Passages expected = {
      "UBND quận Hoàn Kiếm sẽ xây ba “vườn mưa” trong ngõ phố cổ để giữ nước mưa tại chỗ, giảm tải "
      "cho cống thoát nước.",
      "Theo Kế hoạch 125/KH-UBND ban hành ngày 16/6/2025, mỗi vườn mưa là một dải đất trũng trồng "
      "cỏ và cây bụi, hứng nước từ mái nhà và mặt ngõ rồi cho thấm dần xuống đất.",
      "Ba địa điểm được chọn:",
      "ngõ Gạch, phường Hàng Buồm;",
      "ngõ Tạm Thương, phường Hàng Bông;",
      "sân sau đình Kim Ngân, phố Hàng Bạc.",
      "Ông Nguyễn Văn Thuỷ, Phó Chủ tịch UBND quận, cho biết mỗi vườn mưa giữ được khoảng 15 m³ "
      "nước trong trận mưa lớn & chi phí chưa bằng một phần mười so với mở rộng cống.",
      "Nếu hiệu quả, chúng tôi sẽ nhân rộng ra các trường học và chung cư cũ.",
      "Sau mùa mưa năm nay, quận sẽ báo cáo kết quả đo đạc với Sở Xây dựng và TP.HCM cũng đã đề "
      "nghị được chia sẻ kinh nghiệm.",
  };
  EXPECT_EQ(r.passages, expected);
}

}  // namespace
}  // namespace tracuu
