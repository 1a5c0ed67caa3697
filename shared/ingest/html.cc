#include "ingest/html.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <new>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "error.h"
#include "ingest/html_cost.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// ---------------------------------------------------------------------------------------
// The parsed tree.

void* gumbo_allocate(void* /*userdata*/, std::size_t size) { return std::malloc(size); }
void gumbo_free(void* /*userdata*/, void* ptr) { std::free(ptr); }

// Owns Gumbo's output.
class HtmlTree {
 public:
  explicit HtmlTree(std::string_view html) {
    options_ = kGumboDefaultOptions;
    options_.allocator = gumbo_allocate;
    options_.deallocator = gumbo_free;
    options_.max_errors = 0;  // each error copies the stack of open elements
    output_ = gumbo_parse_with_options(&options_, html.empty() ? "" : html.data(), html.size());
    if (output_ == nullptr) throw std::bad_alloc();
  }
  ~HtmlTree();
  HtmlTree(const HtmlTree&) = delete;
  HtmlTree& operator=(const HtmlTree&) = delete;

  const GumboNode* document() const { return output_->document; }

 private:
  bool flatten();

  GumboOptions options_;
  GumboOutput* output_ = nullptr;
};

const GumboVector* children_of(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      return &node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return &node->v.element.children;
    default:
      return nullptr;
  }
}

GumboVector* children_of(GumboNode* node) {
  return const_cast<GumboVector*>(children_of(static_cast<const GumboNode*>(node)));
}

// gumbo_destroy_output() frees the tree recursively, one C stack frame per level. Before
// that, the children of every node kMaxFreeDepth deep are moved up to hang from the
// document, so that the recursion stays shallow however deep the page nests.
constexpr unsigned kMaxFreeDepth = 256;

HtmlTree::~HtmlTree() {
  try {
    if (!flatten()) return;  // out of memory: leaking beats overflowing the stack
  } catch (...) {
    return;
  }
  gumbo_destroy_output(&options_, output_);
}

bool HtmlTree::flatten() {
  GumboNode* document = output_->document;
  std::vector<GumboNode*> moved;
  std::vector<std::pair<GumboNode*, unsigned>> stack;
  stack.emplace_back(document, 0);
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    GumboVector* children = children_of(node);
    if (children == nullptr) continue;
    const bool cut = depth >= kMaxFreeDepth;
    for (unsigned i = 0; i < children->length; ++i) {
      auto* child = static_cast<GumboNode*>(children->data[i]);
      if (cut) moved.push_back(child);
      stack.emplace_back(child, cut ? 1 : depth + 1);
    }
    if (cut) children->length = 0;  // the array itself is still freed with the node
  }
  if (moved.empty()) return true;
  GumboVector& top = document->v.document.children;
  const std::size_t length = std::size_t{top.length} + moved.size();
  if (length > std::numeric_limits<unsigned>::max()) return false;
  auto* data = static_cast<void**>(gumbo_allocate(nullptr, length * sizeof(void*)));
  if (data == nullptr) return false;
  if (top.length > 0) std::memcpy(data, top.data, top.length * sizeof(void*));
  std::memcpy(data + top.length, moved.data(), moved.size() * sizeof(void*));
  gumbo_free(nullptr, top.data);
  top.data = data;
  top.length = static_cast<unsigned>(length);
  top.capacity = static_cast<unsigned>(length);
  return true;
}

const GumboNode* child_at(const GumboVector& children, unsigned i) {
  return static_cast<const GumboNode*>(children.data[i]);
}

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

bool is_document(const GumboNode* node) { return node->type == GUMBO_NODE_DOCUMENT; }

bool is_html(const GumboNode* node, GumboTag tag) {
  return is_element(node) && node->v.element.tag == tag &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

// The attribute's value, or nullptr when the element does not have it.
const char* attribute(const GumboNode* node, const char* name) {
  if (!is_element(node)) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

// Whether the space-separated list `tokens` holds one of `wanted` (ASCII case ignored).
bool has_token(std::string_view tokens, std::initializer_list<std::string_view> wanted) {
  std::size_t pos = 0;
  while (pos < tokens.size()) {
    while (pos < tokens.size() && is_ascii_space(tokens[pos])) ++pos;
    std::size_t end = pos;
    while (end < tokens.size() && !is_ascii_space(tokens[end])) ++end;
    for (std::string_view w : wanted) {
      if (end > pos && equal_ignoring_ascii_case(tokens.substr(pos, end - pos), w)) return true;
    }
    pos = end;
  }
  return false;
}

// What walk() does after visiting a node.
enum class Visit { kChildren, kSkipChildren, kStop };

// Visits `root` and the nodes under it in document order: enter(node) says whether to
// go into the node's children, leave(node) follows them (only for nodes gone into).
// Iterative: pages can nest thousands of elements deep.
template <typename Enter, typename Leave>
void walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  std::vector<Frame> stack;
  switch (enter(root)) {
    case Visit::kChildren:
      stack.push_back({root, 0});
      break;
    case Visit::kSkipChildren:
    case Visit::kStop:
      return;
  }
  while (!stack.empty()) {
    const GumboNode* node = stack.back().node;
    const GumboVector* children = children_of(node);
    if (children != nullptr && stack.back().next_child < children->length) {
      const GumboNode* child = child_at(*children, stack.back().next_child++);
      switch (enter(child)) {
        case Visit::kChildren:
          stack.push_back({child, 0});
          break;
        case Visit::kSkipChildren:
          break;
        case Visit::kStop:
          return;
      }
    } else {
      stack.pop_back();
      leave(node);
    }
  }
}

template <typename Enter>
void walk(const GumboNode* root, Enter&& enter) {
  walk(root, std::forward<Enter>(enter), [](const GumboNode*) {});
}

// ---------------------------------------------------------------------------------------
// What is text, and where paragraphs start.

// Elements whose text never belongs to a report: code, media, forms, navigation and the
// page's own header, footer and sidebars, and whatever the page hides. Captions are
// dropped too, as the .txt format drops them.
bool is_dropped(const GumboNode* node) {
  if (!is_element(node)) return false;
  const GumboElement& e = node->v.element;
  if (e.tag_namespace == GUMBO_NAMESPACE_SVG) return true;
  if (e.tag_namespace == GUMBO_NAMESPACE_HTML) {
    switch (e.tag) {
      case GUMBO_TAG_HEAD:
      case GUMBO_TAG_TITLE:
      case GUMBO_TAG_SCRIPT:
      case GUMBO_TAG_STYLE:
      case GUMBO_TAG_NOSCRIPT:
      case GUMBO_TAG_TEMPLATE:
      case GUMBO_TAG_IFRAME:
      case GUMBO_TAG_OBJECT:
      case GUMBO_TAG_EMBED:
      case GUMBO_TAG_APPLET:
      case GUMBO_TAG_CANVAS:
      case GUMBO_TAG_AUDIO:
      case GUMBO_TAG_VIDEO:
      case GUMBO_TAG_MAP:
      case GUMBO_TAG_NAV:
      case GUMBO_TAG_HEADER:
      case GUMBO_TAG_FOOTER:
      case GUMBO_TAG_ASIDE:
      case GUMBO_TAG_FORM:
      case GUMBO_TAG_BUTTON:
      case GUMBO_TAG_SELECT:
      case GUMBO_TAG_TEXTAREA:
      case GUMBO_TAG_DATALIST:
      case GUMBO_TAG_MENU:
      case GUMBO_TAG_FIGCAPTION:
      case GUMBO_TAG_NOFRAMES:
      case GUMBO_TAG_NOEMBED:
      case GUMBO_TAG_FRAMESET:
        return true;
      default:
        break;
    }
  }
  if (const char* role = attribute(node, "role");
      role != nullptr &&
      has_token(role, {"navigation", "banner", "contentinfo", "complementary"})) {
    return true;
  }
  if (attribute(node, "hidden") != nullptr) return true;
  if (const char* aria = attribute(node, "aria-hidden");
      aria != nullptr && equal_ignoring_ascii_case(trim(aria), "true")) {
    return true;
  }
  if (const char* style = attribute(node, "style"); style != nullptr) {
    std::string compact;
    for (const char* c = style; *c != '\0'; ++c) {
      if (!is_ascii_space(*c)) compact += lower_ascii(*c);
    }
    if (compact.find("display:none") != std::string::npos) return true;
  }
  return false;
}

// Phrasing elements join their text to the paragraph around them; every other HTML
// element begins and ends paragraphs. SVG and MathML are text-level.
bool is_inline(const GumboNode* node) {
  const GumboElement& e = node->v.element;
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML) return true;
  switch (e.tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_BLINK:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_METER:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_OUTPUT:
    case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_UNKNOWN:  // custom elements
    // Dropped, but no more a paragraph break than the text they replace would be.
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_NOEMBED:
      return true;
    default:
      return false;
  }
}

bool is_text(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
         node->type == GUMBO_NODE_CDATA;
}

// Replaces each ill-formed byte with U+FFFD (Gumbo's output is well-formed; this keeps
// the promise to to_nfc whatever happens).
std::string well_formed(std::string text) {
  if (find_invalid_utf8(text) == kValidUtf8) return text;
  std::string out;
  std::string_view rest = text;
  for (;;) {
    const std::size_t bad = find_invalid_utf8(rest);
    if (bad == kValidUtf8) break;
    out.append(rest.substr(0, bad));
    out.append("\xEF\xBF\xBD");
    rest.remove_prefix(bad + 1);
  }
  out.append(rest);
  return out;
}

// Builds one paragraph from pieces of text: runs of white space (Unicode spaces and
// no-break spaces too) become one space, zero-width spaces vanish, the ends are trimmed.
class ParagraphText {
 public:
  void append(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      bool zero_width = false;
      const std::size_t width = space_width(s, i, zero_width);
      if (width > 0 && !zero_width) {
        if (!text_.empty()) space_pending_ = true;
        i += width;
      } else if (width > 0) {
        i += width;
      } else {
        if (space_pending_) text_ += ' ';
        space_pending_ = false;
        text_ += s[i++];
      }
    }
  }
  // Ends the paragraph: white space after it is dropped, as before it.
  void end_word() {
    if (!text_.empty()) space_pending_ = true;
  }
  bool empty() const { return text_.empty(); }
  // The paragraph in NFC; the builder is empty again.
  std::string take() {
    std::string text = well_formed(std::move(text_));
    text_.clear();
    space_pending_ = false;
    return to_nfc(text);
  }

 private:
  // Bytes of the white-space character (text/chars.h) or zero-width space at s[i], else
  // 0; `s` may be ill-formed UTF-8 (take() mends it), so only a whole sequence counts.
  static std::size_t space_width(std::string_view s, std::size_t i, bool& zero_width) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) return is_ascii_space(s[i]) ? 1 : 0;
    if (lead < 0xC2 || lead > 0xEF) return 0;  // every space is 2 or 3 bytes long
    const std::size_t n = lead < 0xE0 ? 2 : 3;
    if (s.size() - i < n) return 0;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0u) != 0x80u) return 0;
    }
    std::size_t end = i;
    const char32_t cp = next_code_point(s, end);
    if (n == 3 && cp < 0x800) return 0;  // overlong
    zero_width = is_zero_width_space(cp);
    return is_white_space(cp) || zero_width ? n : 0;
  }

  std::string text_;
  bool space_pending_ = false;
};

// The text of `node` as one line: for titles, headings, dates.
std::string line_text(const GumboNode* node) {
  ParagraphText line;
  walk(node, [&](const GumboNode* n) {
    if (is_text(n)) {
      line.append(n->v.text.text);
    } else if (is_element(n)) {
      if (n != node && is_dropped(n)) return Visit::kSkipChildren;
      if (is_html(n, GUMBO_TAG_BR)) line.end_word();
    }
    return Visit::kChildren;
  });
  return line.take();
}

// Splits the content under `root` into paragraphs: every block element and <br> ends
// one, so text directly inside a <div> between two <p>s is a paragraph of its own.
// `skip` (the title's <h1>) and dropped elements give no text.
class ParagraphCollector {
 public:
  explicit ParagraphCollector(const GumboNode* skip) : skip_(skip) {}

  std::vector<std::string> collect(const GumboNode* root) {
    walk(
        root, [this](const GumboNode* n) { return enter(n); },
        [this](const GumboNode* n) { leave(n); });
    flush();
    return std::move(paragraphs_);
  }

 private:
  Visit enter(const GumboNode* node) {
    if (is_text(node)) {
      add_text(node->v.text.text);
      return Visit::kSkipChildren;
    }
    if (is_document(node)) return Visit::kChildren;
    if (!is_element(node)) return Visit::kSkipChildren;  // comments
    const bool block = !is_inline(node);
    if (node == skip_ || is_dropped(node)) {
      if (block) flush();
      return Visit::kSkipChildren;
    }
    if (is_html(node, GUMBO_TAG_BR)) {
      flush();
      return Visit::kSkipChildren;
    }
    if (block) flush();
    if (is_html(node, GUMBO_TAG_PRE) || is_html(node, GUMBO_TAG_LISTING)) ++preformatted_;
    return Visit::kChildren;
  }

  void leave(const GumboNode* node) {
    if (!is_element(node) || is_inline(node)) return;
    flush();
    if (is_html(node, GUMBO_TAG_PRE) || is_html(node, GUMBO_TAG_LISTING)) --preformatted_;
  }

  // Inside <pre>, each line is a paragraph.
  void add_text(std::string_view text) {
    if (preformatted_ == 0) {
      paragraph_.append(text);
      return;
    }
    for (std::size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n')) {
      paragraph_.append(text.substr(0, nl));
      flush();
      text.remove_prefix(nl + 1);
    }
    paragraph_.append(text);
  }

  void flush() {
    if (paragraph_.empty()) return;
    std::string text = paragraph_.take();
    if (!text.empty()) paragraphs_.push_back(std::move(text));
  }

  const GumboNode* skip_;
  ParagraphText paragraph_;
  int preformatted_ = 0;
  std::vector<std::string> paragraphs_;
};

std::size_t total_size(const std::vector<std::string>& paragraphs) {
  std::size_t size = 0;
  for (const std::string& p : paragraphs) size += p.size();
  return size;
}

// The first element under `root` outside dropped elements for which `match` holds.
// `in_header`: also look inside <header> (an article's own header, not the page's).
template <typename Match>
const GumboNode* find_first(const GumboNode* root, bool in_header, Match&& match) {
  const GumboNode* found = nullptr;
  walk(root, [&](const GumboNode* n) {
    if (is_document(n)) return Visit::kChildren;
    if (!is_element(n)) return Visit::kSkipChildren;
    if (n != root && is_dropped(n) && !(in_header && is_html(n, GUMBO_TAG_HEADER))) {
      return Visit::kSkipChildren;
    }
    if (match(n)) {
      found = n;
      return Visit::kStop;
    }
    return Visit::kChildren;
  });
  return found;
}

// "YYYYMMDD" from an ISO 8601 date or date-time ("2025-06-16", "2025-06-16T08:30:00+07:00",
// "20250616", "20250616T083000"): the date as written, in the page's own time zone.
std::optional<std::string> parse_html_date(std::string_view value) {
  value = trim(value);
  auto ends_date = [&](std::size_t at) {
    return value.size() == at || value[at] == 'T' || value[at] == 't' || value[at] == ' ';
  };
  if (value.size() >= 10 && value[4] == '-' && value[7] == '-' && ends_date(10)) {
    return parse_date(value.substr(0, 10));
  }
  if (value.size() >= 8 && ends_date(8)) return parse_date(value.substr(0, 8));
  return std::nullopt;
}

// Metadata from <head> (and wherever else a page puts <meta> and <link>).
struct PageMetadata {
  const GumboNode* body = nullptr;
  std::string title;  // of <title>
  std::string canonical_url;
  std::unordered_map<std::string, std::vector<std::string>> meta;  // lower-case key → values
};

PageMetadata read_metadata(const GumboNode* document) {
  PageMetadata page;
  bool have_title = false;
  walk(document, [&](const GumboNode* n) {
    if (is_document(n)) return Visit::kChildren;
    if (!is_element(n)) return Visit::kSkipChildren;
    if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return Visit::kChildren;
    switch (n->v.element.tag) {
      case GUMBO_TAG_BODY:
        if (page.body == nullptr) page.body = n;
        break;
      case GUMBO_TAG_TITLE:
        if (!have_title) {
          page.title = line_text(n);
          have_title = !page.title.empty();
        }
        return Visit::kSkipChildren;
      case GUMBO_TAG_LINK:
        if (const char* rel = attribute(n, "rel");
            rel != nullptr && page.canonical_url.empty() && has_token(rel, {"canonical"})) {
          if (const char* href = attribute(n, "href")) page.canonical_url = trim(href);
        }
        break;
      default:
        break;
    }
    // <meta property|name|itemprop=… content=…>, and microdata on other elements:
    // <time itemprop="datePublished" datetime="…">.
    const bool is_meta = is_html(n, GUMBO_TAG_META);
    const std::array<const char*, 3> keys = {is_meta ? attribute(n, "property") : nullptr,
                                             is_meta ? attribute(n, "name") : nullptr,
                                             attribute(n, "itemprop")};
    for (const char* key : keys) {
      if (key == nullptr) continue;
      const char* value = attribute(n, "content");
      if (value == nullptr) value = attribute(n, "datetime");
      if (value == nullptr) continue;
      page.meta[lower_ascii(trim(key))].emplace_back(trim(value));
    }
    return Visit::kChildren;
  });
  return page;
}

// Meta keys for the publication date, most trusted first.
constexpr std::string_view kDateKeys[] = {
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
};

// The elements that may hold the main content: <main>s, else the outermost <article>s.
std::vector<const GumboNode*> content_candidates(const GumboNode* body) {
  std::vector<const GumboNode*> mains, articles;
  int article_depth = 0;
  walk(
      body,
      [&](const GumboNode* n) {
        if (is_document(n)) return Visit::kChildren;
        if (!is_element(n)) return Visit::kSkipChildren;
        if (n != body && is_dropped(n)) return Visit::kSkipChildren;
        if (is_html(n, GUMBO_TAG_MAIN)) mains.push_back(n);
        if (is_html(n, GUMBO_TAG_ARTICLE) && article_depth++ == 0) articles.push_back(n);
        return Visit::kChildren;
      },
      [&](const GumboNode* n) {
        if (is_html(n, GUMBO_TAG_ARTICLE)) --article_depth;
      });
  return mains.empty() ? articles : mains;
}

}  // namespace

Report parse_html_report(std::string_view html, const std::string& fallback_id,
                         const std::string& source) {
  check_tree_cost(html, source);
  const HtmlTree tree(html);

  Report report;
  report.id = fallback_id;
  check_report_id(report.id, source);

  const PageMetadata page = read_metadata(tree.document());
  const GumboNode* body = page.body != nullptr ? page.body : tree.document();

  // The main content: the candidate with the most text (a page's related-news teasers are
  // <article>s too), else the whole body.
  const GumboNode* content = body;
  std::size_t best = 0;
  for (const GumboNode* candidate : content_candidates(body)) {
    const std::size_t size = total_size(ParagraphCollector(nullptr).collect(candidate));
    if (size > best) {
      best = size;
      content = candidate;
    }
  }

  // The title: news sites suffix <title> with their name, so an <h1> comes first — the
  // content's own (in its <header> too), else one elsewhere in the body (a page-level
  // <header> holds the site's logo, and is not looked in).
  auto is_title_heading = [](const GumboNode* n) {
    return is_html(n, GUMBO_TAG_H1) && !line_text(n).empty();
  };
  const GumboNode* heading = find_first(content, content != body, is_title_heading);
  if (heading == nullptr && content != body) heading = find_first(body, false, is_title_heading);
  report.title = heading != nullptr ? line_text(heading) : page.title;
  if (report.title.empty()) throw InputError(source, "no title: no <h1> or <title> with text");

  for (std::string_view key : kDateKeys) {
    const auto it = page.meta.find(std::string(key));
    if (it == page.meta.end()) continue;
    for (const std::string& value : it->second) {
      if (auto date = parse_html_date(value)) {
        report.date = std::move(*date);
        break;
      }
    }
    if (!report.date.empty()) break;
  }
  if (report.date.empty()) {
    auto is_dated_time = [](const GumboNode* n) {
      const char* datetime = is_html(n, GUMBO_TAG_TIME) ? attribute(n, "datetime") : nullptr;
      return datetime != nullptr && parse_html_date(datetime).has_value();
    };
    const GumboNode* time = find_first(content, content != body, is_dated_time);
    if (time == nullptr && content != body) time = find_first(body, false, is_dated_time);
    if (time != nullptr) report.date = *parse_html_date(attribute(time, "datetime"));
  }

  report.url = page.canonical_url;
  if (report.url.empty()) {
    if (const auto it = page.meta.find("og:url"); it != page.meta.end()) {
      for (const std::string& url : it->second) {
        if (!url.empty()) {
          report.url = url;
          break;
        }
      }
    }
  }

  report.passages = ParagraphCollector(heading).collect(content);
  if (report.passages.empty()) throw InputError(source, "no paragraphs");
  return report;
}

}  // namespace tracuu
