// The built-in example scenarios (configs/NAME.toml, compiled in): `--example NAME` uses one as a
// scenario FILE would be used, and `haul examples` lists them. An example is never the base of a
// run that does not name it (MODEL.md section 3.0), except `haul compare` with no input at all.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace haul {

struct Example {
  std::string name;       // "seed"
  std::string file;       // "seed.toml": the name its places carry in messages ("seed.toml:42:10")
  std::string_view toml;  // the file's text
  std::string title;      // its `name` key, or "" when it has none
};

const std::vector<Example>& builtin_examples();
// The example called `name`; throws InputError naming --example, the bad name and the examples.
const Example& find_example(const std::string& name);

// The example `haul compare` shows when nothing sets the scenario.
inline constexpr const char* kDefaultExample = "seed";

}  // namespace haul
