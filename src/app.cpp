#include "app.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/complete.hpp"
#include "commands/merge.hpp"
#include "domain/case.hpp"
#include "domain/error.hpp"
#include "domain/when.hpp"
#include "store/config_file.hpp"
#include "store/editor.hpp"
#include "store/files.hpp"
#include "store/git.hpp"
#include "store/io.hpp"
#include "store/settings.hpp"
#include "store/sync.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kExitStatuses =
    "Exit status: 0 success, 1 error (bad data, unknown case, I/O), 2 bad command line,\n"
    "3 reminders printed (remind) or problems found (doctor), 4 store locked by another process,\n"
    "5 a remind --exec hook failed (said again next time), 6 remind --sync could not sync.";

// Output to a pipe or file is never cut; on a terminal, COLUMNS (as set by the shell, or by the
// person for one command), then the terminal's own width.
std::size_t terminal_width(const Io& io, const Settings& settings) {
    if (!io.out_is_terminal) {
        return kNoWidthLimit;
    }
    if (!settings.columns.empty()) {
        const long n = std::strtol(settings.columns.c_str(), nullptr, 10);
        if (n > 0 && n <= 10000) {
            return static_cast<std::size_t>(std::max(n, 20L));
        }
    }
    if (io.terminal_columns > 0) {
        return std::max<std::size_t>(io.terminal_columns, 20);
    }
    return 80;
}

bool want_colour(const std::string& when, const Io& io, const Settings& settings) {
    if (when == "always") {
        return true;
    }
    if (when == "never" || settings.no_color || settings.dumb_terminal) {
        return false;
    }
    return io.out_is_terminal;
}

Timestamp resolve_now(const std::string& typed, Timestamp real, const WorkCalendar& calendar) {
    if (typed.empty()) {
        return real;
    }
    try {
        return parse_when(typed, real, calendar);
    } catch (const UsageError& e) {
        throw UsageError(fmt::format("--now/OWNER_NOW: {}", e.what()));
    }
}

// When the store is a git repository, a command that changed cases makes one commit of exactly
// the files it wrote, saying which command changed which fields of which case (never the texts
// typed: they are personal data). Committing never undoes the command's own success: a git
// failure is a warning, and the change is committed with the next one.
void commit_to_git(const Context& ctx, const std::string& command) {
    if (ctx.store.written().empty() || !is_git_store(ctx.store.root())) {
        return;
    }
    try {
        const auto lock = ctx.store.lock();
        if (const std::string warning = git_commit_change(
                ctx.store.root(), command, ctx.store.written(), ctx.settings.git_commit);
            !warning.empty()) {
            ctx.warn(warning);
        }
    } catch (const Error& e) {
        ctx.warn(fmt::format("not committed to git: {}", e.what()));
    }
}

void say_error(Io& io, std::string_view what) {
    write_all(io.err, fmt::format("owner: error: {}\n", visible(what)));
}

// Output that did not reach its reader (a full disk, a pipe closed where SIGPIPE is ignored) is
// an I/O error, said once at the end: not a success.
int checked_output(Io& io, int status) {
    errno = 0;
    io.out.flush();
    if (!io.out.fail()) {
        return status;
    }
    const int error = errno != 0 ? errno : first_write_error();
    say_error(io, fmt::format("cannot write the output{}",
                              error != 0 ? ": " + std::generic_category().message(error) : ""));
    return status == exit_ok ? exit_error : status;
}

// The options before the command, for every command.
struct GlobalOptions {
    std::string now_text;
    std::string colour = "auto";
    CLI::Option* now_option = nullptr;
};

// A command as registered: its CLI11 subcommand, what runs it, whether it writes.
struct Registered {
    CLI::App* sub;
    Runner runner;
    bool writes;
};

// The program's options and every command of kCommands, registered in `app`.
std::vector<Registered> set_up(CLI::App& app, GlobalOptions& globals) {
    app.footer(std::string(kExitStatuses) +
               "\n`owner help COMMAND` shows a command's options. See owner(1) and owner(5).");
    app.set_version_flag("--version", fmt::format("owner {}", OWNER_VERSION));
    app.require_subcommand(0, 1);
    app.fallthrough();
    globals.now_option =
        app.add_option("--now", globals.now_text, "pretend it is this moment (also OWNER_NOW)");
    app.add_option("--color", globals.colour,
                   "colour: auto, always or never (NO_COLOR is honoured)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    std::vector<Registered> runners;
    for (const CommandSpec& spec : kCommands) {
        CLI::App* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
        runners.push_back(Registered{sub, spec.setup(*sub), spec.writes});
    }
    return runners;
}

// The hidden helpers: `owner __merge` (git's merge driver) and `owner __complete` (the shells'
// completion); nullopt for any other command line.
std::optional<int> run_helper(CLI::App& app, const std::vector<std::string>& arguments,
                              const Environment& environment, Io& io, const Timestamp& clock) {
    if (arguments.empty()) {
        return std::nullopt;
    }
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    if (arguments.front() == "__merge") {
        Settings settings;
        try {
            settings = read_settings(environment);
        } catch (const Error& e) {
            write_all(io.err, fmt::format("owner-conflict: cannot merge: {}\n", e.what()));
            return 1;
        }
        return run_merge_driver(rest, settings, clock, io);
    }
    if (arguments.front() == "__complete") {
        try {
            return run_complete(app, rest, read_settings(environment), io);
        } catch (const std::exception&) {
            return exit_error;  // completion stays silent
        }
    }
    return std::nullopt;
}

// The words as CLI11 reads them ("owner" first), and where the command word is: the first that
// is neither an option nor a global option's value (0: none). `owner help [COMMAND]` becomes
// `owner [COMMAND] --help`.
struct CommandLine {
    std::vector<std::string> args;
    std::size_t command_at = 0;
    std::string unknown_help;  // `owner help WORD` for a WORD that is no command
};

std::vector<std::string> command_names() {
    std::vector<std::string> names;
    for (const CommandSpec& spec : kCommands) {
        names.emplace_back(spec.name);
    }
    return names;
}

bool is_command(const std::string& word) {
    const std::vector<std::string> names = command_names();
    return std::find(names.begin(), names.end(), word) != names.end();
}

int unknown_command(Io& io, const std::string& word) {
    const std::string near = closest_id(word, command_names());
    say_error(io, fmt::format("unknown command '{}'; {}", word,
                              near.empty() ? "'owner --help' lists the commands"
                                           : fmt::format("did you mean '{}'?", near)));
    return exit_usage;
}

CommandLine read_command_line(const std::vector<std::string>& arguments) {
    CommandLine line{{"owner"}, 0};
    line.args.insert(line.args.end(), arguments.begin(), arguments.end());
    std::vector<std::string>& args = line.args;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--now" || args[i] == "--color") {
            ++i;
        } else if (!args[i].starts_with("-")) {
            line.command_at = i;
            break;
        }
    }
    if (line.command_at != 0 && args[line.command_at] == "help") {
        if (line.command_at + 1 < args.size() && !args[line.command_at + 1].starts_with("-")) {
            const std::string word = args[line.command_at + 1];
            if (!is_command(word)) {
                line.unknown_help = word;
            }
            args = {args[0], word, "--help"};
        } else {
            args = {args[0], "--help"};
        }
        line.command_at = 0;
    }
    return line;
}

// Parses the command line into `app`; the exit status when that is the end (help, version, a
// usage error), else nullopt.
std::optional<int> parse(CLI::App& app, const CommandLine& line, Io& io) {
    const std::vector<std::string>& args = line.args;
    const bool known = line.command_at == 0 || is_command(args[line.command_at]);
    try {
        std::vector<std::string> reversed(args.rbegin(),
                                          args.rend() - 1);  // CLI11 takes them reversed
        app.parse(reversed);
        check_option_texts(app);
    } catch (const Error& e) {
        say_error(io, e.what());
        return e.exit_code();
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, io.out, io.err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, io.out, io.err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, io.out, io.err);
    } catch (const CLI::ParseError& e) {
        if (!known) {
            return unknown_command(io, args[line.command_at]);
        }
        // One line: what was wrong, and where the usage of this command is.
        std::string message = e.what();
        std::replace(message.begin(), message.end(), '\n', ' ');
        while (!message.empty() && message.back() == ' ') {
            message.pop_back();
        }
        say_error(io, fmt::format("{} (see 'owner {}--help')", message,
                                  line.command_at != 0 ? args[line.command_at] + " " : ""));
        return exit_usage;
    }
    return std::nullopt;
}

// The command that was parsed (`owner` alone is the morning view), on a Context made of the
// environment, the config and the store: its exit status, its output checked.
int run_parsed(std::vector<Registered>& runners, GlobalOptions& globals,
               const Environment& environment, Io& io,
               const std::function<std::string()>& login_name, const Timestamp& clock) {
    Settings settings = read_settings(environment);  // the environment, read once
    for (const auto& w : settings.warnings) {
        write_all(io.err, fmt::format("owner: warning: {}\n", visible(w)));
    }
    ConfigSource source;
    Config config = load_config(settings, login_name, source);
    // [work] time_zone is the working day's zone where TZ is unset (cron on a UTC server): for
    // the whole run, and in every cache key that depends on the zone, through settings.tz.
    std::optional<WorkTimeZone> work_zone;
    if (!settings.tz && !config.time_zone.empty()) {
        work_zone.emplace(config.time_zone);
        settings.tz = config.time_zone;
    }
    Context ctx{.now = {},
                .config = std::move(config),
                .store = Store(settings.store_root, settings.lock_timeout_ms, settings.use_cache),
                .style = Style(false),
                .width = 80,
                .edit_file = {},
                .settings = settings,
                .io = io};
    // A team's store: the roster and the escalation contacts come from its team.toml, and `name`
    // must be on it. `team` itself still runs when that fails, so that the file can be put right,
    // and `sync` with a warning, so that a roster put right elsewhere (a name renamed there) can
    // be brought in.
    std::string command = "today";
    for (const auto& r : runners) {
        if (r.sub->parsed()) {
            command = r.sub->get_name();
        }
    }
    try {
        if (const auto team = read_team(ctx.store.root())) {
            if (const std::string problem = apply_team(ctx.config, *team);
                !problem.empty() && command != "team") {
                if (command != "sync") {
                    throw Error(fmt::format("{} ({})", problem, source.path.string()));
                }
                ctx.warn(fmt::format("{} ({})", problem, source.path.string()));
            }
        }
    } catch (const Error&) {
        if (command != "team" && command != "doctor") {
            throw;
        }
    }
    if (globals.now_option->count() == 0) {
        globals.now_text = settings.now;
    }
    ctx.now = resolve_now(globals.now_text, clock, ctx.config.calendar);
    ctx.style = Style(want_colour(globals.colour, io, settings), settings.ascii);
    ctx.width = terminal_width(io, settings);
    ctx.edit_file = [&settings](const std::string& path) {
        return run_editor(find_editor(settings), path);
    };
    // Until `name` is set, drafts are signed with the login's name ("root" on a fresh machine):
    // init, the first new and the morning view say so, and how to set it.
    const auto name_hint = [&] {
        if (!source.name_set) {
            ctx.note(fmt::format("owner: note: your name is not set, so drafts are signed \"{}\"; "
                                 "set it with name = \"Your Name\" in {}",
                                 ctx.config.name, source.path.string()));
        }
    };
    for (auto& r : runners) {
        if (r.sub->parsed()) {
            const std::string name = r.sub->get_name();
            const bool first_case =
                name == "new" && ctx.store.open_refs().empty() && ctx.store.closed_refs().empty();
            int status = exit_error;
            // `new` settles once it holds a piped mail, so that a refusal keeps the mail.
            if (r.writes && name != "doctor" && name != "new") {
                settle_sync_before_writing(ctx);
            }
            try {
                status = r.runner(ctx);
            } catch (const Error&) {
                if (r.writes) {
                    commit_to_git(ctx, name);  // what was written before the error
                }
                throw;
            }
            if (r.writes) {
                commit_to_git(ctx, name);
            }
            if (name == "init" || name == "today" || (first_case && status == exit_ok)) {
                name_hint();
            }
            return checked_output(io, status);
        }
    }
    for (auto& r : runners) {
        if (r.sub->get_name() == "today") {
            const int status = r.runner(ctx);
            name_hint();
            return checked_output(io, status);
        }
    }
    return exit_ok;
}

}  // namespace

int run(const std::vector<std::string>& arguments, const Environment& environment, Io& io,
        const std::function<std::string()>& login_name) {
    // The clock, read once: the default for --now and for the merge driver.
    const Timestamp clock = local_timestamp(static_cast<std::int64_t>(std::time(nullptr)));
    CLI::App app{"owner: own your customer cases, from first contact to accepted solution.\n"
                 "Prioritize, plan, communicate (who does what, when), check, escalate, close.",
                 "owner"};
    GlobalOptions globals;
    std::vector<Registered> runners = set_up(app, globals);
    if (const auto status = run_helper(app, arguments, environment, io, clock)) {
        return *status;
    }
    // Every argument is text that may end up in a case: valid UTF-8, no control characters.
    try {
        check_arguments(arguments);
    } catch (const Error& e) {
        say_error(io, e.what());
        return e.exit_code();
    }
    const CommandLine line = read_command_line(arguments);
    if (!line.unknown_help.empty()) {
        return unknown_command(io, line.unknown_help);
    }
    if (const auto status = parse(app, line, io)) {
        return *status;
    }
    try {
        return run_parsed(runners, globals, environment, io, login_name, clock);
    } catch (const Error& e) {
        say_error(io, e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        say_error(io, e.what());
        return exit_error;
    }
}

int run(int argc, char** argv, char** envp) {
    Environment environment;
    for (char** e = envp; e != nullptr && *e != nullptr; ++e) {
        const std::string_view entry = *e;
        const auto eq = entry.find('=');
        if (eq != std::string_view::npos) {
            environment.emplace(std::string(entry.substr(0, eq)),
                                std::string(entry.substr(eq + 1)));
        }
    }
    Io io = process_io();
    return run(std::vector<std::string>(argv + std::min(argc, 1), argv + argc), environment, io,
               login_full_name);
}

}  // namespace owner
