#include "index/html.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <new>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "error.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

// Larger pages are not articles; Gumbo needs up to ~50 bytes of memory per input byte.
constexpr std::size_t kMaxHtmlBytes = std::size_t{32} << 20;

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// ---------------------------------------------------------------------------------------
// The cost of building the tree, estimated before Gumbo runs.
//
// Gumbo follows the HTML5 tree-building rules, and some of them do more than constant
// work per token: many tags look through the stack of open elements (is a <p> in
// scope?), each character looks for the last open formatting element there, unclosed
// formatting elements are cloned into every later block, and each attribute is compared
// with the tag's earlier ones. On real pages that is linear. On pathological ones it is
// not, and Gumbo has no limits of its own: 100,000 unclosed <div>s (500 KB) take half a
// minute, 4,000 unclosed `<p><b id=N>` (60 KB) take 3 GB. One pass over the tags bounds
// each kind of work, counting an element as open until its end tag except the elements
// that cannot contain themselves (void elements, <p>, <li>, <td>…), so that the estimate
// is an upper bound that stays close on ordinary sloppy HTML.

struct TreeCost {
  std::uint64_t stack_scans = 0;        // open elements, summed over the tags
  std::uint64_t text_scans = 0;         // open elements, summed over characters in formatting
  std::uint64_t formatting_clones = 0;  // open formatting elements, summed over closings
  std::uint64_t attribute_pairs = 0;    // pairs of attributes within one tag
  std::size_t max_depth = 0;
};

// Each about a second of Gumbo's time (the clones: at most ~400 MB); a large real page
// (25 MB, 300,000 paragraphs) stays under a tenth of each.
constexpr std::uint64_t kMaxStackScans = 100'000'000;
constexpr std::uint64_t kMaxTextScans = 2'000'000'000;
constexpr std::uint64_t kMaxFormattingClones = 1'000'000;
constexpr std::uint64_t kMaxAttributePairs = 100'000'000;

bool is_void(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_HR: case GUMBO_TAG_IMAGE: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN: case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_MENUITEM:
    case GUMBO_TAG_ISINDEX:
      return true;
    default:
      return false;
  }
}

// Elements that a start tag of their own kind closes instead of nesting in (or, for the
// document's own, that are never opened twice).
bool closes_itself(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_RB: case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC: case GUMBO_TAG_RP: case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// Start tags that close an open <p> or an element of their own kind, and so move the
// formatting elements opened inside out of the stack (to be cloned by the next text).
bool closes_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_UL: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_FORM: case GUMBO_TAG_TABLE: case GUMBO_TAG_HR:
    case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return closes_itself(tag);
  }
}

// The formatting elements of the HTML5 parser.
constexpr GumboTag kFormattingTags[] = {
    GUMBO_TAG_A,      GUMBO_TAG_B,      GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
    GUMBO_TAG_FONT,   GUMBO_TAG_I,      GUMBO_TAG_NOBR, GUMBO_TAG_S,   GUMBO_TAG_SMALL,
    GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT,  GUMBO_TAG_U};

// The index of `tag` in kFormattingTags, else -1.
int formatting_index(GumboTag tag) {
  for (int i = 0; i < static_cast<int>(std::size(kFormattingTags)); ++i) {
    if (kFormattingTags[i] == tag) return i;
  }
  return -1;
}

// Tags whose content is text up to their end tag (in HTML, not in SVG or MathML).
bool has_raw_text(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

// HTML tags that end SVG or MathML content.
bool breaks_out_of_foreign(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR: case GUMBO_TAG_CENTER: case GUMBO_TAG_CODE: case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EM:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_HR: case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NOBR:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_UL: case GUMBO_TAG_VAR:
    case GUMBO_TAG_FONT:
      return true;
    default:
      return false;
  }
}

// SVG and MathML elements whose content is HTML again.
bool is_integration_point(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_FOREIGNOBJECT: case GUMBO_TAG_DESC: case GUMBO_TAG_TITLE: case GUMBO_TAG_MI:
    case GUMBO_TAG_MO: case GUMBO_TAG_MN: case GUMBO_TAG_MS: case GUMBO_TAG_MTEXT:
    case GUMBO_TAG_ANNOTATION_XML:
      return true;
    default:
      return false;
  }
}

class TreeCostEstimator {
 public:
  TreeCost estimate(std::string_view html);

 private:
  struct Formatting {
    std::string key;  // name and attributes: the parser keeps at most 3 equal ones
    std::uint64_t weight;
    bool counted;
  };

  bool in_foreign() const { return !contexts_.empty() && contexts_.back() == kForeign; }
  void start_tag(std::string_view name, GumboTag tag, std::string_view attributes,
                 std::size_t attribute_count, bool self_closing);
  void end_tag(std::string_view name, GumboTag tag);
  void open(std::string_view name, GumboTag tag);
  void close(std::string_view name, GumboTag tag);
  void push_formatting(int index, std::string_view name, std::string_view attributes,
                       std::size_t attribute_count);
  void pop_formatting(int index);

  static constexpr char kForeign = 'f';  // inside <svg> or <math>
  static constexpr char kHtml = 'h';     // inside an integration point within them
  std::vector<char> contexts_;
  std::array<std::uint32_t, GUMBO_TAG_LAST + 1> open_{};
  std::unordered_map<std::string, std::uint32_t> open_unknown_;
  std::array<std::vector<Formatting>, std::size(kFormattingTags)> formatting_;  // by tag
  std::unordered_map<std::string, std::uint32_t> formatting_keys_;
  std::uint64_t formatting_weight_ = 0;
  std::size_t depth_ = 0;
  TreeCost cost_;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Position of the end tag `</name` at or after `from`, else npos.
std::size_t find_end_tag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t pos = html.find("</", from); pos != std::string_view::npos;
       pos = html.find("</", pos + 2)) {
    const std::size_t after = pos + 2 + name.size();
    if (after <= html.size() && equals_ignoring_case(html.substr(pos + 2, name.size()), name) &&
        (after == html.size() || is_ascii_space(html[after]) || html[after] == '/' ||
         html[after] == '>')) {
      return pos;
    }
  }
  return std::string_view::npos;
}

TreeCost TreeCostEstimator::estimate(std::string_view html) {
  const std::size_t n = html.size();
  auto add_text = [&](std::size_t bytes) {
    if (formatting_weight_ > 0) cost_.text_scans += bytes * depth_;
  };
  std::size_t i = 0;
  while (i < n) {
    const std::size_t lt = html.find('<', i);
    add_text((lt == std::string_view::npos ? n : lt) - i);
    if (lt == std::string_view::npos) break;
    i = lt;
    const std::string_view rest = html.substr(i);
    if (rest.starts_with("<!--")) {
      const std::size_t end = html.find("-->", i + 2);  // also ends "<!-->"
      i = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    const bool end_tag = rest.starts_with("</");
    const std::size_t name_start = i + (end_tag ? 2 : 1);
    if (name_start >= n || !is_ascii_alpha(html[name_start])) {
      if (end_tag || rest.starts_with("<!") || rest.starts_with("<?")) {  // bogus comment
        const std::size_t gt = html.find('>', i + 1);
        i = gt == std::string_view::npos ? n : gt + 1;
      } else {
        ++i;  // a '<' in text
      }
      continue;
    }
    std::size_t p = name_start;
    while (p < n && !is_ascii_space(html[p]) && html[p] != '/' && html[p] != '>') ++p;
    const std::string_view name = html.substr(name_start, p - name_start);
    // Attributes, as the tokenizer splits them: names up to space, '/', '>' or '=';
    // values quoted or up to space or '>'.
    const std::size_t attributes_start = p;
    std::size_t attribute_count = 0;
    bool self_closing = false;
    bool closed = false;
    while (p < n) {
      if (is_ascii_space(html[p])) {
        ++p;
      } else if (html[p] == '>') {
        closed = true;
        break;
      } else if (html[p] == '/') {
        ++p;
        self_closing = p < n && html[p] == '>';
      } else {
        ++attribute_count;
        ++p;  // a name may start with '='
        while (p < n && !is_ascii_space(html[p]) && html[p] != '/' && html[p] != '>' &&
               html[p] != '=') {
          ++p;
        }
        while (p < n && is_ascii_space(html[p])) ++p;
        if (p < n && html[p] == '=') {
          ++p;
          while (p < n && is_ascii_space(html[p])) ++p;
          if (p < n && (html[p] == '"' || html[p] == '\'')) {
            const std::size_t close = html.find(html[p], p + 1);
            p = close == std::string_view::npos ? n : close + 1;
          } else {
            while (p < n && !is_ascii_space(html[p]) && html[p] != '>') ++p;
          }
        }
      }
    }
    if (!closed) break;  // the tokenizer drops a tag cut by the end of the input
    const std::string_view attributes = html.substr(attributes_start, p - attributes_start);
    i = p + 1;

    cost_.stack_scans += depth_;
    const GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
    if (end_tag ? formatting_index(tag) < 0 : closes_block(tag)) {
      cost_.formatting_clones += formatting_weight_;
    }
    if (attribute_count > 1) cost_.attribute_pairs += attribute_count * (attribute_count - 1) / 2;
    if (end_tag) {
      this->end_tag(name, tag);
      continue;
    }
    const bool html_context = !in_foreign() || breaks_out_of_foreign(tag);
    start_tag(name, tag, attributes, attribute_count, self_closing);
    if (html_context && tag == GUMBO_TAG_PLAINTEXT) {
      add_text(n - i);
      break;
    }
    if (html_context && has_raw_text(tag)) {
      const std::size_t end = find_end_tag(html, i, name);
      i = end == std::string_view::npos ? n : end;
    }
  }
  return cost_;
}

void TreeCostEstimator::start_tag(std::string_view name, GumboTag tag,
                                  std::string_view attributes, std::size_t attribute_count,
                                  bool self_closing) {
  if (in_foreign() && breaks_out_of_foreign(tag)) {
    while (!contexts_.empty() && contexts_.back() == kForeign) contexts_.pop_back();
  }
  const bool foreign = in_foreign();
  if (foreign && self_closing) return;  // honoured in SVG and MathML only
  if (!foreign && (is_void(tag) || closes_itself(tag) || has_raw_text(tag))) return;
  if (!foreign) {
    if (const int f = formatting_index(tag); f >= 0) {
      push_formatting(f, name, attributes, attribute_count);
    }
  }
  if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH) {
    contexts_.push_back(kForeign);
  } else if (foreign && is_integration_point(tag)) {
    contexts_.push_back(kHtml);
  }
  open(name, tag);
}

void TreeCostEstimator::end_tag(std::string_view name, GumboTag tag) {
  if (!contexts_.empty()) {
    if ((contexts_.back() == kForeign && (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH)) ||
        (contexts_.back() == kHtml && is_integration_point(tag))) {
      contexts_.pop_back();
    }
  }
  if (const int f = formatting_index(tag); f >= 0) pop_formatting(f);
  close(name, tag);
}

void TreeCostEstimator::open(std::string_view name, GumboTag tag) {
  if (tag == GUMBO_TAG_UNKNOWN) {
    ++open_unknown_[lower(name)];
  } else {
    ++open_[tag];
  }
  ++depth_;
  if (depth_ > cost_.max_depth) cost_.max_depth = depth_;
}

void TreeCostEstimator::close(std::string_view name, GumboTag tag) {
  std::uint32_t* count = nullptr;
  if (tag == GUMBO_TAG_UNKNOWN) {
    const auto it = open_unknown_.find(lower(name));
    if (it != open_unknown_.end()) count = &it->second;
  } else {
    count = &open_[tag];
  }
  if (count != nullptr && *count > 0) {
    --*count;
    --depth_;
  }
}

void TreeCostEstimator::push_formatting(int index, std::string_view name,
                                        std::string_view attributes,
                                        std::size_t attribute_count) {
  // A new <a> or <nobr> first closes the open one.
  if (index == formatting_index(GUMBO_TAG_A) || index == formatting_index(GUMBO_TAG_NOBR)) {
    while (!formatting_[index].empty()) pop_formatting(index);
  }
  std::string key = lower(name);
  key += '\0';
  key += attributes;
  const bool counted = ++formatting_keys_[key] <= 3;
  const std::uint64_t weight = 1 + attribute_count;
  if (counted) formatting_weight_ += weight;
  formatting_[index].push_back({std::move(key), weight, counted});
}

void TreeCostEstimator::pop_formatting(int index) {
  auto& stack = formatting_[index];
  if (stack.empty()) return;
  const Formatting& last = stack.back();
  --formatting_keys_[last.key];
  if (last.counted) formatting_weight_ -= last.weight;
  stack.pop_back();
}

void check_tree_cost(std::string_view html, const std::string& source) {
  if (html.size() > kMaxHtmlBytes) {
    throw InputError(source, fmt::format("page of {} MiB, larger than the {} MiB allowed",
                                         html.size() >> 20, kMaxHtmlBytes >> 20));
  }
  const TreeCost cost = TreeCostEstimator().estimate(html);
  if (cost.stack_scans > kMaxStackScans || cost.text_scans > kMaxTextScans) {
    throw InputError(source, fmt::format("HTML nested too deeply to parse ({} elements open)",
                                         cost.max_depth));
  }
  if (cost.formatting_clones > kMaxFormattingClones) {
    throw InputError(source, "HTML with too many unclosed formatting elements to parse");
  }
  if (cost.attribute_pairs > kMaxAttributePairs) {
    throw InputError(source, "HTML tag with too many attributes to parse");
  }
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
      if (end > pos && equals_ignoring_case(tokens.substr(pos, end - pos), w)) return true;
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
    case Visit::kChildren: stack.push_back({root, 0}); break;
    case Visit::kSkipChildren: case Visit::kStop: return;
  }
  while (!stack.empty()) {
    const GumboNode* node = stack.back().node;
    const GumboVector* children = children_of(node);
    if (children != nullptr && stack.back().next_child < children->length) {
      const GumboNode* child = child_at(*children, stack.back().next_child++);
      switch (enter(child)) {
        case Visit::kChildren: stack.push_back({child, 0}); break;
        case Visit::kSkipChildren: break;
        case Visit::kStop: return;
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
      case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
      case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME:
      case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_APPLET: case GUMBO_TAG_CANVAS:
      case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_NAV:
      case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
      case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
      case GUMBO_TAG_DATALIST: case GUMBO_TAG_MENU: case GUMBO_TAG_FIGCAPTION:
      case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_FRAMESET:
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
      aria != nullptr && equals_ignoring_case(trim(aria), "true")) {
    return true;
  }
  if (const char* style = attribute(node, "style"); style != nullptr) {
    std::string compact;
    for (const char* c = style; *c != '\0'; ++c) {
      if (!is_ascii_space(*c)) compact += ascii_lower(*c);
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
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_ACRONYM: case GUMBO_TAG_B:
    case GUMBO_TAG_BDI: case GUMBO_TAG_BDO: case GUMBO_TAG_BIG: case GUMBO_TAG_BLINK:
    case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA: case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I:
    case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE: case GUMBO_TAG_INS: case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_MARK: case GUMBO_TAG_METER: case GUMBO_TAG_NOBR:
    case GUMBO_TAG_OUTPUT: case GUMBO_TAG_PROGRESS: case GUMBO_TAG_Q: case GUMBO_TAG_RB:
    case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RTC: case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S: case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME: case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR: case GUMBO_TAG_UNKNOWN:  // custom elements
    // Dropped, but no more a paragraph break than the text they replace would be.
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP: case GUMBO_TAG_DATALIST: case GUMBO_TAG_NOEMBED:
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
    walk(root, [this](const GumboNode* n) { return enter(n); },
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
        if (const char* rel = attribute(n, "rel"); rel != nullptr && page.canonical_url.empty() &&
                                                   has_token(rel, {"canonical"})) {
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
      page.meta[lower(trim(key))].emplace_back(trim(value));
    }
    return Visit::kChildren;
  });
  return page;
}

// Meta keys for the publication date, most trusted first.
constexpr std::string_view kDateKeys[] = {
    "article:published_time", "og:published_time", "datepublished", "pubdate",
    "publishdate",            "date",               "dc.date",       "dc.date.issued",
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
