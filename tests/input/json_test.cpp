// The JSON reader against RFC 8259's grammar: what it must accept (with the values written out by
// hand), and what it must refuse with a line and column.
#include "input/json.hpp"

#include <doctest/doctest.h>

#include <string>

using haul::json::parse;
using haul::json::ParseError;
using Kind = haul::json::Value::Kind;

TEST_CASE("json: values, nesting and member lookup") {
  const auto v = parse(R"( {"a": [1, 2.5e3, -0, true, false, null, {}, []], "b": {"c": -12.75}} )");
  REQUIRE(v.kind == Kind::object);
  const auto* a = v.find("a");
  REQUIRE(a);
  REQUIRE(a->items.size() == 8);
  CHECK(a->items[0].number == 1.0);
  CHECK(a->items[1].number == 2500.0);  // 2.5e3
  CHECK(a->items[2].number == 0.0);
  CHECK(a->items[3].boolean);
  CHECK(a->items[4].kind == Kind::boolean);
  CHECK_FALSE(a->items[4].boolean);
  CHECK(a->items[5].kind == Kind::null);
  CHECK(a->items[6].kind == Kind::object);
  CHECK(a->items[7].kind == Kind::array);
  REQUIRE(v.number_at({"b", "c"}));
  CHECK(*v.number_at({"b", "c"}) == -12.75);
  CHECK(v.at({"b", "missing"}) == nullptr);
  CHECK(v.number_at({"a"}) == nullptr);  // an array, not a number
  // Repeated keys: the last one counts (what most readers, and iperf3's cJSON, do).
  CHECK(*parse(R"({"k": 1, "k": 2})").number_at({"k"}) == 2.0);
}

TEST_CASE("json: numbers keep every digit iperf3 prints") {
  // cJSON prints doubles with up to 17 significant digits; reading them back must be exact.
  CHECK(parse("1362163207.8564196").number == 1362163207.8564196);
  CHECK(parse("0.1").number == 0.1);
  CHECK(parse("-1E-7").number == -1e-7);
}

TEST_CASE("json: string escapes, including \\u and surrogate pairs, become UTF-8") {
  // é is U+00E9 = C3 A9; U+1F600 (😀) is the pair D83D DE00 = F0 9F 98 80
  CHECK(parse(R"("a\"b\\c\/d\n\t")").text == "a\"b\\c/d\n\t");
  CHECK(parse(R"("\u00e9")").text == "\xC3\xA9");
  CHECK(parse(R"("\ud83d\ude00")").text == "\xF0\x9F\x98\x80");
  CHECK(parse(R"("\ud800")").text == "\xEF\xBF\xBD");  // lone surrogate: U+FFFD
}

TEST_CASE("json: malformed text fails with the line and column") {
  auto message = [](const std::string& text) {
    try {
      parse(text);
    } catch (const ParseError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("{\"a\": 1,\n  }") == "line 2, column 3: expected a quoted object key");
  CHECK(message("{\"a\" 1}") == "line 1, column 6: expected ':' after an object key");
  CHECK(message("[1 2]") == "line 1, column 4: expected ',' or ']' in an array");
  CHECK(message("01") == "line 1, column 2: unexpected text after the JSON value");
  CHECK(message("1.") == "line 1, column 3: expected digits after the decimal point");
  CHECK(message("\"abc") == "line 1, column 5: unterminated string");
  CHECK(message("\"a\\qb\"") == "line 1, column 3: unknown escape in a string");
  CHECK(message("\"ab\\") == "line 1, column 5: unterminated string");
  CHECK(message("") == "line 1, column 1: unexpected end of the text; expected a JSON value");
  CHECK(message("nul") == "line 1, column 1: expected a JSON value");
  CHECK(message("1e999") == "line 1, column 1: number out of range");
  CHECK(message(std::string(1000, '[')) ==
        "line 1, column 202: nested too deeply (over 200 levels)");
}
