// The handful of overloads that let one formula evaluate a single scenario (double) and a column of
// a sweep (Eigen::ArrayXd) alike. Formula code calls num::min, num::select, ... and never branches
// on a value, so the same text runs for both number types.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace haul::num {

using Array = Eigen::ArrayXd;
inline constexpr double inf = std::numeric_limits<double>::infinity();

template <class T>
inline constexpr bool is_array_v = std::is_base_of_v<Eigen::ArrayBase<T>, T>;

// A default for a parameter struct's field: the value for double, an empty column for arrays (a
// sweep fills every column before use).
template <class T>
inline T init(double value) {
  if constexpr (is_array_v<T>) {
    return T();
  } else {
    return value;
  }
}

// --- scalars ---------------------------------------------------------------------------------
inline double min(double a, double b) {
  return a < b ? a : b;
}
inline double max(double a, double b) {
  return a > b ? a : b;
}
inline double sqrt(double a) {
  return std::sqrt(a);
}
inline double ceil(double a) {
  return std::ceil(a);
}
inline double floor(double a) {
  return std::floor(a);
}
inline double pow(double a, double b) {
  return std::pow(a, b);
}
inline double select(bool cond, double a, double b) {
  return cond ? a : b;
}
// 1 - (1 - x)^n without the cancellation of the literal form (x may be 1e-12).
inline double one_minus_pow_complement(double x, double n) {
  return -std::expm1(n * std::log1p(-x));
}
inline double constant(double value, double /*like*/) {
  return value;
}

// --- arrays ----------------------------------------------------------------------------------
// These take any Eigen array expression and return an expression, not an evaluated ArrayXd: a
// formula whose intermediates are `auto` is fused by Eigen into one loop over the elements, with no
// temporary columns. The rule that keeps this safe: never pass a temporary ArrayXd (such as T(x))
// into an expression that outlives the statement; plain columns and expressions are fine.
template <class D>
using ArrayBase = Eigen::ArrayBase<D>;

template <class A, class B>
inline auto min(const ArrayBase<A>& a, const ArrayBase<B>& b) {
  return a.derived().min(b.derived());
}
template <class A>
inline auto min(const ArrayBase<A>& a, double b) {
  return a.derived().min(b);
}
template <class B>
inline auto min(double a, const ArrayBase<B>& b) {
  return b.derived().min(a);
}
template <class A, class B>
inline auto max(const ArrayBase<A>& a, const ArrayBase<B>& b) {
  return a.derived().max(b.derived());
}
template <class A>
inline auto max(const ArrayBase<A>& a, double b) {
  return a.derived().max(b);
}
template <class B>
inline auto max(double a, const ArrayBase<B>& b) {
  return b.derived().max(a);
}
template <class A>
inline auto sqrt(const ArrayBase<A>& a) {
  return a.derived().sqrt();
}
template <class A>
inline auto ceil(const ArrayBase<A>& a) {
  return a.derived().ceil();
}
template <class A>
inline auto floor(const ArrayBase<A>& a) {
  return a.derived().floor();
}
template <class A, class B>
inline auto pow(const ArrayBase<A>& a, const ArrayBase<B>& b) {
  return a.derived().pow(b.derived());
}
template <class A>
inline auto pow(const ArrayBase<A>& a, double b) {
  return a.derived().pow(b);
}
template <class B>
inline auto pow(double a, const ArrayBase<B>& b) {
  return Eigen::pow(a, b.derived());
}
template <class C, class A, class B>
inline auto select(const ArrayBase<C>& cond, const ArrayBase<A>& a, const ArrayBase<B>& b) {
  return cond.derived().select(a.derived(), b.derived());
}
template <class C, class A>
inline auto select(const ArrayBase<C>& cond, const ArrayBase<A>& a, double b) {
  return cond.derived().select(a.derived(), b);
}
template <class C, class B>
inline auto select(const ArrayBase<C>& cond, double a, const ArrayBase<B>& b) {
  return cond.derived().select(a, b.derived());
}
template <class C>
inline auto select(const ArrayBase<C>& cond, double a, double b) {
  return cond.derived().select(Array::Constant(cond.size(), a), Array::Constant(cond.size(), b));
}
template <class X, class N>
inline auto one_minus_pow_complement(const ArrayBase<X>& x, const ArrayBase<N>& n) {
  return -(n.derived() * (-x.derived()).log1p()).expm1();
}
template <class D>
inline auto constant(double value, const ArrayBase<D>& like) {
  return Array::Constant(like.size(), value);
}

// ceil(a / b) and floor(a / b) for ratios that are whole numbers on paper but not in binary:
// 1.1e12 / 0.1e12 is 11.000000000000002 and 14 / 0.14 is 99.99999999999999. A relative slack of
// 1e-12 (far below any real input's precision) keeps those whole.
template <class T>
inline T ceil_ratio(const T& a, const T& b) {
  return num::ceil(T(a / b * (1.0 - 1e-12)));
}
template <class T>
inline T floor_ratio(const T& a, const T& b) {
  return num::floor(T(a / b * (1.0 + 1e-12)));
}

// Applies a scalar function element by element: for the rare formula (a binomial tail) that is a
// loop, not an expression. f is still written once; this only maps it.
template <class F, class... Args>
inline double map(F&& f, double a, Args... rest) {
  return f(a, rest...);
}
template <class F, class... Args>
inline Array map(F&& f, const Array& a, const Args&... rest) {
  Array out(a.size());
  for (Eigen::Index i = 0; i < a.size(); ++i) out[i] = f(a[i], rest[i]...);
  return out;
}

// Element i of a number or a column (tests and reports use it to compare the two paths).
inline double at(double v, Eigen::Index) {
  return v;
}
inline double at(const Array& v, Eigen::Index i) {
  return v[i];
}

}  // namespace haul::num
