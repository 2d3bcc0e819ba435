#include <algorithm>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/escalation.hpp"
#include "domain/language.hpp"
#include "domain/messages.hpp"
#include "render/case_view.hpp"

namespace owner {

namespace {
struct EscalateOptions {
    std::string id;
    std::string to;
    std::string reason;
    std::string lang;
    bool json = false;
    bool resolved = false;
    OwnerScope scope;
};

// `escalate CASE --resolved`: the escalations that wait on their contacts are answered; logged.
int resolve(Context& ctx, const EscalateOptions& o) {
    CaseUnderEdit e = checkout(ctx, o.id);
    Case& c = e.c;
    std::vector<std::string> to;
    for (const std::size_t i : unanswered_escalations(c, ctx.config.people)) {
        to.emplace_back(escalated_to(c.log[i]));
    }
    if (to.empty()) {
        throw Error(fmt::format("case {} has no escalation waiting on its contact", c.id));
    }
    const std::string names = spoken_list(to, kBaseLanguage);
    c.add_log(ctx.now, std::string(kEscalationResolved),
              fmt::format("to {}{}", names, o.reason.empty() ? "" : ": " + o.reason));
    e.save(ctx);
    ctx.note(fmt::format("owner: the escalation of case {} to {} is resolved", c.id, names));
    return 0;
}

int list_due(Context& ctx, const EscalateOptions& o) {
    LoadedCases& loaded = ctx.hold(ctx.store.load_open());
    ctx.report_bad(loaded.bad);
    keep_in_scope(ctx, o.scope, loaded.cases);
    Json list = Json::array();
    TextTable table;
    for (const Case& c : loaded.cases) {
        for (const auto& hit : escalations_due(c, ctx.now, ctx.config)) {
            const std::string contact = escalation_contact(c, ctx.config);
            list.push(Json::object()
                          .set("case", c.id)
                          .set("customer", c.customer)
                          .set("title", c.title)
                          .set("rule", hit.rule)
                          .set("detail", hit.detail)
                          .set("promise", hit.promise.empty() ? Json() : Json(hit.promise))
                          .set("since", hit.since.rfc3339())
                          .set("contact", contact.empty() ? Json() : Json(contact)));
            table.add_row({c.id, hit.rule,
                           cap_width(visible(c.customer), 18, ctx.width, ctx.style.ascii()),
                           escalation_line(hit) + (contact.empty() ? "" : " → " + contact)});
        }
    }
    if (o.json) {
        ctx.out_json(json_document().set("escalations", std::move(list)));
    } else if (table.empty()) {
        ctx.note("No case meets an escalation rule.");
    } else {
        ctx.out_table(table);
    }
    return loaded.bad.empty() ? 0 : 1;
}
}  // namespace

Runner setup_escalate(CLI::App& app) {
    auto o = std::make_shared<EscalateOptions>();
    app.add_option("case", o->id, "the case to escalate (none: list the cases that meet a rule)");
    app.add_option("--to", o->to,
                   "to whom (default: the rules' contact for the case's tags, else escalate.to)");
    app.add_option("--reason", o->reason, "why (default: the rules that apply)");
    app.add_option("--lang", o->lang, language_choices())->check(CLI::IsMember(language_codes()));
    app.add_flag("--json", o->json, "JSON for scripts (listing)");
    app.add_flag("--resolved", o->resolved,
                 "the escalation is answered: it leaves its contact's today (with --reason: how)")
        ->excludes("--to")
        ->excludes("--lang");
    add_owner_options(app, o->scope);
    return [o](Context& ctx) {
        check_owner_scope(ctx, o->scope);
        if (o->id.empty()) {
            if (o->resolved) {
                throw UsageError("--resolved: which case? owner escalate CASE --resolved");
            }
            return list_due(ctx, *o);
        }
        if (o->resolved) {
            return resolve(ctx, *o);
        }
        CaseUnderEdit e = checkout(ctx, o->id);
        Case& c = e.c;
        const std::string lang = message_language(c, ctx.config, o->lang);
        const auto hits = escalations_due(c, ctx.now, ctx.config);
        // A person on the roster by the roster's name, so that it reaches their `today`.
        const std::string contact =
            o->to.empty() ? escalation_contact(c, ctx.config) : who_arg(ctx, o->to, "--to");
        if (contact.empty()) {
            throw UsageError(fmt::format(
                "to whom? give --to NAME, or agree a contact in the config (escalate.to)"));
        }
        std::string reason = o->reason;
        if (reason.empty()) {
            if (hits.empty()) {
                throw UsageError(fmt::format("no escalation rule applies to case {}; give --reason "
                                             "TEXT if it must be escalated anyway",
                                             c.id));
            }
            std::vector<std::string> details;
            for (const auto& h : hits) {
                const std::string localized =
                    escalation_reason(c, h.rule, h.action, ctx.now, ctx.config, lang);
                details.push_back(localized.empty() ? h.detail : localized);
            }
            reason = spoken_list(details, lang);
        }
        const Timestamp since = hits.empty() ? ctx.now : hits.front().began;
        const auto action = hits.empty() ? std::nullopt : hits.front().action;
        const EscalationDrafts drafts =
            draft_escalation(c, contact, reason, since, action, ctx.config, lang, ctx.now);
        c.add_log(ctx.now, "escalated", fmt::format("to {}: {}", contact, reason));
        c.log.back().extra.insert_or_assign("to", contact);
        // The rules that applied, for `stats` (escalations per rule); none when escalated by hand.
        toml::array rules;
        for (const auto& h : hits) {
            if (std::none_of(rules.begin(), rules.end(), [&](const toml::node& n) {
                    return n.value<std::string>() == std::string(h.rule);
                })) {
                rules.push_back(std::string(h.rule));
            }
        }
        if (!rules.empty()) {
            c.log.back().extra.insert_or_assign("rules", std::move(rules));
        }
        e.save(ctx);
        ctx.out_data(fmt::format("--- to {} ---\n{}", contact, drafts.to_contact.text));
        if (!drafts.person.empty()) {
            ctx.out_data(fmt::format("\n--- to {} ---\n{}", drafts.person, drafts.to_person.text));
        }
        if (!drafts.owner.empty()) {
            ctx.out_data(fmt::format("\n--- to {} ---\n{}", drafts.owner, drafts.to_owner.text));
        }
        return 0;
    };
}

}  // namespace owner
