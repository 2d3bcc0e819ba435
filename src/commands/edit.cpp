#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "domain/error.hpp"
#include "store/codec.hpp"
#include "store/local_state.hpp"

namespace owner {

// The editor works on a private copy, without holding the lock (an edit can take minutes and
// cron must not wait). The case is replaced only if the copy is valid and nobody changed the
// case meanwhile; otherwise the copy is kept, so no typing is lost, and the next edit resumes it.
Runner setup_edit(CLI::App& app) {
    struct Options {
        std::string id;
    };
    auto o = std::make_shared<Options>();
    add_case_argument(app, o->id);
    return [o](Context& ctx) {
        const CaseRef ref = ctx.store.resolve(o->id, true);
        const std::string original = read_file(ref.path).value_or("");
        ctx.store.load(ref);  // refuse to edit what the tool cannot read: fix it by hand instead
        // The copy, and the version it started from, so that a resumed edit cannot silently
        // overwrite a change made since (by a command, another machine or a sync).
        const EditCopy edit = edit_copy_of(ctx.store, ref.id);
        const auto& copy = edit.copy;
        const auto& base = edit.base;
        const auto pending = read_file(copy);
        std::string started_from = original;
        if (pending) {
            const auto base_text = read_file(base);
            if (!base_text) {
                // Without the version the copy started from, nobody can tell whether the case
                // changed since: saving could silently undo that change.
                throw Error(fmt::format(
                    "your unsaved edit of {} in {} has no base copy ({} is missing), so owner "
                    "cannot tell what changed since; compare it with 'owner show {}', merge by "
                    "hand, then delete the copy",
                    ref.id, copy.string(), base.string(), ref.id));
            }
            started_from = *base_text;
            ctx.note(fmt::format("owner: resuming your unsaved edit of {} from {}", ref.id,
                                 copy.string()));
        } else {
            write_file_atomic(base, original);
            write_file_atomic(copy, original);
        }
        int status = 0;
        try {
            status = ctx.edit_file(copy.string());
        } catch (const Error&) {
            if (!pending) {  // no editor could start: leave nothing behind
                discard_edit(edit);
            }
            throw;
        }
        if (status != 0) {
            throw Error(fmt::format(
                "the editor exited with status {}; case {} is unchanged, your copy is {}", status,
                ref.id, copy.string()));
        }
        const std::string edited = read_file(copy).value_or("");
        if (edited == original) {
            discard_edit(edit);
            ctx.note(fmt::format("owner: no changes to {}", ref.id));
            return 0;
        }
        Case c;
        try {
            c = parse_case(edited, copy.string());
            if (c.id != ref.id) {
                throw Error(fmt::format("{}: id: the id cannot change (was '{}', now '{}')",
                                        copy.string(), ref.id, c.id));
            }
        } catch (const Error& e) {
            throw Error(fmt::format(
                "{}; case {} is unchanged, your edit is kept in {} and 'owner edit {}' resumes it",
                e.what(), ref.id, copy.string(), ref.id));
        }
        const auto lock = ctx.store.lock();
        if (read_file(ref.path).value_or("") != started_from) {
            throw Error(
                fmt::format("case {} changed while you were editing; your edit is kept in {} "
                            "(the case now: owner show {}); merge by hand, then delete the copy",
                            ref.id, copy.string(), ref.id));
        }
        // The person's text goes in as typed: their comments and layout stay. Adding or removing
        // `closed` (or changing its year) moves the file where the case now belongs.
        const auto target = ctx.store.path_for(c);
        ctx.store.save_text(c, edited, ref);
        discard_edit(edit);
        if (target != ref.path) {
            ctx.note(fmt::format("owner: saved {}; it is {} now, so it moved to {}", ref.id,
                                 c.is_closed() ? "closed" : "open", target.string()));
        } else {
            ctx.note(fmt::format("owner: saved {}", ref.id));
        }
        return 0;
    };
}

}  // namespace owner
