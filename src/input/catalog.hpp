// The drive and GPU presets (MODEL.md section 8). The built-in catalog is configs/catalog.toml,
// compiled into the binary; a user's catalog file replaces it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../input/suggest.hpp"

namespace haul {

struct DrivePreset {
  std::string name, description;
  double capacity_bytes = 0, write_Bps = 0, read_Bps = 0, price_usd = 0, weight_kg = 0;
};

struct GpuPreset {
  std::string name, description;
  double peak_flops = 0, memory_bytes = 0;
};

// A rented transfer appliance (MODEL.md sections 8 and 10), per device.
struct AppliancePreset {
  std::string name, description;
  double capacity_bytes = 0, fill_Bps = 0, lead_time_s = 0, transit_s = 0, processing_s = 0,
         job_fee_usd = 0, included_days = 0, day_fee_usd = 0, shipping_usd = 0;
};

struct Catalog {
  std::vector<DrivePreset> drives;
  std::vector<GpuPreset> gpus;
  std::vector<AppliancePreset> appliances;  // optional in a catalog file

  // Throw InputError naming the key and suggesting the closest preset when the name is unknown.
  const DrivePreset& drive(const std::string& name) const;
  const GpuPreset& gpu(const std::string& name) const;
  const AppliancePreset& appliance(const std::string& name) const;
};

// Parses catalog TOML; `source` names it in error messages ("catalog.toml").
Catalog parse_catalog(std::string_view toml_text, const std::string& source);
// A user's catalog file (--catalog), read and parsed.
Catalog read_catalog_file(const std::string& path);
// The catalog compiled into haul (configs/catalog.toml at build time).
const Catalog& builtin_catalog();
std::string_view builtin_catalog_toml();

}  // namespace haul
