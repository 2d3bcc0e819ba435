#include "commands/arguments.hpp"

#include <fmt/format.h>

#include "domain/case.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "render/text.hpp"

namespace owner {

namespace {

// Options whose text goes to the log, where a note may span lines.
bool multiline_option(const std::string& name) {
    return name == "text" || name == "note" || name == "--note" || name == "--reason" ||
           name == "--withdrawn";
}

}  // namespace

void check_arguments(const std::vector<std::string>& args) {
    for (std::size_t i = 1; i <= args.size(); ++i) {
        const std::string_view arg = args[i - 1];
        if (auto p = text_problem(arg, true)) {
            throw UsageError(fmt::format(
                "argument {} (\"{}\"): {}; text must be valid UTF-8 without control characters", i,
                visible(arg), *p));
        }
    }
}

void check_option_texts(const CLI::App& command) {
    for (const CLI::Option* opt : command.get_options()) {
        const bool multiline = multiline_option(opt->get_name());
        std::size_t bytes = 0;
        for (const std::string& value : opt->results()) {
            require_clean_text(value, opt->get_name(), multiline);
            bytes += value.size() + (bytes > 0 ? 1 : 0);  // words are joined with a space
        }
        if (multiline && bytes > kMaxLogTextBytes) {
            throw UsageError(fmt::format("{}: {} bytes; one log text is at most 16 KiB ({} bytes)",
                                         opt->get_name(), bytes, kMaxLogTextBytes));
        }
    }
    for (const CLI::App* sub : command.get_subcommands()) {
        check_option_texts(*sub);
    }
}

}  // namespace owner
