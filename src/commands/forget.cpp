#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"

namespace owner {

// Data protection: a customer asks to be forgotten. Closed cases keep their dates, actions and
// outcome (the statistics) but lose the name, contact, reference and free text that identify them.
Runner setup_forget(CLI::App& app) {
    struct Options {
        std::string customer;
        bool yes = false;
    };
    auto o = std::make_shared<Options>();
    app.add_option("--customer", o->customer, "the customer's name, exactly as in the cases")->required();
    app.add_flag("-y,--yes", o->yes, "do not ask for confirmation");
    return [o](Context& ctx) {
        const auto lock = ctx.store.lock();
        LoadedCases closed = ctx.store.load(ctx.store.closed_refs());
        if (!closed.bad.empty()) {
            ctx.report_bad(closed.bad);
            throw Error("some closed cases could not be read; fix them first (owner doctor) so that nothing is missed");
        }
        std::vector<const Case*> matches;
        for (const Case& c : closed.cases) {
            if (c.customer == o->customer) {
                matches.push_back(&c);
            }
        }
        std::size_t open_matches = 0;
        for (const Case& c : ctx.store.load_open().cases) {
            open_matches += c.customer == o->customer;
        }
        if (open_matches > 0) {
            ctx.warn(fmt::format("{} open case{} of '{}' {} not touched: close {} first", open_matches,
                                 open_matches == 1 ? "" : "s", o->customer, open_matches == 1 ? "is" : "are",
                                 open_matches == 1 ? "it" : "them"));
        }
        if (matches.empty()) {
            ctx.note(fmt::format("owner: no closed case of '{}'", o->customer));
            return open_matches ? 1 : 0;
        }
        if (!o->yes) {
            if (!::isatty(STDIN_FILENO)) {
                throw UsageError(fmt::format("this removes '{}' from {} closed case{}; confirm with --yes", o->customer,
                                             matches.size(), matches.size() == 1 ? "" : "s"));
            }
            fmt::print(stderr, "Remove '{}' from {} closed case{}? This cannot be undone. [y/N] ", o->customer, matches.size(),
                       matches.size() == 1 ? "" : "s");
            std::string answer;
            std::getline(std::cin, answer);
            if (answer != "y" && answer != "Y" && answer != "yes") {
                ctx.note("owner: nothing changed");
                return 1;
            }
        }
        for (const Case* m : matches) {
            Case c = *m;
            c.customer = "(forgotten)";
            c.contact.reset();
            c.ref.reset();
            c.summary.reset();
            c.extra = toml::table{};
            for (auto& e : c.log) {
                e.text.clear();
            }
            c.add_log(ctx.now, "forgotten", "personal data removed on request");
            ctx.store.save(c, CaseRef{c.id, ctx.store.path_for(*m), true});
        }
        ctx.note(fmt::format("owner: forgot '{}' in {} closed case{}", o->customer, matches.size(), matches.size() == 1 ? "" : "s"));
        return 0;
    };
}

} // namespace owner
