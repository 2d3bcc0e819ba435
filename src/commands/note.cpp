#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"

namespace owner {

Runner setup_note(CLI::App& app) {
    struct Options {
        std::string id;
        std::vector<std::string> text;
        bool summary = false;
        bool from_customer = false;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("text", o->text, "the note: one line, the minimum that tells the story")
        ->required();
    app.add_flag("-s,--summary", o->summary, "also make it the case's one-line summary");
    app.add_flag("--from-customer", o->from_customer,
                 "the customer said it (ends a wait on the customer)");
    return [o](Context& ctx) {
        const std::string text = fmt::format("{}", fmt::join(o->text, " "));
        if (text.find_first_not_of(" \t") == std::string::npos) {
            throw UsageError("the note is empty");
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        e.c.add_log(ctx.now, o->from_customer ? "customer" : "note", text);
        if (o->summary) {
            e.c.summary = text;
        }
        e.save(ctx);
        return 0;
    };
}

}  // namespace owner
