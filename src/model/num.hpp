// The handful of overloads that let one formula evaluate a single scenario (double) and a column of
// a sweep (Eigen::ArrayXd) alike. Formula code calls num::min, num::select, ... and never branches
// on a value, so the same text runs for both number types.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
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
inline double log2(double a) {
  return std::log2(a);
}
// Comparisons: bool for a number; for a column, a mask of doubles (all bits set where true) that
// SIMD compares produce and num::select blends with, so that a formula with choices in it still
// vectorises (Eigen 3.4's own select and comparisons do not).
inline bool lt(double a, double b) {
  return a < b;
}
inline bool le(double a, double b) {
  return a <= b;
}
inline bool gt(double a, double b) {
  return a > b;
}
inline bool eq(double a, double b) {
  return a == b;
}
inline bool ne(double a, double b) {
  return a != b;
}
inline bool both(bool a, bool b) {
  return a && b;
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
// log2 element by element with the scalar std::log2, so a column's values are the same to the last
// bit as one number's (a vectorised logarithm would not be).
template <class A>
inline auto log2(const ArrayBase<A>& a) {
  return a.derived().unaryExpr([](double x) { return std::log2(x); });
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
namespace detail {
inline double mask_of(bool b) {
  return b ? std::bit_cast<double>(~std::uint64_t{0}) : 0.0;
}
inline bool is_set(double mask) {
  return std::bit_cast<std::uint64_t>(mask) != 0;
}
#define HAUL_MASK_OP(name, op, packet)                                      \
  struct name {                                                             \
    double operator()(double a, double b) const { return mask_of(a op b); } \
    template <class P>                                                      \
    P packetOp(const P& a, const P& b) const {                              \
      return packet;                                                        \
    }                                                                       \
  };
HAUL_MASK_OP(lt_op, <, Eigen::internal::pcmp_lt(a, b))
HAUL_MASK_OP(le_op, <=, Eigen::internal::pcmp_le(a, b))
HAUL_MASK_OP(eq_op, ==, Eigen::internal::pcmp_eq(a, b))
#undef HAUL_MASK_OP
struct ne_op {
  double operator()(double a, double b) const { return mask_of(a != b); }
  template <class P>
  P packetOp(const P& a, const P& b) const {
    return Eigen::internal::pandnot(Eigen::internal::ptrue(a), Eigen::internal::pcmp_eq(a, b));
  }
};
struct and_op {
  double operator()(double a, double b) const { return mask_of(is_set(a) && is_set(b)); }
  template <class P>
  P packetOp(const P& a, const P& b) const {
    return Eigen::internal::pand(a, b);
  }
};
struct blend_op {
  double operator()(double mask, double a, double b) const { return is_set(mask) ? a : b; }
  template <class P>
  P packetOp(const P& mask, const P& a, const P& b) const {
    return Eigen::internal::por(Eigen::internal::pand(mask, a), Eigen::internal::pandnot(b, mask));
  }
};

// A column as itself (expressions keep plain columns by reference), a number as a constant column.
template <class D>
inline const D& as_array(const ArrayBase<D>& a, Eigen::Index) {
  return a.derived();
}
inline auto as_array(double v, Eigen::Index n) {
  return Array::Constant(n, v);
}
template <class D>
inline Eigen::Index size_of(const ArrayBase<D>& a) {
  return a.size();
}
inline Eigen::Index size_of(double) {
  return -1;
}
template <class Op, class A, class B>
inline auto binary(const A& a, const B& b) {
  const Eigen::Index n = std::max(size_of(a), size_of(b));
  const auto& x = as_array(a, n);
  const auto& y = as_array(b, n);
  return Eigen::CwiseBinaryOp<Op, const std::decay_t<decltype(x)>, const std::decay_t<decltype(y)>>(
      x, y, Op{});
}
}  // namespace detail

// Column comparisons (at least one side a column): masks.
template <class A, class B,
          class = std::enable_if_t<!std::is_arithmetic_v<A> || !std::is_arithmetic_v<B>>>
inline auto lt(const A& a, const B& b) {
  return detail::binary<detail::lt_op>(a, b);
}
template <class A, class B,
          class = std::enable_if_t<!std::is_arithmetic_v<A> || !std::is_arithmetic_v<B>>>
inline auto le(const A& a, const B& b) {
  return detail::binary<detail::le_op>(a, b);
}
template <class A, class B,
          class = std::enable_if_t<!std::is_arithmetic_v<A> || !std::is_arithmetic_v<B>>>
inline auto gt(const A& a, const B& b) {
  return detail::binary<detail::lt_op>(b, a);
}
template <class A, class B,
          class = std::enable_if_t<!std::is_arithmetic_v<A> || !std::is_arithmetic_v<B>>>
inline auto eq(const A& a, const B& b) {
  return detail::binary<detail::eq_op>(a, b);
}
template <class A, class B,
          class = std::enable_if_t<!std::is_arithmetic_v<A> || !std::is_arithmetic_v<B>>>
inline auto ne(const A& a, const B& b) {
  return detail::binary<detail::ne_op>(a, b);
}
template <class A, class B>
inline auto both(const ArrayBase<A>& a, const ArrayBase<B>& b) {
  return detail::binary<detail::and_op>(a.derived(), b.derived());
}

// select(mask, a, b) for columns: a where the mask is set, else b; a and b columns or numbers.
template <class C, class A, class B>
inline auto select(const ArrayBase<C>& mask, const A& a, const B& b) {
  const Eigen::Index n = mask.size();
  const auto& x = detail::as_array(a, n);
  const auto& y = detail::as_array(b, n);
  return Eigen::CwiseTernaryOp<detail::blend_op, const C, const std::decay_t<decltype(x)>,
                               const std::decay_t<decltype(y)>>(mask.derived(), x, y);
}
// The same for columns: Eigen evaluates log1p and expm1 with the scalar std functions, so a value
// is the same to the last bit in a column as alone.
template <class X, class N>
inline auto one_minus_pow_complement(const ArrayBase<X>& x, const ArrayBase<N>& n) {
  return -(n.derived() * (-x.derived()).log1p()).expm1();
}
template <class D>
inline auto constant(double value, const ArrayBase<D>& like) {
  return Array::Constant(like.size(), value);
}

// a^(1/5) for a in [1, 2], by Newton's method from the chord through (1, 1) and (2, 2^(1/5)): the
// chord is at most 1 % low, and four steps (x <- 0.8 x + 0.2 a / x^4, quadratic convergence) take
// that below double precision. Only + * /, so it vectorises and a column gives the same bits as
// one number (std::pow element by element would cost more than the rest of the network model).
template <class T>
inline T fifth_root_1_to_2(const T& a) {
  T x = 1.0 + (a - 1.0) * 0.14869835499703500;  // 2^(1/5) - 1
  for (int step = 0; step < 4; ++step) {
    const T x2 = x * x;
    x = 0.8 * x + 0.2 * a / (x2 * x2);
  }
  return x;
}

// ceil(a / b) and floor(a / b) for ratios that are whole numbers on paper but not in binary:
// 1.1e12 / 0.1e12 is 11.000000000000002 and 14 / 0.14 is 99.99999999999999. A relative slack of
// 1e-12 (far below any real input's precision) keeps those whole.
// The divisor may be a column or a number (ceil_ratio(seconds, 86400.0): started days).
template <class T, class D = T>
inline T ceil_ratio(const T& a, const D& b) {
  return num::ceil(T(a / b * (1.0 - 1e-12)));
}
template <class T, class D = T>
inline T floor_ratio(const T& a, const D& b) {
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

namespace Eigen::internal {
template <>
struct functor_traits<haul::num::detail::lt_op> {
  enum { Cost = 1, PacketAccess = 1 };
};
template <>
struct functor_traits<haul::num::detail::le_op> {
  enum { Cost = 1, PacketAccess = 1 };
};
template <>
struct functor_traits<haul::num::detail::eq_op> {
  enum { Cost = 1, PacketAccess = 1 };
};
template <>
struct functor_traits<haul::num::detail::ne_op> {
  enum { Cost = 2, PacketAccess = 1 };
};
template <>
struct functor_traits<haul::num::detail::and_op> {
  enum { Cost = 1, PacketAccess = 1 };
};
template <>
struct functor_traits<haul::num::detail::blend_op> {
  enum { Cost = 2, PacketAccess = 1 };
};
}  // namespace Eigen::internal
