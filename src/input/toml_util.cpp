#include "input/toml_util.hpp"

#include "input/error.hpp"

namespace haul {

namespace {

// Dotted parts of a key past which a TOML text is refused before toml++ reads it: each part nests
// a table, and toml++ descends one stack frame a part (40,000 parts overflow the stack). A real
// key has two or three.
constexpr int kKeyParts = 64;

// The dots outside quotes in `key` (a key, or a [header] without its brackets).
int dots(std::string_view key) {
  int n = 0;
  char quote = 0;
  for (const char c : key) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '.') {
      ++n;
    }
  }
  return n;
}

void check_key_depth(std::string_view text, const std::string& source) {
  bool in_multiline = false;  // inside a """ or ''' string that spans lines
  std::size_t start = 0;
  for (std::uint32_t line = 1; start <= text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view row = text.substr(start, end - start);
    start = end + 1;
    const bool was_inside = in_multiline;
    for (const char* fence : {"\"\"\"", "'''"})
      for (std::size_t at = row.find(fence); at != std::string_view::npos;
           at = row.find(fence, at + 3))
        in_multiline = !in_multiline;
    if (was_inside) continue;
    while (!row.empty() && (row.front() == ' ' || row.front() == '\t')) row.remove_prefix(1);
    if (row.empty() || row.front() == '#') continue;
    std::string_view key = row;
    if (row.front() == '[') {
      key = row.substr(0, row.find(']'));
    } else if (const std::size_t eq = row.find('='); eq != std::string_view::npos) {
      key = row.substr(0, eq);
    }
    if (dots(key) >= kKeyParts)
      throw InputError(printable(source, 200) + ":" + std::to_string(line) +
                       ": a key of more than " + std::to_string(kKeyParts) +
                       " dotted parts (the scenario's keys have two)");
  }
}

}  // namespace

toml::table parse_toml(std::string_view text, const std::string& source) {
  check_key_depth(text, source);
  return toml::parse(text, source);
}

}  // namespace haul
