#include "model/compute.hpp"

namespace haul {

template ComputeResult<double> compute_model(const ComputeParams<double>&, const double&);
template ComputeResult<num::Array> compute_model(const ComputeParams<num::Array>&,
                                                 const num::Array&);

}  // namespace haul
