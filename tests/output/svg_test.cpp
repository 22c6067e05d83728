// The SVG writer of haul plot (output/svg.hpp): text escaped for XML, coordinates as short numbers,
// black or white text by the fill's WCAG luminance, and a Document whose markup is well formed
// (balanced tags, quoted attributes) with NaN points breaking a line.
#include "output/svg.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace haul;

namespace {

std::size_t count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
  return n;
}

// A small well-formedness check of the markup the Document writes: every tag closed in order, each
// attribute name="value" with no < or " inside the value, & only as one of XML's five entities,
// one root element. Returns "" or what is wrong.
std::string well_formed(const std::string& xml) {
  std::vector<std::string> open;
  int roots = 0;
  auto entity_ok = [&](std::size_t at) {
    for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
      if (xml.compare(at, std::string(e).size(), e) == 0) return true;
    return false;
  };
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] != '<') {
      if (xml[i] == '&' && !entity_ok(i)) return "bare & at " + std::to_string(i);
      if (xml[i] == '>') return "bare > at " + std::to_string(i);
      ++i;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      const std::size_t end = xml.find("?>", i);
      if (end == std::string::npos) return "unclosed <?";
      i = end + 2;
      continue;
    }
    if (xml.compare(i, 2, "</") == 0) {
      const std::size_t end = xml.find('>', i);
      if (end == std::string::npos) return "unclosed end tag";
      const std::string name = xml.substr(i + 2, end - i - 2);
      if (open.empty() || open.back() != name) return "</" + name + "> does not close the last";
      open.pop_back();
      i = end + 1;
      continue;
    }
    std::size_t j = i + 1;
    while (j < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[j])) || xml[j] == '-'))
      ++j;
    const std::string name = xml.substr(i + 1, j - i - 1);
    if (name.empty()) return "empty tag name at " + std::to_string(i);
    if (open.empty()) ++roots;
    // Attributes: name="value".
    while (true) {
      while (j < xml.size() && xml[j] == ' ') ++j;
      if (j >= xml.size()) return "unclosed <" + name;
      if (xml.compare(j, 2, "/>") == 0) {
        j += 2;
        break;
      }
      if (xml[j] == '>') {
        open.push_back(name);
        ++j;
        break;
      }
      const std::size_t eq = xml.find('=', j);
      if (eq == std::string::npos || xml[eq + 1] != '"') return "unquoted attribute in <" + name;
      for (std::size_t k = j; k < eq; ++k)
        if (!std::isalnum(static_cast<unsigned char>(xml[k])) && xml[k] != '-' && xml[k] != ':')
          return "bad attribute name in <" + name;
      const std::size_t close = xml.find('"', eq + 2);
      if (close == std::string::npos) return "unclosed attribute in <" + name;
      for (std::size_t k = eq + 2; k < close; ++k) {
        if (xml[k] == '<') return "< in an attribute of <" + name;
        if (xml[k] == '&' && !entity_ok(k)) return "bare & in an attribute of <" + name;
      }
      j = close + 1;
    }
    i = j;
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  if (roots != 1) return std::to_string(roots) + " root elements";
  return "";
}

}  // namespace

TEST_CASE("svg escape: the five XML characters as entities, control characters dropped") {
  CHECK(svg::escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f");
  // Tab (0x09) and newline (0x0a) stay; 0x01, carriage return (0x0d), 0x1f and NUL go.
  CHECK(svg::escape(std::string("x\x01y\tz\n\r\x1fw\0v", 11)) == "xy\tz\nwv");
  // Bytes of UTF-8 (0x80 and up) are not control characters.
  CHECK(svg::escape("Zürich -> KL") == "Zürich -&gt; KL");
  CHECK(svg::escape("") == "");
}

TEST_CASE("svg num: at most two decimals, no trailing zeros, no minus zero, 0 for NaN and inf") {
  CHECK(svg::num(12.5) == "12.5");
  CHECK(svg::num(300) == "300");  // "300.00" loses its zeros and its point
  CHECK(svg::num(-0.25) == "-0.25");
  CHECK(svg::num(2.999) == "3");  // rounds to "3.00"
  CHECK(svg::num(1.0 / 3) == "0.33");
  CHECK(svg::num(2.0 / 3) == "0.67");
  CHECK(svg::num(0.1 + 0.2) == "0.3");  // 0.30000000000000004
  CHECK(svg::num(1234567.891) == "1234567.89");
  CHECK(svg::num(-0.001) == "0");  // "-0.00" would read as minus zero
  CHECK(svg::num(-0.0) == "0");
  CHECK(svg::num(0) == "0");
  CHECK(svg::num(100.10) == "100.1");
  CHECK(svg::num(std::nan("")) == "0");
  CHECK(svg::num(std::numeric_limits<double>::infinity()) == "0");
  CHECK(svg::num(-std::numeric_limits<double>::infinity()) == "0");
}

TEST_CASE("svg text_on: black on the palette's orange and yellow, white on its blue and black") {
  // WCAG relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B of the linear channels,
  // c' = ((c/255 + 0.055) / 1.055)^2.4 (c/255 above 0.03928); black text when L > 0.18.
  // #E69F00: R 230 -> 0.7913, G 159 -> 0.3467, B 0 -> 0; L = 0.1682 + 0.2480 = 0.416: black.
  CHECK(std::string(svg::text_on("#E69F00")) == "#000000");
  // #F0E442: R 240 -> 0.8714, G 228 -> 0.7758, B 66 -> 0.0545; L = 0.1853 + 0.5549 + 0.0039 =
  // 0.744: black.
  CHECK(std::string(svg::text_on("#F0E442")) == "#000000");
  // #0072B2: R 0, G 114 -> 0.1683, B 178 -> 0.4452; L = 0.1203 + 0.0321 = 0.152: white.
  CHECK(std::string(svg::text_on("#0072B2")) == "#ffffff");
  // #000000: L = 0: white.
  CHECK(std::string(svg::text_on("#000000")) == "#ffffff");
  // #D55E00: R 213 -> 0.6654, G 94 -> 0.1119; L = 0.1415 + 0.0801 = 0.222: black.
  CHECK(std::string(svg::text_on("#D55E00")) == "#000000");
  // The threshold between two greys: 118/255 -> 0.1812 (> 0.18, black), 117/255 -> 0.1779 (white).
  CHECK(std::string(svg::text_on("#767676")) == "#000000");
  CHECK(std::string(svg::text_on("#757575")) == "#ffffff");
}

TEST_CASE("svg Document: a NaN point breaks a polyline in two, lone points are not drawn") {
  svg::Document doc(200, 100);
  const double nan = std::nan("");
  doc.polyline({0, 1, 2, 3, 4}, {10, 11.5, nan, 13, 14.25}, {"#0072B2", "none", "8 4", 2.5});
  std::string out = doc.str();
  CHECK(count(out, "<polyline") == 2);
  CHECK(out.find("<polyline points=\"0,10 1,11.5\" stroke=\"#0072B2\" fill=\"none\" "
                 "stroke-width=\"2.5\" stroke-dasharray=\"8 4\"/>") != std::string::npos);
  CHECK(out.find("<polyline points=\"3,13 4,14.25\"") != std::string::npos);
  CHECK(well_formed(out) == "");

  // A point alone between NaNs is no line: of 0, 2 and (4, 5), only the last pair is drawn; an
  // infinite x breaks the line as a NaN y does.
  svg::Document lone(200, 100);
  lone.polyline({0, 1, 2, INFINITY, 4, 5}, {0, nan, 2, 3, 4, 5}, {"#000000", "none", "", 1});
  out = lone.str();
  CHECK(count(out, "<polyline") == 1);
  CHECK(out.find("points=\"4,4 5,5\"") != std::string::npos);
}

TEST_CASE("svg Document: groups left open are closed, title and desc escaped, markup well formed") {
  svg::Document doc(960, 600);
  doc.title("A & B <C>");
  doc.desc("\"quoted\" & 'single'\x07");
  doc.open_group("outer", {{"size-bytes", "1.17e12"}, {"route", "a<b & \"c\""}});
  doc.rect(1, 2, 3.456, 4, {"#888888", "none", "", 1});
  doc.open_group("inner");
  doc.circle(5, 6, 7, {"#222222", "#ffffff", "", 2, 0.5});
  doc.line(0, 0, 10, 10, {"#111111", "none", "", 1});
  doc.text(10, 20, "x < y & z", svg::Anchor::middle, 12, "#222222", true, -90);
  // Neither group is closed.
  const std::string out = doc.str();
  CHECK(well_formed(out) == "");
  CHECK(count(out, "<g ") == 2);
  CHECK(count(out, "</g>") == 2);
  // The two </g> come after the last element and before </svg>.
  CHECK(out.find("</text>\n</g>\n</g>\n</svg>\n") != std::string::npos);
  CHECK(out.find("<title>A &amp; B &lt;C&gt;</title>") != std::string::npos);
  CHECK(out.find("<desc>&quot;quoted&quot; &amp; &apos;single&apos;</desc>") != std::string::npos);
  CHECK(out.find("data-route=\"a&lt;b &amp; &quot;c&quot;\"") != std::string::npos);
  CHECK(out.find("<rect x=\"1\" y=\"2\" width=\"3.46\" height=\"4\"") != std::string::npos);
  CHECK(out.find("opacity=\"0.5\"") != std::string::npos);
  CHECK(out.find(">x &lt; y &amp; z</text>") != std::string::npos);
  CHECK(out.find("text-anchor=\"middle\" font-weight=\"bold\" transform=\"rotate(-90 10 20)\"") !=
        std::string::npos);
  // The title is in the head, before the white page.
  CHECK(out.find("<title>") < out.find("<rect width=\"100%\""));
  CHECK(out.find("viewBox=\"0 0 960 600\"") != std::string::npos);

  // Closing more groups than are open writes nothing.
  svg::Document closed(10, 10);
  closed.open_group("a");
  closed.close_group();
  closed.close_group();
  const std::string c = closed.str();
  CHECK(count(c, "</g>") == 1);
  CHECK(well_formed(c) == "");
}

TEST_CASE("svg well-formedness check: fails on broken markup") {
  // The checker itself must be able to fail, or the checks above prove nothing.
  CHECK(well_formed("<svg><g></svg>") != "");
  CHECK(well_formed("<svg a=b/>") != "");
  CHECK(well_formed("<svg>a & b</svg>") != "");
  CHECK(well_formed("<svg/><svg/>") != "");
  CHECK(well_formed("<svg a=\"1\"><g/></svg>") == "");
}
