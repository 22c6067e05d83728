// Chunks of work on a pool of threads, with their results taken in order: the sweep's rows and the
// optimiser's candidates are evaluated so. Each worker keeps its own state from chunk to chunk (a
// sweep's columns) and holds at most two finished results, so memory does not grow with the work.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "../input/limits.hpp"

namespace haul {

// Runs produce(state, c) for the chunks c = 0 .. chunks - 1 on up to `threads` workers (0: one a
// core; at most limits::kThreads and the chunks), chunk c on worker c mod W, each worker with its
// own State; and consume(result) for each chunk in order of c, on the calling thread. An exception
// from produce is rethrown here when its chunk's turn comes, and one from consume stops the
// workers; either way every worker is joined before it leaves. A thread that cannot be created (a
// process limit, too little address space) leaves its chunks to the workers that started, or to
// the calling thread when none did.
template <class State, class Produce, class Consume>
void ordered_chunks(std::uint64_t chunks, unsigned threads, Produce&& produce, Consume&& consume) {
  using Result = decltype(produce(std::declval<State&>(), std::uint64_t{0}));
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers = static_cast<unsigned>(std::max<std::uint64_t>(
      1, std::min<std::uint64_t>({threads ? threads : hardware, chunks, limits::kThreads})));
  struct Item {
    Result result{};
    std::exception_ptr error;
  };
  struct Queue {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Item> items;
  };
  std::vector<Queue> queues(workers);
  std::atomic<bool> stop{false};
  // The workers wait at this gate until it is known how many of them started.
  std::mutex gate;
  std::condition_variable opened;
  unsigned started = 0;
  bool gate_open = false;
  auto work = [&](unsigned id) {
    {
      std::unique_lock lock(gate);
      opened.wait(lock, [&] { return gate_open; });
    }
    State state{};
    for (std::uint64_t c = id; c < chunks && !stop; c += started) {
      Item item;
      try {
        item.result = produce(state, c);
      } catch (...) {
        item.error = std::current_exception();
      }
      Queue& q = queues[id];
      std::unique_lock lock(q.mutex);
      q.changed.wait(lock, [&] { return q.items.size() < 2 || stop; });
      const bool failed = item.error != nullptr;
      q.items.push_back(std::move(item));
      q.changed.notify_all();
      if (failed) return;
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (unsigned id = 0; id < workers; ++id) {
    try {
      pool.emplace_back(work, id);
    } catch (const std::exception&) {  // std::system_error, or std::bad_alloc for its state
      break;
    }
  }
  {
    std::lock_guard lock(gate);
    started = static_cast<unsigned>(pool.size());
    gate_open = true;
  }
  opened.notify_all();
  if (started == 0) {  // no worker could start: evaluate here, chunk by chunk
    State state{};
    for (std::uint64_t c = 0; c < chunks; ++c) consume(produce(state, c));
    return;
  }
  auto finish = [&] {
    stop = true;
    for (auto& q : queues) {
      std::lock_guard lock(q.mutex);
      q.changed.notify_all();
    }
    for (auto& t : pool) t.join();
  };
  try {
    for (std::uint64_t c = 0; c < chunks; ++c) {
      Queue& q = queues[c % started];
      Item item;
      {
        std::unique_lock lock(q.mutex);
        q.changed.wait(lock, [&] { return !q.items.empty(); });
        item = std::move(q.items.front());
        q.items.pop_front();
        q.changed.notify_all();
      }
      if (item.error) std::rethrow_exception(item.error);
      consume(std::move(item.result));
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace haul
