#include "output/plot_frame.hpp"

namespace haul::plot {

namespace {

constexpr const char* kGrey = "#555555";
constexpr const char* kGrid = "#e4e4e4";

// Words into lines of at most `width` characters.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    // A word longer than the line (a 64-character route name) is broken where it must be.
    while (word.size() > width) {
      // At a character's first byte, never inside a UTF-8 sequence (the SVG must stay UTF-8).
      std::size_t cut = width;
      while (cut > 1 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
      lines.push_back(word.substr(0, cut));
      word = word.substr(cut);
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

double heading(svg::Document& doc, const Heading& h, const std::string& what,
               const std::string& description) {
  const std::string title = h.name.empty() ? what : h.name;
  doc.title(h.name.empty() ? what : h.name + " - " + what);
  doc.desc(description + " (" + h.base + ")");
  // The title, then what the picture shows (a scenario without a name has it as its title), then
  // the base line, each on as many lines as it needs.
  double y = 30;
  for (const std::string& line : wrap(title, 90)) {
    doc.text(24, y, line, svg::Anchor::start, 17, "#111111", true);
    y += 21;
  }
  if (!h.name.empty())
    for (const std::string& line : wrap(what, 125)) {
      doc.text(24, y, line, svg::Anchor::start, 13, "#222222");
      y += 16;
    }
  for (const std::string& line : wrap(h.base, 150)) {
    doc.text(24, y + 3, line, svg::Anchor::start, 11, kGrey);
    y += 14;
  }
  return y;
}

void axes(svg::Document& doc, const Frame& f, const Scale& x, const std::vector<Tick>& xticks,
          const std::string& xname, const Scale& y, const std::vector<Tick>& yticks,
          const std::string& yname) {
  svg::Style grid{kGrid, "none", "", 1};
  doc.open_group("axes");
  for (const Tick& t : xticks) {
    const double px = x(t.value);
    doc.line(px, f.top, px, f.bottom, grid);
    doc.text(px, f.bottom + 18, t.label, svg::Anchor::middle, 11, kGrey);
  }
  for (const Tick& t : yticks) {
    const double py = y(t.value);
    doc.line(f.left, py, f.right, py, grid);
    doc.text(f.left - 8, py + 4, t.label, svg::Anchor::end, 11, kGrey);
  }
  doc.rect(f.left, f.top, f.right - f.left, f.bottom - f.top, {"#888888", "none", "", 1});
  doc.text((f.left + f.right) / 2, f.bottom + 44, xname, svg::Anchor::middle, 13, "#222222");
  doc.text(22, (f.top + f.bottom) / 2, yname, svg::Anchor::middle, 13, "#222222", false, -90);
  doc.close_group();
}

void legend(svg::Document& doc, const Frame& f, const std::vector<LegendEntry>& entries,
            const std::vector<std::string>& notes) {
  const double x = f.right + 18;
  double y = f.top + 8;
  doc.open_group("legend");
  for (const LegendEntry& e : entries) {
    if (e.swatch) {
      doc.rect(x, y - 9, 22, 12, {"none", e.colour, "", 1});
    } else {
      doc.line(x, y - 4, x + 26, y - 4, {e.colour, "none", e.dash, 2.5});
    }
    bool first = true;
    for (const std::string& line : wrap(e.text, 24)) {
      doc.text(x + 32, y, line, svg::Anchor::start, 12, first ? "#111111" : kGrey);
      y += 15;
      first = false;
    }
    y += 7;
  }
  y += 6;
  for (const std::string& note : notes) {
    if (note.empty()) continue;
    for (const std::string& line : wrap(note, 30)) {
      doc.text(x, y, line, svg::Anchor::start, 11, kGrey);
      y += 14;
    }
    y += 6;
  }
  doc.close_group();
}

}  // namespace haul::plot
