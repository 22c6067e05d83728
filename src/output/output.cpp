#include "output/output.hpp"

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

void write_all(int fd, std::string_view text, const std::string& name) {
  const char* data = text.data();
  size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputError(name + ": write failed (" + std::strerror(errno) + ")");
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

Output::Output(std::string path) : path_(std::move(path)) {
  if (path_ == "-") return;
  std::error_code ec;
  const auto status = std::filesystem::status(path_, ec);
  if (std::filesystem::is_directory(status))
    throw OutputError(path_ + ": is a directory (give a file name); nothing written");
  // A device or a pipe (/dev/null, a FIFO) is written in place: there is nothing to replace.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    fd_ = ::open(path_.c_str(), O_WRONLY);
    if (fd_ < 0) throw OutputError(path_ + ": cannot open (" + std::strerror(errno) + ")");
    return;
  }
  temp_ = folder_of(path_) + "/." + std::filesystem::path(path_).filename().string() + ".XXXXXX";
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0)
    throw OutputError(path_ + ": cannot write there (" + std::strerror(errno) +
                      "); nothing written");
}

Output::~Output() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) std::remove(temp_.c_str());
}

void Output::write(std::string_view text) {
  try {
    write_all(path_ == "-" ? STDOUT_FILENO : fd_, text, path_ == "-" ? "stdout" : path_);
  } catch (const OutputError& e) {
    throw OutputError(std::string(e.what()) +
                      (path_ == "-" ? "" : "; the previous file, if any, is unchanged"));
  }
}

void Output::commit() {
  if (path_ == "-") return;
  if (temp_.empty()) {  // written in place
    committed_ = true;
    return;
  }
  int error = 0;
  if (::fsync(fd_) != 0) error = errno;
  // A new file gets the usual permissions (mkstemp makes it 0600).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (!error && ::fchmod(fd_, 0666 & ~mask) != 0) error = errno;
  if (::close(fd_) != 0 && !error) error = errno;
  fd_ = -1;
  if (!error && std::rename(temp_.c_str(), path_.c_str()) != 0) error = errno;
  if (error)
    throw OutputError(path_ + ": write failed (" + std::strerror(error) +
                      "); the previous file, if any, is unchanged");
  committed_ = true;
}

}  // namespace haul
