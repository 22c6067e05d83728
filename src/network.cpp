#include "network.hpp"

namespace haul {

// Both number types are instantiated here so that a formula that does not compile for one of them
// fails in the library, not later in a sweep.
template NetworkResult<double> network_model(const DataParams<double>&,
                                             const NetworkParams<double>&);
template NetworkResult<num::Array> network_model(const DataParams<num::Array>&,
                                                 const NetworkParams<num::Array>&);

const char* limit_name(double code) {
  switch (static_cast<int>(code)) {
    case static_cast<int>(Limit::window):
      return "window";
    case static_cast<int>(Limit::loss):
      return "loss";
    case static_cast<int>(Limit::measured):
      return "measured";
    default:
      return "link";
  }
}

const char* congestion_name(double code) {
  switch (static_cast<int>(code)) {
    case static_cast<int>(Congestion::reno):
      return "reno";
    case static_cast<int>(Congestion::bbr):
      return "bbr";
    default:
      return "cubic";
  }
}

}  // namespace haul
