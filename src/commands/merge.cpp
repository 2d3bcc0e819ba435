#include "commands/merge.hpp"

#include <fmt/format.h>

#include "domain/error.hpp"
#include "domain/merge.hpp"
#include "domain/when.hpp"
#include "store/codec.hpp"
#include "store/config_file.hpp"
#include "store/files.hpp"
#include "store/git.hpp"
#include "store/io.hpp"
#include "store/process.hpp"
#include "store/settings.hpp"

namespace owner {

int run_merge_driver(const std::vector<std::string>& args, const Settings& settings, Timestamp now,
                     Io& io) {
    if (args.size() < 4) {
        write_all(io.err, "owner: error: usage: owner __merge BASE OURS THEIRS PATH\n");
        return exit_usage;
    }
    const std::string& path = args[3];
    try {
        const std::string& prefer_text = settings.merge_prefer;
        const Prefer prefer = prefer_text == "ours"     ? Prefer::ours
                              : prefer_text == "theirs" ? Prefer::theirs
                                                        : Prefer::none;
        if (auto t = parse_rfc3339(settings.now)) {
            now = *t;
        }
        if (path == kTeamFileName) {
            // The roster is not a case: merged line by line as git would, and kept only when
            // the result is a roster; else ours stays, without conflict markers.
            const ProcessResult r =
                run_process({"git", "merge-file", "-p", args[1], args[0], args[2]});
            if (r.status != 0) {
                write_all(io.err, "owner-conflict: team.toml: both sides changed the same lines "
                                  "of the roster; 'owner team edit' after the sync\n");
                return 1;
            }
            (void)parse_team(r.out, path);
            write_file_atomic(args[1], r.out);
            return 0;
        }
        const std::string base = read_file(args[0]).value_or("");
        const std::string ours = read_file(args[1]).value_or("");
        const std::string theirs = read_file(args[2]).value_or("");
        // During `owner sync` git rebases the local commits onto the remote: there %A is the
        // remote side and %B the local commit. People mean "here" by ours, so swap them.
        const bool rebasing = settings.merge_rebasing;
        const CaseMergeOutcome r = rebasing
                                       ? merge_case_texts(base, theirs, ours, path, prefer, now)
                                       : merge_case_texts(base, ours, theirs, path, prefer, now);
        if (!r.merged) {
            for (const auto& f : r.conflicts) {
                write_all(io.err,
                          fmt::format("owner-conflict: case {}: both sides changed {} (here: {}, "
                                      "there: {})\n",
                                      r.id, f.field, f.ours, f.theirs));
            }
            return 1;  // ours stays in place, without conflict markers
        }
        write_file_atomic(args[1], *r.merged);
        return 0;
    } catch (const Error& e) {
        write_all(io.err, fmt::format("owner-conflict: {}: cannot merge: {}\n", path, e.what()));
        return 1;
    }
}

}  // namespace owner
