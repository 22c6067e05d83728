#include "input/json.hpp"

#include <charconv>
#include <cstdint>

namespace haul::json {

const Value* Value::find(std::string_view key) const {
  if (kind != Kind::object) return nullptr;
  const Value* found = nullptr;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) found = &values[i];
  return found;
}

const Value* Value::at(std::initializer_list<std::string_view> path) const {
  const Value* v = this;
  for (std::string_view key : path) {
    v = v->find(key);
    if (!v) return nullptr;
  }
  return v;
}

const double* Value::number_at(std::initializer_list<std::string_view> path) const {
  const Value* v = at(path);
  return v && v->kind == Kind::number ? &v->number : nullptr;
}

namespace {

constexpr int kMaxDepth = 200;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Value document() {
    skip_space();
    Value v = value(0);
    skip_space();
    if (i_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    std::size_t line = 1, column = 1;
    for (std::size_t k = 0; k < i_ && k < s_.size(); ++k) {
      if (s_[k] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw ParseError("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                     what);
  }

  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }

  void skip_space() {
    while (!at_end() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  void expect_word(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) fail("expected a JSON value");
    i_ += word.size();
  }

  Value value(int depth) {
    if (depth > kMaxDepth) fail("nested too deeply (over 200 levels)");
    if (at_end()) fail("unexpected end of the text; expected a JSON value");
    Value v;
    switch (peek()) {
      case '{':
        v.kind = Value::Kind::object;
        object(v, depth);
        break;
      case '[':
        v.kind = Value::Kind::array;
        array(v, depth);
        break;
      case '"':
        v.kind = Value::Kind::string;
        v.text = string();
        break;
      case 't':
        expect_word("true");
        v.kind = Value::Kind::boolean;
        v.boolean = true;
        break;
      case 'f':
        expect_word("false");
        v.kind = Value::Kind::boolean;
        break;
      case 'n':
        expect_word("null");
        break;
      default:
        v.kind = Value::Kind::number;
        v.number = number();
    }
    return v;
  }

  // The members of an object or the elements of an array: from the opening bracket to past
  // `close`, calling element() for each, with ',' between them.
  template <class Element>
  void sequence(char close, const char* what, Element element) {
    ++i_;  // the opening bracket
    skip_space();
    if (peek() == close) {
      ++i_;
      return;
    }
    for (;;) {
      skip_space();
      element();
      skip_space();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (peek() == close) {
        ++i_;
        return;
      }
      fail(std::string("expected ',' or '") + close + "' in " + what);
    }
  }

  void object(Value& v, int depth) {
    sequence('}', "an object", [&] {
      if (peek() != '"') fail("expected a quoted object key");
      std::string key = string();
      skip_space();
      if (peek() != ':') fail("expected ':' after an object key");
      ++i_;
      skip_space();
      Value member = value(depth + 1);
      v.keys.push_back(std::move(key));
      v.values.push_back(std::move(member));
    });
  }

  void array(Value& v, int depth) {
    sequence(']', "an array", [&] { v.items.push_back(value(depth + 1)); });
  }

  // RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  double number() {
    const std::size_t start = i_;
    auto digits = [&] {
      const std::size_t from = i_;
      while (!at_end() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ > from;
    };
    if (peek() == '-') ++i_;
    if (peek() == '0') {
      ++i_;
    } else if (!digits()) {
      i_ = start;
      fail("expected a JSON value");
    }
    if (peek() == '.') {
      ++i_;
      if (!digits()) fail("expected digits after the decimal point");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!digits()) fail("expected digits in the exponent");
    }
    double x = 0;
    const auto [end, ec] = std::from_chars(s_.data() + start, s_.data() + i_, x);
    if (ec == std::errc::result_out_of_range) {
      i_ = start;
      fail("number out of range");
    }
    if (ec != std::errc() || end != s_.data() + i_) {
      i_ = start;
      fail("malformed number");
    }
    return x;
  }

  unsigned hex4() {
    unsigned u = 0;
    for (int k = 0; k < 4; ++k, ++i_) {
      const char c = peek();
      u <<= 4;
      if (c >= '0' && c <= '9') {
        u |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        u |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        u |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        fail("expected four hex digits after \\u");
      }
    }
    return u;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string string() {
    ++i_;  // "
    std::string out;
    for (;;) {
      if (at_end()) fail("unterminated string");
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        out += c;
        ++i_;
        continue;
      }
      ++i_;
      if (at_end()) fail("unterminated string");
      const char e = peek();
      ++i_;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
            const std::size_t back = i_;
            i_ += 2;
            const std::uint32_t low = hex4();
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              i_ = back;  // a lone high surrogate, then another escape
            }
          }
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // lone surrogate: replacement character
          append_utf8(out, cp);
          break;
        }
        default:
          i_ -= 2;  // at the backslash
          fail("unknown escape in a string");
      }
    }
  }
};

}  // namespace

Value parse(std::string_view text) {
  return Parser(text).document();
}

}  // namespace haul::json
