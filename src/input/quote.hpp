// How an error message shows text that came from the user or from an input file: quoted, on one
// line, and harmless to a terminal. A value with a newline would split the one-line error; an
// escape sequence would reach the terminal; a 10 MB value would make a 10 MB line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace haul {

// The length of the valid UTF-8 sequence that starts at text[i], or 0 when none does. RFC 3629
// section 4: the second byte's range depends on the first (no overlong forms, no surrogates,
// nothing past U+10FFFF); the others are 80..BF.
inline std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const auto continuation = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < text.size() && byte(k) >= lo && byte(k) <= hi;
  };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  }
  bool valid = need > 0 && continuation(i + 1, lo, hi);
  for (std::size_t k = 2; valid && k < need; ++k) valid = continuation(i + k);
  return valid ? need : 0;
}

inline bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// quote_text: the text in double quotes, escaped so that it prints as one line of plain characters:
//   - control characters: \n \t \r by name, the rest of C0 and DEL as \x00..\x1f, \x7f, and the
//     C1 controls U+0080..U+009F (which some terminals obey as ESC sequences) as \u0080..\u009f;
//   - the backslash and the double quote as \\ and \";
//   - a byte that does not belong to valid UTF-8 (a stray continuation byte, an overlong form, a
//     surrogate, a sequence cut short) as \xNN; valid UTF-8 passes through unchanged.
// At most `max` bytes of the escaped text go between the quotes: a longer text is cut at a
// character (or escape) boundary and ends with "…" before the closing quote.
// escape_text does the same without the quotes (and, unless `quote_marks`, leaves quotes and
// backslashes as they are): the last guard on a whole message.
//   quote_text("cu\nbic") == R"("cu\nbic")"     quote_text("\x1b[31m") == R"("\x1b[31m")"
inline std::string escape_text(std::string_view text, std::size_t max, bool quote_marks) {
  constexpr char kHex[] = "0123456789abcdef";
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::string out;
  std::size_t used = 0;  // bytes of escaped text so far
  std::string unit;      // the next character, as it will be shown
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = byte(i);
    std::size_t length = 1;  // bytes of the input that `unit` shows
    unit.clear();
    if (c == '\n') {
      unit = "\\n";
    } else if (c == '\t') {
      unit = "\\t";
    } else if (c == '\r') {
      unit = "\\r";
    } else if (quote_marks && (c == '\\' || c == '"')) {
      unit = {'\\', static_cast<char>(c)};
    } else if (c < 0x20 || c == 0x7F) {
      unit = {'\\', 'x', kHex[c >> 4], kHex[c & 0xF]};
    } else if (c < 0x80) {
      unit = static_cast<char>(c);
    } else {
      const std::size_t need = utf8_sequence(text, i);
      const bool valid = need > 0;
      if (!valid) {
        unit = {'\\', 'x', kHex[c >> 4], kHex[c & 0xF]};
      } else if (c == 0xC2 && byte(i + 1) <= 0x9F) {  // U+0080..U+009F: C1 controls
        const unsigned char low = byte(i + 1);
        unit = {'\\', 'u', '0', '0', kHex[low >> 4], kHex[low & 0xF]};
        length = 2;
      } else {
        unit = std::string(text.substr(i, need));
        length = need;
      }
    }
    if (used + unit.size() > max) {
      out += "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
      break;
    }
    out += unit;
    used += unit.size();
    i += length;
  }
  return out;
}

inline std::string quote_text(std::string_view text, std::size_t max = 200) {
  return "\"" + escape_text(text, max, true) + "\"";
}

// The text as it is when it is already one printable line (a file name, a flag, a name), else
// quoted as quote_text quotes it.
inline std::string printable(std::string_view text, std::size_t max = 200) {
  bool plain = text.size() <= max && valid_utf8(text);
  for (std::size_t i = 0; plain && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    plain = c >= 0x20 && c != 0x7f &&
            !(c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F);
  }
  return plain ? std::string(text) : quote_text(text, max);
}

}  // namespace haul
