// haul optimize's report (MODEL.md section 12): the JSON tree it is written with (lists, keys with
// dots), and the report of a small optimiser file in every format.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "input/catalog.hpp"
#include "input/json.hpp"
#include "output/report.hpp"
#include "output/views.hpp"
#include "run/optimize.hpp"

using namespace haul;

namespace {

// 1 or 2 TB in one file, no job: the network route (1 Gbps, no loss) delivers in about
// 8e12 bit / 949.2 Mbit/s of payload = 8,428 s for 1 TB and costs its egress, 1,000 GB x $1/GB =
// $1,000; the ship route (one 24 TB drive, a day's transit) takes over a day and costs less. The
// network ignores ship.couriers, so each of its points has a tie.
const std::string kScenario = R"(
[data]
size = "1 TB"
files = 1
[network]
bandwidth = "1 Gbps"
rtt = "10 ms"
loss = 0
egress_price = "1 USD/GB"
[ship]
drive = "hdd-24tb"
couriers = 1
)";

const std::string kChoose = R"(
[choose]
data.size = ["1 TB", "2 TB"]
ship.couriers = [1, 2]
)";

// The report of an optimiser file, rendered, with the result it came from.
struct Optimized {
  std::unique_ptr<Optimizer> o;
  OptimizeResult r;
  Report report;
  std::string text(Format f) const { return render(report, f); }
  json::Value parsed() const { return json::parse(render(report, Format::json)); }
};

Optimized optimized(const std::string& toml) {
  Optimized out;
  out.o = std::make_unique<Optimizer>(read_optimize_text(toml, "o.toml", builtin_catalog()),
                                      builtin_catalog());
  OptimizeOptions options;
  options.threads = 2;
  out.r = out.o->run(options);
  out.report = report_optimize(*out.o, out.r, units::ByteStyle::si);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

std::vector<std::string> keys_of(const json::Value& v) {
  return v.keys;
}

}  // namespace

TEST_CASE("a JSON tree of objects reads as the record of the same paths") {
  Record r;
  r.add("name", std::string("a \"b\""));
  r.add("network.time_s", 1.5);
  r.add("network.phases.handshake_s", 0.1);
  r.add("network.limit", std::string("link"));
  r.add("breakeven.size_bytes", Null{});
  Json j = Json::object();
  j.add("name", std::string("a \"b\""));
  Json network = Json::object();
  network.add("time_s", 1.5);
  Json phases = Json::object();
  phases.add("handshake_s", 0.1);
  network.add("phases", std::move(phases));
  network.add("limit", std::string("link"));
  j.add("network", std::move(network));
  Json breakeven = Json::object();
  breakeven.add("size_bytes", Null{});
  j.add("breakeven", std::move(breakeven));
  CHECK(to_json(j) == to_json(r));
}

TEST_CASE("a JSON tree writes lists, keys with dots and empty values") {
  Json j = Json::object();
  j.add("candidates", 6.0);
  Json front = Json::array();
  Json p = Json::object();
  Json choices = Json::object();
  choices.add("ship.couriers", 2.0);                   // a key with a dot stays one key
  choices.add("ship.drive", std::string("hdd-24tb"));  // a word stays quoted
  p.add("choices", std::move(choices));
  p.add("meets", true);
  front.push(std::move(p));
  front.push(1e16);  // whole numbers in full, as everywhere
  j.add("front", std::move(front));
  j.add("none", Json::array());
  j.add("empty", Json::object());
  j.add("best", Null{});
  const std::string expected =
      "{\n"
      "  \"candidates\": 6,\n"
      "  \"front\": [\n"
      "    {\n"
      "      \"choices\": {\n"
      "        \"ship.couriers\": 2,\n"
      "        \"ship.drive\": \"hdd-24tb\"\n"
      "      },\n"
      "      \"meets\": true\n"
      "    },\n"
      "    10000000000000000\n"
      "  ],\n"
      "  \"none\": [],\n"
      "  \"empty\": {},\n"
      "  \"best\": null\n"
      "}\n";
  CHECK(to_json(j) == expected);
}

TEST_CASE("a JSON tree writes a number that is not finite as null and a bare value alone") {
  Json list = Json::array();
  list.push(std::nan(""));
  list.push(std::string("x\ny"));
  CHECK(to_json(list) == "[\n  null,\n  \"x\\ny\"\n]\n");
  CHECK(to_json(Json(2.5)) == "2.5\n");
}

TEST_CASE("a report with a JSON tree renders it, and its record otherwise") {
  Report rep;
  rep.record.add("a.b", 1.0);
  CHECK(render(rep, Format::json) == "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n");
  Json j = Json::object();
  j.add("a.b", 1.0);
  rep.json = std::move(j);
  CHECK(render(rep, Format::json) == "{\n  \"a.b\": 1\n}\n");
}

TEST_CASE("optimize JSON has section 12's shape, the front a list, values in base units") {
  const Optimized run =
      optimized(kScenario + kChoose + "[goal]\nminimize = \"time\"\ndeadline = \"30 d\"\n");
  const json::Value j = run.parsed();
  CHECK(keys_of(j) == std::vector<std::string>{"base", "name", "goal", "candidates", "planned",
                                               "feasible", "best", "front", "given"});
  CHECK(j.find("base")->text == "o.toml");
  // 2 sizes x 2 courier counts x 2 routes, each planned and within 30 d.
  CHECK(*j.number_at({"candidates"}) == 8);
  CHECK(*j.number_at({"planned"}) == 8);
  CHECK(*j.number_at({"feasible"}) == 8);
  CHECK(j.at({"goal", "minimize"})->text == "time");
  CHECK(*j.number_at({"goal", "deadline_s"}) == 30 * 86400);
  CHECK(j.at({"goal", "budget_usd"})->kind == json::Value::Kind::null);
  CHECK(j.at({"goal", "route"})->kind == json::Value::Kind::null);
  CHECK(j.at({"goal", "at"})->kind == json::Value::Kind::null);

  const json::Value& best = *j.find("best");
  CHECK(keys_of(best) ==
        std::vector<std::string>{"choices", "route", "time_to_model_s", "total_cost_usd", "meets"});
  CHECK(best.find("route")->text == "network");
  // A choice's key carries its unit and its value is in base units; a count is a bare number.
  CHECK(*best.number_at({"choices", "data.size_bytes"}) == 1e12);
  CHECK(*best.number_at({"choices", "ship.couriers"}) == 1);
  CHECK(*best.number_at({"total_cost_usd"}) == doctest::Approx(1000));
  CHECK(*best.number_at({"time_to_model_s"}) == doctest::Approx(8428).epsilon(0.01));
  CHECK(best.find("meets")->boolean);

  const json::Value& front = *j.find("front");
  REQUIRE(front.kind == json::Value::Kind::array);
  REQUIRE(front.items.size() == run.r.front.size());
  REQUIRE(front.items.size() == 2);  // the network (fast, dear), then the ship (slow, cheap)
  CHECK(front.items[0].find("route")->text == "network");
  CHECK(front.items[1].find("route")->text == "ship");
  for (std::size_t i = 0; i < 2; ++i) {
    const json::Value& p = front.items[i];
    CHECK(*p.number_at({"ties"}) == 1);  // the other courier count
    CHECK(*p.number_at({"time_to_model_s"}) == run.r.front[i].time_s);
    CHECK(*p.number_at({"total_cost_usd"}) == run.r.front[i].cost_usd);
    CHECK(p.find("p_fail") == nullptr);  // only under goal.at
  }
  CHECK(*front.items[0].number_at({"time_to_model_s"}) <
        *front.items[1].number_at({"time_to_model_s"}));
  // The scenario as given is the file without [choose]: 1 TB, on its fastest route.
  CHECK(j.at({"given", "route"})->text == "network");
  // Its own value of each [choose] key: data.size = "1 TB" and ship.couriers = 1 in the file.
  CHECK(*j.number_at({"given", "choices", "data.size_bytes"}) == 1e12);
  CHECK(*j.number_at({"given", "choices", "ship.couriers"}) == 1);
  CHECK(*j.number_at({"given", "total_cost_usd"}) == doctest::Approx(1000));
}

TEST_CASE("optimize table shows the goal, the counts, the best plan and the front") {
  const Optimized run =
      optimized(kScenario + kChoose + "[goal]\nminimize = \"time\"\ndeadline = \"30 d\"\n");
  const std::string text = run.text(Format::table);
  CHECK(has_line(text, "base: o.toml"));
  CHECK(has_line(text, "goal: " + run.o->spec().goal.describe()));
  CHECK(has_line(text, "8 candidates (4 choices x 2 routes): 8 planned, 8 meet the goal"));
  // 8,428 s is 2.34 h; no job, so the time is the arrival and the cost the transfer's.
  CHECK(has_line(text, "Best plan: network, arrival 2.34 h, cost $1k"));
  CHECK(has_line(text, "  data.size = 1 TB"));
  CHECK(has_line(text, "  ship.couriers = 1"));
  CHECK(has_line(text,
                 "Against the scenario as given (network, arrival 2.34 h, cost $1k): the "
                 "same time and cost."));
  CHECK(has_line(text,
                 "The Pareto front: 2 plans that no other beats on both time and cost, "
                 "fastest first"));
  CHECK(
      text.find("\n       arrival   cost   route     data.size   ship.couriers   meets goal   "
                "ties\nbest    2.34 h    $1k   network   1 TB        1               yes          "
                "+1 tie\n") != std::string::npos);
  const std::string md = run.text(Format::md);
  CHECK(md.find("| best | 2.34 h | $1k | network | 1 TB | 1 | yes | +1 tie |\n") !=
        std::string::npos);
}

TEST_CASE("optimize CSV is a row a point in base units, the scenario as given last") {
  const Optimized run = optimized(kScenario + kChoose + "[goal]\nminimize = \"time\"\n");
  const std::string csv = run.text(Format::csv);
  CHECK(csv.rfind("set,best,meets,route,data.size_bytes,ship.couriers,time_to_model_s,"
                  "total_cost_usd,ties\r\n"
                  "front,true,true,network,1000000000000,1,",
                  0) == 0);
  CHECK(csv.find("\r\nfront,false,true,ship,1000000000000,1,") != std::string::npos);
  CHECK(csv.find("\r\ngiven,false,true,network,1000000000000,1,") != std::string::npos);
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = csv.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  CHECK(lines == 4);  // the header, two points, the scenario as given
}

TEST_CASE("optimize with no plan meeting the goal names the nearest") {
  // Within an hour: the network's 2.34 h is the fastest, the ship's day the cheapest.
  const Optimized run =
      optimized(kScenario + kChoose + "[goal]\nminimize = \"cost\"\ndeadline = \"1 h\"\n");
  const json::Value j = run.parsed();
  CHECK(*j.number_at({"feasible"}) == 0);
  CHECK(j.find("best")->kind == json::Value::Kind::null);
  const json::Value& nearest = *j.find("nearest");
  CHECK(keys_of(nearest) == std::vector<std::string>{"fastest", "cheapest"});
  CHECK(nearest.at({"fastest", "route"})->text == "network");
  CHECK(nearest.at({"cheapest", "route"})->text == "ship");
  CHECK_FALSE(nearest.at({"fastest", "meets"})->boolean);
  const std::string text = run.text(Format::table);
  CHECK(has_line(text, "8 candidates (4 choices x 2 routes): 8 planned, none meets the goal"));
  CHECK(has_line(text, "no plan meets the goal: " + run.o->spec().goal.describe()));
  // 8,428 s less the hour: 4,828 s.
  CHECK(has_line(text,
                 "  fastest: network, arrival 2.34 h, cost $1k (misses the deadline by "
                 "80.5 min)"));
  CHECK(has_line(text, "    data.size = 1 TB, ship.couriers = 1"));
  CHECK(text.find("\n  cheapest: ship, arrival ") != std::string::npos);
  CHECK(text.find("\nbest ") == std::string::npos);
  const std::string csv = run.text(Format::csv);
  CHECK(csv.find("\r\nfastest,false,false,network,1000000000000,1,") != std::string::npos);
  CHECK(csv.find("\r\ncheapest,false,false,ship,") != std::string::npos);
}

TEST_CASE(
    "optimize notes the candidates the models could not plan, and a given scenario that fails") {
  // 30 TB on one 24 TB drive cannot be shipped: that one candidate of the ship route is left
  // out; the network plans it. The file's own ship.drives = 1 cannot hold its 30 TB either, so as
  // given only its network route is planned, as a candidate's would be.
  std::string toml = kScenario + R"(
[choose]
data.size = ["1 TB", "30 TB"]
ship.drives = ["auto", 1]
[goal]
minimize = "time"
)";
  toml.replace(toml.find("couriers = 1"), 12, "couriers = 1\ndrives = 1");
  toml.replace(toml.find("size = \"1 TB\""), 13, "size = \"30 TB\"");
  const Optimized run = optimized(toml);
  const json::Value j = run.parsed();
  CHECK(*j.number_at({"candidates"}) == 8);
  CHECK(*j.number_at({"planned"}) == 7);
  CHECK(*j.number_at({"unplanned", "count"}) == 1);
  CHECK(j.at({"unplanned", "first", "route"})->text == "ship");
  CHECK(*j.number_at({"unplanned", "first", "choices", "data.size_bytes"}) == 30e12);
  CHECK(*j.number_at({"unplanned", "first", "choices", "ship.drives"}) == 1);
  CHECK(j.at({"unplanned", "first", "reason"})->text.find("ship.drives") != std::string::npos);
  // "auto" (written first, so the ties' first) is a word, not the number that stands for it.
  bool word = false;
  for (const json::Value& p : j.find("front")->items)
    word = word || p.at({"choices", "ship.drives"})->text == "auto";
  CHECK(word);
  CHECK(j.at({"given", "route"})->text == "network");
  CHECK(j.find("given_reason") == nullptr);
  const std::string text = run.text(Format::table);
  CHECK(text.find("\n1 candidate could not be planned; the first: ship with data.size = 30 TB, "
                  "ship.drives = 1: ") != std::string::npos);
  CHECK(text.find("\nAgainst the scenario as given (network, ") != std::string::npos);
}

TEST_CASE("optimize under goal.at shows the statistic and each point's failures") {
  std::string toml = kScenario + R"(
[uncertainty]
samples = 200
[choose]
ship.couriers = [1, 2]
[goal]
minimize = "time"
at = "p90"
)";
  toml.replace(toml.find("couriers = 1"), 12,
               "couriers = 1\ntransit = { dist = \"lognormal\", p50 = \"24 h\", p90 = \"72 h\" }");
  const Optimized run = optimized(toml);
  const json::Value j = run.parsed();
  CHECK(j.at({"goal", "at"})->text == "p90");
  for (const json::Value& p : j.find("front")->items) CHECK(p.find("p_fail") != nullptr);
  CHECK(j.at({"best", "p_fail"}) != nullptr);
  const std::string text = run.text(Format::table);
  CHECK(text.find("Best plan: network, arrival (P90) ") != std::string::npos);
  CHECK(text.find("Times and costs are each candidate's P90 over 200 samples (seed 1)") !=
        std::string::npos);
  CHECK(run.text(Format::csv).find(",ties,p_fail\r\n") != std::string::npos);
}

TEST_CASE("optimize shows a named route's choice only on that route's candidates") {
  // A leased 10 Gbps link beside the 1 Gbps one, 1 TB with no job: the leased route is the fastest
  // (one stream with the default 4 MiB window at 10 ms carries 4,194,304 x 8 / 0.01 = 3.36 Gbit/s,
  // so 40 Gbps ties with 10 Gbps, the first written); its bandwidth matters to it alone: the ship
  // route's point shows a dash for it, and the best plan (the leased route) lists it.
  const std::string toml = kScenario + R"(
[route.leased]
kind = "network"
bandwidth = "10 Gbps"
[choose]
route.leased.bandwidth = ["10 Gbps", "40 Gbps"]
ship.couriers = [1, 2]
[goal]
minimize = "time"
)";
  const Optimized run = optimized(toml);
  REQUIRE(run.r.best.has_value());
  CHECK(run.o->routes()[static_cast<std::size_t>(run.r.best->route)] == "leased");
  const std::string text = run.text(Format::table);
  CHECK(text.find("\n  route.leased.bandwidth = 10 Gbps\n") != std::string::npos);
  // The ship route's point (the cheapest) does not use the leased bandwidth.
  bool dash_on_ship = false;
  std::size_t at = 0;
  while ((at = text.find(" ship ", at)) != std::string::npos) {
    const std::size_t end = text.find('\n', at);
    dash_on_ship = dash_on_ship || text.substr(at, end - at).find(" - ") != std::string::npos;
    at = end;
  }
  CHECK(dash_on_ship);
  // JSON keeps every choice's value (the first written among the ties).
  const json::Value j = run.parsed();
  for (const json::Value& p : j.find("front")->items)
    CHECK(p.at({"choices", "route.leased.bandwidth_bps"}) != nullptr);
}
