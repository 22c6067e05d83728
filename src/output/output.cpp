#include "output/output.hpp"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include "input/quote.hpp"

namespace haul {

namespace {

// A path as one line can show it: as it is when printable, else quoted with its control characters
// escaped (quote.hpp), so a hostile name cannot break the line or reach the terminal.
std::string shown(std::string_view text) {
  return printable(text, 300);
}

std::string reason(int error) {
  return std::strerror(error);
}

std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

void write_all(int fd, std::string_view text, const std::string& name) {
  const char* data = text.data();
  size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputError(name + ": write failed (" + reason(errno) + ")");
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

// As many links as the kernel follows in one path (MAXSYMLINKS) before it says ELOOP.
constexpr int kMaxLinks = 40;

// For a symbolic link inside /proc: the descriptor N if it is this process's /proc/PID/fd/N (as
// /dev/stdout, /dev/fd/N and /proc/self/fd/N are), else -1. Nothing for a link outside /proc.
// Those links name an open file, not a path: following their text would lead to "pipe:[123]" or
// to a file the shell opened for appending.
std::optional<int> proc_descriptor(const std::string& link) {
  const std::filesystem::path path(link);
  char real[PATH_MAX];
  if (!::realpath(folder_of(link).c_str(), real)) return std::nullopt;
  const std::string folder = real;
  if (folder != "/proc" && folder.rfind("/proc/", 0) != 0) return std::nullopt;
  const std::string own = "/proc/" + std::to_string(::getpid());
  const bool own_fds =
      folder == own + "/fd" || (folder.rfind(own + "/task/", 0) == 0 && folder.size() > 3 &&
                                folder.compare(folder.size() - 3, 3, "/fd") == 0);
  const std::string name = path.filename().string();
  int fd = -1;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), fd);
  if (own_fds && ec == std::errc() && end == name.data() + name.size() && fd >= 0) return fd;
  return -1;
}

// Where -o leads: the end of its chain of symbolic links, and what is there.
struct Destination {
  std::string path;     // the end of the chain: not a link (or missing)
  struct stat st = {};  // what lstat says about it, if it exists
  bool exists = false;
  int descriptor = -1;  // one of this process's descriptors (/dev/stdout)
  std::string name;     // for messages: "-o PATH" or "-o PATH (a link to END)"
};

Destination follow(const std::string& given) {
  Destination d;
  d.path = given;
  auto name = [&] {
    return "-o " + shown(given) + (d.path == given ? "" : " (a link to " + shown(d.path) + ")");
  };
  for (int links = 0;; ++links) {
    d.name = name();
    if (::lstat(d.path.c_str(), &d.st) != 0) {
      if (errno == ENOENT) return d;  // a new file; its folder is checked when it is created
      throw OutputError(d.name + ": " + reason(errno) + "; nothing written");
    }
    d.exists = true;
    if (!S_ISLNK(d.st.st_mode)) return d;
    if (const auto fd = proc_descriptor(d.path)) {
      if (*fd < 0)
        throw OutputError(d.name + ": a link inside /proc that is not one of haul's open files; " +
                          "give a file name");
      d.descriptor = *fd;
      return d;
    }
    if (links == kMaxLinks)
      throw OutputError(d.name + ": over " + std::to_string(kMaxLinks) +
                        " symbolic links in a row (a loop?); nothing written");
    std::string text(PATH_MAX, '\0');
    const ssize_t n = ::readlink(d.path.c_str(), text.data(), text.size());
    if (n < 0) throw OutputError(d.name + ": " + reason(errno) + "; nothing written");
    text.resize(static_cast<size_t>(n));
    // A relative link is relative to the folder holding it.
    d.path = text.empty() || text[0] == '/'
                 ? text
                 : (std::filesystem::path(d.path).parent_path() / text).string();
    d.exists = false;
  }
}

// The usual permissions of a new file: 0666 less the umask (mkstemp makes it 0600).
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// Gives the temporary file `fd` what the file it replaces had: owner and group where allowed
// (root), else the group where we belong to it; then the mode (after chown, which may clear
// set-user-ID bits). Returns 0 or an errno.
int take_over(int fd, const std::string& target, mode_t new_mode) {
  struct stat old_st, temp_st;
  if (::lstat(target.c_str(), &old_st) != 0 || !S_ISREG(old_st.st_mode))
    return ::fchmod(fd, new_mode) == 0 ? 0 : errno;
  if (::fstat(fd, &temp_st) != 0) return errno;
  if (old_st.st_uid != temp_st.st_uid || old_st.st_gid != temp_st.st_gid) {
    if (::fchown(fd, old_st.st_uid, old_st.st_gid) != 0) {
      if (errno != EPERM && errno != EINVAL) return errno;
      (void)!::fchown(fd, static_cast<uid_t>(-1), old_st.st_gid);  // best effort
    }
  }
  return ::fchmod(fd, old_st.st_mode & 07777) == 0 ? 0 : errno;
}

// Makes the rename durable; a folder that cannot be synced (some file systems) is no error.
void sync_folder(const std::string& path) {
  const int fd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

Output::Output(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    fd_ = STDOUT_FILENO;
    return;
  }
  if (path_.empty()) throw OutputError("-o: an empty file name (give a file, or - for stdout)");
  const Destination d = follow(path_);
  if (d.descriptor >= 0) {  // /dev/stdout and the like: the descriptor itself, in place
    const int flags = ::fcntl(d.descriptor, F_GETFL);
    if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY)
      throw OutputError(d.name + ": descriptor " + std::to_string(d.descriptor) +
                        (flags < 0 ? " is not open" : " is open for reading only"));
    fd_ = d.descriptor;
    return;
  }
  if (d.exists) {
    switch (d.st.st_mode & S_IFMT) {
      case S_IFREG:
        break;
      case S_IFDIR:
        throw OutputError(d.name + ": is a directory (give a file name); nothing written");
      case S_IFIFO:
        throw OutputError(d.name +
                          ": is a named pipe (FIFO), not a file; to pipe the output, use -o - "
                          "and a shell pipe; nothing written");
      case S_IFCHR: {
        // A character device (/dev/null, /dev/tty) is a stream: written in place, never replaced.
        // O_NONBLOCK so that opening a serial line cannot wait for a carrier.
        fd_ = ::open(d.path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
        if (fd_ < 0) throw OutputError(d.name + ": cannot open (" + reason(errno) + ")");
        owns_fd_ = true;
        struct stat st;
        if (::fstat(fd_, &st) != 0 || !S_ISCHR(st.st_mode) ||
            ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK) != 0) {
          ::close(fd_);
          throw OutputError(d.name + ": changed while being opened; nothing written");
        }
        return;
      }
      case S_IFBLK:
        throw OutputError(d.name + ": is a block device, not a file; nothing written");
      case S_IFSOCK:
        throw OutputError(d.name + ": is a socket, not a file; nothing written");
      default:
        throw OutputError(d.name + ": is not a regular file; nothing written");
    }
    // Replacing a file we may not write would get round its permissions (the folder allows it).
    if (::faccessat(AT_FDCWD, d.path.c_str(), W_OK, AT_EACCESS) != 0)
      throw OutputError(d.name + ": cannot write it (" + reason(errno) + "); nothing written");
    // In a sticky folder (/tmp) only the file's or the folder's owner may rename over it: found
    // out now, not after the work, at the rename.
    struct stat folder {};
    const uid_t me = ::geteuid();
    if (me != 0 && ::stat(folder_of(d.path).c_str(), &folder) == 0 && (folder.st_mode & S_ISVTX) &&
        d.st.st_uid != me && folder.st_uid != me)
      throw OutputError(d.name +
                        ": cannot replace it (another user's file in a sticky folder); "
                        "nothing written");
  } else if (d.path.empty() || d.path.back() == '/') {
    throw OutputError(d.name + ": names a directory that does not exist (give a file name)");
  }
  target_ = d.path;
  new_mode_ = new_file_mode();
  // Beside the target, so that the rename stays on one file system; the name is cut to stay
  // within NAME_MAX (255) with the dot and the 7 characters mkstemp adds.
  const std::string folder = folder_of(target_);
  temp_ =
      folder + "/." + std::filesystem::path(target_).filename().string().substr(0, 240) + ".XXXXXX";
  fd_ = ::mkostemp(temp_.data(), O_CLOEXEC);
  if (fd_ < 0) {
    const int error = errno;
    temp_.clear();
    throw OutputError(d.name + ": cannot create a file in " + shown(folder) + " (" + reason(error) +
                      "); nothing written");
  }
  owns_fd_ = true;
}

Output::~Output() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void Output::write(std::string_view text) {
  const std::string name = path_ == "-" ? "stdout" : shown(path_);
  try {
    write_all(fd_, text, name);
  } catch (const OutputError& e) {
    throw OutputError(std::string(e.what()) +
                      (temp_.empty() ? "" : "; the previous file, if any, is unchanged"));
  }
}

void Output::commit() {
  if (committed_) return;
  const std::string name = path_ == "-" ? "stdout" : shown(path_);
  if (temp_.empty()) {  // a stream, written in place
    committed_ = true;
    if (owns_fd_) {
      const int status = ::close(fd_);
      fd_ = -1;
      if (status != 0) throw OutputError(name + ": write failed (" + reason(errno) + ")");
    }
    return;
  }
  int error = 0;
  if (::fsync(fd_) != 0) error = errno;
  if (!error) error = take_over(fd_, target_, new_mode_);
  if (::close(fd_) != 0 && !error) error = errno;
  fd_ = -1;
  if (!error && ::rename(temp_.c_str(), target_.c_str()) != 0) error = errno;
  if (error)
    throw OutputError(name + ": write failed (" + reason(error) +
                      "); the previous file, if any, is unchanged");
  committed_ = true;
  sync_folder(target_);
}

void check_not_input(const std::string& output, const std::string& input) {
  if (output.empty() || output == "-" || input.empty()) return;
  struct stat out_st, in_st;
  if (::stat(output.c_str(), &out_st) == 0 && ::stat(input.c_str(), &in_st) == 0 &&
      S_ISREG(out_st.st_mode) && out_st.st_dev == in_st.st_dev && out_st.st_ino == in_st.st_ino)
    throw OutputError("-o " + shown(output) + ": is the input file " + shown(input) +
                      " (give another file name); nothing written");
}

}  // namespace haul
