#include <cstdlib>
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/planning.hpp"
#include "domain/views.hpp"
#include "render/views_render.hpp"

namespace owner {

namespace {

// A handful of cases around now, so that every section of `today` has something to show.
std::vector<Case> demo_cases(const Timestamp& now, const Config& config) {
    const WorkCalendar& cal = config.calendar;
    auto days = [&](int n, int minute) {
        Date d = to_local(now.seconds).date;
        d = n >= 0 ? cal.add_working_days(d, n) : d;
        for (int i = 0; n < 0 && i < -n; ++i) {
            d = cal.previous_working_day(d);
        }
        return from_local(d, minute);
    };
    std::vector<Case> cases;
    auto make = [&](std::string id, std::string title, std::string customer, Priority p,
                    int opened_days_ago, std::optional<int> deadline_in) {
        Case c;
        c.id = std::move(id);
        c.title = std::move(title);
        c.customer = std::move(customer);
        c.priority = p;
        c.opened = days(-opened_days_ago, 10 * 60);
        if (deadline_in) {
            c.deadline = days(*deadline_in, 17 * 60);
        }
        c.priority_reviewed = to_local(c.opened.seconds).date;
        c.add_log(c.opened, "opened", "Customer called.");
        return c;
    };
    Case a = make("demo1", "Double charge on November invoice", "M. Jansen", Priority::high, 2, 4);
    Action credit{
        .what = "Credit note for the double charge", .who = "Dini", .due = days(2, 12 * 60)};
    credit.checks = schedule_checks(days(-1, 11 * 60), credit.due, config);
    a.actions.push_back(credit);
    cases.push_back(a);
    Case b = make("demo2", "Router keeps rebooting", "Bakkerij Ørsted", Priority::urgent, 6, 0);
    b.actions.push_back(Action{
        .what = "Replacement router shipped", .who = "Warehouse (Kees)", .due = days(-1, 12 * 60)});
    cases.push_back(b);
    Case c = make("demo3", "Cannot log in to the portal", "Ünal Şahin", Priority::normal, 1, 2);
    c.actions.push_back(Action{.what = "Check the mail logs for bounces", .due = days(0, 11 * 60)});
    cases.push_back(c);
    Case d = make("demo4", "Question about data retention", "Gemeente Utrecht", Priority::low, 8,
                  std::nullopt);
    cases.push_back(d);
    Case e = make("demo5", "Contract renewal with volume discount", "Van der Berg B.V.",
                  Priority::high, 3, 10);
    e.actions.push_back(Action{.what = "Draft the renewal offer", .due = days(0, 16 * 60)});
    e.last_update_to_customer = days(-1, 9 * 60);
    cases.push_back(e);
    return cases;
}

}  // namespace

Runner setup_demo(CLI::App& app) {
    auto into = std::make_shared<std::string>();
    app.add_option("--into", *into,
                   "where to create the demo store (default: a new temporary folder)");
    return [into](Context& ctx) {
        std::string dir = *into;
        const bool temporary = dir.empty();
        if (temporary) {
            std::string templ = (ctx.settings.tmp_dir / "owner-demo-XXXXXX").string();
            if (::mkdtemp(templ.data()) == nullptr) {
                throw Error("cannot create a temporary folder for the demo store");
            }
            dir = templ;
        }
        // A temporary demo store lives only as long as the command: nothing is left in /tmp.
        struct Cleanup {
            std::string dir;
            ~Cleanup() {
                if (!dir.empty()) {
                    std::error_code ec;
                    std::filesystem::remove_all(dir, ec);
                }
            }
        } cleanup{temporary ? dir : std::string()};
        const Store store(dir);
        if (!store.open_refs().empty()) {
            throw Error(
                fmt::format("{} already holds cases; the demo only fills an empty folder", dir));
        }
        const auto cases = demo_cases(ctx.now, ctx.config);
        {
            const auto lock = store.lock();
            for (const Case& c : cases) {
                store.save(c);
            }
        }
        const TodayView view = build_today(cases, ctx.now, ctx.config);
        ctx.out(today_text(view, cases, ctx.now, ctx.style, ctx.width));
        if (temporary) {
            ctx.note(fmt::format(
                "\nThis was a demo store, removed again. To keep one and look around:\n"
                "  owner demo --into ~/owner-demo && OWNER_HOME=~/owner-demo owner list\n"
                "Your own store is {}; start it with: owner new TITLE --customer NAME",
                ctx.store.root().string()));
        } else {
            ctx.note(fmt::format(
                "\nThis is a demo store in {}. Look around with:\n  OWNER_HOME={} owner list\n"
                "Your own store is {}; start it with: owner new TITLE --customer NAME",
                dir, dir, ctx.store.root().string()));
        }
        return 0;
    };
}

}  // namespace owner
