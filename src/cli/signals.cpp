#include "cli/signals.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace haul::cli {

namespace {

// An interrupted run (Ctrl-C, kill, a CPU limit, a crash) removes its half-written temporary file;
// the target file, if any, is untouched. The handlers do only async-signal-safe things: unlink,
// sigaction and raise.
const char* volatile g_temp_file = nullptr;

// Signals whose default action ends the process without a fault of ours: the temporary file goes,
// then the signal's default action ends haul (a shell reports 128 + the signal).
extern "C" void on_ending_signal(int signal) {
  if (const char* temp = g_temp_file) ::unlink(temp);
  // End by the signal itself, not by exit(128 + N): a shell running haul from a script then knows
  // that Ctrl-C stopped it, and stops the script too. The signal is blocked while this handler
  // runs, so the one raised here arrives, with its default action, as the handler returns.
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
  ::raise(signal);
}

// A crash (abort, segfault) keeps its default action, a core dump: the temporary file goes, then
// the signal is raised again; SA_RESETHAND has made its action the default and SA_NODEFER lets it
// through at once.
extern "C" void on_crash_signal(int signal) {
  if (const char* temp = g_temp_file) ::unlink(temp);
  ::raise(signal);
}

std::vector<int> ending_signals() {
  std::vector<int> list = {SIGHUP,  SIGINT,  SIGQUIT, SIGPIPE, SIGALRM,   SIGTERM,
                           SIGUSR1, SIGUSR2, SIGXCPU, SIGPOLL, SIGVTALRM, SIGPROF};
#ifdef SIGPWR
  list.push_back(SIGPWR);
#endif
#ifdef SIGSTKFLT
  list.push_back(SIGSTKFLT);
#endif
  for (int signal = SIGRTMIN; signal <= SIGRTMAX; ++signal) list.push_back(signal);
  return list;
}
const std::vector<int> kCrashSignals = {SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGSYS, SIGTRAP};

}  // namespace

void ignore_file_size_signal() {
  ::signal(SIGXFSZ, SIG_IGN);
}

SignalsHeld::SignalsHeld() {
  sigset_t set;
  sigemptyset(&set);
  for (const int signal : ending_signals()) sigaddset(&set, signal);
  ::sigprocmask(SIG_BLOCK, &set, &saved_);
}
SignalsHeld::~SignalsHeld() {
  ::sigprocmask(SIG_SETMASK, &saved_, nullptr);
}

void remove_on_signals(const std::string& temp) {
  // A copy of its own that outlives the Output, for a handler may run at any time (even after the
  // Output has removed the file on an error); freed by forget_temp() once renamed.
  g_temp_file = ::strdup(temp.c_str());
  auto take = [](int signal, void (*handler)(int), int flags, bool block_all) {
    struct sigaction old = {};
    if (::sigaction(signal, nullptr, &old) != 0 || (old.sa_flags & SA_SIGINFO) ||
        old.sa_handler != SIG_DFL)
      return;
    struct sigaction action = {};
    action.sa_handler = handler;
    action.sa_flags = flags;
    if (block_all)
      sigfillset(&action.sa_mask);
    else
      sigemptyset(&action.sa_mask);
    ::sigaction(signal, &action, nullptr);
  };
  for (const int signal : ending_signals()) take(signal, on_ending_signal, 0, true);
  for (const int signal : kCrashSignals)
    take(signal, on_crash_signal, SA_RESETHAND | SA_NODEFER, false);
}

void forget_temp() {
  const char* temp = g_temp_file;
  g_temp_file = nullptr;
  std::free(const_cast<char*>(temp));
}

}  // namespace haul::cli
