// Errors that haul reports to the user. An InputError is bad input (exit status 2); its message is
// one line that says what is wrong and the expected form. Callers that know the place
// (file:line:col, the flag, the key) prefix it; the text itself never includes a trailing newline.
#pragma once

#include <stdexcept>
#include <string>

#include "../input/quote.hpp"

namespace haul {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Wraps an InputError's message with where it came from: "seed.toml:14:9: network.rtt: <what>".
// The place and the key may be the user's own text (a file name, a mistyped key): each is shown
// on one printable line, a long one cut.
inline InputError at(const std::string& where, const std::string& key, const std::string& what) {
  std::string msg;
  if (!where.empty()) msg += printable(where, 200) + ": ";
  if (!key.empty()) msg += printable(key, 100) + ": ";
  return InputError(msg + what);
}

}  // namespace haul
