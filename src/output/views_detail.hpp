// Shared by the views (views.cpp, views_compute.cpp): the pieces every report is built from.
#pragma once

#include <string>

#include "../input/scenario.hpp"
#include "../input/units.hpp"
#include "../output/report.hpp"
#include "../output/views.hpp"

namespace haul::views_detail {

using units::ByteStyle;

std::string count(double n);  // one thousands style everywhere: 80,000
std::string bytes_note(ByteStyle style);
std::string dash();
// What every scenario report starts with: the base (MODEL.md section 3.0) and the name.
void begin(Report& r, const Scenario& s);
// What every scenario report ends with in JSON and CSV: every effective input.
void add_inputs(Record& rec, const Scenario& s);
// Results that are not finite are bad input: the message names the result and the inputs.
void check_finite(const Record& record, const Scenario& s);

// views.cpp: the pieces of the network and ship reports that compare shows per route.
std::string data_line(const Scenario& s, ByteStyle b);
std::string network_line(const NetworkParams<double>& n, const std::string& label);
std::string ship_line(const ShipParams<double>& p, const std::string& drive,
                      const ShipResult<double>& r, ByteStyle b, const std::string& label);
// "Streams: the network is loss-bound at 81.1 Mbps (5.07 Mbps a stream); 150 streams (now 16)
// would reach the link's payload rate, 759 Mbps." for a network its streams bind (window or
// loss); "" otherwise. `who` names it: "the network", "route leased".
std::string streams_note(const NetworkParams<double>& net, const NetworkResult<double>& r,
                         const std::string& who);
std::string drive_label(const std::string& drive, bool custom);
std::string redundancy_text(const ShipParams<double>& s);
// `at` is the path the fields go under: "network.", "routes.leased.".
void add_network(Record& rec, const NetworkResult<double>& n, const std::string& at);
void add_ship(Record& rec, const ShipResult<double>& s, const std::string& at);
void add_route(Record& rec, const std::string& prefix, const RoutePlan<double>& r);
void add_breakeven(Record& rec, const std::string& key, const Breakeven& b);
// "100 d sooner (6.5x as fast)"
std::string margin_time(double winner_s, double loser_s);

// views_compute.cpp: the compute model's subtitle lines, JSON fields and notes.
std::string compute_line(const Scenario& s, const ComputeResult<double>& c);
// "model: ..." when the job is params and tokens (what the FLOPs were counted from); "" otherwise.
std::string model_line(const Scenario& s, const ComputeResult<double>& c, ByteStyle b);
void add_compute(Record& rec, const Scenario& s, const ComputeResult<double>& c);
// Lines under compare's table: the model does not fit; a given goodput is replaced.
std::vector<std::string> compute_notes(const Scenario& s, const ComputeResult<double>& c,
                                       ByteStyle b);

// views_uncertainty.cpp: compare's rows, note and JSON under uncertainty (MODEL.md section 11).
void add_uncertainty_rows(Table& t, const Scenario& s, const Spread& spread);
std::string uncertainty_note(const Scenario& s, const Spread& spread);
void add_uncertainty(Record& rec, const Scenario& s, const Spread& spread);

}  // namespace haul::views_detail
