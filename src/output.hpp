// Writing results: to stdout ("-") or to a file, whole or not at all.
#pragma once

#include <stdexcept>
#include <string>

namespace haul {

// A failure to write output (exit status 1, unlike bad input).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checks before any work that `path` can be written (its folder exists and is writable), so a bad
// path fails at once. "-" is stdout and always passes.
void check_writable(const std::string& path);

// Writes `content` to a temporary file beside `path`, flushes it, and renames it over `path`; on
// any failure the temporary file is removed and an existing file at `path` is left as it was.
void write_atomically(const std::string& path, const std::string& content);

}  // namespace haul
