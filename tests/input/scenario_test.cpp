// Scenario loading: TOML files, --set, presets, ranges and cross-field checks (MODEL.md section 3).
#include "input/scenario.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "input/error.hpp"
#include "input/limits.hpp"
#include "input/toml_util.hpp"

using namespace haul;

namespace {

Scenario load(const std::string& toml, const std::vector<std::string>& sets = {}) {
  auto assignments = read_scenario_text(toml, "t.toml");
  for (const auto& s : sets) assignments.push_back(parse_set(s));
  return build_scenario(assignments, builtin_catalog());
}

// The message of the InputError that loading throws ("" if none).
std::string error_of(const std::string& toml, const std::vector<std::string>& sets = {}) {
  try {
    load(toml, sets);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("an empty scenario has MODEL.md section 3's defaults") {
  const Scenario s = load("");
  CHECK(s.in.data.size_bytes == 80e12);               // "80 TB" = 80 * 10^12 B
  CHECK(s.in.network.bandwidth_bps == 1e9);           // "1 Gbps"
  CHECK(s.in.network.rtt_s == doctest::Approx(0.1));  // "100 ms"
  CHECK(s.in.network.window_bytes == 4194304);        // "4 MiB" = 4 * 2^20 B
  CHECK(s.in.network.mtu_bytes == 1500);
  CHECK(s.in.network.efficiency == 0);       // 0 encodes "auto"
  CHECK(s.in.ship.capacity_bytes == 24e12);  // hdd-24tb preset: 24 TB
  CHECK(s.in.ship.write_Bps == 270e6);       // hdd-24tb: 270 MB/s
  CHECK(s.in.ship.transit_s == 86400);       // "24 h"
  CHECK(s.in.ship.bag_kg == 23);
  CHECK(s.in.compute.peak_flops == 989e12);  // h100-sxm dense BF16
  CHECK(s.in.compute.gpus == 8);
  CHECK(s.in.compute.price_usd_per_gpu_s == doctest::Approx(2.0 / 3600));  // "2 USD/h"
  CHECK_FALSE(s.has_job());
}

TEST_CASE("values with units, percents and counts") {
  const Scenario s = load(R"(
name = "t"
[data]
size = "72.8 TiB"
files = 80000
[network]
bandwidth = "10 Gbps"
loss = "0.1%"
utilization = 0.8
rtt = "250 us"
congestion = "bbr"
egress_price = "0.09 USD/GB"
[ship]
redundancy = "10+2"
verify = false
[compute]
params = "7B"
tokens = "2T"
)");
  CHECK(s.name == "t");
  CHECK(s.in.data.size_bytes == doctest::Approx(72.8 * 1099511627776.0));  // TiB = 2^40 B
  CHECK(s.in.data.files == 80000);
  CHECK(s.in.network.bandwidth_bps == 1e10);
  CHECK(s.in.network.loss == doctest::Approx(0.001));  // 0.1% = 0.001
  CHECK(s.in.network.utilization == doctest::Approx(0.8));
  CHECK(s.in.network.rtt_s == doctest::Approx(250e-6));
  CHECK(s.in.network.congestion == static_cast<int>(Congestion::bbr));
  CHECK(s.in.network.egress_usd_per_byte == doctest::Approx(0.09e-9));  // $0.09 per 10^9 B
  CHECK(s.in.ship.redundancy == static_cast<int>(Redundancy::erasure));
  CHECK(s.in.ship.erasure_k == 10);
  CHECK(s.in.ship.erasure_m == 2);
  CHECK(s.in.ship.verify == 0);
  CHECK(s.in.compute.params == 7e9);
  CHECK(s.in.compute.tokens == 2e12);
  CHECK(s.in.compute.job == static_cast<int>(Job::params_tokens));
}

TEST_CASE("a preset fills its fields and explicit keys override them wherever they stand") {
  // nvme-4tb in MODEL.md section 8: 4 TB, 1.5 GB/s, ~$300, 0.01 kg.
  const Scenario s = load(R"(
[ship]
capacity = "3.84 TB"
drive = "nvme-4tb"
)");
  CHECK(s.drive == "nvme-4tb");
  CHECK(s.in.ship.capacity_bytes == doctest::Approx(3.84e12));  // the explicit key wins
  CHECK(s.in.ship.write_Bps == doctest::Approx(1.5e9));         // from the preset
  CHECK(s.in.ship.weight_kg == doctest::Approx(0.01));
  const Scenario g = load("[compute]\ngpu = \"a100\"\n");
  CHECK(g.in.compute.peak_flops == doctest::Approx(312e12));  // A100 dense BF16: 312 TFLOP/s
}

TEST_CASE("--set applies after the file; values are TOML when they parse, strings otherwise") {
  const Scenario s =
      load("[network]\nrtt = \"100 ms\"\n",
           {"network.rtt=20ms", "network.streams=4", "ship.verify=false", "network.loss=0.5%"});
  CHECK(s.in.network.rtt_s == doctest::Approx(0.02));
  CHECK(s.in.network.streams == 4);
  CHECK(s.in.ship.verify == 0);
  CHECK(s.in.network.loss == doctest::Approx(0.005));
  CHECK(parse_set("network.rtt=\"100 ms\"").value.kind == Value::Kind::string);
  CHECK(parse_set("network.rtt=\"100 ms\"").value.text == "100 ms");
  CHECK(parse_set("network.rtt=100ms").value.text == "100ms");
  CHECK(parse_set("network.streams=8").value.kind == Value::Kind::integer);
  CHECK(parse_set("network.loss=1e-4").value.kind == Value::Kind::floating);
  CHECK(parse_set("ship.verify=true").value.kind == Value::Kind::boolean);
  // Later assignments win.
  CHECK(load("", {"network.streams=2", "network.streams=3"}).in.network.streams == 3);
}

TEST_CASE("the compute job: first present of gpu_hours, flops, params * tokens") {
  CHECK(load("[compute]\ngpu_hours = 1000\nflops = 1e20\n").in.compute.job ==
        static_cast<int>(Job::gpu_hours));
  CHECK(load("[compute]\nflops = \"3.8e25 FLOP\"\nparams = 1e9\ntokens = 1e9\n").in.compute.job ==
        static_cast<int>(Job::flops));
  CHECK(load("[compute]\nflops = \"3.8e25 FLOP\"\n").in.compute.flops == doctest::Approx(3.8e25));
}

TEST_CASE("errors name the place, the key, the bad value and the expected form") {
  const std::string unknown = error_of("[network]\nbandwith = \"1 Gbps\"\n");
  CHECK(contains(unknown, "t.toml:2:"));
  CHECK(contains(unknown, "network.bandwith"));
  CHECK(contains(unknown, "did you mean network.bandwidth"));

  const std::string bare = error_of("[data]\nsize = 80\n");
  CHECK(contains(bare, "t.toml:2:8: data.size:"));
  CHECK(contains(bare, "\"80 TB\""));

  CHECK(contains(error_of("[network]\nloss = 1\n"), "network.loss"));
  CHECK(contains(error_of("[network]\nloss = 1\n"), "[0, 1)"));
  CHECK(contains(error_of("[network]\nbandwidth = \"-1 Gbps\"\n"), "network.bandwidth"));
  CHECK(contains(error_of("[network]\nrtt = \"100 mss\"\n"), "100 ms"));
  CHECK(contains(error_of("[network]\ncongestion = \"cubik\"\n"), "did you mean \"cubic\""));
  CHECK(contains(error_of("[ship]\ndrive = \"hdd-20tb\"\n"), "ship.drive"));
  CHECK(contains(error_of("[ship]\nredundancy = \"x2\"\n"), "ship.redundancy"));
  CHECK(contains(error_of("[data]\nfiles = 1.5\n"), "whole number"));
  CHECK(contains(error_of("[data]\ncompression = 0.5\n"), ">= 1"));
  CHECK(contains(error_of("[dta]\nsize = \"1 TB\"\n"), "did you mean [data]"));
  CHECK(contains(error_of("[network\n"), "t.toml:1:"));
  CHECK(contains(error_of("", {"network.rtt"}), "section.key=value"));
  CHECK(contains(error_of("", {"nework.rtt=1ms"}), "did you mean network.rtt"));
}

TEST_CASE("cross-field checks") {
  // 80 TB on 24 TB drives: ceil(80/24) = 4 drives; 3 cannot hold it.
  const std::string drives = error_of("[ship]\ndrives = 3\n");
  CHECK(contains(drives, "t.toml:2:10: ship.drives"));
  CHECK(contains(drives, "needs 4"));
  // 10+2 of 24 TB drives for 1 PB: ceil(1e15 / 24e12) = 42 data drives -> 5 sets of 12 = 60.
  CHECK(contains(error_of("[data]\nsize = \"1 PB\"\n[ship]\nredundancy = \"10+2\"\ndrives = 59\n"),
                 "needs 60"));
  CHECK(error_of("[data]\nsize = \"1 PB\"\n[ship]\nredundancy = \"10+2\"\ndrives = 60\n").empty());
  // A 1 KiB window is smaller than one 1460 B segment.
  CHECK(contains(error_of("[network]\nwindow = \"1 KiB\"\n"), "network.window"));
  CHECK(contains(error_of("[compute]\nparams = 7e9\n"), "compute.params"));
  CHECK(contains(error_of("[compute]\ntokens = 7e9\n"), "compute.tokens"));
  CHECK(contains(error_of("[compute]\nparams = 7e9\ntokens = 1e12\ntotal_params = 1e9\n"),
                 "compute.total_params"));
  // A 0.7 kg drive does not fit a 0.5 kg bag.
  CHECK(contains(error_of("[ship]\nbag = \"0.5 kg\"\n"), "ship.bag"));
}

TEST_CASE("the built-in seed scenario loads") {
  const Scenario s = load_scenario(Base{Base::Kind::example, "seed", ""}, {}, builtin_catalog());
  CHECK(s.has_job());
  CHECK(s.in.data.size_bytes == 80e12);  // MODEL.md section 9: 80 TB
  CHECK(s.in.compute.gpus == 2400);      // 300 servers x 8 H100
}

TEST_CASE("every key in the table is documented with a form and a default") {
  CHECK(scenario_keys().size() >= 45);
  for (const auto& k : scenario_keys()) {
    CHECK_FALSE(k.form.empty());
    CHECK_FALSE(k.default_value.empty());
  }
}

namespace {

std::string read_error(const std::string& path) {
  try {
    read_input_file(path, "scenario file");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// A fresh folder for files the tests make, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "haul-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void write_bytes(const std::string& path, std::uint64_t n) {
  std::ofstream(path, std::ios::binary) << std::string(n, '#');
}

}  // namespace

TEST_CASE("input files: only regular files of at most 4 MiB are read") {
  const TempDir dir;
  // A directory, a device and a FIFO are refused without reading (or opening) them.
  CHECK(contains(read_error(dir.path.string()), "the scenario file is a directory"));
  CHECK(contains(read_error("/dev/zero"), "/dev/zero: the scenario file is a character device"));
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(contains(read_error(dir / "fifo"), "the scenario file is a FIFO"));
  // A link that leads to itself.
  std::filesystem::create_symlink(dir / "b", dir / "a");
  std::filesystem::create_symlink(dir / "a", dir / "b");
  CHECK(contains(read_error(dir / "a"), "too many levels of symbolic links"));
  CHECK(contains(read_error(dir / "missing.toml"), "cannot read the scenario file"));
  // 4 MiB = 4,194,304 bytes is the limit: that many are read, one more is refused.
  CHECK(limits::kInputFileBytes == 4194304);
  write_bytes(dir / "full.toml", 4194304);
  CHECK(read_input_file(dir / "full.toml", "scenario file").size() == 4194304);
  write_bytes(dir / "over.toml", 4194305);
  CHECK(
      contains(read_error(dir / "over.toml"),
               "the scenario file has 4,194,305 bytes, over the limit of 4,194,304 bytes (4 MiB)"));
  // A directory given as the scenario is an error, not the defaults.
  CHECK_THROWS_AS(read_scenario_file(dir.path.string()), InputError);
}

TEST_CASE("drive counts and erasure sets over their limits") {
  // drives = auto with 1 B drives: 80 TB / 1 B = 8 * 10^13 drives, over 10^7.
  const std::string tiny = error_of("[ship]\ncapacity = \"1 B\"\n");
  CHECK(contains(tiny, "t.toml:2:12: ship.capacity: drives of 1 B need "));
  CHECK(contains(tiny, "80 TB (data.size), over the limit of 10,000,000"));
  // 80 TB on 8 MB drives is exactly 10^7 drives: the limit itself. On 7.99 MB drives,
  // ceil(80e12 / 7.99e6) = ceil(10,012,515.64) = 10,012,516.
  CHECK(limits::kDrives == 1e7);
  CHECK(error_of("[ship]\ncapacity = \"8 MB\"\n").empty());
  CHECK(contains(error_of("[ship]\ncapacity = \"7.99 MB\"\n"), "need 10,012,516 drives"));
  // The data grows instead: 1000 EB on the default 24 TB drives, ceil(1e21 / 24e12) = 41,666,667.
  CHECK(contains(error_of("[data]\nsize = \"1000 EB\"\n"),
                 "ship.capacity: drives of 24 TB need 41,666,667 drives for 1000 EB (data.size)"));
  // Drives given: 20,000,000 hold the data but are over the limit.
  CHECK(contains(error_of("[ship]\ndrives = 20000000\n"),
                 "ship.drives: 20,000,000 drives is over the limit of 10,000,000"));
  // An erasure set of 255 + 2 = 257 drives, over 256; 254 + 2 = 256 is the limit itself.
  CHECK(contains(error_of("[ship]\nredundancy = \"255+2\"\n"),
                 "ship.redundancy: \"255+2\" is a set of 257 drives, over the limit of 256"));
  CHECK(error_of("[ship]\nredundancy = \"254+2\"\n").empty());
}
