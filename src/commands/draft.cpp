#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/messages.hpp"

namespace owner {

namespace {
// Records that the customer heard from the owner: the log line and the timestamp `today` uses.
void record_told(const Context& ctx, const std::string& id, const std::string& note) {
    CaseUnderEdit e = checkout(ctx, id);
    e.c.last_update_to_customer = ctx.now;
    e.c.add_log(ctx.now, "told", note.empty() ? "customer updated" : note);
    e.save(ctx);
}
} // namespace

Runner setup_draft(CLI::App& app) {
    struct Options {
        std::string id;
        std::string to = "customer";
        std::string lang;
        std::string templ;
        bool thanks = false;
        bool sent = false;
    };
    auto o = std::make_shared<Options>();
    app.add_option("case", o->id, "case: id or unique prefix, the customer's reference or a unique part of their name")->required();
    app.add_option("--to", o->to, "customer (default) or a colleague's name");
    app.add_option("--lang", o->lang, "en or nl (default: the config's language)")->check(CLI::IsMember({"en", "nl"}));
    app.add_option("--template", o->templ, "use another template: customer, colleague, thanks")
        ->check(CLI::IsMember({"customer", "colleague", "thanks"}));
    app.add_flag("--thanks", o->thanks, "thank the colleagues who helped (after closing)");
    app.add_flag("--sent", o->sent, "record that this update went to the customer");
    return [o](Context& ctx) {
        const std::string lang = o->lang.empty() ? ctx.config.language : o->lang;
        const CaseRef ref = ctx.store.resolve(o->id, true);
        const Case c = ctx.store.load(ref);
        const bool thanks = o->thanks || o->templ == "thanks";
        const bool to_customer = !thanks && (o->to == "customer" || o->templ == "customer");
        Draft d = thanks        ? draft_thanks(c, ctx.config, lang)
                  : to_customer ? draft_to_customer(c, ctx.config, lang)
                                : draft_to_colleague(c, who_arg(ctx, o->to, "--to"), ctx.config, lang);
        if (!d.refusal.empty()) {
            throw Error(d.refusal);
        }
        if (o->sent && !to_customer) {
            throw UsageError("--sent records an update to the customer; this draft is not for the customer");
        }
        ctx.out(d.text);
        if (o->sent) {
            record_told(ctx, ref.id, "update sent (owner draft)");
        }
        return 0;
    };
}

Runner setup_told(CLI::App& app) {
    struct Options {
        std::string id;
        std::vector<std::string> note;
    };
    auto o = std::make_shared<Options>();
    app.add_option("case", o->id, "case: id or unique prefix, the customer's reference or a unique part of their name")->required();
    app.add_option("note", o->note, "what you told them, in a few words");
    return [o](Context& ctx) {
        record_told(ctx, o->id, fmt::format("{}", fmt::join(o->note, " ")));
        return 0;
    };
}

} // namespace owner
