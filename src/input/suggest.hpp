// "Did you mean": what a mistyped word most likely meant, for keys, presets, commands and
// examples. Suggestions are cheap and bounded: a word much longer than any name gets none.
#pragma once

#include <string>
#include <vector>

namespace haul {

// The closest of `candidates` to `word` by edit distance, or "" when none is close.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

// The keys a mistyped key most likely meant, best first, at most three: a key whose last part is
// the typed word (rtt -> network.rtt), a key of the typed section whose last part starts with or
// abbreviates the typed part (network.band, network.bw -> network.bandwidth), else the closest by
// edit distance. Empty when nothing is close.
std::vector<std::string> suggest_keys(const std::string& typed);

}  // namespace haul
