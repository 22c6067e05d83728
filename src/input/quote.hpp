// User text in messages and comments: one line, printable, bounded. Every error message and
// report line that repeats text the user (or a file) gave goes through quote_text.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace haul {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one.
inline std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80         ? 1
                        : (c >> 5) == 6  ? 2
                        : (c >> 4) == 14 ? 3
                        : (c >> 3) == 30 ? 4
                                         : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return 0;
  return n;
}

inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// The text in double quotes, with quotes and backslashes escaped, control characters and DEL as
// \n \t \r or \xNN, bytes that are not UTF-8 as \xNN, and cut with "…" after `max` bytes.
inline std::string quote_text(std::string_view text, std::size_t max = 200) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    if (i >= max) {
      out += "…";
      break;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = utf8_length(text, i);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (n == 0 || c < 0x20 || c == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    ++i;
  }
  return out + "\"";
}

// The text as it is when it is already one printable line (a file name, a flag), else quoted.
inline std::string printable(std::string_view text, std::size_t max = 200) {
  bool plain = text.size() <= max && valid_utf8(text);
  for (const char c : text) plain = plain && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  return plain ? std::string(text) : quote_text(text, max);
}

}  // namespace haul
