// Writing results: to stdout ("-") or to a file, whole or not at all.
#pragma once

#include <sys/types.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace haul {

// A failure to write output (exit status 1, unlike bad input).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The destination of a command's output (-o PATH), opened at once so that a bad path fails before
// any work. PATH is followed through symbolic links to the file it names:
// - a regular file, existing or not, is written to a temporary file beside it (same directory),
//   which commit() renames over it; an existing file keeps its mode and, where allowed, its owner
//   and group. If commit() is never reached the temporary file is removed and an earlier file is
//   untouched. A link is never replaced: its target is.
// - a stream is written in place, as it comes: stdout ("-"), one of this process's open
//   descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N) or a character device (/dev/null,
//   /dev/tty). There is no earlier file to keep.
// - anything else is refused with one line: an empty name, a directory, a FIFO, a block device,
//   a socket, a link loop, a file we may not write.
class Output {
 public:
  explicit Output(std::string path);  // "-" is stdout
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view text);
  void commit();
  bool is_stdout() const { return path_ == "-"; }
  // The temporary file being written ("" for a stream), for a signal handler to remove.
  const std::string& temp_path() const { return temp_; }

 private:
  std::string path_;    // as given
  std::string target_;  // the regular file it names, past any links ("" for a stream)
  std::string temp_;
  mode_t new_mode_ = 0;  // a new file's: 0666 less the umask
  int fd_ = -1;
  bool owns_fd_ = false;  // not for stdout or another descriptor we were given
  bool committed_ = false;
};

// Refuses (OutputError) an `output` (-o) that names the same existing file as `input`, through
// links or hard links: writing it would replace what is being read.
void check_not_input(const std::string& output, const std::string& input);

}  // namespace haul
