#include "input/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "input/error.hpp"
#include "input/quote.hpp"
#include "input/toml_util.hpp"
#include "input/units.hpp"

namespace haul {

namespace {

// Reads one string field of a preset through a unit parser, with the place in the message.
double preset_field(const toml::table& entry, const std::string& source, const std::string& path,
                    const char* key, double (*parse)(std::string_view)) {
  const toml::node* node = entry.get(key);
  if (!node) throw at(where_of(source, entry.source()), path + "." + key, "missing");
  const auto text = node->value<std::string>();
  if (!text)
    throw at(where_of(source, node->source()), path + "." + key, "expected a string with a unit");
  try {
    return parse(*text);
  } catch (const InputError& e) {
    throw at(where_of(source, node->source()), path + "." + key, e.what());
  }
}

std::string description_of(const toml::table& entry) {
  return entry["description"].value_or(std::string{});
}

}  // namespace

namespace {
// toml++ keeps a table's keys sorted; presets read better in the order the file lists them.
template <class Preset>
void in_file_order(std::vector<Preset>& presets, std::vector<uint32_t>& lines) {
  std::vector<size_t> order(presets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return lines[a] < lines[b]; });
  std::vector<Preset> sorted;
  for (size_t i : order) sorted.push_back(std::move(presets[i]));
  presets = std::move(sorted);
}
}  // namespace

namespace {

// A preset's name is a word people type (hdd-24tb, h100-sxm): letters, digits and . _ + -, at most
// 64 characters; its description is one line of text. Both reach reports and the terminal as
// they are, so nothing else is taken.
void check_preset(const toml::node& node, const std::string& source, const std::string& path,
                  const std::string& name, const std::string& description) {
  const bool word =
      !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '+' ||
               c == '-';
      });
  if (!word)
    throw at(where_of(source, node.source()), path,
             "a preset's name is a word of at most 64 letters, digits and . _ + - (not " +
                 quote_text(name, 64) + ")");
  if (description.size() > 300 || printable(description, 300) != description)
    throw at(
        where_of(source, node.source()), path + ".description",
        "expected one line of text of at most 300 bytes (not " + quote_text(description, 64) + ")");
}

}  // namespace

Catalog parse_catalog(std::string_view toml_text, const std::string& source) {
  toml::table root;
  try {
    root = parse_toml(toml_text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(where_of(source, e.source()) + ": " + printable(e.description(), 300));
  }
  // Only presets: another table (a scenario given as the catalog) is a mistake, not an empty
  // catalog.
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (name != "drive" && name != "gpu" && name != "appliance")
      throw at(where_of(source, node.source()), name,
               "not a catalog table (a catalog has [drive.NAME], [gpu.NAME] and "
               "[appliance.NAME] presets)");
  }
  Catalog catalog;
  std::vector<uint32_t> drive_lines, gpu_lines, appliance_lines;
  if (const toml::table* drives = root["drive"].as_table()) {
    for (const auto& [key, node] : *drives) {
      const std::string path = "drive." + std::string(key.str());
      const toml::table* entry = node.as_table();
      if (!entry) throw at(where_of(source, node.source()), path, "expected a table");
      DrivePreset d;
      d.name = std::string(key.str());
      d.description = description_of(*entry);
      check_preset(node, source, path, d.name, d.description);
      d.capacity_bytes = preset_field(*entry, source, path, "capacity", units::parse_size);
      d.write_Bps = preset_field(*entry, source, path, "write_rate", units::parse_rate_Bps);
      d.read_Bps = preset_field(*entry, source, path, "read_rate", units::parse_rate_Bps);
      d.price_usd = preset_field(*entry, source, path, "price", units::parse_money);
      d.weight_kg = preset_field(*entry, source, path, "weight", units::parse_mass);
      catalog.drives.push_back(std::move(d));
      drive_lines.push_back(node.source().begin.line);
    }
  }
  if (const toml::table* gpus = root["gpu"].as_table()) {
    for (const auto& [key, node] : *gpus) {
      const std::string path = "gpu." + std::string(key.str());
      const toml::table* entry = node.as_table();
      if (!entry) throw at(where_of(source, node.source()), path, "expected a table");
      GpuPreset g;
      g.name = std::string(key.str());
      g.description = description_of(*entry);
      check_preset(node, source, path, g.name, g.description);
      g.peak_flops = preset_field(*entry, source, path, "peak", units::parse_flop_rate);
      g.memory_bytes = preset_field(*entry, source, path, "memory", units::parse_size);
      catalog.gpus.push_back(std::move(g));
      gpu_lines.push_back(node.source().begin.line);
    }
  }
  if (const toml::table* appliances = root["appliance"].as_table()) {
    for (const auto& [key, node] : *appliances) {
      const std::string path = "appliance." + std::string(key.str());
      const toml::table* entry = node.as_table();
      if (!entry) throw at(where_of(source, node.source()), path, "expected a table");
      AppliancePreset a;
      a.name = std::string(key.str());
      a.description = description_of(*entry);
      check_preset(node, source, path, a.name, a.description);
      a.capacity_bytes = preset_field(*entry, source, path, "capacity", units::parse_size);
      a.fill_Bps = preset_field(*entry, source, path, "fill_rate", units::parse_rate_Bps);
      a.lead_time_s = preset_field(*entry, source, path, "lead_time", units::parse_duration);
      a.transit_s = preset_field(*entry, source, path, "transit", units::parse_duration);
      a.processing_s = preset_field(*entry, source, path, "processing", units::parse_duration);
      a.job_fee_usd = preset_field(*entry, source, path, "job_fee", units::parse_money);
      a.day_fee_usd = preset_field(*entry, source, path, "day_fee", units::parse_money);
      a.shipping_usd = preset_field(*entry, source, path, "shipping_cost", units::parse_money);
      const toml::node* days = entry->get("included_days");
      const std::optional<int64_t> n = days ? days->value<int64_t>() : std::nullopt;
      if (!n || *n < 0 || *n > 3650)
        throw at(where_of(source, days ? days->source() : node.source()), path + ".included_days",
                 days ? "expected a whole number of days from 0 to 3650" : "missing");
      a.included_days = static_cast<double>(*n);
      const bool positive = a.capacity_bytes > 0 && a.fill_Bps > 0;
      const bool non_negative = a.lead_time_s >= 0 && a.transit_s >= 0 && a.processing_s >= 0 &&
                                a.job_fee_usd >= 0 && a.day_fee_usd >= 0 && a.shipping_usd >= 0;
      if (!positive || !non_negative)
        throw at(where_of(source, node.source()), path,
                 "capacity and fill_rate must be > 0, times and fees >= 0");
      catalog.appliances.push_back(std::move(a));
      appliance_lines.push_back(node.source().begin.line);
    }
  }
  if (catalog.drives.empty() || catalog.gpus.empty())
    throw InputError(printable(source, 200) +
                     ": a catalog needs at least one [drive.NAME] and one "
                     "[gpu.NAME] preset (haul catalog --format md shows the built-in ones)");
  in_file_order(catalog.drives, drive_lines);
  in_file_order(catalog.gpus, gpu_lines);
  in_file_order(catalog.appliances, appliance_lines);
  return catalog;
}

Catalog read_catalog_file(const std::string& path) {
  return parse_catalog(read_input_file(path, "catalog file"), path);
}

const Catalog& builtin_catalog() {
  static const Catalog catalog = parse_catalog(builtin_catalog_toml(), "catalog.toml");
  return catalog;
}

namespace {
template <class Preset>
const Preset& find_preset(const std::vector<Preset>& presets, const std::string& name,
                          const char* kind) {
  std::vector<std::string> names;
  for (const auto& p : presets) {
    if (p.name == name) return p;
    names.push_back(p.name);
  }
  std::string message = "unknown " + std::string(kind) + " " + quote_text(name, 100);
  // What was typed is most often the start of a preset's name (h100 -> h100-sxm, h100-pcie);
  // otherwise a typo of one.
  std::vector<std::string> guesses;
  for (const auto& n : names)
    if (!name.empty() && n.size() > name.size() && n.compare(0, name.size(), name) == 0)
      guesses.push_back("\"" + n + "\"");
  if (guesses.empty())
    if (const std::string guess = closest(name, names); !guess.empty())
      guesses.push_back("\"" + guess + "\"");
  if (!guesses.empty()) {
    message += " (did you mean ";
    for (size_t i = 0; i < guesses.size(); ++i)
      message += (i == 0 ? "" : i + 1 == guesses.size() ? " or " : ", ") + guesses[i];
    message += "?)";
  }
  message += "; presets:";
  for (const auto& n : names) message += " " + n;
  throw InputError(message);
}
}  // namespace

const DrivePreset& Catalog::drive(const std::string& name) const {
  return find_preset(drives, name, "drive");
}
const GpuPreset& Catalog::gpu(const std::string& name) const {
  return find_preset(gpus, name, "gpu");
}
const AppliancePreset& Catalog::appliance(const std::string& name) const {
  return find_preset(appliances, name, "appliance");
}

}  // namespace haul
