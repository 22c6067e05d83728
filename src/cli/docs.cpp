#include "cli/docs.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "input/catalog.hpp"
#include "input/examples.hpp"
#include "input/keys.hpp"

namespace haul::cli {

namespace {

// What a shell offers after an option that takes a value.
enum class Values {
  free,   // a number or a word the user types (--data 80TB): nothing
  words,  // a fixed list (--format, --example, --drive)
  keys,   // KEY= for --set: no space after, the value follows
  files,
};

struct OptionDoc {
  std::vector<std::string> names;  // "-o", "--output"; one upper-case NAME for a positional
  std::string description;
  std::string type;  // CLI11's type name ("TEXT", "UINT"); "" for a flag
  bool positional = false, required = false, repeatable = false;
  Values values = Values::free;
  std::vector<std::string> words;  // with Values::words
};

struct CommandDoc {
  const Command* command;
  std::vector<OptionDoc> options;  // in CLI11's order: --help first, then as app.cpp adds them
};

// A word the scripts carry unquoted: a bad name in a table must fail the build, not break the
// shell that sources the script.
const std::string& plain(const std::string& word) {
  const bool ok = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string("._+-=").find(c) != std::string::npos;
  });
  if (!ok)
    throw std::runtime_error("haul-docs: \"" + word + "\" is not a plain word for a completion");
  return word;
}

std::vector<std::string> split_kinds(const char* kinds) {
  std::vector<std::string> out;
  if (!kinds) return out;
  std::istringstream in(kinds);
  for (std::string word; in >> word;)
    if (word != "|") out.push_back(plain(word));
  return out;
}

// The values an option takes, by its long name: the keys, the formats, the examples, the
// catalog's presets for the convenience flags that set a preset key, files for file options.
void fill_values(OptionDoc& doc, const std::string& name) {
  auto words = [&doc](std::vector<std::string> list) {
    doc.values = Values::words;
    for (const auto& w : list) doc.words.push_back(plain(w));
  };
  if (name == "--set") {
    doc.values = Values::keys;
    for (const auto& key : key_names()) doc.words.push_back(plain(key + "="));
  } else if (name == "--format") {
    words(format_names());
  } else if (name == "--example") {
    std::vector<std::string> names;
    for (const auto& e : builtin_examples()) names.push_back(e.name);
    words(names);
  } else if (name == "--config" || name == "--catalog" || name == "--output") {
    doc.values = Values::files;
  } else {
    for (const Shortcut& sc : shortcuts()) {
      if (name != sc.flag) continue;
      std::vector<std::string> names;
      if (std::string(sc.key) == "ship.drive")
        for (const auto& p : builtin_catalog().drives) names.push_back(p.name);
      if (std::string(sc.key) == "compute.gpu")
        for (const auto& p : builtin_catalog().gpus) names.push_back(p.name);
      if (!names.empty()) words(names);
    }
  }
}

OptionDoc option_doc(const CLI::Option& opt, const Command* command) {
  OptionDoc doc;
  doc.description = opt.get_description();
  doc.positional = !opt.nonpositional();
  doc.required = opt.get_required();
  doc.repeatable = opt.get_items_expected_max() > 1;
  if (doc.positional) {
    std::string name = opt.get_name(true);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    doc.names.push_back(name);
    doc.type = name;
    if (name == "KIND") {
      doc.values = Values::words;
      doc.words = split_kinds(command->kinds);
    } else {
      doc.values = Values::files;
    }
    return doc;
  }
  for (const auto& s : opt.get_snames()) doc.names.push_back("-" + s);
  for (const auto& l : opt.get_lnames()) doc.names.push_back("--" + l);
  if (opt.get_items_expected_max() > 0) {
    doc.type = opt.get_type_name();
    doc.type = doc.type.substr(0, doc.type.find(':'));  // "TEXT:{table,json,...}": the check's list
    fill_values(doc, doc.names.back());
  }
  return doc;
}

std::vector<CommandDoc> command_docs(const CLI::App& app) {
  std::vector<CommandDoc> out;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    const auto found = std::find_if(commands().begin(), commands().end(),
                                    [&](const Command& c) { return sub->get_name() == c.name; });
    if (found == commands().end())
      throw std::runtime_error("haul-docs: subcommand " + sub->get_name() +
                               " is not in commands()");
    CommandDoc doc{&*found, {}};
    for (const CLI::Option* opt : sub->get_options())
      doc.options.push_back(option_doc(*opt, doc.command));
    out.push_back(std::move(doc));
  }
  return out;
}

std::vector<OptionDoc> top_options(const CLI::App& app) {
  std::vector<OptionDoc> out;
  for (const CLI::Option* opt : app.get_options()) out.push_back(option_doc(*opt, nullptr));
  return out;
}

std::string join(const std::vector<std::string>& words, const std::string& sep = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

// ---- man page

// Text for a roff line: backslashes printed as such, and a line that would start with a control
// character (. or ') made plain.
std::string roff(const std::string& text, bool minus = false) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-' && minus)
      out += "\\-";  // a minus sign, as options and commands are typed, not a hyphen
    else
      out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

// "haul table KIND [FILE] [OPTIONS]"
std::string usage(const CommandDoc& doc) {
  std::string out = std::string("haul ") + doc.command->name;
  for (const auto& o : doc.options)
    if (o.positional) out += " " + (o.required ? o.names[0] : "[" + o.names[0] + "]");
  return out + " [OPTIONS]";
}

void man_option(std::ostringstream& out, const OptionDoc& o) {
  out << ".TP\n";
  std::vector<std::string> names;
  for (const auto& n : o.names) names.push_back("\\fB" + roff(n, true) + "\\fR");
  out << join(names, ", ");
  if (!o.positional && !o.type.empty()) out << " \\fI" << roff(o.type) << "\\fR";
  out << "\n" << roff(o.description) << "\n";
}

void man_examples(std::ostringstream& out, const std::string& lines) {
  out << ".PP\n.RS 2\n.nf\n";
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) {
    const auto start = line.find_first_not_of(' ');
    out << roff(start == std::string::npos ? "" : line.substr(start), true) << "\n";
  }
  out << ".fi\n.RE\n";
}

}  // namespace

std::string man_page(const CLI::App& app, const std::string& configs_dir) {
  // kOverview (haul --help's footer): its "Examples:" block, its prose, and its exit status line.
  std::string examples, prose, exit_status;
  {
    std::istringstream in(kOverview);
    bool in_examples = false;
    for (std::string line; std::getline(in, line);) {
      if (line == "Examples:") {
        in_examples = true;
      } else if (line.empty()) {
        in_examples = false;
      } else if (in_examples) {
        examples += line + "\n";
      } else if (line.rfind("Exit status: ", 0) == 0) {
        exit_status = line.substr(13);
      } else {
        prose += line + "\n";
      }
    }
  }
  const std::string description = app.get_description();
  const std::string summary = description.substr(description.find(": ") + 2);

  std::ostringstream out;
  out << ".\\\" Generated by haul-docs from haul's command table when haul is built; do not edit.\n"
      << ".TH HAUL 1 \"\" \"haul " << HAUL_VERSION << "\" \"User Commands\"\n"
      << ".SH NAME\nhaul \\- " << roff(summary) << "\n"
      << ".SH SYNOPSIS\n.B haul\n.I COMMAND\n.RI [ KIND ]\n.RI [ FILE ]\n.RI [ OPTIONS ]\n.br\n"
      << ".B haul\n.RB [ \\-h | \\-\\-help | \\-\\-version ]\n"
      << ".SH DESCRIPTION\n"
      << roff(summary) << "\n.PP\n";
  std::istringstream prose_lines(prose);
  for (std::string line; std::getline(prose_lines, line);) out << roff(line) << "\n";
  out << ".PP\nOptions of haul itself:\n";
  for (const auto& o : top_options(app)) man_option(out, o);

  out << ".SH COMMANDS\n";
  for (const CommandDoc& doc : command_docs(app)) {
    out << ".SS \"" << roff(usage(doc), true) << "\"\n"
        << roff(doc.command->help) << ".\n.PP\n"
        << roff(doc.command->about) << "\n";
    if (doc.command->kinds) out << ".PP\nKIND is one of: " << roff(doc.command->kinds) << ".\n";
    for (const auto& o : doc.options) man_option(out, o);
    out << ".PP\nExamples:\n";
    man_examples(out, doc.command->examples);
  }
  out << ".SH EXAMPLES\n";
  man_examples(out, examples);
  out << ".SH EXIT STATUS\n"
      << roff(exit_status) << "\n"
      << ".SH FILES\n.TP\n.I PREFIX/" << roff(configs_dir) << "\n"
      << "The example scenarios, sweep and optimiser files; PREFIX is /usr for the Debian package "
         "and the prefix given to cmake \\-\\-install otherwise. The examples are also compiled "
         "into haul: haul examples lists them, haul scenario \\-\\-example NAME prints one.\n"
      << ".SH SEE ALSO\n.BR iperf3 (1)\n";
  return out.str();
}

// ---- bash

std::string bash_completion(const CLI::App& app) {
  const auto docs = command_docs(app);
  std::vector<std::string> first;
  for (const auto& d : docs) first.push_back(d.command->name);
  for (const auto& o : top_options(app)) first.insert(first.end(), o.names.begin(), o.names.end());

  // The options with values to offer, by name (the same on every command that has them).
  std::vector<std::pair<std::string, const OptionDoc*>> valued;
  for (const auto& d : docs)
    for (const auto& o : d.options)
      if (!o.positional && o.values != Values::free)
        for (const auto& n : o.names)
          if (std::none_of(valued.begin(), valued.end(),
                           [&](const auto& v) { return v.first == n; }))
            valued.emplace_back(n, &o);

  std::ostringstream out;
  out << "# bash completion for haul(1). Generated by haul-docs from haul's command table, "
         "scenario\n"
         "# keys, catalog and examples when haul is built; do not edit.\n"
         "_haul() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "  COMPREPLY=()\n"
         "  if ((COMP_CWORD == 1)); then\n"
         "    COMPREPLY=($(compgen -W '"
      << join(first)
      << "' -- \"$cur\"))\n"
         "    return 0\n"
         "  fi\n"
         "  # A value after KEY= (bash splits words at =): nothing to offer.\n"
         "  if [[ $prev == = || $cur == *=* ]]; then return 0; fi\n"
         "  case $prev in\n";
  for (const auto& [name, o] : valued) {
    out << "    " << name << ")\n";
    if (o->values == Values::files) {
      out << "      compopt -o filenames 2>/dev/null\n"
             "      COMPREPLY=($(compgen -f -- \"$cur\"))\n";
    } else {
      // --set offers KEY=: the value follows without a space.
      if (o->values == Values::keys) out << "      compopt -o nospace 2>/dev/null\n";
      out << "      COMPREPLY=($(compgen -W '" << join(o->words) << "' -- \"$cur\"))\n";
    }
    out << "      return 0\n      ;;\n";
  }
  out << "  esac\n"
         "  local flags='' takes_value='' kinds=''\n"
         "  case ${COMP_WORDS[1]} in\n";
  for (const auto& d : docs) {
    std::vector<std::string> flags, takes_value;
    for (const auto& o : d.options) {
      if (o.positional) continue;
      flags.insert(flags.end(), o.names.begin(), o.names.end());
      if (!o.type.empty()) takes_value.insert(takes_value.end(), o.names.begin(), o.names.end());
    }
    out << "    " << d.command->name << ")\n"
        << "      flags='" << join(flags) << "'\n"
        << "      takes_value='" << join(takes_value) << "'\n";
    if (d.command->kinds) out << "      kinds='" << join(split_kinds(d.command->kinds)) << "'\n";
    out << "      ;;\n";
  }
  out << "    *) return 0 ;;\n"
         "  esac\n"
         "  # The value of an option with no list of values (--data 80TB): nothing to offer.\n"
         "  if [[ \" $takes_value \" == *\" $prev \"* ]]; then return 0; fi\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
         "    return 0\n"
         "  fi\n"
         "  # KIND comes first: until one is given, offer the kinds; then files.\n"
         "  if [[ -n $kinds ]]; then\n"
         "    local i given=''\n"
         "    for ((i = 2; i < COMP_CWORD; i++)); do\n"
         "      [[ \" $kinds \" == *\" ${COMP_WORDS[i]} \"* ]] && given=1\n"
         "    done\n"
         "    if [[ -z $given ]]; then\n"
         "      COMPREPLY=($(compgen -W \"$kinds\" -- \"$cur\"))\n"
         "      return 0\n"
         "    fi\n"
         "  fi\n"
         "  compopt -o filenames 2>/dev/null\n"
         "  COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "}\n"
         "complete -F _haul haul\n";
  return out.str();
}

// ---- zsh

namespace {

// Text inside a single-quoted _arguments spec's [description]: quotes closed and reopened,
// brackets escaped.
std::string zsh_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else if (c == '[' || c == ']' || c == '\\')
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out;
}

// Text inside single quotes elsewhere (_describe's NAME:DESCRIPTION, where brackets are plain).
std::string zsh_quote(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out;
}

std::string zsh_action(const OptionDoc& o) {
  switch (o.values) {
    case Values::files:
      return "_files";
    case Values::keys:
      return "_haul_keys";
    case Values::words:
      return "(" + join(o.words) + ")";
    case Values::free:
      break;
  }
  return " ";  // a message and no completions
}

}  // namespace

std::string zsh_completion(const CLI::App& app) {
  const auto docs = command_docs(app);
  std::vector<std::string> keys;
  for (const auto& key : key_names()) keys.push_back(plain(key + "="));

  std::ostringstream out;
  out << "#compdef haul\n"
         "# zsh completion for haul(1). Generated by haul-docs from haul's command table, "
         "scenario\n"
         "# keys, catalog and examples when haul is built; do not edit.\n\n"
         "# --set KEY=VALUE: a key and then its value, with no space between.\n"
         "_haul_keys() {\n"
         "  compadd -S '' -- "
      << join(keys)
      << "\n"
         "}\n\n"
         "_haul() {\n"
         "  local curcontext=$curcontext state line\n"
         "  local -a commands\n"
         "  _arguments -C \\\n";
  for (const auto& o : top_options(app))
    for (const auto& n : o.names)
      out << "    '(- *)" << n << "[" << zsh_text(o.description) << "]' \\\n";
  out << "    '1:command:->command' \\\n"
         "    '*::argument:->argument'\n"
         "  case $state in\n"
         "    command)\n"
         "      commands=(\n";
  for (const auto& d : docs)
    out << "        '" << d.command->name << ":" << zsh_quote(d.command->help) << "'\n";
  out << "      )\n"
         "      _describe -t commands 'haul command' commands\n"
         "      ;;\n"
         "    argument)\n"
         "      curcontext=${curcontext%:*:*}:haul-$words[1]:\n"
         "      case $words[1] in\n";
  for (const auto& d : docs) {
    out << "        " << d.command->name << ")\n          _arguments";
    int position = 0;
    for (const auto& o : d.options) {
      out << " \\\n            ";
      if (o.positional) {
        ++position;
        out << "'" << position << (o.required ? ":" : "::") << o.names[0] << ":" << zsh_action(o)
            << "'";
        continue;
      }
      const std::string desc = "[" + zsh_text(o.description) + "]";
      const std::string value = o.type.empty() ? "" : ":" + o.type + ":" + zsh_action(o);
      // -o and --output exclude each other; a repeatable option may be given again.
      const std::string exclusive = o.names.size() > 1 ? "(" + join(o.names) + ")" : "";
      if (o.names.size() > 1)
        out << "'" << exclusive << "'{" << join(o.names, ",") << "}'" << desc << value << "'";
      else
        out << "'" << (o.repeatable ? "*" : "") << o.names[0] << desc << value << "'";
    }
    out << "\n          ;;\n";
  }
  out << "      esac\n"
         "      ;;\n"
         "  esac\n"
         "}\n\n"
         "if [ \"$funcstack[1]\" = \"_haul\" ]; then\n"
         "  _haul \"$@\"\n"
         "else\n"
         "  compdef _haul haul\n"
         "fi\n";
  return out.str();
}

}  // namespace haul::cli
