#include <algorithm>
#include <cstdio>
#include <random>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/mail.hpp"
#include "store/files.hpp"
#include "store/local_state.hpp"
#include "store/mail.hpp"

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
    std::string lang;
    std::string contact_name;
    std::optional<std::string> mail;  // --from-mail: a file, or - for standard input
    std::string mail_from_input;      // the mail's bytes, when they came on standard input
};

// Mail in: the bytes of --from-mail FILE or standard input.
std::pair<std::string, std::string> read_mail_input(const Context& ctx, const std::string& file) {
    if (file.empty() || file == "-") {
        return {ctx.read_input(), "standard input"};
    }
    auto content = read_file(file);
    if (!content) {
        throw Error(fmt::format("{}: no such file", file));
    }
    return {std::move(*content), file};
}

// The files a mail came with, by name and size, in a log entry of their own ("attachments"): the
// case records that they exist; the files stay in the mail. `forget` empties its text with the
// rest of the log.
void log_attachments(Case& c, const Timestamp& at, const IncomingMail& m) {
    if (!m.attachments.empty()) {
        c.add_log(at, "attachments",
                  cut_to_bytes(attachments_text(m.attachments), kMaxLogTextBytes));
        c.log.back().sender = m.from.address;
    }
}

// A mail that answers a case's thread adds to that case instead of opening one. Returns the case
// it went to, or nullopt when the mail starts a new case. Called with the store lock held.
// A mail that answers a case but comes from an address the case does not know (its contact or one
// of its `contacts`) never adds to it: `claimed` names the case, and the mail opens one of its own.
std::optional<std::string> thread_onto_open_case(Context& ctx, const IncomingMail& m,
                                                 const Timestamp& at,
                                                 std::optional<std::string>& claimed) {
    LoadedCases loaded = ctx.store.load_open();
    for (const Case& c : loaded.cases) {
        if (already_in(c, m)) {
            ctx.note(fmt::format("owner: this mail is already in case {}; nothing changed", c.id));
            return c.id;
        }
    }
    for (const Case& found : loaded.cases) {
        if (!answers(found, m)) {
            continue;
        }
        if (!from_known_sender(found, m)) {
            claimed = claimed.value_or(found.id);
            continue;
        }
        Case c = found;
        const std::string note = opening_note(m.text);
        c.add_log(
            at, "customer",
            cut_to_bytes(note.empty() ? "answered by mail" : "by mail: " + note, kMaxLogTextBytes));
        c.log.back().sender = m.from.address;
        log_attachments(c, at, m);
        add_mail_id(c, m.message_id);
        ctx.store.save(c, ctx.store.resolve(c.id, false));
        ctx.note(fmt::format(
            "owner: a reply in the thread of case {}: added as the customer's answer", c.id));
        return c.id;
    }
    return std::nullopt;
}

// The closed case a mail answers (the one closed last, when several do), or the one that already
// holds it: a reply after a case was closed. Read only when the mail answers a thread at all.
std::optional<Case> closed_case_answered(Context& ctx, const IncomingMail& m,
                                         std::optional<std::string>& claimed) {
    if (m.references.empty() && subject_tags(m.subject).empty()) {
        return std::nullopt;
    }
    std::optional<Case> found;
    for (Case& c : ctx.store.load_closed().cases) {
        const bool known = from_known_sender(c, m);
        if (answers(c, m) && !known && !already_in(c, m)) {
            claimed = claimed.value_or(c.id);
            continue;
        }
        if ((answers(c, m) || already_in(c, m)) && (!found || *found->closed < *c.closed)) {
            found = std::move(c);
        }
    }
    return found;
}
// Opens the case (or adds the mail to the case it answers).
int run_new(Context& ctx, const std::shared_ptr<NewOptions>& o) {
    Case c;
    c.title = fmt::format("{}", fmt::join(o->title, " "));
    if (char_count(c.title) > kMaxTitleChars) {
        throw UsageError(fmt::format("title: {} characters; a title is at most {}",
                                     char_count(c.title), kMaxTitleChars));
    }

    c.customer = o->customer;
    c.opened = ctx.now;
    if (ctx.config.team) {
        c.owner = ctx.config.name;  // in a store of one person the owner goes without saying
    }
    std::optional<IncomingMail> mail;
    std::optional<std::string_view> said_language;  // the mail's Content-Language
    if (o->mail) {
        const auto [bytes, source] = read_mail_input(ctx, *o->mail);
        if (o->mail->empty() || *o->mail == "-") {
            o->mail_from_input = bytes;
        }
        mail = read_mail(bytes, source);
        if (!mail->charset_note.empty()) {
            ctx.note("owner: " + mail->charset_note);
        }
        mail->from.name = person_name(mail->from.name);
        mail->reply_to.name = person_name(mail->reply_to.name);
        // The person to answer: Reply-To when it names someone else (a web form sends from
        // noreply@), else From. The sender stays in the log and among the case's addresses.
        const MailAddress& customer = mail->reply_to.address.empty() ? mail->from : mail->reply_to;
        if (c.title.empty()) {
            c.title = cut_to_chars(title_from_subject(mail->subject), kMaxTitleChars);
            if (c.title.empty()) {
                c.title = cut_to_chars(fmt::format("Mail from {}", customer.name.empty()
                                                                       ? customer.address
                                                                       : customer.name),
                                       kMaxTitleChars);
            }
        }
        if (c.customer.empty()) {
            c.customer = customer.name.empty() ? customer.address : customer.name;
        }
        if (o->contact.empty()) {
            o->contact = customer.address;
        }
        if (o->contact_name.empty() && !customer.name.empty()) {
            o->contact_name = customer.name;
        }
        // Opened when the mail reached us (the last Received hop), else when it was written.
        // Written with the local offset, like every other time in the file.
        c.opened = local_timestamp(
            std::min(mail->received.value_or(mail->date.value_or(ctx.now)), ctx.now).seconds);
        if (o->note.empty()) {
            o->note = cut_to_bytes(opening_note(mail->text), kMaxLogTextBytes);
        }
        add_mail_id(c, mail->message_id);
        said_language = header_language(mail->content_language);
    }
    if (c.title.empty() || c.customer.empty()) {
        throw UsageError("a case needs a title and a customer (--customer NAME), or --from-mail");
    }
    if (!o->contact.empty()) {
        if (const auto problem = address_length_problem(address_in(o->contact))) {
            throw UsageError(fmt::format("--contact: {}", *problem));
        }
        c.contact = o->contact;
    }
    // The addresses the mail came with that are not the contact are known too: the sender when
    // --contact or Reply-To named another, Reply-To when --contact did.
    if (mail) {
        for (const std::string* a : {&mail->from.address, &mail->reply_to.address}) {
            if (!a->empty() && address_in(o->contact) != *a &&
                std::find(c.contacts.begin(), c.contacts.end(), *a) == c.contacts.end()) {
                c.contacts.push_back(*a);
            }
        }
    }
    if (!o->lang.empty()) {
        c.extra.insert_or_assign("lang", o->lang);
    } else if (said_language && *said_language != ctx.config.language) {
        c.extra.insert_or_assign("lang", std::string(*said_language));
    }
    if (!o->contact_name.empty()) {
        c.extra.insert_or_assign("contact_name", o->contact_name);
    }
    if (!o->ref.empty()) {
        c.ref = o->ref;
    }
    c.tags = o->tags;
    if (!o->deadline.empty()) {
        c.deadline = when_arg(ctx, o->deadline, "--deadline");
        if (*c.deadline < ctx.now) {
            throw UsageError(
                fmt::format("--deadline: {} is already past", human_time(*c.deadline)));
        }
        warn_outside_working_time(ctx, *c.deadline, "--deadline");
    }
    c.priority = *parse_priority(o->priority);
    c.priority_reviewed = to_local(ctx.now.seconds).date;
    c.add_log(c.opened, "opened", o->note);
    if (mail) {
        c.log.back().sender = mail->from.address;
        log_attachments(c, c.opened, *mail);
    }
    settle_sync_before_writing(ctx);  // after the mail is held: a refusal keeps it
    const auto lock = ctx.store.lock();
    std::optional<Case> follows;
    std::optional<std::string> claimed;  // a case the mail answers but whose sender it is not
    if (mail) {
        if (auto id = thread_onto_open_case(ctx, *mail, c.opened, claimed)) {
            ctx.out(*id + "\n");
            return 0;
        }
        follows = closed_case_answered(ctx, *mail, claimed);
        if (follows && already_in(*follows, *mail)) {
            ctx.note(fmt::format("owner: this mail is already in closed case {}; nothing changed",
                                 follows->id));
            ctx.out(follows->id + "\n");
            return 0;
        }
        if (follows) {
            follow_closed_case(c, *follows, !o->customer.empty());
        } else if (claimed) {
            c.add_log(c.opened, "note",
                      fmt::format("this mail answers the thread of case {}, but its sender {} is "
                                  "not that case's contact or one of its addresses",
                                  *claimed, mail->from.address));
        }
    }
    if (mail && !said_language && !c.extra.contains("lang")) {
        // No --lang, no Content-Language, no closed case to follow: the language of the text, when
        // it says enough (a short text keeps the config's).
        if (const auto lang = language_of_text(message_words(mail->text));
            lang && *lang != ctx.config.language) {
            c.extra.insert_or_assign("lang", std::string(*lang));
            ctx.note(fmt::format("owner: the mail is in {}: drafts for this case are in it "
                                 "(--lang to choose another)",
                                 kLanguages[column_of(*lang)].name));
        }
    }
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
    if (claimed && !follows) {
        ctx.warn(fmt::format("the mail answers case {}, but {} is not its contact or one of its "
                             "addresses: opened case {} for it (if it is the customer's: owner "
                             "note {} --contact {})",
                             *claimed, mail->from.address, c.id, *claimed, mail->from.address));
    }
    if (follows) {
        ctx.note(fmt::format(
            "owner: a reply to case {}, closed on {}: opened case {} for it, with the same "
            "customer{} and the mail thread; its first note names {}",
            follows->id, to_local(follows->closed->seconds).date.iso(), c.id,
            c.extra.contains("lang") ? ", language" : "", follows->id));
    }
    if (c.deadline) {
        // "wed 17:00" typed on a Wednesday afternoon is next week: the confirmation says which
        // day.
        const Date today = to_local(ctx.now.seconds).date;
        const LocalTime due = to_local(c.deadline->seconds);
        const std::int64_t days = due.date.serial() - today.serial();
        const std::int64_t weeks =
            (due.date.serial() - due.date.weekday() - (today.serial() - today.weekday())) / 7;
        std::string when = days == 0   ? "today"
                           : days == 1 ? "tomorrow"
                                       : fmt::format("in {} days", days);
        if (days > 1) {
            when += weeks == 0   ? ", this week"
                    : weeks == 1 ? ", next week"
                                 : fmt::format(", in {} weeks", weeks);
        }
        ctx.note(fmt::format("owner: deadline {} {} {} ({})", human_date(due.date), due.date.year,
                             hhmm(due.minute_of_day), when));
    }
    return 0;
}

// A mail read from standard input that could not be taken in is kept, as procmail's `c` flag
// keeps a copy: a mail program that pipes it here has handed it over. The error, still one line,
// says where.
[[noreturn]] void refuse_keeping_mail(const Context& ctx, const NewOptions& o, const Error& e) {
    if (o.mail_from_input.empty()) {
        throw e;
    }
    std::string kept;
    try {
        kept = fmt::format("; the mail is kept in {}",
                           keep_refused_mail(ctx.store, o.mail_from_input, ctx.now).string());
    } catch (const Error& also) {
        kept = fmt::format("; the mail could not be kept either: {}", also.what());
    }
    throw Error(e.what() + kept, e.exit_code());
}
}  // namespace

Runner setup_new(CLI::App& app) {
    auto o = std::make_shared<NewOptions>();
    app.add_option("title", o->title,
                   "what the customer needs, in a few words (with --from-mail: the subject)");
    app.add_option("-c,--customer", o->customer,
                   "the customer's name (with --from-mail: the sender)");
    app.add_option("--contact", o->contact, "how to reach the customer (mail, phone)");
    app.add_option("--ref", o->ref, "your company's own ticket number");
    app.add_option("-d,--deadline", o->deadline, "what you promise the customer (a date or time)");
    app.add_option("-p,--priority", o->priority, "urgent, high, normal or low")
        ->check(CLI::IsMember({"urgent", "high", "normal", "low"}));
    app.add_option("-n,--note", o->note, "the first log line: what the customer asked");
    app.add_option("-t,--tag", o->tags, "a topic, for escalation rules (repeatable)");
    app.add_option("--lang", o->lang,
                   "the customer's language for drafts: " + language_choices() +
                       " (default: the config's)")
        ->check(CLI::IsMember(language_codes()));
    app.add_option("--contact-name", o->contact_name,
                   "the person to address in drafts (\"Dear …\")");
    app.add_option("--from-mail", o->mail,
                   "open the case from a customer's mail: a file, or - (standard input)")
        ->expected(0, 1)
        ->default_str("-");
    return [o](Context& ctx) {
        try {
            return run_new(ctx, o);
        } catch (const Error& e) {
            refuse_keeping_mail(ctx, *o, e);
        }
    };
}

}  // namespace owner
