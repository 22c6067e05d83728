// What the model tests share: an enum's code as the models store it, and a data set of one file.
#pragma once

#include "model/network.hpp"  // DataParams

namespace haul::test {

// The double a Params struct stores for an enum value (Job::flops -> 2).
template <class E>
double code(E e) {
  return static_cast<int>(e);
}

// `bytes` of data in one file, compressed `compression` times (1: not at all).
inline DataParams<double> data_of(double bytes, double compression = 1.0) {
  DataParams<double> data;
  data.size_bytes = bytes;
  data.files = 1.0;
  data.compression = compression;
  return data;
}

}  // namespace haul::test
