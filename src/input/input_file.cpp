// Reading an input file whole (scenario, sweep, catalog, iperf3 result): a regular file of at most
// limits::kInputFileBytes. Anything else (a directory, a FIFO, a device, a file that is too large
// or grows past the limit while read) is bad input, refused before its contents are read.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "input/error.hpp"
#include "input/limits.hpp"
#include "input/quote.hpp"
#include "input/toml_util.hpp"
#include "input/units.hpp"

namespace haul {

namespace {

// What a path is when it is not a regular file, for the message.
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string limit_text() {
  return units::format_count(static_cast<double>(limits::kInputFileBytes)) + " bytes (" +
         std::to_string(limits::kInputFileBytes >> 20) + " MiB)";
}

[[noreturn]] void cannot(const std::string& path, const std::string& what, int error) {
  if (error == ELOOP)
    throw InputError(printable(path, 300) + ": cannot read the " + what +
                     ": too many levels of symbolic links (a link that leads back to itself?)");
  throw InputError(printable(path, 300) + ": cannot read the " + what + " (" +
                   std::strerror(error) + ")");
}

void check_kind(const std::string& path, const std::string& what, const struct stat& st) {
  if (!S_ISREG(st.st_mode))
    throw InputError(printable(path, 300) + ": the " + what + " is " + kind_of(st.st_mode) +
                     " (expected a regular file)");
  if (static_cast<std::uint64_t>(st.st_size) > limits::kInputFileBytes)
    throw InputError(printable(path, 300) + ": the " + what + " has " +
                     units::format_count(static_cast<double>(st.st_size)) +
                     " bytes, over the limit of " + limit_text());
}

// Closes the descriptor on every way out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_input_file(const std::string& path, const std::string& what) {
  // stat first, so that a device or a FIFO is never opened (opening either can block or act).
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) cannot(path, what, errno);
  check_kind(path, what, st);
  // O_NONBLOCK: should the path have become a FIFO since, opening it does not wait for a writer.
  const Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) cannot(path, what, errno);
  if (::fstat(file.fd, &st) != 0) cannot(path, what, errno);
  check_kind(path, what, st);
  // Read at most one byte past the limit: a file that grows while read is refused, not followed.
  std::string text;
  char buffer[65536];
  for (;;) {
    const std::uint64_t room = limits::kInputFileBytes + 1 - text.size();
    const ssize_t n = ::read(file.fd, buffer, room < sizeof buffer ? room : sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) cannot(path, what, errno);
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > limits::kInputFileBytes)
      throw InputError(printable(path, 300) + ": the " + what + " grew past the limit of " +
                       limit_text() + " while it was read");
  }
  return text;
}

}  // namespace haul
