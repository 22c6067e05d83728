// Output formats: JSON nesting, RFC 4180 CSV, Markdown tables, shortest round-trip numbers.
#include "output/report.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace haul;

TEST_CASE("json_number is the shortest text that reads back as the same double") {
  CHECK(json_number(640000) == "640000");
  CHECK(json_number(0.1) == "0.1");
  CHECK(json_number(1e21) == "1e+21");
  CHECK(json_number(1.0 / 0.0) == "null");  // JSON has no infinity
}

TEST_CASE("whole numbers below 1e21 print in full, as JavaScript prints them") {
  CHECK(json_number(1e16) == "10000000000000000");               // 1 and 16 zeros
  CHECK(json_number(9007199254740994.0) == "9007199254740994");  // 2^53 + 2 = 9007199254740992 + 2
  CHECK(json_number(1.5e20) == "150000000000000000000");         // 15 and 19 zeros
  CHECK(json_number(-3e17) == "-300000000000000000");            // 3 and 17 zeros
  CHECK(json_number(1e21) == "1e+21");                           // from 1e21 on: shortest form
  CHECK(json_number(1e22) == "1e+22");
  CHECK(json_number(0.1) == "0.1");
  std::string csv;
  append_number(csv, 1e16);
  CHECK(csv == "10000000000000000");
  Record r;
  r.add("data.size_bytes", 1e16);
  CHECK(to_csv(r) == "data.size_bytes\r\n10000000000000000\r\n");
}

TEST_CASE("to_json nests dotted paths in order") {
  Record r;
  r.add("name", std::string("a \"b\""));
  r.add("network.time_s", 1.5);
  r.add("network.phases.handshake_s", 0.1);
  r.add("network.limit", std::string("link"));
  r.add("winner.time", std::string("ship"));
  r.add("breakeven.size_bytes", Null{});
  const std::string expected =
      "{\n"
      "  \"name\": \"a \\\"b\\\"\",\n"
      "  \"network\": {\n"
      "    \"time_s\": 1.5,\n"
      "    \"phases\": {\n"
      "      \"handshake_s\": 0.1\n"
      "    },\n"
      "    \"limit\": \"link\"\n"
      "  },\n"
      "  \"winner\": {\n"
      "    \"time\": \"ship\"\n"
      "  },\n"
      "  \"breakeven\": {\n"
      "    \"size_bytes\": null\n"
      "  }\n"
      "}\n";
  CHECK(to_json(r) == expected);
}

TEST_CASE("CSV quotes fields with commas, quotes and line breaks (RFC 4180)") {
  Record r;
  r.add("name", std::string("Beijing, \"KL\""));
  r.add("network.time_s", 640000.0);
  r.add("breakeven.size_bytes", Null{});
  CHECK(to_csv(r) ==
        "name,network.time_s,breakeven.size_bytes\r\n\"Beijing, \"\"KL\"\"\",640000,\r\n");
}

TEST_CASE("Markdown tables escape pipes and right-align value columns") {
  Table t;
  t.header = {"", "network"};
  t.rows = {{"rate", "1 | 2"}, {""}, {"time", "7.41 d"}};
  CHECK(to_markdown(t) ==
        "|  | network |\n| :--- | ---: |\n| rate | 1 \\| 2 |\n| time | 7.41 d |\n");
}

TEST_CASE("text tables align columns and draw separators as blank lines") {
  Table t;
  t.header = {"", "a"};
  t.rows = {{"x", "1"}, {""}, {"longer", "100"}};
  CHECK(to_text(t) == "           a\nx          1\n\nlonger   100\n");
}

TEST_CASE("a negative zero prints as 0") {
  // -0.0 comes out of products such as -1 * 0; a reader sees "0", not "-0".
  CHECK(json_number(-0.0) == "0");
  std::string csv;
  append_number(csv, -0.0);
  CHECK(csv == "0");
}

TEST_CASE("JSON text is always valid UTF-8 with its control characters escaped") {
  std::string out;
  // "x", a stray 0xff byte (not UTF-8), ESC, DEL, "é" (2 bytes, kept), a line break.
  append_json_text(out, "x\xff\x1b\x7f\xc3\xa9\n");
  CHECK(out == "\"x\\ufffd\\u001b\\u007f\xc3\xa9\\n\"");
}
