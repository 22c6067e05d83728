#include "output/svg.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace haul::svg {

namespace {

std::string attrs(const Style& s) {
  std::string a = " stroke=\"" + s.stroke + "\" fill=\"" + s.fill + "\"";
  if (s.stroke != "none") a += " stroke-width=\"" + num(s.width) + "\"";
  if (!s.dash.empty()) a += " stroke-dasharray=\"" + s.dash + "\"";
  if (s.opacity < 1.0) a += " opacity=\"" + num(s.opacity) + "\"";
  return a;
}

// sRGB channel to linear light (WCAG 2.x relative luminance).
double linear(int c) {
  const double v = c / 255.0;
  return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

}  // namespace

const char* text_on(const char* fill) {
  const long rgb = std::strtol(fill + 1, nullptr, 16);
  const double l = 0.2126 * linear(int(rgb >> 16 & 0xff)) + 0.7152 * linear(int(rgb >> 8 & 0xff)) +
                   0.0722 * linear(int(rgb & 0xff));
  return l > 0.18 ? "#000000" : "#ffffff";
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
        out += c;
    }
  }
  return out;
}

std::string num(double x) {
  if (!std::isfinite(x)) return "0";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

Document::Document(double width, double height) : width_(width), height_(height) {}

void Document::line(double x1, double y1, double x2, double y2, const Style& s) {
  body_ += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
           num(y2) + "\"" + attrs(s) + "/>\n";
}

void Document::polyline(const std::vector<double>& xs, const std::vector<double>& ys,
                        const Style& s) {
  std::string points;
  std::size_t count = 0;
  auto flush = [&] {
    if (count >= 2) body_ += "<polyline points=\"" + points + "\"" + attrs(s) + "/>\n";
    points.clear();
    count = 0;
  };
  for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
      flush();
      continue;
    }
    points += (count ? " " : "") + num(xs[i]) + "," + num(ys[i]);
    ++count;
  }
  flush();
}

void Document::rect(double x, double y, double w, double h, const Style& s) {
  body_ += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" +
           num(h) + "\"" + attrs(s) + "/>\n";
}

void Document::circle(double cx, double cy, double r, const Style& s) {
  body_ += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"" + num(r) + "\"" + attrs(s) +
           "/>\n";
}

void Document::text(double x, double y, std::string_view text, Anchor anchor, double size,
                    const std::string& fill, bool bold, double rotate) {
  body_ += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(size) +
           "\" fill=\"" + fill + "\"";
  if (anchor != Anchor::start)
    body_ += std::string(" text-anchor=\"") + (anchor == Anchor::middle ? "middle" : "end") + "\"";
  if (bold) body_ += " font-weight=\"bold\"";
  if (rotate != 0)
    body_ += " transform=\"rotate(" + num(rotate) + " " + num(x) + " " + num(y) + ")\"";
  body_ += ">" + escape(text) + "</text>\n";
}

void Document::open_group(const std::string& css_class,
                          const std::vector<std::pair<std::string, std::string>>& data) {
  body_ += "<g class=\"" + escape(css_class) + "\"";
  for (const auto& [name, value] : data) body_ += " data-" + name + "=\"" + escape(value) + "\"";
  body_ += ">\n";
  ++open_;
}

void Document::close_group() {
  if (open_ == 0) return;
  body_ += "</g>\n";
  --open_;
}

void Document::title(std::string_view text) {
  head_ += "<title>" + escape(text) + "</title>\n";
}
void Document::desc(std::string_view text) {
  head_ += "<desc>" + escape(text) + "</desc>\n";
}

std::string Document::str() const {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width_) + "\" height=\"" +
         num(height_) + "\" viewBox=\"0 0 " + num(width_) + " " + num(height_) +
         "\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n";
  out += head_;
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  out += body_;
  for (int i = 0; i < open_; ++i) out += "</g>\n";
  return out + "</svg>\n";
}

}  // namespace haul::svg
