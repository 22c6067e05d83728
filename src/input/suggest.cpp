#include "input/suggest.hpp"

#include <algorithm>
#include <cctype>

#include "input/keys.hpp"

namespace haul {

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  // A word much longer than any name is nobody's typo (and costs its length times each name).
  if (word.size() > 64) return {};
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        const size_t up = row[j];
        const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                          std::tolower(static_cast<unsigned char>(b[j - 1]));
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
        diagonal = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const size_t d = distance(word, candidate);
    if (best.empty() || d < best_distance) best = candidate, best_distance = d;
  }
  // Close means at most a third of the word is wrong (and at least one edit is forgiven).
  return best_distance <= std::max<size_t>(1, word.size() / 3) ? best : std::string{};
}

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string section_of(const std::string& key) {
  const auto dot = key.find('.');
  return dot == std::string::npos ? "" : key.substr(0, dot);
}
std::string last_of(const std::string& key) {
  const auto dot = key.find('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}
// `typed` abbreviates `word`: the same first letter, and its letters appear in order in `word`
// (bw -> bandwidth, util -> utilization).
bool abbreviates(const std::string& typed, const std::string& word) {
  if (typed.size() < 2 || word.empty() || typed[0] != word[0]) return false;
  size_t j = 0;
  for (const char c : word)
    if (j < typed.size() && c == typed[j]) ++j;
  return j == typed.size();
}

}  // namespace

std::vector<std::string> suggest_keys(const std::string& typed_key) {
  if (typed_key.size() > 64) return {};  // longer than any key by far: not a typo of one
  const std::string typed = lower(typed_key);
  const std::string section = section_of(typed), last = last_of(typed);
  const std::vector<std::string> keys = key_names();
  std::vector<std::string> out;
  auto take = [&](auto&& match) {
    for (const auto& k : keys)
      if (out.size() < 3 && k != typed && match(k)) out.push_back(k);
    return !out.empty();
  };
  // The right word in the wrong place, or without its section: rtt -> network.rtt.
  if (take([&](const std::string& k) { return last_of(k) == last; })) return out;
  // A known section with a shortened word: network.band, network.bw -> network.bandwidth.
  const bool known = std::any_of(keys.begin(), keys.end(),
                                 [&](const std::string& k) { return section_of(k) == section; });
  auto in_section = [&](const std::string& k) {
    return section.empty() || !known || section_of(k) == section;
  };
  if (!last.empty() &&
      take([&](const std::string& k) { return in_section(k) && last_of(k).rfind(last, 0) == 0; }))
    return out;
  if (take([&](const std::string& k) { return in_section(k) && abbreviates(last, last_of(k)); }))
    return out;
  // Otherwise a typo: the closest key by edit distance.
  if (const std::string guess = closest(typed, keys); !guess.empty()) return {guess};
  return {};
}

}  // namespace haul
