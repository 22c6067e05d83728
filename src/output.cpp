#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace haul {

namespace {

std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

void check_writable(const std::string& path) {
  if (path == "-") return;
  const std::string folder = folder_of(path);
  if (::access(folder.c_str(), W_OK) != 0)
    throw OutputError(path + ": cannot write here (" + std::strerror(errno) + "); nothing written");
  if (std::filesystem::is_directory(path))
    throw OutputError(path + ": is a directory (give a file name); nothing written");
}

void write_atomically(const std::string& path, const std::string& content) {
  std::string temp =
      folder_of(path) + "/." + std::filesystem::path(path).filename().string() + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    throw OutputError(path + ": cannot create a file beside it (" + std::strerror(errno) +
                      "); nothing written");
  const char* data = content.data();
  size_t left = content.size();
  int error = 0;
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (!error && ::fsync(fd) != 0) error = errno;
  // A new file gets the usual permissions (mkstemp makes it 0600).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (!error && ::fchmod(fd, 0666 & ~mask) != 0) error = errno;
  if (::close(fd) != 0 && !error) error = errno;
  if (!error && std::rename(temp.c_str(), path.c_str()) != 0) error = errno;
  if (error) {
    std::remove(temp.c_str());
    throw OutputError(path + ": write failed (" + std::strerror(error) +
                      "); the previous file, if any, is unchanged");
  }
}

}  // namespace haul
