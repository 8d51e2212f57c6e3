#include "interruption.h"

#include <csignal>
#include <stdexcept>

namespace floorwalk::bench {
namespace {

volatile std::sig_atomic_t signal_received = 0;

extern "C" void note_signal(int number) { signal_received = number; }

}  // namespace

void catch_interruptions() {
    struct sigaction action {};
    action.sa_handler = note_signal;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a blocking wait returns EINTR and the loop around it looks at the flag.
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool interrupted() { return signal_received != 0; }

void throw_if_interrupted() {
    if (interrupted()) throw std::runtime_error("interrupted by a signal: stopping the servers and PostgreSQL");
}

}  // namespace floorwalk::bench
