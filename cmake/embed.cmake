# Writes OUT, a C++ source whose function FUNCTION() returns the text of IN (a TOML file in
# configs/) so the binary carries its catalog and default scenario.
file(READ ${IN} HAUL_TEXT)
file(WRITE ${OUT}
"// Generated from ${IN} by cmake/embed.cmake; do not edit.\n"
"#include <string_view>\n"
"namespace haul {\n"
"std::string_view ${FUNCTION}() {\n"
"  static const char text[] = R\"haul_embed(${HAUL_TEXT})haul_embed\";\n"
"  return {text, sizeof(text) - 1};\n"
"}\n"
"}  // namespace haul\n")
