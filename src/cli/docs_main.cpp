// haul-docs: writes the man page and the bash and zsh completions from the same CLI11 app that
// haul parses with. Run by the build (CMakeLists.txt), never installed.
//   haul-docs OUTDIR CONFIGS_DIR   writes OUTDIR/haul.1, OUTDIR/haul.bash and OUTDIR/_haul;
//                                  CONFIGS_DIR is where the example scenarios are installed.
#include <exception>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/app.hpp"
#include "cli/docs.hpp"

namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("haul-docs: cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: haul-docs OUTDIR CONFIGS_DIR\n";
    return 2;
  }
  try {
    CLI::App app;
    haul::cli::Options options;
    const haul::cli::Command* chosen = nullptr;
    haul::cli::build_app(app, options, chosen);
    const std::string dir = argv[1];
    write_file(dir + "/haul.1", haul::cli::man_page(app, argv[2]));
    write_file(dir + "/haul.bash", haul::cli::bash_completion(app));
    write_file(dir + "/_haul", haul::cli::zsh_completion(app));
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
