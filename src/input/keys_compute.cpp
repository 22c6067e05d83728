// The [compute] keys (MODEL.md section 3): the GPU, the job, the architecture, memory, failures
// and checkpoints, and how the weights come back. Rows of the one key table (keys.cpp).
#include "input/keys_detail.hpp"

namespace haul::keys_detail {

namespace {

// A whole number from 1 to `most` (architecture sizes; bounded so that FLOPs stay finite).
double bounded(const Value& v, double most, const char* most_text) {
  const std::string expected = std::string("an integer from 1 to ") + most_text;
  const double x = whole(v, 1, expected);
  return check(x, x <= most, v, expected);
}

// "causal" | "full" | "window N" (a sliding window of N tokens, N >= 1).
void set_attention(ComputeParams<double>& c, const Value& v) {
  const std::string expected = "causal, full or \"window N\" (a sliding window of N tokens)";
  const std::string t = text(v, expected);
  c.attention_window = 0;
  if (t.rfind("window", 0) == 0) {
    std::string_view n = std::string_view(t).substr(6);
    while (!n.empty() && n.front() == ' ') n.remove_prefix(1);
    double x = 0;
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), x);
    if (n.empty() || ec != std::errc() || end != n.data() + n.size() || x < 1 ||
        x != std::floor(x) || x > 1e10)
      throw InputError(v.shown() + " is not an attention (expected " + expected +
                       ", N a whole number from 1 to 10^10)");
    c.attention = static_cast<int>(Attention::window);
    c.attention_window = x;
    return;
  }
  c.attention = choice(v, {"causal", "full", "window N"});
}

}  // namespace

std::vector<Field> compute_fields() {
  return {
      {"compute.gpu",
       "a GPU preset (haul catalog)",
       "\"h100-sxm\"",
       Quantity::text,
       {},
       nullptr,
       [](S& s, const V& v) { s.gpu = text(v, "a GPU preset name, e.g. \"h100-sxm\""); }},
      {"compute.peak", "a compute rate > 0, e.g. \"989 TFLOPS\"", "from the preset",
       Quantity::flop_rate, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.peak_flops; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_flop_rate);
         s.in.compute.peak_flops = check(x, x > 0, v, "a compute rate > 0, e.g. \"989 TFLOPS\"");
       }},
      {"compute.memory", "a size > 0, e.g. \"80 GB\"", "from the preset", Quantity::size, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.memory_bytes; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_size);
         s.in.compute.memory_bytes = check(x, x > 0, v, "a size > 0, e.g. \"80 GB\"");
       }},
      {"compute.gpus", "an integer >= 1", "8", Quantity::count, whole_from(1),
       [](Inputs<double>& in) -> double& { return in.compute.gpus; },
       [](S& s, const V& v) { s.in.compute.gpus = whole(v, 1, "an integer >= 1"); }},
      {"compute.price", "a price per GPU-hour >= 0, e.g. \"2 USD/h\"", "\"2 USD/h\"",
       Quantity::price_per_second, at_least(0),
       [](Inputs<double>& in) -> double& { return in.compute.price_usd_per_gpu_s; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_price_per_second);
         s.in.compute.price_usd_per_gpu_s = check(x, x >= 0, v, "a price >= 0, e.g. \"2 USD/h\"");
       }},
      {"compute.mfu", "a fraction in (0, 1]", "0.4", Quantity::fraction, between(0, 1, true, false),
       [](Inputs<double>& in) -> double& { return in.compute.mfu; },
       [](S& s, const V& v) {
         s.in.compute.mfu = fraction(v, true, false, "a fraction in (0, 1], e.g. 0.4");
       }},
      {"compute.goodput", "a fraction in (0, 1]", "0.9", Quantity::fraction,
       between(0, 1, true, false), [](Inputs<double>& in) -> double& { return in.compute.goodput; },
       [](S& s, const V& v) {
         s.in.compute.goodput = fraction(v, true, false, "a fraction in (0, 1], e.g. 0.9");
       }},
      {"compute.gpu_hours", "a number of GPU-hours > 0", "none", Quantity::number, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.gpu_hours; },
       [](S& s, const V& v) {
         s.in.compute.gpu_hours = amount(v, "a number of GPU-hours > 0, e.g. 1.2e6");
       }},
      {"compute.flops", "a FLOP count > 0, e.g. \"3.8e25 FLOP\"", "none", Quantity::flop, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.flops; },
       [](S& s, const V& v) {
         const double x =
             v.kind == V::Kind::string ? units::parse_flop(v.text) : number(v, "a FLOP count > 0");
         s.in.compute.flops = check(x, x > 0, v, "a FLOP count > 0, e.g. \"3.8e25 FLOP\"");
       }},
      {"compute.params", "a parameter count > 0, e.g. 7e9 or \"7B\"", "none", Quantity::number,
       above(0), [](Inputs<double>& in) -> double& { return in.compute.params; },
       [](S& s, const V& v) {
         s.in.compute.params = amount(v, "a parameter count > 0, e.g. 7e9 or \"7B\"");
       }},
      {"compute.tokens", "\"auto\" or a token count > 0, e.g. 2e12 or \"2T\"", "none",
       Quantity::number, above(0), [](Inputs<double>& in) -> double& { return in.compute.tokens; },
       [](S& s, const V& v) {
         // auto: every epoch over the data, data.size / bytes_per_token tokens each.
         s.in.compute.tokens_auto = is_auto(v) ? 1.0 : 0.0;
         if (is_auto(v)) {
           s.in.compute.tokens = 0.0;
           return;
         }
         try {
           s.in.compute.tokens = amount(v, "\"auto\" or a token count > 0, e.g. 2e12 or \"2T\"");
         } catch (const InputError& e) {
           const bool near_auto = v.kind == V::Kind::string && !closest(v.text, {"auto"}).empty();
           if (!near_auto) throw;
           throw InputError(std::string(e.what()) + " (did you mean \"auto\"?)");
         }
       }},
      {"compute.bytes_per_token", "bytes of data per token > 0, e.g. 4", "4", Quantity::number,
       above(0), [](Inputs<double>& in) -> double& { return in.compute.bytes_per_token; },
       [](S& s, const V& v) {
         const std::string expected = "bytes of data per token > 0, e.g. 4 (uint32 token ids)";
         const double x = number(v, expected);
         s.in.compute.bytes_per_token = check(x, x > 0, v, expected);
       }},
      {"compute.epochs", "a number of passes > 0, e.g. 1 or 2.5", "1", Quantity::number,
       between(0, 1e6, true, false),
       [](Inputs<double>& in) -> double& { return in.compute.epochs; },
       [](S& s, const V& v) {
         const std::string expected = "a number of passes over the data > 0, e.g. 1 or 2.5";
         const double x = number(v, expected);
         s.in.compute.epochs = check(x, x > 0 && x <= 1e6, v, expected + ", at most 1,000,000");
       }},
      {"compute.total_params", "a parameter count >= params", "params", Quantity::number, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.total_params; },
       [](S& s, const V& v) {
         s.in.compute.total_params = amount(v, "a parameter count > 0, e.g. 7e9 or \"7B\"");
       }},
      {"compute.layers", "an integer from 1 to 100,000", "none", Quantity::count,
       whole_from(1, 1e5), [](Inputs<double>& in) -> double& { return in.compute.layers; },
       [](S& s, const V& v) { s.in.compute.layers = bounded(v, 1e5, "100,000"); }},
      {"compute.d_model", "an integer from 1 to 10,000,000", "none", Quantity::count,
       whole_from(1, 1e7), [](Inputs<double>& in) -> double& { return in.compute.d_model; },
       [](S& s, const V& v) { s.in.compute.d_model = bounded(v, 1e7, "10,000,000"); }},
      {"compute.seq_len", "tokens, an integer from 1 to 10^10", "none", Quantity::count,
       whole_from(1, 1e10), [](Inputs<double>& in) -> double& { return in.compute.seq_len; },
       [](S& s, const V& v) { s.in.compute.seq_len = bounded(v, 1e10, "10,000,000,000"); }},
      {"compute.attention",
       "causal | full | \"window N\"",
       "\"causal\"",
       Quantity::text,
       {},
       nullptr,
       [](S& s, const V& v) { set_attention(s.in.compute, v); }},
      {"compute.state_bytes_per_param", "bytes per parameter in (0, 10^6], e.g. 16", "16",
       Quantity::number, between(0, 1e6, true, false),
       [](Inputs<double>& in) -> double& { return in.compute.state_bytes_per_param; },
       [](S& s, const V& v) {
         const std::string expected =
             "bytes per parameter > 0 and at most 1,000,000, e.g. 16 (mixed-precision Adam)";
         const double x = number(v, expected);
         s.in.compute.state_bytes_per_param = check(x, x > 0 && x <= 1e6, v, expected);
       }},
      {"compute.micro_batch", "an integer from 1 to 1,000,000", "1", Quantity::count,
       whole_from(1, 1e6), [](Inputs<double>& in) -> double& { return in.compute.micro_batch; },
       [](S& s, const V& v) { s.in.compute.micro_batch = bounded(v, 1e6, "1,000,000"); }},
      {"compute.vocab", "an integer from 1 to 10^9", "none", Quantity::count, whole_from(1, 1e9),
       [](Inputs<double>& in) -> double& { return in.compute.vocab; },
       [](S& s, const V& v) { s.in.compute.vocab = bounded(v, 1e9, "1,000,000,000"); }},
      {"compute.failure_rate", "interruptions per GPU-day in (0, 10^6], e.g. 0.00047", "none",
       Quantity::per_gpu_day, between(0, 1e6, true, false),
       [](Inputs<double>& in) -> double& { return in.compute.failures_per_gpu_day; },
       [](S& s, const V& v) {
         const std::string expected =
             "interruptions per GPU-day > 0 and at most 1,000,000, a bare number, e.g. 0.00047 "
             "(Llama 3: 419 in 54 d on 16,384 GPUs)";
         const double x = number(v, expected);
         s.in.compute.failures_per_gpu_day = check(x, x > 0 && x <= 1e6, v, expected);
       }},
      {"compute.checkpoint_time", "a duration > 0, e.g. \"30 s\"", "state / checkpoint_rate",
       Quantity::duration, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.checkpoint_s; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_duration);
         s.in.compute.checkpoint_s = check(x, x > 0, v, "a duration > 0, e.g. \"30 s\"");
       }},
      {"compute.checkpoint_rate", "a rate > 0, e.g. \"100 GB/s\"", "\"100 GB/s\"",
       Quantity::throughput, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.checkpoint_Bps; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_rate_Bps);
         s.in.compute.checkpoint_Bps = check(x, x > 0, v, "a rate > 0, e.g. \"100 GB/s\"");
       }},
      {"compute.restart_time", "a duration >= 0, e.g. \"10 min\"", "\"10 min\"", Quantity::duration,
       at_least(0), [](Inputs<double>& in) -> double& { return in.compute.restart_s; },
       [](S& s, const V& v) {
         const double x = with_unit(v, units::parse_duration);
         s.in.compute.restart_s = check(x, x >= 0, v, "a duration >= 0, e.g. \"10 min\"");
       }},
      {"compute.weight_bytes", "bytes per parameter > 0, e.g. 2", "2", Quantity::number, above(0),
       [](Inputs<double>& in) -> double& { return in.compute.weight_bytes; },
       [](S& s, const V& v) {
         const double x = number(v, "bytes per parameter > 0, e.g. 2 (bf16)");
         s.in.compute.weight_bytes = check(x, x > 0, v, "bytes per parameter > 0, e.g. 2 (bf16)");
       }},
      {"compute.weights",
       "network | carry | none",
       "\"network\"",
       Quantity::text,
       {},
       [](Inputs<double>& in) -> double& { return in.compute.weights; },
       [](S& s, const V& v) { s.in.compute.weights = choice(v, words(kWeightsNames)); }},
      {"compute.billing",
       "on-arrival | at-start",
       "\"on-arrival\"",
       Quantity::text,
       {},
       [](Inputs<double>& in) -> double& { return in.compute.billing; },
       [](S& s, const V& v) { s.in.compute.billing = choice(v, words(kBillingNames)); }},
  };
}

}  // namespace haul::keys_detail
