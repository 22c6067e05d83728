// The compute model's part of the reports: `haul compute`, and compare's compute line, model line
// and notes (MODEL.md sections 4 "compute" and 6).
#include <cmath>

#include "output/views_detail.hpp"

namespace haul {

namespace views_detail {

namespace {

bool has_failures(const Scenario& s) {
  return s.in.compute.failures_per_gpu_day > 0;
}

bool is_job(const ComputeParams<double>& c, Job j) {
  return c.job == static_cast<int>(j);
}

// 1.2e10 -> "12B", 2e13 -> "20T", 7.5e6 -> "7.5M": parameter and token counts as people say them.
std::string short_count(double x) {
  const struct {
    double size;
    const char* suffix;
  } scales[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
  if (std::fabs(x) >= 1e15) return units::format_number(x);  // "1e+18", not "1e+06T"
  for (const auto& s : scales)
    if (std::fabs(x) >= s.size) return units::format_number(x / s.size) + s.suffix;
  return units::format_number(x);
}

std::string attention_text(const ComputeParams<double>& c) {
  if (c.attention == static_cast<int>(Attention::window))
    return "window " + count(c.attention_window) +
           (c.attention_window > c.seq_len ? " (longer than seq_len: causal)" : "");
  return kAttentionNames[static_cast<int>(c.attention)];
}

// "does not fit: 95 GB a GPU of 80 GB; fits from 12 GPUs (compute.gpus)" and the like.
std::string fit_text(const ComputeParams<double>& c, const ComputeResult<double>& r, ByteStyle b) {
  const std::string have = units::format_size(r.memory_per_gpu_bytes, b) + " a GPU of " +
                           units::format_size(r.memory_bytes, b);
  if (std::isfinite(r.min_gpus))
    return (r.fits > 0 ? "fits: " : "does not fit: ") + have + "; it fits from " +
           count(r.min_gpus) + (r.min_gpus == 1 ? " GPU" : " GPUs") + " (compute.gpus)";
  // More GPUs cannot help: say what the activations are made of.
  const double logits = 10.0 * c.micro_batch * c.seq_len * c.vocab;
  return "does not fit: " + have + "; the activations alone (" +
         units::format_size(activation_bytes(c), b) +
         (c.vocab > 0 ? ", " + units::format_size(logits, b) + " of them logits" : "") +
         ") overflow one GPU at any GPU count without tensor or context parallelism, which haul "
         "does not model (compute.seq_len, micro_batch and vocab set them)";
}

}  // namespace

std::string compute_line(const Scenario& s, const ComputeResult<double>& r) {
  const auto& c = s.in.compute;
  const std::string gpu = s.gpu_custom ? "custom, based on " + s.gpu : s.gpu;
  return "compute: " + count(c.gpus) + " x " + gpu + " (" + units::format_flop_rate(c.peak_flops) +
         ", " + units::format_size(c.memory_bytes) + ") at " +
         units::format_money(c.price_usd_per_gpu_s * 3600) + "/GPU-h, mfu " +
         units::format_number(c.mfu) + ", goodput " + units::format_number(r.goodput) +
         (has_failures(s) ? " (from failures)" : "") + ", billing " +
         kBillingNames[static_cast<int>(c.billing)] + ", weights " +
         kWeightsNames[static_cast<int>(c.weights)];
}

std::string model_line(const Scenario& s, const ComputeResult<double>& r, ByteStyle b) {
  const auto& c = s.in.compute;
  if (!is_job(c, Job::params_tokens)) return "";
  std::string line =
      "model: " + short_count(c.params) +
      (c.total_params > c.params ? " active of " + short_count(c.total_params) + " params"
                                 : " params");
  if (has_architecture(c)) {
    line += ", " + count(c.layers) + " layers x d_model " + count(c.d_model) + ", seq " +
            count(c.seq_len) + " " + attention_text(c);
    if (c.vocab > 0) line += ", vocab " + count(c.vocab);
  }
  line += "; " + short_count(r.tokens) + " tokens";
  if (c.tokens_auto > 0)
    line += " (" + units::format_size(s.in.data.size_bytes, b) + " / " +
            units::format_number(c.bytes_per_token) + " B a token x " +
            units::format_number(c.epochs) + (c.epochs == 1 ? " epoch)" : " epochs)");
  const bool full = c.attention == static_cast<int>(Attention::full);
  line += has_architecture(c) ? (full ? "; MFU counts attention FLOPs (every score)"
                                      : "; MFU counts attention FLOPs (causal: half the scores)")
                              : "; MFU counts 6 x params x tokens";
  return line;
}

void add_compute(Record& rec, const Scenario& s, const ComputeResult<double>& r) {
  const auto& c = s.in.compute;
  const bool pt = is_job(c, Job::params_tokens);
  rec.add("compute.flops", r.flops);
  if (pt) {
    rec.add("compute.flops_6n", r.flops_6n);
    rec.add("compute.tokens", r.tokens);
  }
  // What the FLOPs (and so the MFU) count.
  rec.add("compute.flops_counted", std::string(is_job(c, Job::gpu_hours) ? "from gpu_hours"
                                               : is_job(c, Job::flops)   ? "given"
                                               : has_architecture(c)     ? "6n+attention"
                                                                         : "6n"));
  rec.add("compute.train_time_s", r.train_time_s);
  rec.add("compute.gpu_hours", r.gpu_hours);
  rec.add("compute.cost_usd", r.cost_usd);
  rec.add("compute.weights_bytes", r.weights_bytes);
  const bool known = std::isfinite(r.memory_per_gpu_bytes);
  rec.add("compute.memory_per_gpu_bytes", known ? Scalar(r.memory_per_gpu_bytes) : Scalar(Null{}));
  rec.add("compute.memory_bytes", r.memory_bytes);
  rec.add("compute.fits", known ? Scalar(r.fits > 0) : Scalar(Null{}));
  rec.add("compute.min_gpus", std::isfinite(r.min_gpus) ? Scalar(r.min_gpus) : Scalar(Null{}));
  rec.add("compute.goodput", r.goodput);
  if (has_failures(s)) {
    rec.add("compute.checkpoint_interval_s", r.checkpoint_interval_s);
    rec.add("compute.interruptions", r.interruptions);
  }
}

std::vector<std::string> compute_notes(const Scenario& s, const ComputeResult<double>& r,
                                       ByteStyle b) {
  std::vector<std::string> notes;
  const auto& c = s.in.compute;
  if (std::isfinite(r.memory_per_gpu_bytes) && r.fits == 0)
    notes.push_back("Memory: the model " + fit_text(c, r, b) + ".");
  // Keys given that this scenario does not use, each with what it waits for.
  auto unused = [&](const char* key, const std::string& why) {
    if (const auto it = s.where.find(key); it != s.where.end())
      notes.push_back(std::string(key) + " (" + it->second + ") is not used: " + why + ".");
  };
  if (has_failures(s)) unused("compute.goodput", "goodput comes from compute.failure_rate");
  const char* job_key = is_job(c, Job::gpu_hours) ? "compute.gpu_hours"
                        : is_job(c, Job::flops)   ? "compute.flops"
                                                  : nullptr;
  if (job_key) {
    for (const char* k : {"compute.tokens", "compute.epochs", "compute.bytes_per_token"})
      unused(k, std::string("the job is ") + job_key +
                    " (the first given of gpu_hours, flops, params and tokens)");
    if (s.where.count("compute.layers") && model_params(c) == 0)
      notes.push_back(std::string("compute.layers, d_model and seq_len are not used: the job is ") +
                      job_key + ", and memory needs compute.params or total_params.");
  } else if (is_job(c, Job::params_tokens) && c.tokens_auto == 0) {
    for (const char* k : {"compute.epochs", "compute.bytes_per_token"})
      unused(k, "compute.tokens is a number, not \"auto\"");
  }
  if (!has_failures(s))
    for (const char* k :
         {"compute.checkpoint_time", "compute.checkpoint_rate", "compute.restart_time"})
      unused(k, "it needs compute.failure_rate");
  return notes;
}

}  // namespace views_detail

using namespace views_detail;

Report report_compute(const Outcome& o, ByteStyle b) {
  const auto& r = o.plan.compute;
  const auto& c = o.scenario.in.compute;
  Report rep;
  begin(rep, o.scenario);
  add_compute(rep.record, o.scenario, r);
  Table& t = rep.table;
  t.subtitle = {compute_line(o.scenario, r)};
  if (const std::string m = model_line(o.scenario, r, b); !m.empty()) t.subtitle.push_back(m);
  t.header = {"", "compute"};
  const bool pt = is_job(c, Job::params_tokens);
  if (pt) t.rows.push_back({"tokens", short_count(r.tokens)});
  t.rows.push_back({"training compute", units::format_flop(r.flops)});
  if (pt && has_architecture(c))
    t.rows.push_back({"  of it 6 x params", units::format_flop(r.flops_6n)});
  t.rows.push_back({"sustained", units::format_flop_rate(r.sustained_flops)});
  t.rows.push_back({"training time", units::format_duration(r.train_time_s)});
  t.rows.push_back({"GPU-hours", count(r.gpu_hours)});
  t.rows.push_back({"cost", units::format_money(r.cost_usd)});
  t.rows.push_back({"weights", units::format_size(r.weights_bytes, b)});
  if (std::isfinite(r.memory_per_gpu_bytes)) {
    t.rows.push_back({"memory per GPU", units::format_size(r.memory_per_gpu_bytes, b) + " of " +
                                            units::format_size(r.memory_bytes, b)});
    t.rows.push_back(
        {"  fits", std::string(r.fits > 0 ? "yes" : "no") +
                       (std::isfinite(r.min_gpus)
                            ? ", from " + count(r.min_gpus) + (r.min_gpus == 1 ? " GPU" : " GPUs")
                            : ", at no GPU count (activations)")});
  }
  if (has_failures(o.scenario)) {
    const Failures<double> f = failures(c);
    t.rows.push_back({"goodput", units::format_number(r.goodput) + " (from failures)"});
    t.rows.push_back({"  interruptions", units::format_number(r.interruptions) +
                                             " expected, one every " +
                                             units::format_duration(f.mtbi_s)});
    t.rows.push_back({"  checkpoints", "every " + units::format_duration(r.checkpoint_interval_s) +
                                           ", " + units::format_duration(f.checkpoint_s) +
                                           " each"});
  }
  if (pt && has_architecture(c)) {
    // MODEL.md counts a causal mask's attention as half the scores; PaLM (appendix B) and
    // torchtitan count every score, as attention = "full" does.
    if (c.attention == static_cast<int>(Attention::full))
      t.notes.push_back(
          "MFU counts the attention FLOPs of every score, as PaLM and torchtitan do.");
    else
      t.notes.push_back(
          "MFU counts the attention FLOPs, a causal mask's as half the scores (MODEL.md); PaLM "
          "and torchtitan count every score: plan from their MFU with attention = \"full\".");
    t.notes.push_back("Quoted counting 6 x params only, the same speed is MFU " +
                      units::format_number(c.mfu * r.flops_6n / r.flops) + ".");
  } else if (pt) {
    t.notes.push_back(
        "MFU counts 6 x params x tokens; compute.layers, d_model and seq_len add "
        "the attention FLOPs (which matter at long context).");
  } else if (is_job(c, Job::flops)) {
    t.notes.push_back("MFU counts the given compute.flops.");
  } else {
    t.notes.push_back(
        "Training time from the given compute.gpu_hours; the FLOPs are what they "
        "deliver at this MFU and goodput.");
  }
  if (std::isfinite(r.memory_per_gpu_bytes))
    t.notes.push_back(
        "Memory per GPU: the state at " + units::format_number(c.state_bytes_per_param) +
        " B a parameter sharded over the GPUs" +
        (has_architecture(c) ? ", plus recomputed activations" : "") +
        (has_architecture(c) && c.vocab > 0 ? " and logits" : "") + " (MODEL.md section 4).");
  for (std::string& n : compute_notes(o.scenario, r, b)) t.notes.push_back(std::move(n));
  t.notes.push_back(bytes_note(b));
  check_finite(rep.record, o.scenario);
  add_inputs(rep.record, o.scenario);
  return rep;
}

}  // namespace haul
