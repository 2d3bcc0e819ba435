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

namespace {

// git merge-file of the roster's three texts, the lines both sides changed taken from one side
// when `take` is "--ours" or "--theirs" (merge-file's sides: %A is its ours).
ProcessResult merge_file(const std::vector<std::string>& args, const std::string& take) {
    std::vector<std::string> argv{"git", "merge-file", "-p"};
    if (!take.empty()) {
        argv.push_back(take);
    }
    argv.insert(argv.end(), {args[1], args[0], args[2]});
    return run_process(argv);
}

// Whether `text` is a roster, and if not, why.
std::optional<std::string> roster_problem(const std::string& text, const std::string& path) {
    try {
        (void)parse_team(text, path);
    } catch (const Error& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

// The roster is not a case: merged line by line as git would, and kept only when the result is a
// roster (checked as 'owner team edit' checks it); else ours stays, without conflict markers.
// With a preference (owner sync --prefer), the lines both sides changed come from that side, as
// git merge-file --ours/--theirs takes them, and "owner-settled:" tells the sync to say so.
int merge_roster(const std::vector<std::string>& args, Prefer prefer, bool rebasing, Io& io) {
    const std::string& path = args[3];
    const ProcessResult plain = merge_file(args, "");
    if (plain.status < 0 || plain.status > 127) {
        write_all(io.err,
                  fmt::format("owner-conflict: {}: cannot merge: git merge-file failed: {}\n", path,
                              plain.err));
        return 1;
    }
    if (plain.status == 0) {
        if (const auto problem = roster_problem(plain.out, path)) {
            write_all(io.err, fmt::format("owner-conflict: {}: cannot merge: the merged roster "
                                          "does not read: {}\n",
                                          path, *problem));
            return 1;
        }
        write_file_atomic(args[1], plain.out);
        return 0;
    }
    if (prefer == Prefer::none) {
        write_all(io.err, fmt::format("owner-conflict: {}: both sides changed the same lines of "
                                      "the roster\n",
                                      path));
        return 1;
    }
    // During `owner sync` git rebases the local commits onto the remote: there %A is the remote's
    // side, so this store's lines ("ours" to people) are merge-file's --theirs.
    const auto take = [&](Prefer side) {
        return (side == Prefer::ours) != rebasing ? "--ours" : "--theirs";
    };
    const Prefer other = prefer == Prefer::ours ? Prefer::theirs : Prefer::ours;
    const auto word = [](Prefer side) { return side == Prefer::ours ? "ours" : "theirs"; };
    const ProcessResult settled = merge_file(args, take(prefer));
    if (settled.status != 0) {
        write_all(io.err, fmt::format("owner-conflict: {}: cannot merge: git merge-file {} failed: "
                                      "{}\n",
                                      path, take(prefer), settled.err));
        return 1;
    }
    if (const auto problem = roster_problem(settled.out, path)) {
        const ProcessResult alternative = merge_file(args, take(other));
        const bool other_reads =
            alternative.status == 0 && !roster_problem(alternative.out, path).has_value();
        write_all(io.err,
                  fmt::format("owner-conflict: {}: cannot merge: with --prefer {} the merged "
                              "roster does not read ({}); {}\n",
                              path, word(prefer), *problem,
                              other_reads
                                  ? fmt::format("'owner sync --prefer {}' gives one that reads",
                                                word(other))
                                  : std::string("neither side's lines give one that reads: "
                                                "ask who changed it there to put it right")));
        return 1;
    }
    write_file_atomic(args[1], settled.out);
    write_all(io.err, fmt::format("owner-settled: {}: sync kept {} lines where both sides changed "
                                  "the roster\n",
                                  path, prefer == Prefer::ours ? "our" : "their"));
    return 0;
}

}  // namespace

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
            return merge_roster(args, prefer, settings.merge_rebasing, io);
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
