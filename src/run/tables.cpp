#include "run/tables.hpp"

#include "input/error.hpp"

namespace haul {

namespace {

Value text_value(const char* text) {
  Value v;
  v.text = text;
  return v;
}

bool ideal_link(const std::string& kind, const Base& base) {
  return kind == "transfer" && base.kind == Base::Kind::defaults;
}

}  // namespace

std::string table_base_label(const std::string& kind, const Base& base) {
  return ideal_link(kind, base) ? "defaults with an ideal link" : base.label();
}

SweepSpec table_spec(const std::string& kind, const Base& base,
                     const std::vector<Assignment>& overrides, bool iec, const Catalog& catalog) {
  if (kind != "transfer" && kind != "winner")
    throw InputError("haul table: \"" + kind + "\" is not a table (write transfer or winner)");
  const std::string where = "haul table " + kind;
  // The table sets these itself: a value given for one would be silently replaced.
  for (const Assignment& a : overrides) {
    const char* what = a.key == "data.size"           ? "its rows (1 GB .. 10 PB)"
                       : a.key == "network.bandwidth" ? "its columns (1 Mbps .. 100 Gbps)"
                       : a.key == "ship.drives"       ? "\"auto\" (the drives follow the size)"
                                                      : nullptr;
    if (what)
      throw InputError(where + ": " + a.where + " sets " + a.key + ", which the table sets to " +
                       what + "; drop " + a.where + ", or sweep other values with haul sweep");
  }
  SweepSpec spec;
  spec.base = base_assignments(base);
  if (ideal_link(kind, base)) {
    // The classic table: no round trips, no loss, no framing, one file.
    spec.base.push_back(parse_set("name=\"Transfer time by data size and bandwidth\"", where));
    for (const char* kv :
         {"network.rtt=0s", "network.loss=0", "network.efficiency=1", "data.files=1"})
      spec.base.push_back(parse_set(kv, where));
  }
  spec.base.push_back(parse_set("ship.drives=auto", where));
  spec.modified = overrides_change(spec.base, overrides, catalog);
  spec.base.insert(spec.base.end(), overrides.begin(), overrides.end());
  spec.base_label = table_base_label(kind, base);
  spec.overrides = overrides;

  SweepAxis sizes{"data.size", where, {}, false};
  const std::vector<const char*> size_list =
      kind == "winner"
          ? (iec ? std::vector<const char*>{"100 GiB", "1 TiB", "10 TiB", "100 TiB", "1 PiB",
                                            "10 PiB"}
                 : std::vector<const char*>{"100 GB", "1 TB", "10 TB", "100 TB", "1 PB", "10 PB"})
          : (iec ? std::vector<const char*>{"1 GiB", "10 GiB", "100 GiB", "1 TiB", "10 TiB",
                                            "100 TiB", "1 PiB", "10 PiB"}
                 : std::vector<const char*>{"1 GB", "10 GB", "100 GB", "1 TB", "10 TB", "100 TB",
                                            "1 PB", "10 PB"});
  for (const char* s : size_list) sizes.values.push_back(text_value(s));
  SweepAxis rates{"network.bandwidth", where, {}, false};
  for (const char* r : {"1 Mbps", "10 Mbps", "100 Mbps", "1 Gbps", "10 Gbps", "100 Gbps"})
    rates.values.push_back(text_value(r));
  spec.axes = {sizes, rates};
  spec.pivot = Pivot{"data.size", "network.bandwidth",
                     kind == "winner" ? "winner.time" : "network.time_s", where};
  return spec;
}

}  // namespace haul
