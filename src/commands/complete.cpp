#include "commands/complete.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "domain/case.hpp"
#include "domain/config.hpp"
#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/text.hpp"
#include "store/cache.hpp"
#include "store/config_file.hpp"
#include "store/files.hpp"
#include "store/folder.hpp"
#include "store/io.hpp"
#include "store/settings.hpp"
#include "store/store.hpp"

namespace owner {

namespace {

void print_options(const CLI::App& app, Io& io) {
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_lnames().empty()) {
            continue;  // positional
        }
        const std::string shortname =
            opt->get_snames().empty() ? "" : "-" + opt->get_snames().front();
        write_all(io.out,
                  fmt::format("--{}\t{}\t{}\t{}\n", opt->get_lnames().front(), shortname,
                              opt->get_items_expected_max() > 0 ? 1 : 0, opt->get_description()));
    }
}

// Appends "customer — title", with no terminal escapes into a menu.
void append_menu_line(std::string& out, std::string_view customer, std::string_view title) {
    const std::size_t start = out.size();
    out.append(customer).append(" — ").append(title);
    for (std::size_t i = start; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        if (c < 0x20 || c == 0x7f) {
            out[i] = ' ';
        }
    }
}

// The customer and title of a case from the top of its file, without parsing actions and log:
// completion runs on every Tab and must stay fast with hundreds of cases.
void append_description(std::string& out, const std::filesystem::path& path) {
    std::optional<std::string> text;
    try {
        text = read_file(path, kMaxCaseFileBytes);  // a FIFO or device is refused, never waited on
    } catch (const Error&) {
        out += "(unreadable)";
        return;
    }
    if (!text) {
        return;
    }
    const auto end = text->find("\n[");
    try {
        const toml::table top = toml::parse(std::string_view(*text).substr(0, end));
        append_menu_line(out, top["customer"].value<std::string>().value_or("?"),
                         top["title"].value<std::string>().value_or(""));
    } catch (const std::exception&) {
        out += "(unreadable)";
    }
}

// The people a name option may take, one a line: the roster's names and the owner's own, each once,
// and only names that are plain printable text (a shell gets them; each script quotes them).
std::string people_lines(const Settings& settings) {
    ConfigSource source;
    // The login's name is not looked up on every Tab: without `name` only the roster is offered.
    Config config = load_config(
        settings, [] { return std::string(); }, source);
    // A team's store: the names on its roster (team.toml), whatever the private config says.
    try {
        if (const auto team = read_team(settings.store_root)) {
            (void)apply_team(config, *team);
        }
    } catch (const Error&) {
        // a roster that does not read offers the config's names
    }
    std::vector<std::string> names;
    if (source.name_set) {
        names.push_back(config.name);
    }
    for (const Person& p : config.people.people()) {
        names.push_back(p.name);
    }
    std::string out;
    std::vector<std::string_view> seen;
    for (const std::string& name : names) {
        if (name.empty() || text_problem(name, false) ||
            std::find(seen.begin(), seen.end(), name) != seen.end()) {
            continue;
        }
        seen.push_back(name);
        out.append(name).push_back('\n');
    }
    return out;
}

}  // namespace

int run_complete(CLI::App& app, const std::vector<std::string>& args, const Settings& settings,
                 Io& io) {
    const std::string what = args.empty() ? "" : args.front();
    if (what == "commands") {
        for (const CLI::App* sub : app.get_subcommands({})) {
            if (!sub->get_group().empty()) {
                write_all(io.out, fmt::format("{}\t{}\n", sub->get_name(), sub->get_description()));
            }
        }
        return 0;
    }
    if (what == "options") {
        if (args.size() < 2) {
            print_options(app, io);
            return 0;
        }
        for (const CLI::App* sub : app.get_subcommands({})) {
            if (sub->get_name() == args[1]) {
                print_options(*sub, io);
                return 0;
            }
        }
        write_all(io.err, fmt::format("owner: error: no command '{}'\n", args[1]));
        return exit_usage;
    }
    if (what == "languages") {
        // The codes of `--lang` (completions/generate.py writes them into the scripts).
        for (const Language& l : kLanguages) {
            write_all(io.out, fmt::format("{}\t{}\n", l.code, l.name));
        }
        return 0;
    }
    if (what == "cases") {
        // Shells pass options of their own before ours: look at every argument.
        bool open = true;
        bool closed = false;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--closed") {
                open = false;
                closed = true;
            } else if (args[i] == "--all") {
                open = true;
                closed = true;
            }
        }
        const Store store(settings.store_root, settings.lock_timeout_ms, settings.use_cache);
        // Each file by its name in its listed folder: no path object per case.
        std::vector<FolderListing> folders;
        if (open) {
            folders.push_back(store.open_files());
        }
        if (closed) {
            for (auto& files : store.closed_files()) {
                folders.push_back(std::move(files));
            }
        }
        // Open cases whose files are unchanged come from the cache that `today` keeps: one file
        // read instead of one parse per case.
        const std::unique_ptr<CaseCache> cache = open ? store.open_cases_cache() : nullptr;
        std::string out;
        for (std::size_t f = 0; f < folders.size(); ++f) {
            const FolderListing& files = folders[f];
            const bool cached_folder = cache && open && f == 0;
            std::optional<ListingIdentities> identities;
            if (cached_folder) {
                identities.emplace(files);
            }
            for (std::size_t i = 0; i < files.size(); ++i) {
                // A file name arrives from other people's clones: only a well-formed id may reach
                // a shell.
                const std::string_view id = files.id(i);
                if (!is_safe_id(id)) {
                    continue;
                }
                out.append(id).push_back('\t');
                if (const auto head =
                        cached_folder ? cache->head(files, i, identities->get(i)) : std::nullopt) {
                    append_menu_line(out, head->customer, head->title);
                } else {
                    append_description(out, files.prefix() + std::string(files[i]));
                }
                out += '\n';
            }
        }
        write_all(io.out, out);
        return 0;
    }
    if (what == "people") {
        write_all(io.out, people_lines(settings));
        return 0;
    }
    write_all(io.err, "owner: error: usage: owner __complete commands|options [COMMAND]|languages|"
                      "cases [--closed|--all]|people\n");
    return exit_usage;
}

}  // namespace owner
