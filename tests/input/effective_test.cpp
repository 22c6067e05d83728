// The base of a run and the effective scenario (MODEL.md section 3.0): defaults unless a FILE or
// an example is named, "(modified)" names, every key's origin, and `haul scenario`'s TOML, which
// must read back to the same scenario and the same results.
#include "input/effective.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <random>
#include <string>

#include "input/error.hpp"
#include "input/examples.hpp"
#include "input/fields.hpp"
#include "output/views.hpp"

using namespace haul;

namespace {

Base example(const std::string& name) {
  return Base{Base::Kind::example, name, ""};
}

std::vector<Assignment> sets(const std::vector<std::string>& list) {
  std::vector<Assignment> out;
  for (const auto& s : list) out.push_back(parse_set(s));
  return out;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The JSON of `haul compare` without the lines that say where the scenario came from ("base" and
// "overrides"), which a scenario read back from `haul scenario` names differently.
std::string results_json(const Scenario& s) {
  Report r = report_compare(evaluate(s, true), units::ByteStyle::si);
  Record kept;
  for (auto& [path, value] : r.record.items)
    if (path != "base" && path.rfind("overrides.", 0) != 0) kept.add(path, value);
  return to_json(kept);
}

// `haul scenario`'s TOML read back: the same inputs, names and results.
void check_round_trip(const Scenario& s) {
  const std::string toml = scenario_toml(s);
  CAPTURE(toml);
  const Scenario back = load_scenario(Base{Base::Kind::defaults, "", ""},
                                      read_scenario_text(toml, "scenario.toml"), builtin_catalog());
  CHECK(back.name == s.name);
  CHECK(back.drive == s.drive);
  CHECK(back.gpu == s.gpu);
  const Flat a = flatten(s.in), b = flatten(back.in);
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    CAPTURE(i);
    CHECK(a[i] == b[i]);
  }
  CHECK(results_json(back) == results_json(s));
}

// Whether a base gives a key that applies to tokens = "auto" only (a random override must then
// keep tokens = "auto", or the base's key would be refused as changing nothing).
bool base_waits_for_auto(const Base& base) {
  const Scenario s = load_scenario(base, {}, builtin_catalog());
  return s.where.count("compute.epochs") > 0 || s.where.count("compute.bytes_per_token") > 0;
}

}  // namespace

TEST_CASE("with no FILE and no example the base is MODEL.md section 3's defaults") {
  const Scenario s =
      load_scenario(Base{}, sets({"data.size=1TB", "network.rtt=0s"}), builtin_catalog());
  CHECK(s.base.label() == "defaults");
  CHECK(s.name.empty());
  CHECK_FALSE(s.has_job());
  // Every key the command line did not give is MODEL.md's default: one stream, no loss, 1 file.
  CHECK(s.in.network.streams == 1);
  CHECK(s.in.network.loss == 0);
  CHECK(s.in.network.utilization == 1);
  CHECK(s.in.data.files == 1);
  CHECK(s.drive == "hdd-24tb");
  // RFC 6349 section 3.3: gigabit Ethernet at MTU 1500 carries 1460 B of TCP payload in 1538 B
  // on the wire: 1e9 * 1460 / 1538 = 949,284,785 bit/s ("949.2 Mbit/s").
  const NetworkResult<double> n = network_model(s.in.data, s.in.network);
  CHECK(8 * n.rate_Bps == doctest::Approx(949284785.4356).epsilon(1e-12));
}

TEST_CASE("Llama 3 405B from flags alone, on the defaults") {
  const Scenario s = load_scenario(Base{},
                                   sets({"compute.params=405e9", "compute.tokens=15.6e12",
                                         "compute.gpus=16384", "compute.mfu=0.41"}),
                                   builtin_catalog());
  const ComputeResult<double> c = compute_model(s.in.compute);
  // 6 * 405e9 * 15.6e12 = 3.7908e25 FLOP; one H100 sustains 989e12 * 0.41 * 0.9 (default
  // goodput) = 3.649410e14 FLOP/s; 3.7908e25 / 3.649410e14 = 1.0387432e11 GPU-seconds
  // = 28,853,979 GPU-hours (Llama 3 published 30.84M).
  CHECK(c.gpu_hours == doctest::Approx(28.853979e6).epsilon(1e-7));
  // The weights are the model's own: 405e9 parameters * 2 bytes = 810 GB.
  CHECK(c.weights_bytes == doctest::Approx(810e9));
}

TEST_CASE("an example is a base like a file; overrides that change it mark its name modified") {
  const Catalog& catalog = builtin_catalog();
  const Scenario seed = load_scenario(example("seed"), {}, catalog);
  CHECK(seed.base.label() == "example seed");
  CHECK_FALSE(seed.modified);
  CHECK(contains(seed.name, "Beijing"));
  CHECK_FALSE(contains(seed.name, "(modified)"));

  const Scenario bigger =
      load_scenario(example("seed"), sets({"data.size=250TB", "ship.drives=auto"}), catalog);
  CHECK(bigger.modified);
  CHECK(bigger.name == seed.name + " (modified)");
  CHECK(base_line(bigger) ==
        "base: example seed; command line: data.size = 250TB (--set), ship.drives = auto (--set)");

  // The same value again changes nothing; a new name is the user's own.
  const Scenario same = load_scenario(example("seed"), sets({"data.size=\"80 TB\""}), catalog);
  CHECK_FALSE(same.modified);
  CHECK(same.name == seed.name);
  const Scenario renamed =
      load_scenario(example("seed"), sets({"name=\"mine\"", "network.streams=64"}), catalog);
  CHECK(renamed.modified);
  CHECK(renamed.name == "mine");
}

TEST_CASE("every built-in example loads, has a title and its file name") {
  CHECK(builtin_examples().size() >= 2);
  for (const Example& e : builtin_examples()) {
    CAPTURE(e.name);
    CHECK_FALSE(e.title.empty());
    CHECK(e.file == e.name + ".toml");
    CHECK_NOTHROW(load_scenario(example(e.name), {}, builtin_catalog()));
  }
  try {
    find_example("sead");
    FAIL("an unknown example loaded");
  } catch (const InputError& e) {
    CHECK(contains(e.what(), "--example"));
    CHECK(contains(e.what(), "did you mean seed?"));
  }
}

TEST_CASE("each key says where its value came from") {
  const Scenario s = load_scenario(example("seed"), sets({"network.rtt=20ms"}), builtin_catalog());
  std::map<std::string, EffectiveValue> by_key;
  for (const auto& [key, v] : effective_keys(s)) by_key[key->key] = v;
  CHECK(by_key["network.rtt"].where == "--set");
  CHECK(by_key["network.rtt"].toml == "\"20 ms\"");
  CHECK(by_key["network.loss"].where.rfind("seed.toml:", 0) == 0);
  CHECK(by_key["ship.capacity"].where == "preset portable-hdd-2tb");
  CHECK(by_key["compute.peak"].where == "preset h100-sxm");
  for (const auto& [key, v] : effective_keys(load_scenario(Base{}, {}, builtin_catalog())))
    if (key->key != "ship.capacity" && key->key != "ship.write_rate" &&
        key->key != "ship.read_rate" && key->key != "ship.price" && key->key != "ship.weight" &&
        key->key != "compute.peak" && key->key != "compute.memory" &&
        (key->key.rfind("appliance.", 0) != 0 || key->key == "appliance.appliance" ||
         key->key == "appliance.devices" || key->key == "appliance.copy_limit"))
      CHECK(v.where == "default");
  CHECK(by_key["appliance.capacity"].where == "preset azure-data-box");
  CHECK(by_key["appliance.devices"].word == "auto");
  CHECK(by_key["compute.gpu_hours"].kind == EffectiveValue::Kind::unset);
  CHECK(by_key["network.efficiency"].word == "auto");
  CHECK(by_key["ship.drives"].number == 60);
}

TEST_CASE("values are written in a readable unit that reads back exactly") {
  auto toml = [](const char* key, double x) { return exact_toml(*find_key(key), x); };
  CHECK(toml("data.size", 80e12) == "\"80 TB\"");
  CHECK(toml("network.rtt", 0.1) == "\"100 ms\"");
  CHECK(toml("network.window", 4 * 1048576.0) == "\"4 MiB\"");
  CHECK(toml("network.mtu", 1500) == "\"1500 B\"");
  CHECK(toml("network.bandwidth", 1e9) == "\"1 Gbps\"");
  CHECK(toml("compute.price", 2.0 / 3600) == "\"2 USD/h\"");
  CHECK(toml("compute.params", 405e9) == "405_000_000_000");
  CHECK(toml("network.loss", 0.001) == "0.001");
  // A value no unit writes in few digits still reads back exactly: 1/3 of a second.
  const double third = 1.0 / 3.0;
  Scenario probe;
  set_key(probe, "network.rtt", parse_value_text(toml("network.rtt", third)));
  CHECK(probe.in.network.rtt_s == third);
}

TEST_CASE("haul scenario's TOML reads back to the same scenario: every example") {
  for (const Example& e : builtin_examples()) {
    CAPTURE(e.name);
    check_round_trip(load_scenario(example(e.name), {}, builtin_catalog()));
  }
  check_round_trip(load_scenario(Base{}, {}, builtin_catalog()));
}

TEST_CASE("haul scenario's TOML reads back to the same scenario: random overrides") {
  // Random values for a spread of keys, in the forms users write them, on the defaults and on
  // every example; combinations the models refuse (too few drives, ...) are skipped.
  std::mt19937_64 rng(20261129);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto pick = [&](std::vector<std::string> options) {
    return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng)];
  };
  auto number = [](double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    return std::string(buffer);
  };
  std::vector<Base> bases = {Base{}};
  for (const Example& e : builtin_examples()) bases.push_back(example(e.name));
  int checked = 0, architectures = 0, windows = 0, failure_sets = 0, auto_sets = 0;
  std::vector<std::string> refused;
  for (int trial = 0; trial < 200; ++trial) {
    const double params = std::pow(10, uniform(8, 12));
    std::vector<std::string> list = {
        // Names with quotes, backslashes, control characters and non-ASCII text.
        "name=" + toml_string(pick({"plain", "with \"quotes\" and \\", "two\nlines\tand tab",
                                    "bell\x07 and \x1b[31m escape", "Kuala Lumpur – 吉隆坡"})),
        "data.size=\"" + number(std::pow(10, uniform(9, 16))) + " B\"",
        "data.files=" + std::to_string(1 + rng() % 100000),
        "data.compression=" + number(uniform(1, 4)),
        "network.bandwidth=\"" + number(std::pow(10, uniform(6, 11))) + " bps\"",
        "network.rtt=\"" + number(uniform(0, 0.4)) + " s\"",
        "network.loss=" + number(uniform(0, 0.02)),
        "network.streams=" + std::to_string(1 + rng() % 64),
        "network.congestion=" + pick({"reno", "cubic", "bbr"}),
        "network.utilization=\"" + number(uniform(1, 100)) + "%\"",
        "network.efficiency=" + pick({"auto", number(uniform(0.5, 1))}),
        "network.mtu=\"" + std::to_string(1500 + rng() % 7500) + " B\"",
        "network.window=\"" + number(std::pow(2, uniform(16, 28))) + " B\"",
        "network.egress_price=\"" + number(uniform(0, 0.2)) + " USD/GB\"",
        "network.measured_rate=" + pick({"none", "\"" + number(uniform(1, 900)) + " Mbps\""}),
        "ship.drive=" + pick({"hdd-24tb", "nvme-4tb", "portable-hdd-2tb", "sata-ssd-8tb"}),
        "ship.drives=auto",
        "ship.redundancy=" + pick({"none", "2x", "3x", "10+2", "4+1"}),
        "ship.transit=\"" + number(uniform(1, 100)) + " h\"",
        "ship.couriers=" + std::to_string(rng() % 5),
        "ship.per_courier=" + pick({"auto", std::to_string(1 + rng() % 40)}),
        "ship.write_rate=\"" + number(uniform(50, 3000)) + " MB/s\"",
        "ship.drive_loss=" + number(uniform(0, 0.01)),
        "compute.gpus=" + std::to_string(1 + rng() % 20000),
        "compute.peak=\"" + number(uniform(50, 148)) + " TFLOPS\"",
        "compute.price=\"" + number(uniform(0.5, 5)) + " USD/h\"",
        "compute.mfu=" + number(uniform(0.1, 0.7)),
        "compute.params=" + number(params),
        "compute.tokens=" + number(std::pow(10, uniform(10, 14))),
        "compute.total_params=" + number(params * uniform(1, 20)),
        pick({"compute.gpu_hours=" + number(std::pow(10, uniform(2, 7))),
              "compute.flops=\"" + number(std::pow(10, uniform(20, 26))) + " FLOP\"",
              "compute.weight_bytes=" + number(uniform(1, 4))}),
        "compute.billing=" + pick({"on-arrival", "at-start"}),
        "compute.weights=" + pick({"network", "carry", "none"}),
    };
    std::shuffle(list.begin(), list.end(), rng);
    list.resize(1 + rng() % list.size());
    // params and tokens go together (a job needs both); total_params needs params.
    const bool has_params = std::any_of(list.begin(), list.end(), [](const std::string& s) {
      return s.rfind("compute.params=", 0) == 0 || s.rfind("compute.tokens=", 0) == 0 ||
             s.rfind("compute.total_params=", 0) == 0;
    });
    // Compute v2 keys in the company they need (the keys that would change nothing alone are
    // refused): memory and state_bytes_per_param on their own; the architecture all or none, with
    // attention, vocab and micro_batch only beside it; epochs and bytes_per_token only with
    // tokens = "auto"; the checkpoint keys only with failure_rate, which needs the checkpoint's
    // cost: checkpoint_time, or params for the state's size. A base that gives epochs or
    // bytes_per_token keeps tokens = "auto".
    if (rng() % 2) list.push_back("compute.memory=\"" + number(uniform(16, 192)) + " GB\"");
    if (rng() % 2) list.push_back("compute.state_bytes_per_param=" + number(uniform(2, 20)));
    if (rng() % 2) {
      list.push_back("compute.layers=" + std::to_string(1 + rng() % 128));
      list.push_back("compute.d_model=" + std::to_string(64 * (1 + rng() % 256)));
      list.push_back("compute.seq_len=" + std::to_string(1 + rng() % 131072));
      if (rng() % 2)
        list.push_back(
            "compute.attention=" +
            pick({"causal", "full", "\"window " + std::to_string(1 + rng() % 200000) + "\"",
                  "window " + std::to_string(1 + rng() % 4096)}));
      if (rng() % 2) list.push_back("compute.vocab=" + std::to_string(1 + rng() % 256000));
      if (rng() % 2) list.push_back("compute.micro_batch=" + std::to_string(1 + rng() % 64));
    }
    const bool failures = rng() % 3 == 0;
    bool checkpoint_time = false;
    if (failures) {
      list.push_back("compute.failure_rate=" + number(std::pow(10, uniform(-5, -3))));
      checkpoint_time = rng() % 2;
      if (checkpoint_time)
        list.push_back("compute.checkpoint_time=\"" + number(uniform(1, 120)) + " s\"");
      if (rng() % 2)
        list.push_back("compute.checkpoint_rate=\"" + number(uniform(50, 5000)) + " GB/s\"");
      if (rng() % 2) list.push_back("compute.restart_time=\"" + number(uniform(0, 20)) + " min\"");
    }
    const Base base = bases[rng() % bases.size()];
    const bool tokens_auto = rng() % 3 == 0 || base_waits_for_auto(base);
    if (has_params || tokens_auto || (failures && !checkpoint_time)) {
      list.push_back("compute.params=" + number(params));
      list.push_back("compute.tokens=" + number(std::pow(10, uniform(10, 14))));
      // params brought in for tokens = "auto" or the checkpoint's size: with total_params at
      // least as large, so that a base's smaller total_params does not refuse them
      if (!has_params) list.push_back("compute.total_params=" + number(params * uniform(1, 20)));
    }
    if (tokens_auto) {
      list.push_back("compute.tokens=auto");  // after the number: the later assignment wins
      if (rng() % 2) list.push_back("compute.epochs=" + number(uniform(0.5, 4)));
      if (rng() % 2)
        list.push_back("compute.bytes_per_token=" + pick({"2", "4", number(uniform(1, 8))}));
    }
    Scenario s;
    try {
      s = load_scenario(base, sets(list), builtin_catalog());
    } catch (const InputError& e) {
      refused.push_back(e.what());  // a combination the models refuse: nothing to print
      continue;
    }
    CAPTURE(base.label());
    check_round_trip(s);
    ++checked;
    const auto& c = s.in.compute;
    architectures += c.layers > 0;
    windows += c.attention == static_cast<int>(Attention::window);
    failure_sets += c.failures_per_gpu_day > 0;
    auto_sets += c.tokens_auto > 0;
  }
  // The few refusals are combinations the models cannot use (say, a window below one segment
  // of a large MTU); every other set is checked.
  for (const auto& r : refused) {
    CAPTURE(r);
    CHECK((contains(r, "network.window") || contains(r, "compute.total_params") ||
           contains(r, "ship.bag") || contains(r, "ship.drives") ||
           (contains(r, "compute.failure_rate: ") && contains(r, "too often to make progress"))));
  }
  CHECK(checked >= 180);
  // Each group of compute v2 keys is in enough of the scenarios checked (the architecture in about
  // 1/2 of them, a window in 1/8, failures and tokens = "auto" in 1/3 each).
  CAPTURE(architectures);
  CAPTURE(windows);
  CAPTURE(failure_sets);
  CAPTURE(auto_sets);
  CHECK(architectures >= 60);
  CHECK(windows >= 10);
  CHECK(failure_sets >= 40);
  CHECK(auto_sets >= 40);
}

TEST_CASE("the TOML header names the base and the command line's keys") {
  const Scenario s = load_scenario(example("seed"), sets({"data.size=250TB", "ship.drives=auto"}),
                                   builtin_catalog());
  const std::string toml = scenario_toml(s);
  CHECK(contains(toml, "# base: example seed; command line: data.size = 250TB (--set)"));
  CHECK(contains(toml, "size = \"250 TB\""));
  CHECK(contains(toml, "# --set"));
  CHECK(contains(toml, "# gpu_hours = ..."));
  CHECK(toml_string("a \"b\"\\\n") == "\"a \\\"b\\\"\\\\\\n\"");
}
