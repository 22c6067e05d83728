// Writing results: to stdout ("-") or to a file, whole or not at all.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace haul {

// A failure to write output (exit status 1, unlike bad input).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The destination of a command's output. A file is written to a temporary file beside it, opened at
// once (so a bad path fails before any work), and renamed over the target by commit(); if commit()
// is never reached the temporary file is removed and an earlier file at the path is untouched.
class Output {
 public:
  explicit Output(std::string path);  // "-" is stdout
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view text);
  void commit();
  bool is_stdout() const { return path_ == "-"; }
  // The temporary file being written ("" for stdout and devices), for a signal handler to remove.
  const std::string& temp_path() const { return temp_; }

 private:
  std::string path_, temp_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace haul
