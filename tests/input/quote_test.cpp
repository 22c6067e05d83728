// quote_text: user text in an error message stays one line of plain characters. Every expected
// string below is written out by hand from the escaping rules in quote.hpp.
#include "input/quote.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using haul::quote_text;

TEST_CASE("quote_text: plain text is quoted as it is") {
  CHECK(quote_text("cubic") == "\"cubic\"");
  CHECK(quote_text("") == "\"\"");
  CHECK(quote_text("100 ms") == "\"100 ms\"");
  // printable ASCII other than \ and " passes through, the space and ~ included
  CHECK(quote_text(" !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~") ==
        "\" !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~\"");
}

TEST_CASE("quote_text: control characters, DEL, backslash and quote are escaped") {
  CHECK(quote_text("cu\nbic") == R"("cu\nbic")");
  CHECK(quote_text("a\tb\rc") == R"("a\tb\rc")");
  // ESC starts a terminal escape sequence: shown as \x1b, lower-case hex
  CHECK(quote_text("\x1b[31mred\x1b[0m") == R"("\x1b[31mred\x1b[0m")");
  CHECK(quote_text(std::string_view("a\0b", 3)) == R"("a\x00b")");
  CHECK(quote_text("\x01\x1f\x7f") == R"("\x01\x1f\x7f")");
  CHECK(quote_text("\b\f\v") == R"("\x08\x0c\x0b")");
  CHECK(quote_text(R"(C:\dir "x")") == R"("C:\\dir \"x\"")");
}

TEST_CASE("quote_text: valid UTF-8 passes through; C1 controls and bad bytes are escaped") {
  CHECK(quote_text("250 \xC2\xB5s") == "\"250 \xC2\xB5s\"");        // U+00B5 µ
  CHECK(quote_text("\xE2\x80\xAF") == "\"\xE2\x80\xAF\"");          // U+202F
  CHECK(quote_text("\xF0\x9F\x9A\xA2") == "\"\xF0\x9F\x9A\xA2\"");  // U+1F6A2
  CHECK(quote_text("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
  CHECK(quote_text("\xED\x9F\xBF") == "\"\xED\x9F\xBF\"");          // U+D7FF
  CHECK(quote_text("\xC2\xA0") == "\"\xC2\xA0\"");                  // U+00A0, not C1
  // U+009B is CSI, U+0085 NEL: controls in the C1 range, written as \u escapes
  CHECK(quote_text("\xC2\x9B"
                   "31m") == R"("\u009b31m")");
  CHECK(quote_text("\xC2\x80\xC2\x85\xC2\x9F") == R"("\u0080\u0085\u009f")");
  // not UTF-8: each byte that starts no valid sequence is \xNN and the next byte is read afresh
  CHECK(quote_text("\xFF") == R"("\xff")");
  CHECK(quote_text("\x80") == R"("\x80")");                          // a lone continuation byte
  CHECK(quote_text("\xC0\xAF") == R"("\xc0\xaf")");                  // overlong '/'
  CHECK(quote_text("\xE0\x80\xAF") == R"("\xe0\x80\xaf")");          // overlong, three bytes
  CHECK(quote_text("\xED\xA0\x80") == R"("\xed\xa0\x80")");          // a UTF-16 surrogate
  CHECK(quote_text("\xF4\x90\x80\x80") == R"("\xf4\x90\x80\x80")");  // past U+10FFFF
  CHECK(quote_text("\xF5\x80") == R"("\xf5\x80")");
  CHECK(quote_text("ab\xE2\x82") == R"("ab\xe2\x82")");  // cut short at the end
  CHECK(quote_text("\xE2\x82"
                   "A") == R"("\xe2\x82A")");  // cut short by an ASCII letter
  CHECK(quote_text("\xC3"
                   "\xC3\xA9") == "\"\\xc3\xC3\xA9\"");  // a bad byte, then a good é
}

TEST_CASE("quote_text: a long text is cut at max bytes of escaped text, at a boundary, with …") {
  const std::string ellipsis = "\xE2\x80\xA6";
  // 300 letters: the first 200, then the ellipsis inside the quotes
  CHECK(quote_text(std::string(300, 'a')) == "\"" + std::string(200, 'a') + ellipsis + "\"");
  // exactly max fits whole
  CHECK(quote_text(std::string(200, 'a')) == "\"" + std::string(200, 'a') + "\"");
  CHECK(quote_text("abc", 3) == "\"abc\"");
  CHECK(quote_text("abcd", 3) == "\"abc" + ellipsis + "\"");
  // é is 2 bytes: "a" + "é" is 3 bytes; a second é would make 5 > 4, so it is cut before it
  CHECK(quote_text("a\xC3\xA9\xC3\xA9\xC3\xA9", 4) == "\"a\xC3\xA9" + ellipsis + "\"");
  // an escape is never split: "ab" is 2 bytes, \n would make 4 > 3
  CHECK(quote_text("ab\ncd", 3) == "\"ab" + ellipsis + "\"");
  CHECK(quote_text("ab\ncd", 4) == "\"ab\\n" + ellipsis + "\"");
  // four \x1b escapes are 16 bytes: 10 bytes hold two of them
  CHECK(quote_text("\x1b\x1b\x1b\x1b", 10) == "\"\\x1b\\x1b" + ellipsis + "\"");
  CHECK(quote_text("x", 0) == "\"" + ellipsis + "\"");
  CHECK(quote_text("", 0) == "\"\"");
  // 10 MB becomes 200 bytes plus the quotes and the ellipsis: 205
  CHECK(quote_text(std::string(10'000'000, 'k')).size() == 205);
}

TEST_CASE("quote_text: whatever the bytes, the result has no control character and one line") {
  // Every one- and two-byte text: no byte below 0x20, no DEL, no C1 control (C2 80..C2 9F).
  auto clean = [](const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == 0x7F) return false;
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F)
        return false;
    }
    return true;
  };
  int bad = 0;
  for (int a = 0; a < 256; ++a) {
    const std::string one(1, static_cast<char>(a));
    if (!clean(quote_text(one))) ++bad;
    for (int b = 0; b < 256; ++b)
      if (!clean(quote_text(one + static_cast<char>(b)))) ++bad;
  }
  CHECK(bad == 0);
}
