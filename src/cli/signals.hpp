// Signals and -o's temporary file: a run that a signal ends removes its half-written temporary
// file, so the target, if any, is untouched and nothing is left behind.
#pragma once

#include <signal.h>

#include <string>

namespace haul::cli {

// A file size limit (ulimit -f) makes write() fail with EFBIG, an ordinary write error (exit 1,
// one line, the temporary file removed), instead of killing the process with SIGXFSZ.
void ignore_file_size_signal();

// Holds back the signals that end the process while the temporary file is created and
// remove_on_signals() runs, so that none can come between the two and leave the file behind; a
// signal that arrived meanwhile is delivered when this ends.
class SignalsHeld {
 public:
  SignalsHeld();
  ~SignalsHeld();
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t saved_;
};

// Removes `temp` on every catchable signal that would end the process. Termination signals (INT,
// TERM, HUP, QUIT, PIPE, ALRM, USR1, USR2, XCPU, VTALRM, PROF, POLL, PWR, STKFLT, the real-time
// ones) then exit with 128 + the signal; a crash (ABRT, SEGV, BUS, FPE, ILL, SYS, TRAP) keeps its
// default action. A signal that is ignored stays ignored (nohup; a background job's INT and QUIT),
// and one that already has a handler (a sanitizer's) keeps it.
void remove_on_signals(const std::string& temp);

// After the rename there is no temporary file to remove.
void forget_temp();

}  // namespace haul::cli
