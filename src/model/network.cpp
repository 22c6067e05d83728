#include "model/network.hpp"

#include <iterator>

namespace haul {

// Both number types are instantiated here so that a formula that does not compile for one of them
// fails in the library, not later in a sweep.
template NetworkResult<double> network_model(const DataParams<double>&,
                                             const NetworkParams<double>&);
template NetworkResult<num::Array> network_model(const DataParams<num::Array>&,
                                                 const NetworkParams<num::Array>&);

const char* limit_name(double code) {
  const int i = static_cast<int>(code);
  return i >= 0 && i < static_cast<int>(std::size(kLimitNames)) ? kLimitNames[i] : kLimitNames[0];
}

const char* congestion_name(double code) {
  const int i = static_cast<int>(code);
  return i >= 0 && i < static_cast<int>(std::size(kCongestionNames))
             ? kCongestionNames[i]
             : kCongestionNames[static_cast<int>(Congestion::cubic)];
}

}  // namespace haul
