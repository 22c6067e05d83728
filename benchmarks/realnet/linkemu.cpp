// haul_linkemu: a userspace link emulator between two TUN devices, for the real-TCP validation
// harness (benchmarks/realnet/run.sh). Linux only.
//
// Packets read from TUN A go to TUN B ("forward", the data direction) and packets read from TUN B
// go to TUN A ("reverse", the ACKs). Each direction, in its own thread:
//   1. forward only: Bernoulli loss with probability --loss (seeded xoshiro256**);
//   2. a drop-tail queue of --queue bytes in front of a serialiser of --rate bits/s (IP bytes):
//      departure = max(now, last departure) + bytes * 8 / rate; a packet is dropped when the bytes
//      still waiting to be serialised plus its own would exceed the queue;
//   3. a constant delay of --delay seconds: delivery = departure + delay (RTT = 2 * delay).
// The FIFO is written to the other device when due; the thread sleeps in ppoll on its input with a
// nanosecond timeout until the next delivery. CLOCK_MONOTONIC throughout.
//
// Prints "ready" on stdout once both devices exist and the threads run; on SIGTERM or SIGINT prints
// one JSON line of counters to stderr (or to --stats FILE) and exits 0. Bad flags: one line on stderr
// naming the flag, exit 2.

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<bool> g_stop{false};

std::int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

// xoshiro256** (Blackman and Vigna), seeded through splitmix64: the same stream on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  std::uint64_t s_[4]{};
};

struct Config {
  std::string a = "hauA";
  std::string b = "hauB";
  double rate_bps = 100e6;
  double delay_s = 0.025;
  double loss = 0.0;
  std::uint64_t seed = 1;
  double queue_bytes = -1;  // < 0: one bandwidth-delay product, at least 64 KB
  std::string stats;        // empty: stderr
  int priority = 50;        // SCHED_FIFO priority of the threads; 0: do not ask
};

struct Counters {
  std::uint64_t rx_packets = 0;  // read from the input device
  std::uint64_t rx_bytes = 0;
  std::uint64_t packets = 0;  // written to the output device
  std::uint64_t bytes = 0;
  std::uint64_t drops_loss = 0;
  std::uint64_t drops_queue = 0;
  std::uint64_t write_errors = 0;
  std::uint64_t pending_at_exit = 0;  // still in the queue or the delay line when stopped
  std::uint64_t max_backlog_bytes = 0;
  std::int64_t max_late_ns = 0;  // worst delivery after its due time
  double late_sum_ns = 0;        // for the mean lateness
};

struct Packet {
  std::int64_t deliver_ns;
  std::size_t size;
  std::unique_ptr<unsigned char[]> data;
  std::size_t capacity;
};

struct Direction {
  const char* name;
  int in_fd;
  int out_fd;
  double loss;  // 0 for the reverse direction
  std::uint64_t seed;
  Counters c;
};

int open_tun(const std::string& name) {
  const int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "haul_linkemu: /dev/net/tun: %s\n", std::strerror(errno));
    return -1;
  }
  ifreq ifr{};
  ifr.ifr_flags = static_cast<short>(IFF_TUN | IFF_NO_PI);
  std::memcpy(ifr.ifr_name, name.c_str(), name.size());  // length checked by the flag parser
  if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
    std::fprintf(stderr, "haul_linkemu: TUNSETIFF %s: %s\n", name.c_str(), std::strerror(errno));
    close(fd);
    return -1;
  }
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    std::fprintf(stderr, "haul_linkemu: O_NONBLOCK %s: %s\n", name.c_str(), std::strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

void ask_realtime(int priority) {
  // Timer slack 1 ns so that ppoll wakes on time even if SCHED_FIFO is refused.
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
  if (priority <= 0) return;
  sched_param sp{};
  sp.sched_priority = priority;
  pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);  // refused: stay as we are
}

void run_direction(Direction& d, const Config& cfg, double queue_bytes) {
  ask_realtime(cfg.priority);
  Rng rng(d.seed);
  const double ns_per_byte = 8e9 / cfg.rate_bps;
  const double bytes_per_ns = cfg.rate_bps / 8e9;
  const auto delay_ns = static_cast<std::int64_t>(std::llround(cfg.delay_s * 1e9));
  constexpr std::size_t scratch_size = 65536;
  auto scratch = std::make_unique<unsigned char[]>(scratch_size);
  std::deque<Packet> fifo;
  std::vector<Packet> pool;  // spent buffers, reused
  double last_departure_ns = 0;
  constexpr int batch = 64;  // reads per turn before the due packets are written
  constexpr std::int64_t max_sleep_ns = 20000000;  // so that a stop is seen within 20 ms
  constexpr std::int64_t spin_ns = 2000;           // closer than this: poll without sleeping
  pollfd pfd{};
  pfd.fd = d.in_fd;
  pfd.events = POLLIN;

  while (!g_stop.load(std::memory_order_relaxed)) {
    // 1. Everything the input has (up to a batch), through loss and the queue.
    for (int i = 0; i < batch; ++i) {
      const ssize_t n = read(d.in_fd, scratch.get(), scratch_size);
      if (n <= 0) break;  // EAGAIN (drained), or the device went away
      const auto size = static_cast<std::size_t>(n);
      d.c.rx_packets++;
      d.c.rx_bytes += size;
      if (d.loss > 0 && rng.uniform() < d.loss) {
        d.c.drops_loss++;
        continue;
      }
      const auto t = static_cast<double>(now_ns());
      const double backlog = last_departure_ns > t ? (last_departure_ns - t) * bytes_per_ns : 0.0;
      if (backlog + static_cast<double>(size) > queue_bytes) {
        d.c.drops_queue++;
        continue;
      }
      const auto backlog_int = static_cast<std::uint64_t>(backlog) + size;
      if (backlog_int > d.c.max_backlog_bytes) d.c.max_backlog_bytes = backlog_int;
      last_departure_ns = (last_departure_ns > t ? last_departure_ns : t) +
                          static_cast<double>(size) * ns_per_byte;
      Packet p;
      if (!pool.empty()) {
        p = std::move(pool.back());
        pool.pop_back();
      } else {
        p.capacity = 0;
      }
      if (p.capacity < size) {
        p.capacity = size < 2048 ? 2048 : size;
        p.data = std::make_unique<unsigned char[]>(p.capacity);
      }
      std::memcpy(p.data.get(), scratch.get(), size);
      p.size = size;
      p.deliver_ns = static_cast<std::int64_t>(std::llround(last_departure_ns)) + delay_ns;
      fifo.push_back(std::move(p));
    }

    // 2. Everything due.
    std::int64_t t = now_ns();
    while (!fifo.empty() && fifo.front().deliver_ns <= t) {
      Packet& p = fifo.front();
      const std::int64_t late = t - p.deliver_ns;
      if (late > d.c.max_late_ns) d.c.max_late_ns = late;
      d.c.late_sum_ns += static_cast<double>(late);
      if (write(d.out_fd, p.data.get(), p.size) == static_cast<ssize_t>(p.size)) {
        d.c.packets++;
        d.c.bytes += p.size;
      } else {
        d.c.write_errors++;
      }
      pool.push_back(std::move(p));
      fifo.pop_front();
      t = now_ns();  // writing runs the receiver's stack in this thread: time moves
    }

    // 3. Sleep until the next delivery or an arrival.
    std::int64_t wait_ns = fifo.empty() ? max_sleep_ns : fifo.front().deliver_ns - t;
    if (wait_ns > max_sleep_ns) wait_ns = max_sleep_ns;
    if (wait_ns < spin_ns) wait_ns = 0;
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(wait_ns / 1000000000LL);
    ts.tv_nsec = static_cast<long>(wait_ns % 1000000000LL);
    ppoll(&pfd, 1, &ts, nullptr);
  }
  d.c.pending_at_exit = fifo.size();
}

void print_counters(std::FILE* f, const char* name, const Counters& c, bool last) {
  const double mean_late_us =
      c.packets + c.write_errors > 0
          ? c.late_sum_ns / static_cast<double>(c.packets + c.write_errors) / 1e3
          : 0.0;
  std::fprintf(f,
               "\"%s\":{\"rx_packets\":%llu,\"rx_bytes\":%llu,\"packets\":%llu,\"bytes\":%llu,"
               "\"drops_loss\":%llu,\"drops_queue\":%llu,\"write_errors\":%llu,"
               "\"pending_at_exit\":%llu,\"max_backlog_bytes\":%llu,\"mean_late_us\":%.3f,"
               "\"max_late_us\":%.3f}%s",
               name, static_cast<unsigned long long>(c.rx_packets),
               static_cast<unsigned long long>(c.rx_bytes),
               static_cast<unsigned long long>(c.packets),
               static_cast<unsigned long long>(c.bytes),
               static_cast<unsigned long long>(c.drops_loss),
               static_cast<unsigned long long>(c.drops_queue),
               static_cast<unsigned long long>(c.write_errors),
               static_cast<unsigned long long>(c.pending_at_exit),
               static_cast<unsigned long long>(c.max_backlog_bytes), mean_late_us,
               static_cast<double>(c.max_late_ns) / 1e3, last ? "" : ",");
}

[[noreturn]] void bad_flag(const std::string& flag, const char* why) {
  std::fprintf(stderr, "haul_linkemu: %s: %s\n", flag.c_str(), why);
  std::exit(2);
}

// A number with an optional SI suffix (k, M, G) for --rate and --queue, or a time unit (s, ms, us)
// for --delay. Plain numbers are bits/s, bytes and seconds.
double parse_number(const std::string& flag, const std::string& text, bool time) {
  if (text.empty()) bad_flag(flag, "needs a value");
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || errno != 0 || !std::isfinite(v)) bad_flag(flag, "not a number");
  const std::string suffix(end);
  if (time) {
    if (suffix == "ms")
      v *= 1e-3;
    else if (suffix == "us")
      v *= 1e-6;
    else if (!suffix.empty() && suffix != "s")
      bad_flag(flag, "unknown unit (use s, ms or us)");
  } else {
    if (suffix == "k" || suffix == "K")
      v *= 1e3;
    else if (suffix == "M")
      v *= 1e6;
    else if (suffix == "G")
      v *= 1e9;
    else if (!suffix.empty())
      bad_flag(flag, "unknown suffix (use k, M or G)");
  }
  return v;
}

void usage(std::FILE* f) {
  std::fputs(
      "usage: haul_linkemu [--a NAME] [--b NAME] [--rate BITS_PER_S] [--delay SECONDS]\n"
      "                    [--loss P] [--seed N] [--queue BYTES] [--stats FILE] [--priority N]\n"
      "  --a, --b     TUN device names (default hauA, hauB); A -> B is the data direction\n"
      "  --rate       line rate of each direction on IP bytes, e.g. 100M (default 100M)\n"
      "  --delay      one-way delay, e.g. 0.025 or 25ms (default 25ms; RTT = 2 * delay)\n"
      "  --loss       Bernoulli loss on A -> B, in [0, 1) (default 0)\n"
      "  --seed       loss PRNG seed (default 1)\n"
      "  --queue      drop-tail queue per direction, bytes (default rate*2*delay/8, >= 64 KB)\n"
      "  --stats      write the exit counters (one JSON line) here instead of stderr\n"
      "  --priority   SCHED_FIFO priority of the threads, 0 = none (default 50)\n"
      "Prints \"ready\" when the devices exist; runs until SIGTERM or SIGINT.\n",
      f);
}

Config parse_args(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    bool has_value = false;
    if (flag == "-h" || flag == "--help") {
      usage(stdout);
      std::exit(0);
    }
    const auto eq = flag.find('=');
    if (flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_value = true;
    }
    const bool known = flag == "--a" || flag == "--b" || flag == "--rate" || flag == "--delay" ||
                       flag == "--loss" || flag == "--seed" || flag == "--queue" ||
                       flag == "--stats" || flag == "--priority";
    if (!known) bad_flag(flag, "unknown flag (see --help)");
    if (!has_value) {
      if (i + 1 >= argc) bad_flag(flag, "needs a value");
      value = argv[++i];
    }
    if (flag == "--a" || flag == "--b") {
      if (value.empty() || value.size() >= IFNAMSIZ || value.find('/') != std::string::npos)
        bad_flag(flag, "a device name of 1 to 15 characters");
      (flag == "--a" ? cfg.a : cfg.b) = value;
    } else if (flag == "--rate") {
      cfg.rate_bps = parse_number(flag, value, false);
      if (!(cfg.rate_bps >= 1e3 && cfg.rate_bps <= 1e11)) bad_flag(flag, "from 1k to 100G");
    } else if (flag == "--delay") {
      cfg.delay_s = parse_number(flag, value, true);
      if (!(cfg.delay_s >= 0 && cfg.delay_s <= 10)) bad_flag(flag, "from 0 to 10 s");
    } else if (flag == "--loss") {
      cfg.loss = parse_number(flag, value, false);
      if (!(cfg.loss >= 0 && cfg.loss < 1)) bad_flag(flag, "a probability in [0, 1)");
    } else if (flag == "--seed") {
      char* end = nullptr;
      errno = 0;
      const unsigned long long s = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || errno != 0 || value[0] == '-')
        bad_flag(flag, "a non-negative integer");
      cfg.seed = s;
    } else if (flag == "--queue") {
      cfg.queue_bytes = parse_number(flag, value, false);
      if (!(cfg.queue_bytes >= 1500 && cfg.queue_bytes <= 1e10))
        bad_flag(flag, "from 1500 bytes to 10G");
    } else if (flag == "--stats") {
      if (value.empty()) bad_flag(flag, "needs a file name");
      cfg.stats = value;
    } else if (flag == "--priority") {
      char* end = nullptr;
      const long p = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || p < 0 || p > 99) bad_flag(flag, "an integer 0 to 99");
      cfg.priority = static_cast<int>(p);
    }
  }
  if (cfg.a == cfg.b) bad_flag("--b", "must differ from --a");
  return cfg;
}

}  // namespace

int main(int argc, char** argv) {
  const Config cfg = parse_args(argc, argv);
  const double queue_bytes =
      cfg.queue_bytes > 0 ? cfg.queue_bytes : std::fmax(cfg.rate_bps * 2 * cfg.delay_s / 8, 65536);

  // SIGTERM and SIGINT are taken by sigwait in the main thread only; the workers inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const int fd_a = open_tun(cfg.a);
  if (fd_a < 0) return 1;
  const int fd_b = open_tun(cfg.b);
  if (fd_b < 0) return 1;
  mlockall(MCL_CURRENT | MCL_FUTURE);  // no page faults on the packet path; refused: fine

  Direction fwd{"forward", fd_a, fd_b, cfg.loss, cfg.seed, {}};
  Direction rev{"reverse", fd_b, fd_a, 0.0, cfg.seed ^ 0x5deece66dULL, {}};
  std::thread t_fwd(run_direction, std::ref(fwd), std::cref(cfg), queue_bytes);
  std::thread t_rev(run_direction, std::ref(rev), std::cref(cfg), queue_bytes);

  std::fputs("ready\n", stdout);
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  g_stop.store(true);
  t_fwd.join();
  t_rev.join();

  std::FILE* out = stderr;
  if (!cfg.stats.empty()) {
    out = std::fopen(cfg.stats.c_str(), "w");
    if (out == nullptr) {
      std::fprintf(stderr, "haul_linkemu: %s: %s\n", cfg.stats.c_str(), std::strerror(errno));
      out = stderr;
    }
  }
  std::fprintf(out,
               "{\"a\":\"%s\",\"b\":\"%s\",\"rate_bps\":%.0f,\"delay_s\":%.9g,\"loss\":%.9g,"
               "\"seed\":%llu,\"queue_bytes\":%.0f,",
               cfg.a.c_str(), cfg.b.c_str(), cfg.rate_bps, cfg.delay_s, cfg.loss,
               static_cast<unsigned long long>(cfg.seed), queue_bytes);
  print_counters(out, "forward", fwd.c, false);
  print_counters(out, "reverse", rev.c, true);
  std::fputs("}\n", out);
  if (out != stderr) std::fclose(out);
  close(fd_a);
  close(fd_b);
  return 0;
}
