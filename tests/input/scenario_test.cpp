// Scenario loading: TOML files, --set, presets, ranges and cross-field checks (MODEL.md section 3).
#include "input/scenario.hpp"
#include "support.hpp"

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
using namespace haul::test;

namespace {


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

TEST_CASE(
    "compute v2: the architecture comes whole, and keys waiting for tokens = auto or failure_rate "
    "load") {
  const std::string job = "[compute]\nparams = 7e9\ntokens = 1e12\n";  // lines 1-3
  // The architecture: layers, d_model and seq_len all, or none; attention, vocab and micro_batch
  // only with the three. The key is named where it stands (line 4, column 10 of `layers = 32`).
  CHECK(error_of(job + "layers = 32\n") ==
        "t.toml:4:10: compute.layers: given without compute.d_model and compute.seq_len "
        "(attention FLOPs and activation memory need layers, d_model and seq_len)");
  CHECK(contains(error_of(job + "d_model = 4096\n"),
                 "compute.d_model: given without compute.layers and compute.seq_len"));
  CHECK(contains(error_of(job + "seq_len = 4096\n"),
                 "compute.seq_len: given without compute.layers and compute.d_model"));
  CHECK(contains(error_of(job + "layers = 32\nd_model = 4096\n"),
                 "compute.layers: given without compute.seq_len ("));
  for (const char* line : {"attention = \"full\"\n", "attention = \"window 512\"\n",
                           "vocab = 32000\n", "micro_batch = 2\n"}) {
    CAPTURE(line);
    const std::string key = std::string(line).substr(0, std::string(line).find(' '));
    CHECK(contains(error_of(job + line), "t.toml:4:"));
    CHECK(contains(error_of(job + line), "compute." + key +
                                             ": given without compute.layers and compute.d_model "
                                             "and compute.seq_len"));
  }
  // From --set, the message says so.
  CHECK(contains(error_of(job, {"compute.vocab=32000"}), "--set: compute.vocab: given without"));
  // epochs and bytes_per_token without tokens = "auto", and the checkpoint keys without
  // failure_rate, load: they are noted under the report (tests/cli/compute_cli_test.sh), so that
  // a command-line number for tokens does not make a file's epochs an error.
  CHECK(error_of(job + "epochs = 2\n").empty());
  CHECK(error_of(job + "bytes_per_token = 2\n").empty());
  CHECK(error_of("[compute]\ngpu_hours = 1000\nepochs = 2\n").empty());
  CHECK(
      error_of("[compute]\nparams = 7e9\ntokens = \"auto\"\nepochs = 2\n", {"compute.tokens=1e12"})
          .empty());
  for (const char* line : {"checkpoint_time = \"30 s\"\n", "checkpoint_rate = \"10 GB/s\"\n",
                           "restart_time = \"5 min\"\n"}) {
    CAPTURE(line);
    CHECK(error_of(job + line).empty());
  }
  // The same keys in the company they wait for load.
  CHECK(error_of(job + "layers = 32\nd_model = 4096\nseq_len = 4096\nattention = \"window 512\"\n"
                       "vocab = 32000\nmicro_batch = 2\n")
            .empty());
  CHECK(error_of("[compute]\nparams = 7e9\ntokens = \"auto\"\nepochs = 2\nbytes_per_token = 2\n")
            .empty());
  CHECK(error_of(job + "failure_rate = 0.001\ncheckpoint_time = \"30 s\"\ncheckpoint_rate = "
                       "\"10 GB/s\"\nrestart_time = \"5 min\"\n")
            .empty());
}

TEST_CASE("compute v2: failures need a checkpoint cost and must leave progress") {
  // A flops job has no parameter count, so no state to checkpoint: the time must be given.
  CHECK(error_of("[compute]\nflops = 1e24\nfailure_rate = 0.001\n") ==
        "t.toml:3:16: compute.failure_rate: needs the checkpoint's cost: give "
        "compute.checkpoint_time, or compute.params (or total_params) so that checkpoint_time = "
        "state bytes / checkpoint_rate");
  CHECK(error_of("[compute]\nflops = 1e24\nfailure_rate = 0.001\ncheckpoint_time = \"1 min\"\n")
            .empty());
  CHECK(error_of("[compute]\nflops = 1e24\nfailure_rate = 0.001\ntotal_params = 7e9\n").empty());
  // 1000 a GPU-day on 16,384 GPUs: one interruption every 86,400 s / 16,384,000 = 5.27 ms, less
  // than the 10 min restart: goodput 0. The checkpoint is 16 * 7e9 B / 100 GB/s = 1.12 s.
  const std::string job = "[compute]\nparams = 7e9\ntokens = 1e12\ngpus = 16384\n";
  CHECK(
      error_of(job + "failure_rate = 1000\n") ==
      "t.toml:5:16: compute.failure_rate: 1000 interruptions per GPU-day (compute.failure_rate) on "
      "16,384 GPUs stop the job every 5.27 ms, too often to make progress with 1.12 s "
      "checkpoints and 10 min restarts (goodput 0; fewer GPUs, faster checkpoints or restarts, "
      "or fewer failures would help)");
  // goodput = 1 - sqrt(2 delta / M) - restart / M. On 8 GPUs with a restart of 0 s and 1 s
  // checkpoints: at 21,600 a GPU-day, M = 86,400 / (21,600 * 8) = 0.5 s and sqrt(2 / 0.5) = 2 > 1,
  // refused; at 1,000, M = 10.8 s and 1 - sqrt(2 / 10.8) = 0.5697, accepted.
  const std::string small =
      "[compute]\nparams = 7e9\ntokens = 1e12\ngpus = 8\nrestart_time = "
      "\"0 s\"\ncheckpoint_time = \"1 s\"\n";
  CHECK(contains(error_of(small + "failure_rate = 21600\n"),
                 "compute.failure_rate: 21600 interruptions per GPU-day (compute.failure_rate) on "
                 "8 GPUs stop the job "
                 "every 500 ms, too often to make progress with 1 s checkpoints and 0 s restarts"));
  const Scenario ok = load(small + "failure_rate = 1000\n");
  CHECK(ok.in.compute.failures_per_gpu_day == 1000);
  CHECK(ok.in.compute.restart_s == 0);
  CHECK(ok.in.compute.checkpoint_s == 1);
}

TEST_CASE("compute v2: tokens auto, the architecture and the attention read as given") {
  const Scenario s = load(
      "[compute]\nparams = 7e9\ntokens = \"auto\"\nepochs = 2.5\nbytes_per_token = 2\nlayers = 32\n"
      "d_model = 4096\nseq_len = 8192\nattention = \"window 1024\"\nvocab = 32000\n"
      "micro_batch = 4\nmemory = \"141 GB\"\nstate_bytes_per_param = 12\n");
  const auto& c = s.in.compute;
  CHECK(c.tokens_auto == 1);
  CHECK(c.epochs == 2.5);
  CHECK(c.bytes_per_token == 2);
  CHECK(c.layers == 32);
  CHECK(c.d_model == 4096);
  CHECK(c.seq_len == 8192);
  CHECK(c.attention == static_cast<int>(Attention::window));
  CHECK(c.attention_window == 1024);
  CHECK(c.vocab == 32000);
  CHECK(c.micro_batch == 4);
  CHECK(c.memory_bytes == 141e9);  // "141 GB" = 141 * 10^9 B, over the preset's 80 GB
  CHECK(c.state_bytes_per_param == 12);
  CHECK(s.gpu_custom);  // a memory other than the preset's
  // A peak above the preset's dense figure is the datasheet's sparse one: 2 * 989 TFLOP/s.
  CHECK(contains(error_of("[compute]\npeak = \"1979 TFLOPS\"\n"),
                 "compute.peak: 1979 TFLOP/s is above h100-sxm's dense BF16 peak of 989 TFLOP/s; "
                 "datasheets print the sparse figure (1978 TFLOP/s)"));
  // Bounds: the expected form says the range.
  CHECK(contains(error_of("[compute]\nlayers = 100001\n"),
                 "compute.layers: 100001 is out of range (expected an integer from 1 to 100,000)"));
  CHECK(contains(error_of("[compute]\nattention = \"window 0\"\n"),
                 "compute.attention: \"window 0\" is not an attention"));
  CHECK(contains(error_of("[compute]\nfailure_rate = \"1/day\"\n"), "a bare number"));
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

TEST_CASE("compute v2: the no-progress refusal names the key the command line changed") {
  // The seed's failure rate (4.74e-4 a GPU-day) on 2,400 GPUs is one interruption every
  // 86,400 / (4.74e-4 * 2,400) = 75,949 s; a 30-day restart leaves goodput 0. The key to look at is
  // the one the command line set, restart_time, not the file's failure_rate.
  const Base seed{Base::Kind::example, "seed", ""};
  try {
    load_scenario(seed, {parse_set("compute.restart_time=30d")}, builtin_catalog());
    FAIL("a 30-day restart was accepted");
  } catch (const haul::InputError& e) {
    CHECK(std::string(e.what()).rfind("--set: compute.restart_time: ", 0) == 0);
  }
}
