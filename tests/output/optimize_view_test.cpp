// haul optimize's report (MODEL.md section 12): the JSON tree it is written with (lists, keys with
// dots), and the report of a small optimiser file in every format.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "output/report.hpp"

using namespace haul;

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
