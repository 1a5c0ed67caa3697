#include "ingest/html_cost.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "error.h"
#include "text/chars.h"

namespace tracuu {
namespace {

// Gumbo follows the HTML5 tree-building rules, and some of them do more than constant
// work per token: many tags look through the stack of open elements (is a <p> in
// scope?), each character looks for the last open formatting element there, unclosed
// formatting elements are cloned into every later block, and each attribute is compared
// with the tag's earlier ones. On real pages that is linear. On pathological ones it is
// not (minutes or gigabytes for a page under 1 MB: bench/README.md "Limits"), and Gumbo
// has no limits of its own. One pass over the tags bounds
// each kind of work, counting an element as open until its end tag except the elements
// that cannot contain themselves (void elements, <p>, <li>, <td>…), so that the estimate
// is an upper bound that stays close on ordinary sloppy HTML.

// Larger pages are not articles; Gumbo needs up to ~50 bytes of memory per input byte.
constexpr std::size_t kMaxHtmlBytes = std::size_t{32} << 20;

struct TreeCost {
  std::uint64_t stack_scans = 0;        // open elements, summed over the tags
  std::uint64_t text_scans = 0;         // open elements, summed over characters in formatting
  std::uint64_t formatting_clones = 0;  // open formatting elements, summed over closings
  std::uint64_t attribute_pairs = 0;    // pairs of attributes within one tag
  std::size_t max_depth = 0;
};

// Each about a second of Gumbo's time (the clones: at most ~400 MB), far above what real
// pages cost (bench/README.md, "Limits").
constexpr std::uint64_t kMaxStackScans = 100'000'000;
constexpr std::uint64_t kMaxTextScans = 2'000'000'000;
constexpr std::uint64_t kMaxFormattingClones = 1'000'000;
constexpr std::uint64_t kMaxAttributePairs = 100'000'000;

bool is_void(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_MENUITEM:
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
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
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
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return closes_itself(tag);
  }
}

// The formatting elements of the HTML5 parser.
constexpr GumboTag kFormattingTags[] = {
    GUMBO_TAG_A,      GUMBO_TAG_B,      GUMBO_TAG_BIG,  GUMBO_TAG_CODE, GUMBO_TAG_EM,
    GUMBO_TAG_FONT,   GUMBO_TAG_I,      GUMBO_TAG_NOBR, GUMBO_TAG_S,    GUMBO_TAG_SMALL,
    GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT,   GUMBO_TAG_U};

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
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

// HTML tags that end SVG or MathML content.
bool breaks_out_of_foreign(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_B:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_I:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_META:
    case GUMBO_TAG_NOBR:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_FONT:
      return true;
    default:
      return false;
  }
}

// SVG and MathML elements whose content is HTML again.
bool is_integration_point(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_FOREIGNOBJECT:
    case GUMBO_TAG_DESC:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MI:
    case GUMBO_TAG_MO:
    case GUMBO_TAG_MN:
    case GUMBO_TAG_MS:
    case GUMBO_TAG_MTEXT:
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

// Position of the end tag `</name` at or after `from`, else npos.
std::size_t find_end_tag(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t pos = html.find("</", from); pos != std::string_view::npos;
       pos = html.find("</", pos + 2)) {
    const std::size_t after = pos + 2 + name.size();
    if (after <= html.size() &&
        equal_ignoring_ascii_case(html.substr(pos + 2, name.size()), name) &&
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
    if (name_start >= n || !is_ascii_letter(html[name_start])) {
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

void TreeCostEstimator::start_tag(std::string_view name, GumboTag tag, std::string_view attributes,
                                  std::size_t attribute_count, bool self_closing) {
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
    ++open_unknown_[lower_ascii(name)];
  } else {
    ++open_[tag];
  }
  ++depth_;
  if (depth_ > cost_.max_depth) cost_.max_depth = depth_;
}

void TreeCostEstimator::close(std::string_view name, GumboTag tag) {
  std::uint32_t* count = nullptr;
  if (tag == GUMBO_TAG_UNKNOWN) {
    const auto it = open_unknown_.find(lower_ascii(name));
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
                                        std::string_view attributes, std::size_t attribute_count) {
  // A new <a> or <nobr> first closes the open one.
  if (index == formatting_index(GUMBO_TAG_A) || index == formatting_index(GUMBO_TAG_NOBR)) {
    while (!formatting_[index].empty()) pop_formatting(index);
  }
  std::string key = lower_ascii(name);
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

}  // namespace

void check_tree_cost(std::string_view html, const std::string& source) {
  if (html.size() > kMaxHtmlBytes) {
    throw InputError(source, fmt::format("page of {} MiB, larger than the {} MiB allowed",
                                         html.size() >> 20, kMaxHtmlBytes >> 20));
  }
  const TreeCost cost = TreeCostEstimator().estimate(html);
  if (cost.stack_scans > kMaxStackScans || cost.text_scans > kMaxTextScans) {
    throw InputError(
        source, fmt::format("HTML nested too deeply to parse ({} elements open)", cost.max_depth));
  }
  if (cost.formatting_clones > kMaxFormattingClones) {
    throw InputError(source, "HTML with too many unclosed formatting elements to parse");
  }
  if (cost.attribute_pairs > kMaxAttributePairs) {
    throw InputError(source, "HTML tag with too many attributes to parse");
  }
}

}  // namespace tracuu
