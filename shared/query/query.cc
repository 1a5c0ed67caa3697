#include "query/query.h"

#include <fmt/format.h>

#include "text/chars.h"
#include "text/normalize.h"
#include "text/refs.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

bool is_quote(char32_t cp) { return cp == U'"' || cp == U'“' || cp == U'”'; }

struct Token {
  enum class Kind {
    kWords,
    kPhrase,
    kOpen,
    kClose,
    kOr,
    kAnd,
    kNot,
    kNear,
    kMinus,
    kPlus,
    kField,
    kEnd
  };
  Kind kind = Kind::kEnd;
  std::size_t start = 0, end = 0;              // the token's bytes in the query
  std::size_t value_start = 0, value_end = 0;  // kField: the value; kPhrase: the inside
  bool value_quoted = false;
  std::string field;
  unsigned window = 10;
  bool last_without_space = false;  // kWords: the query's last token, no space after it
};

constexpr std::string_view kFields[] = {"title", "source", "id", "date", "ref", "dieu"};

std::size_t column_of(std::string_view text, std::size_t byte) {
  std::size_t column = 1;
  for (std::size_t pos = 0; pos < byte && pos < text.size(); ++column) next_code_point(text, pos);
  return column;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    std::size_t pos = 0;
    while (pos < text_.size()) {
      std::size_t next = pos;
      const char32_t cp = next_code_point(text_, next);
      if (is_white_space(cp)) {
        pos = next;
        continue;
      }
      Token t;
      t.start = pos;
      if (cp == '(' || cp == ')') {
        t.kind = cp == '(' ? Token::Kind::kOpen : Token::Kind::kClose;
        t.end = next;
      } else if (is_quote(cp)) {
        t.kind = Token::Kind::kPhrase;
        t.value_start = next;
        t.value_end = closing_quote(next, t.end);
      } else if ((cp == '-' || cp == '+') && next < text_.size() && !starts_space(next) &&
                 (pos == 0 || previous_opens(pos))) {
        t.kind = cp == '-' ? Token::Kind::kMinus : Token::Kind::kPlus;
        t.end = next;
      } else {
        t.end = chunk_end(pos);
        classify(t, out);
      }
      pos = t.end;
      out.push_back(t);
    }
    if (!out.empty() && out.back().kind == Token::Kind::kWords && out.back().end == text_.size()) {
      out.back().last_without_space = true;
    }
    Token end;
    end.start = end.end = text_.size();
    out.push_back(end);
    return out;
  }

 private:
  bool starts_space(std::size_t pos) const {
    std::size_t p = pos;
    const char32_t cp = next_code_point(text_, p);
    return is_white_space(cp);
  }
  bool starts_quote(std::size_t pos) const {
    std::size_t p = pos;
    return is_quote(next_code_point(text_, p));
  }
  // Whether what comes before `pos` (> 0) lets an operator start there: white space, '('.
  bool previous_opens(std::size_t pos) const {
    const char32_t cp = previous_code_point(text_, pos);
    return is_white_space(cp) || cp == '(';
  }
  // Where the quoted text starting at `from` ends; sets `after` past the closing quote
  // (or to the end: an unclosed quote runs to the end of the query).
  std::size_t closing_quote(std::size_t from, std::size_t& after) const {
    std::size_t pos = from;
    while (pos < text_.size()) {
      const std::size_t at = pos;
      if (is_quote(next_code_point(text_, pos))) {
        after = pos;
        return at;
      }
    }
    after = text_.size();
    return text_.size();
  }
  std::size_t chunk_end(std::size_t pos) const {
    while (pos < text_.size()) {
      std::size_t next = pos;
      const char32_t cp = next_code_point(text_, next);
      if (is_white_space(cp) || cp == '(' || cp == ')' || is_quote(cp)) break;
      pos = next;
    }
    return pos;
  }
  void classify(Token& t, std::vector<Token>& out) {
    const std::string_view chunk = text_.substr(t.start, t.end - t.start);
    if (chunk == "OR") {
      t.kind = Token::Kind::kOr;
    } else if (chunk == "AND") {
      t.kind = Token::Kind::kAnd;
    } else if (chunk == "NOT") {
      t.kind = Token::Kind::kNot;
    } else if (chunk == "NEAR" || chunk.starts_with("NEAR/")) {
      t.kind = Token::Kind::kNear;
      if (chunk.size() > 4) {
        const std::string_view n = chunk.substr(5);
        if (n.empty() || n.size() > 3 ||
            n.find_first_not_of("0123456789") != std::string_view::npos || n == "0" || n == "00" ||
            n == "000") {
          throw QueryError(column_of(text_, t.start),
                           "NEAR/n wants a distance from 1 to 999 after the slash, as in NEAR/5");
        }
        t.window = static_cast<unsigned>(std::stoul(std::string(n)));
      }
    } else {
      t.kind = Token::Kind::kWords;
      for (std::string_view field : kFields) {
        if (chunk.size() > field.size() + 1 && chunk.substr(0, field.size()) == field &&
            chunk[field.size()] == ':') {
          t.kind = Token::Kind::kField;
          t.field = field;
          t.value_start = t.start + field.size() + 1;
          t.value_end = t.end;
          break;
        }
        if (chunk.size() == field.size() + 1 && chunk.substr(0, field.size()) == field &&
            chunk.back() == ':' && (t.end == text_.size() || !starts_quote(t.end))) {
          t.kind = Token::Kind::kField;  // no value: the parser says so
          t.field = field;
          t.value_start = t.value_end = t.end;
          break;
        }
        if (chunk.size() == field.size() + 1 && chunk.substr(0, field.size()) == field &&
            chunk.back() == ':' && t.end < text_.size() && starts_quote(t.end)) {
          // field:"a phrase"
          t.kind = Token::Kind::kField;
          t.field = field;
          t.value_quoted = true;
          std::size_t after = 0;
          std::size_t open = t.end;
          next_code_point(text_, open);
          t.value_start = open;
          t.value_end = closing_quote(open, after);
          t.end = after;
          break;
        }
      }
    }
    (void)out;
  }

  std::string_view text_;
};

class Parser {
 public:
  Parser(const std::string& text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  std::vector<Clause> parse() {
    Clause root = parse_or();
    if (peek().kind == Token::Kind::kClose) fail(peek().start, "this \")\" has no \"(\" before it");
    if (peek().kind != Token::Kind::kEnd) fail(peek().start, "unexpected here");
    std::vector<Clause> clauses;
    if (root.kind == Clause::Kind::kAll && !root.negated && !root.required) {
      clauses = std::move(root.children);
    } else {
      clauses.push_back(std::move(root));
    }
    return clauses;
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  const Token& take() { return tokens_[at_++]; }
  [[noreturn]] void fail(std::size_t byte, const std::string& what) const {
    throw QueryError(column_of(text_, byte), what);
  }
  std::string describe(const Token& t) const {
    if (t.kind == Token::Kind::kEnd) return "the end of the query";
    return fmt::format("\"{}\"", std::string_view(text_).substr(t.start, t.end - t.start));
  }

  Clause parse_or() {
    Clause left = parse_and();
    if (peek().kind != Token::Kind::kOr) return left;
    Clause any;
    any.kind = Clause::Kind::kAny;
    any.column = left.column;
    any.children.push_back(std::move(left));
    while (peek().kind == Token::Kind::kOr) {
      const Token& op = take();
      if (starts_operand(peek())) {
        any.children.push_back(parse_and());
      } else {
        fail(op.start,
             fmt::format("OR needs something to search for after it, not {}", describe(peek())));
      }
    }
    return any;
  }

  static bool starts_operand(const Token& t) {
    switch (t.kind) {
      case Token::Kind::kWords:
      case Token::Kind::kPhrase:
      case Token::Kind::kOpen:
      case Token::Kind::kNot:
      case Token::Kind::kMinus:
      case Token::Kind::kPlus:
      case Token::Kind::kField:
        return true;
      default:
        return false;
    }
  }

  Clause parse_and() {
    Clause all;
    all.kind = Clause::Kind::kAll;
    all.column = column_of(text_, peek().start);
    bool next_required = false;
    while (true) {
      const Token& t = peek();
      if (t.kind == Token::Kind::kOr && all.children.empty()) {
        fail(t.start, "OR needs something to search for before it");
      }
      if (t.kind == Token::Kind::kOr || t.kind == Token::Kind::kClose ||
          t.kind == Token::Kind::kEnd)
        break;
      if (t.kind == Token::Kind::kAnd) {
        take();
        if (all.children.empty()) fail(t.start, "AND needs something to search for before it");
        if (!starts_operand(peek())) {
          fail(t.start,
               fmt::format("AND needs something to search for after it, not {}", describe(peek())));
        }
        all.children.back().required = true;
        next_required = true;
        continue;
      }
      if (t.kind == Token::Kind::kNear) fail(t.start, "NEAR needs a word before it");
      Clause c = parse_unary();
      if (next_required) c.required = true;
      next_required = false;
      if (c.kind == Clause::Kind::kAll && !c.negated && !c.required) {
        for (Clause& child : c.children) all.children.push_back(std::move(child));
      } else {
        all.children.push_back(std::move(c));
      }
    }
    if (all.children.empty()) {
      fail(peek().start, fmt::format("expected something to search for, not {}", describe(peek())));
    }
    if (all.children.size() == 1) return std::move(all.children[0]);
    return all;
  }

  Clause parse_unary() {
    const Token& t = peek();
    if (t.kind == Token::Kind::kNot) {
      take();
      if (!starts_operand(peek())) {
        fail(t.start,
             fmt::format("NOT needs something to leave out after it, not {}", describe(peek())));
      }
      nest(t);
      Clause c = parse_unary();
      --depth_;
      c.negated = !c.negated;
      return c;
    }
    if (t.kind == Token::Kind::kMinus || t.kind == Token::Kind::kPlus) {
      take();
      Clause c = parse_near();
      if (t.kind == Token::Kind::kMinus)
        c.negated = true;
      else
        c.required = true;
      c.column = column_of(text_, t.start);
      return c;
    }
    return parse_near();
  }

  Clause parse_near() {
    Clause first = parse_primary();
    if (peek().kind != Token::Kind::kNear) return first;
    Clause near;
    near.kind = Clause::Kind::kNear;
    near.column = first.column;
    near.window = peek().window;
    auto add = [&](Clause c, std::size_t at) {
      // NEAR relates words: each side must be words (a phrase too: all its words are near).
      std::vector<Clause> parts;
      if (c.kind == Clause::Kind::kUnit)
        parts.push_back(std::move(c));
      else if (c.kind == Clause::Kind::kAll)
        parts = std::move(c.children);
      for (Clause& p : parts) {
        if (p.kind != Clause::Kind::kUnit || p.negated)
          fail(at, "NEAR relates words and phrases only");
        for (std::size_t i = 0; i < p.unit.words.size(); ++i) {
          Clause single;
          single.column = p.column;
          single.unit.prefix = p.unit.prefix && i + 1 == p.unit.words.size();
          single.unit.words = {std::move(p.unit.words[i])};
          near.children.push_back(std::move(single));
        }
      }
      if (parts.empty()) fail(at, "NEAR relates words and phrases only");
    };
    add(std::move(first), peek().start);
    while (peek().kind == Token::Kind::kNear) {
      const Token& op = take();
      near.window = std::min(near.window, op.window);
      if (peek().kind != Token::Kind::kWords && peek().kind != Token::Kind::kPhrase) {
        fail(op.start, fmt::format("NEAR needs a word after it, not {}", describe(peek())));
      }
      add(parse_primary(), op.start);
    }
    return near;
  }

  Clause parse_primary() {
    const Token& t = take();
    switch (t.kind) {
      case Token::Kind::kOpen: {
        if (peek().kind == Token::Kind::kClose) fail(t.start, "empty parentheses");
        nest(t);
        Clause inner = parse_or();
        --depth_;
        if (peek().kind != Token::Kind::kClose) fail(t.start, "this \"(\" is never closed");
        take();
        return inner;
      }
      case Token::Kind::kClose:
        fail(t.start, "this \")\" has no \"(\" before it");
      case Token::Kind::kPhrase: {
        Clause c = units_of(t.value_start, t.value_end, true, false);
        if (c.kind == Clause::Kind::kAll && c.children.empty()) fail(t.start, "an empty phrase");
        return c;
      }
      case Token::Kind::kWords: {
        Clause c = units_of(t.start, t.end, false, t.last_without_space);
        if (c.kind == Clause::Kind::kAll && c.children.empty()) {
          fail(t.start, fmt::format("nothing to search for in {} (punctuation is not searched)",
                                    describe(t)));
        }
        return c;
      }
      case Token::Kind::kField:
        return field(t);
      case Token::Kind::kOr:
      case Token::Kind::kAnd:
        fail(t.start, fmt::format("{} needs something to search for before it", describe(t)));
      case Token::Kind::kNear:
        fail(t.start, "NEAR needs a word before it");
      case Token::Kind::kEnd:
        fail(t.start, "the query ends where something to search for was expected");
      default:
        fail(t.start, fmt::format("unexpected {}", describe(t)));
    }
  }

  // The words of text[start, end): one unit per word or compound, or one phrase unit.
  Clause units_of(std::size_t start, std::size_t end, bool phrase, bool last_is_prefix) {
    const std::string_view part = std::string_view(text_).substr(start, end - start);
    std::vector<Word> words = analyze(part);
    std::vector<QueryUnit> units;
    if (phrase && !words.empty()) {
      QueryUnit u;
      u.quoted = true;
      u.words = words;
      units.push_back(std::move(u));
    } else {
      for (std::size_t i = 0; i < words.size();) {
        const std::size_t next = compound_end(words, i);
        QueryUnit u;
        u.words.assign(words.begin() + static_cast<std::ptrdiff_t>(i),
                       words.begin() + static_cast<std::ptrdiff_t>(next));
        if (next - i > 1) {
          u.whole_terms = compound_terms(part, words, i, next);
          u.numeric = true;
          for (std::size_t k = i; k < next; ++k) u.numeric &= !words[k].has_letter;
          // A date typed in full means that day: its day/month and month/year terms are
          // for finding it from a shorter query, not for finding 16/6 from 16/6/2024.
          if (u.numeric) u.whole_terms.resize(1);
        }
        units.push_back(std::move(u));
        i = next;
      }
      if (last_is_prefix && !units.empty() && units.back().words.size() == 1 &&
          units.back().words[0].has_letter && units.back().words[0].end == part.size()) {
        units.back().prefix = true;
      }
    }
    Clause all;
    all.kind = Clause::Kind::kAll;
    all.column = column_of(text_, start);
    for (QueryUnit& u : units) {
      for (Word& w : u.words) {
        w.start += static_cast<std::uint32_t>(start);
        w.end += static_cast<std::uint32_t>(start);
      }
      Clause c;
      c.column = column_of(text_, u.words[0].start);
      c.unit = std::move(u);
      all.children.push_back(std::move(c));
    }
    if (all.children.size() == 1) return std::move(all.children[0]);
    return all;
  }

  Clause field(const Token& t) {
    const std::string_view value =
        std::string_view(text_).substr(t.value_start, t.value_end - t.value_start);
    if (value.empty()) fail(t.start, fmt::format("{}: needs a value after it", t.field));
    Clause c;
    c.column = column_of(text_, t.start);
    if (t.field == "title") {
      Clause words = units_of(t.value_start, t.value_end, t.value_quoted, false);
      if (words.kind == Clause::Kind::kAll && words.children.empty()) {
        fail(t.start, "title: needs words after it");
      }
      c.kind = Clause::Kind::kTitle;
      if (words.kind == Clause::Kind::kAll)
        c.children = std::move(words.children);
      else
        c.children.push_back(std::move(words));
      return c;
    }
    if (t.field == "source") {
      c.kind = Clause::Kind::kSource;
      c.value = value;
      if (analyze(value).empty()) fail(t.start, "source: needs words after it");
      return c;
    }
    if (t.field == "id") {
      c.kind = Clause::Kind::kId;
      c.value = value;
      return c;
    }
    if (t.field == "ref") {
      const auto key = normalize_ref(value);
      if (!key) {
        fail(t.value_start, fmt::format("ref: wants a party or state document, as NQ-15, "
                                        "60-NQ/TW, \"Nghị quyết 57\" or 100/2015/QH13; not \"{}\"",
                                        value));
      }
      c.kind = Clause::Kind::kRef;
      c.value = *key;
      return c;
    }
    if (t.field == "dieu") {
      // An article number: digits, perhaps one letter (5a); leading zeros dropped.
      std::string number = lower_ascii(value);
      const std::size_t digits = number.find_first_not_of("0123456789");
      const bool ok =
          digits != 0 && number.size() <= 5 &&
          (digits == std::string::npos ||
           (digits + 1 == number.size() && number[digits] >= 'a' && number[digits] <= 'z'));
      if (!ok)
        fail(t.value_start,
             fmt::format("dieu: wants an article number, as dieu:12; not \"{}\"", value));
      while (number.size() > 1 && number[0] == '0' && number[1] >= '0' && number[1] <= '9') {
        number.erase(0, 1);
      }
      c.kind = Clause::Kind::kArticle;
      c.value = number;
      return c;
    }
    c.kind = Clause::Kind::kDate;
    const auto dots = value.find("..");
    std::string begin(value.substr(0, dots));
    std::string end(dots == std::string_view::npos ? value : value.substr(dots + 2));
    if (dots == std::string_view::npos) {  // one day, month or year
      end = begin;
    }
    if (!expand_date(begin, false) || !expand_date(end, true) || (begin.empty() && end.empty())) {
      fail(t.value_start, fmt::format("date: wants a day, month or year, or a range of them, as "
                                      "2025-06-16, 2025-06, 2025, 16/6/2025, "
                                      "2025-06-01..2025-06-30, 2025-06-01.. or ..2024-12-31; not "
                                      "\"{}\"",
                                      value));
    }
    if (!begin.empty() && !end.empty() && begin > end) {
      fail(t.value_start, fmt::format("date: the range {} ends before it begins", value));
    }
    c.value = begin;
    c.value_end = end;
    return c;
  }

  // Normalizes one end of a date range to YYYYMMDD: YYYY-MM-DD, YYYYMMDD, D/M/YYYY, and a
  // month (YYYY-MM) or year (YYYY) as its first or last day. Empty stays empty (open).
  static bool expand_date(std::string& d, bool is_end) {
    if (d.empty()) return true;
    auto digits = [](std::string_view s) {
      return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    int year = 0, month = 0, day = 0;
    if (d.size() == 4 && digits(d)) {
      year = std::stoi(d);
      month = is_end ? 12 : 1;
      day = is_end ? 31 : 1;
    } else if (d.size() == 7 && d[4] == '-' && digits(d.substr(0, 4)) && digits(d.substr(5))) {
      year = std::stoi(d.substr(0, 4));
      month = std::stoi(d.substr(5));
      static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      if (month < 1 || month > 12) return false;
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      day = is_end ? (month == 2 && !leap ? 28 : kDays[month - 1]) : 1;
    } else if (d.size() == 10 && d[4] == '-' && d[7] == '-') {
      if (!digits(d.substr(0, 4)) || !digits(d.substr(5, 2)) || !digits(d.substr(8))) return false;
      year = std::stoi(d.substr(0, 4));
      month = std::stoi(d.substr(5, 2));
      day = std::stoi(d.substr(8));
    } else if (d.size() == 8 && digits(d)) {
      year = std::stoi(d.substr(0, 4));
      month = std::stoi(d.substr(4, 2));
      day = std::stoi(d.substr(6));
    } else {
      // D/M/YYYY, the Vietnamese order.
      const auto a = d.find('/'), b = d.rfind('/');
      if (a == std::string::npos || a == b || !digits(d.substr(0, a)) ||
          !digits(d.substr(a + 1, b - a - 1)) || !digits(d.substr(b + 1)) ||
          d.size() - b - 1 != 4) {
        return false;
      }
      day = std::stoi(d.substr(0, a));
      month = std::stoi(d.substr(a + 1, b - a - 1));
      year = std::stoi(d.substr(b + 1));
    }
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return false;
    d = fmt::format("{:04}{:02}{:02}", year, month, day);
    return true;
  }

  // One level deeper at `t` (a "(" or NOT): refused beyond kMaxDepth, where the recursion
  // of this parser (and of the planner after it) would soon overflow the stack.
  static constexpr unsigned kMaxDepth = 100;
  void nest(const Token& t) {
    if (++depth_ > kMaxDepth) fail(t.start, fmt::format("nested more than {} deep", kMaxDepth));
  }

  const std::string& text_;
  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  unsigned depth_ = 0;  // "(" and NOT being parsed
};

// Throws QueryError where the words of `c` (its own, and its children's) take `count`
// past kMaxQueryWords.
void count_words(const std::string& text, const Clause& c, std::size_t& count) {
  const auto one_more = [&](std::size_t column) {
    if (++count > kMaxQueryWords) {
      throw QueryError(column, fmt::format("the query has more than {} words, the most searched "
                                           "at once: shorten it",
                                           kMaxQueryWords));
    }
  };
  switch (c.kind) {
    case Clause::Kind::kUnit:
      for (const Word& w : c.unit.words) one_more(column_of(text, w.start));
      return;
    case Clause::Kind::kAll:
    case Clause::Kind::kAny:
    case Clause::Kind::kNear:
    case Clause::Kind::kTitle:
      for (const Clause& child : c.children) count_words(text, child, count);
      return;
    default:
      one_more(c.column);
  }
}

void collect_units(const Clause& c, std::vector<const QueryUnit*>& out) {
  if (c.negated) return;
  if (c.kind == Clause::Kind::kUnit) out.push_back(&c.unit);
  if (c.kind == Clause::Kind::kAll || c.kind == Clause::Kind::kAny ||
      c.kind == Clause::Kind::kNear) {
    for (const Clause& child : c.children) collect_units(child, out);
  }
}

}  // namespace

std::vector<const QueryUnit*> ParsedQuery::positive_units() const {
  std::vector<const QueryUnit*> out;
  for (const Clause& c : clauses) collect_units(c, out);
  return out;
}

std::string point_at(std::string_view text, std::size_t column) {
  return fmt::format("  {}\n  {}^", text, std::string(column > 0 ? column - 1 : 0, ' '));
}

ParsedQuery parse_query(std::string_view raw) {
  if (const std::size_t bad = find_invalid_utf8(raw); bad != kValidUtf8) {
    throw QueryError(1, fmt::format("the query is not valid UTF-8 (byte {})", bad));
  }
  if (raw.size() > kMaxQueryBytes) {
    std::size_t at = kMaxQueryBytes;  // the first character that does not fit
    while ((static_cast<unsigned char>(raw[at]) & 0xC0u) == 0x80u) --at;
    throw QueryError(column_of(raw, at),
                     fmt::format("the query is {} bytes long, at most {} are searched: shorten it",
                                 raw.size(), kMaxQueryBytes));
  }
  ParsedQuery q;
  q.text = to_nfc(raw);
  Lexer lexer(q.text);
  std::vector<Token> tokens = lexer.tokens();
  if (tokens.size() == 1) {
    throw QueryError(1, "the query has no words to search for");
  }
  q.clauses = Parser(q.text, std::move(tokens)).parse();
  std::size_t words = 0;
  for (const Clause& c : q.clauses) count_words(q.text, c, words);
  bool positive = false;
  for (const Clause& c : q.clauses) positive |= !c.negated;
  if (!positive) {
    throw QueryError(q.clauses.front().column,
                     "the query only leaves things out: add something to search for");
  }
  return q;
}

}  // namespace tracuu
