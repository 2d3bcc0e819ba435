#include <random>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/escalation.hpp"
#include "domain/language.hpp"
#include "domain/mail.hpp"
#include "domain/messages.hpp"
#include "render/text.hpp"
#include "store/mail.hpp"
#include "store/process.hpp"

namespace owner {

namespace {
// --solution says the work is done: refused while an action is open, before anything is printed
// or written, naming the open actions and the ways out.
void require_no_open_action(const Case& c) {
    const std::vector<std::size_t> open = c.open_actions();
    if (open.empty()) {
        return;
    }
    std::string names;
    for (const std::size_t i : open) {
        names += fmt::format("{}'{}'", names.empty() ? "" : ", ", c.actions[i].what);
    }
    throw Error(fmt::format(
        "--solution: case {} still has {} open action{} ({}): mark {} done (owner done {}) or "
        "remove {} (owner plan {} ACTION --remove) first",
        c.id, open.size(), open.size() == 1 ? "" : "s", names, open.size() == 1 ? "it" : "them",
        c.id, open.size() == 1 ? "it" : "them", c.id));
}

// Records that the customer heard from the owner: the log line and the timestamp `today` uses;
// a mailed update joins the case's mail thread, so that the customer's reply finds the case.
// With `solution`, the update gave the solution: the case awaits the customer's acceptance.
void mark_told(const Context& ctx, CaseUnderEdit& e, const std::string& note,
               const std::string& message_id, bool solution) {
    e.c.last_update_to_customer = ctx.now;
    e.c.add_log(ctx.now, "told",
                note.empty() ? (solution ? "solution given" : "customer updated") : note);
    if (solution) {
        e.c.log.back().extra.insert_or_assign("solution", true);
    }
    add_mail_id(e.c, message_id);
    e.save(ctx);
    if (solution) {
        // The ask for the yes is reminded to the case's owner, whoever sent the solution.
        ctx.note(fmt::format(
            "owner: case {} awaits {}'s acceptance: no deadline signals meanwhile; {} reminded "
            "to ask for their yes on {} (owner close {} --accepted when it comes)",
            e.c.id, e.c.customer,
            ctx.config.owns(e.c)
                ? std::string("you are")
                : fmt::format("{}, the case's owner, is", ctx.config.owner_of(e.c)),
            human_time(acceptance_ask_from(ctx.now, ctx.config)), e.c.id));
    }
}

void record_told(const Context& ctx, const std::string& id, const std::string& note,
                 const std::string& message_id = "", bool solution = false) {
    CaseUnderEdit e = checkout(ctx, id);
    if (solution) {
        require_no_open_action(e.c);
    }
    mark_told(ctx, e, note, message_id, solution);
}

// The customer draft as a mail: From the owner (config `name`, `email`), To the case's contact
// when that is an address, in the case's mail thread.
// `sending`: the mail goes out at once, so a missing To is an error, not a note.
OutgoingMail mail_for(const Context& ctx, const Case& c, const std::string& body,
                      bool sending = false) {
    const char* option = sending ? "--send" : "--mail";
    if (ctx.config.email.empty()) {
        throw Error(fmt::format("draft {} needs your own address for From: set email = "
                                "\"you@example.com\" in the config",
                                option));
    }
    std::random_device rd;
    OutgoingMail m = customer_mail(c, {ctx.config.name, ctx.config.email}, ctx.now, rd(), body);
    if (m.to.address.empty() && sending) {
        throw Error(fmt::format(
            "draft --send: case {} has no mail address to send to ({}); add one with owner "
            "edit {}, or use --mail and address it yourself; nothing sent",
            c.id,
            c.contact ? fmt::format("its contact is '{}'", visible(*c.contact)) : "no contact",
            c.id));
    }
    if (m.to.address.empty()) {
        ctx.note(c.contact ? fmt::format("owner: the contact of case {} ('{}') is not a mail "
                                         "address: the mail has no To",
                                         c.id, *c.contact)
                           : fmt::format("owner: case {} has no contact: the mail has no To (owner "
                                         "edit {} to add one)",
                                         c.id, c.id));
    } else if (const auto problem = address_length_problem(m.to.address)) {
        throw Error(fmt::format("case {}: contact: {}", c.id, *problem));
    }
    return m;
}

// Gives the mail to the user's send command on its input. Only its success counts as sent: a
// send command that fails (msmtp exits 75 when the server is away) leaves the case untold.
void send_mail(const Context& ctx, const std::vector<std::string>& command, const std::string& mail,
               const std::string& to) {
    ProcessOptions options;
    options.input = mail;
    options.timeout_s = 120;
    const ProcessResult r = run_process(command, options);
    if (r.status != 0 || r.timed_out) {
        const std::string& all = r.err.empty() ? r.out : r.err;
        const std::string said = all.substr(0, all.find('\n'));
        throw Error(fmt::format("draft --send: '{}' {}{}; nothing recorded, the case is as it was",
                                ctx.config.mail_send,
                                r.timed_out ? "ran over 120 s and was stopped"
                                            : fmt::format("failed (exit {})", r.status),
                                said.empty() ? "" : ": " + visible(said)));
    }
    ctx.note(fmt::format("owner: mailed to {} with {}", to, ctx.config.mail_send));
}

}  // namespace

Runner setup_draft(CLI::App& app) {
    struct Options {
        std::string id;
        std::string to;
        std::string lang;
        std::string templ;
        bool thanks = false;
        bool sent = false;
        bool solution = false;
        bool mail = false;
        bool send = false;
        std::string say;
        std::string ask;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("--to", o->to, "customer (default) or a colleague's name");
    app.add_option("--lang", o->lang,
                   language_choices() + " (default: the case's language, else the config's)")
        ->check(CLI::IsMember(language_codes()));
    app.add_option("--template", o->templ,
                   "use another template: customer, colleague (with --to NAME), thanks")
        ->check(CLI::IsMember({"customer", "colleague", "thanks"}));
    app.add_flag("--thanks", o->thanks, "thank the colleagues who helped (after closing)");
    auto* sent = app.add_flag("--sent", o->sent,
                              "record that this update went to the customer (for a mail sent "
                              "by hand; --send records only what was sent)");
    app.add_flag("--solution", o->solution,
                 "the solution to the customer (no action open); with --sent the case then "
                 "awaits their acceptance");
    app.add_flag(
        "--mail", o->mail,
        "print the customer draft as a mail (RFC 5322) for sendmail -t, msmtp -t or mutt -H");
    app.add_flag("--send", o->send,
                 "mail the customer draft with the config's [mail] send command (such as msmtp "
                 "-t) and record the update only when that command succeeds")
        ->excludes(sent);
    app.add_option("--say", o->say,
                   "a paragraph of your own in the customer draft (an apology, some context)");
    app.add_option("--ask", o->ask,
                   "what the customer must send, said in the customer draft (default: a waiting "
                   "case's wait note)");
    return [o](Context& ctx) {
        for (const auto* text : {&o->say, &o->ask}) {
            if (!text->empty() && text->find_first_not_of(" \t") == std::string::npos) {
                throw UsageError(
                    fmt::format("--{}: give the words", text == &o->say ? "say" : "ask"));
            }
        }
        const bool to_named = !o->to.empty() && o->to != "customer";
        if (o->templ == "colleague" && !to_named) {
            throw UsageError("--template colleague writes to a colleague: say who with --to NAME");
        }
        if (o->templ == "customer" && to_named) {
            throw UsageError(fmt::format(
                "--template customer writes to the customer, but --to names '{}'; drop --to, "
                "or use --template colleague --to {}",
                o->to, o->to));
        }
        const CaseRef ref = ctx.store.resolve(o->id, true);
        const Case c = ctx.store.load(ref);
        const std::string lang = message_language(c, ctx.config, o->lang);
        const bool thanks = o->thanks || o->templ == "thanks";
        const bool to_customer = !thanks && !to_named;
        if (o->sent && !to_customer) {
            throw UsageError(
                "--sent records an update to the customer; this draft is not for the customer");
        }
        if (o->solution && !to_customer) {
            throw UsageError("--solution writes the solution to the customer; this draft is not "
                             "for the customer");
        }
        if (o->solution) {
            require_no_open_action(c);
        }
        if ((!o->say.empty() || !o->ask.empty()) && !to_customer) {
            throw UsageError(
                "--say and --ask add to the customer draft; this draft is not for the customer");
        }
        if ((o->mail || o->send) && !to_customer) {
            throw UsageError(fmt::format("--{} writes the customer draft as a mail; this draft "
                                         "is not for the customer",
                                         o->send ? "send" : "mail"));
        }
        std::vector<std::string> send_command;
        if (o->send) {
            if (ctx.config.mail_send.empty()) {
                throw Error(fmt::format(
                    "draft --send needs the command that sends your mail: add [mail] send = "
                    "\"msmtp -t\" (or \"/usr/sbin/sendmail -t\") to {} (owner(5))",
                    ctx.settings.config_path.string()));
            }
            send_command = split_command(ctx.config.mail_send);
        }
        Draft d = thanks        ? draft_thanks(c, ctx.config, lang)
                  : o->solution ? draft_solution(c, ctx.config, lang, {ctx.now, o->say, o->ask})
                  : to_customer
                      ? draft_to_customer(c, ctx.config, lang, {ctx.now, o->say, o->ask})
                      : draft_to_colleague(c, who_arg(ctx, o->to, "--to"), ctx.config, lang);
        if (!d.refusal.empty()) {
            throw Error(d.refusal);
        }
        for (const auto& w : d.warnings) {
            ctx.warn(w);
        }
        for (const auto& n : d.notes) {
            ctx.note("owner: " + n);
        }
        std::string message_id;
        if (o->send) {
            const OutgoingMail m = mail_for(ctx, c, d.text, true);
            // The store is locked before the mail goes: once it is sent, the record must follow
            // (a lock we could not get afterwards would leave a sent mail unrecorded, and "try
            // again" would send it twice).
            CaseUnderEdit e = checkout(ctx, ref.id);
            if (o->solution) {
                require_no_open_action(e.c);
            }
            send_mail(ctx, send_command, write_mail(m), m.to.address);
            mark_told(ctx, e, fmt::format("update mailed to {}", m.to.address), m.message_id,
                      o->solution);
            return 0;
        }
        if (o->mail) {
            const OutgoingMail m = mail_for(ctx, c, d.text);
            message_id = m.message_id;
            ctx.out_bytes(write_mail(m));
        } else {
            ctx.out_data(d.text);  // what goes to the customer: as written, whatever the locale
        }
        if (o->sent) {
            record_told(ctx, ref.id,
                        o->mail ? "update mailed (owner draft --mail)"
                                : "update sent (owner draft)",
                        message_id, o->solution);
        }
        return 0;
    };
}

Runner setup_told(CLI::App& app) {
    struct Options {
        std::string id;
        std::vector<std::string> note;
        bool solution = false;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    app.add_option("note", o->note, "what you told them, in a few words");
    app.add_flag("--solution", o->solution,
                 "you gave them the solution: the case awaits their acceptance");
    return [o](Context& ctx) {
        record_told(ctx, o->id, fmt::format("{}", fmt::join(o->note, " ")), "", o->solution);
        return 0;
    };
}

}  // namespace owner
