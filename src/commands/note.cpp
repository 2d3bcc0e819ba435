#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/mail.hpp"

namespace owner {

Runner setup_note(CLI::App& app) {
    struct Options {
        std::string id;
        std::vector<std::string> text;
        bool summary = false;
        bool from_customer = false;
        std::vector<std::string> contacts;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("text", o->text, "the note: one line, the minimum that tells the story");
    app.add_option("--contact", o->contacts,
                   "another mail address of the customer's: their mail threads onto the case "
                   "(repeatable)");
    app.add_flag("-s,--summary", o->summary, "also make it the case's one-line summary");
    app.add_flag("--from-customer", o->from_customer,
                 "the customer said it (ends a wait on the customer)");
    return [o](Context& ctx) {
        const std::string text = fmt::format("{}", fmt::join(o->text, " "));
        const bool empty = text.find_first_not_of(" \t") == std::string::npos;
        if (empty && (o->contacts.empty() || o->summary || o->from_customer)) {
            throw UsageError("the note is empty");
        }
        std::vector<std::string> addresses;
        for (const auto& contact : o->contacts) {
            std::string address = address_in(contact);
            if (address.empty()) {
                throw UsageError(fmt::format(
                    "--contact: '{}' is not a mail address (such as petra@example.nl)", contact));
            }
            if (const auto problem = address_length_problem(address)) {
                throw UsageError(fmt::format("--contact: {}", *problem));
            }
            addresses.push_back(std::move(address));
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        for (const auto& address : addresses) {
            if (std::find(e.c.contacts.begin(), e.c.contacts.end(), address) ==
                e.c.contacts.end()) {
                e.c.contacts.push_back(address);
            }
        }
        if (empty) {
            e.save(ctx);
            return 0;
        }
        e.c.add_log(ctx.now, o->from_customer ? "customer" : "note", text);
        if (o->summary) {
            e.c.summary = text;
        }
        e.save(ctx);
        return 0;
    };
}

}  // namespace owner
