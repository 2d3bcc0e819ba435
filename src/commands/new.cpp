#include <random>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"

namespace owner {

namespace {
struct NewOptions {
    std::vector<std::string> title;
    std::string customer;
    std::string contact;
    std::string ref;
    std::string deadline;
    std::string priority = "normal";
    std::string note;
    std::vector<std::string> tags;
};
} // namespace

Runner setup_new(CLI::App& app) {
    auto o = std::make_shared<NewOptions>();
    app.add_option("title", o->title, "what the customer needs, in a few words")->required();
    app.add_option("-c,--customer", o->customer, "the customer's name")->required();
    app.add_option("--contact", o->contact, "how to reach the customer (mail, phone)");
    app.add_option("--ref", o->ref, "your company's own ticket number");
    app.add_option("-d,--deadline", o->deadline, "what you promise the customer (a date or time)");
    app.add_option("-p,--priority", o->priority, "urgent, high, normal or low")
        ->check(CLI::IsMember({"urgent", "high", "normal", "low"}));
    app.add_option("-n,--note", o->note, "the first log line: what the customer asked");
    app.add_option("-t,--tag", o->tags, "a topic, for escalation rules (repeatable)");
    return [o](Context& ctx) {
        Case c;
        c.title = fmt::format("{}", fmt::join(o->title, " "));
        if (c.title.empty() || o->customer.empty()) {
            throw UsageError("a case needs a title and a customer (--customer NAME)");
        }
        c.customer = o->customer;
        if (!o->contact.empty()) {
            c.contact = o->contact;
        }
        if (!o->ref.empty()) {
            c.ref = o->ref;
        }
        c.tags = o->tags;
        c.opened = ctx.now;
        if (!o->deadline.empty()) {
            c.deadline = when_arg(ctx, o->deadline, "--deadline");
            if (*c.deadline < ctx.now) {
                throw UsageError(fmt::format("--deadline: {} is already past", human_time(*c.deadline)));
            }
            warn_outside_working_time(ctx, *c.deadline, "--deadline");
        }
        c.priority = *parse_priority(o->priority);
        c.priority_reviewed = to_local(ctx.now.seconds).date;
        c.add_log(ctx.now, "opened", o->note);
        const auto lock = ctx.store.lock();
        std::random_device rd;
        for (int attempt = 0;; ++attempt) {
            c.id = make_id([&] { return static_cast<std::uint32_t>(rd()); });
            if (!ctx.store.id_exists(c.id)) {
                break;
            }
            if (attempt > 100) {
                throw Error("could not find a free case id");
            }
        }
        ctx.store.save(c);
        ctx.out(c.id + "\n");
        if (c.deadline) {
            // "wed 17:00" typed on a Wednesday afternoon is next week: the confirmation says which day.
            const Date today = to_local(ctx.now.seconds).date;
            const LocalTime due = to_local(c.deadline->seconds);
            const std::int64_t days = due.date.serial() - today.serial();
            const std::int64_t weeks = (due.date.serial() - due.date.weekday() - (today.serial() - today.weekday())) / 7;
            std::string when = days == 0 ? "today" : days == 1 ? "tomorrow" : fmt::format("in {} days", days);
            if (days > 1) {
                when += weeks == 0 ? ", this week" : weeks == 1 ? ", next week" : fmt::format(", in {} weeks", weeks);
            }
            ctx.note(fmt::format("owner: deadline {} {} {} ({})", human_date(due.date), due.date.year,
                                 hhmm(due.minute_of_day), when));
        }
        return 0;
    };
}

} // namespace owner
