// libFuzzer target: the git merge driver. Three versions of a case file (base, ours, theirs,
// separated by a line "---8<---") either merge into a file that parses and writes back stably,
// or are refused cleanly (conflicting fields, or owner::Error for a side that does not parse).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/time.hpp"
#include "store/codec.hpp"
#include "store/git.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view sep = "---8<---\n";
    const auto a = text.find(sep);
    if (a == std::string_view::npos) {
        return 0;
    }
    const auto b = text.find(sep, a + sep.size());
    if (b == std::string_view::npos) {
        return 0;
    }
    const std::string base(text.substr(0, a));
    const std::string ours(text.substr(a + sep.size(), b - a - sep.size()));
    const std::string theirs(text.substr(b + sep.size()));
    const auto prefer = static_cast<owner::Prefer>(size % 3);
    const auto now = owner::parse_rfc3339("2026-11-26T10:00:00+01:00");
    try {
        const auto r = owner::merge_case_texts(base, ours, theirs, "fuzz.toml", prefer, *now);
        if (r.merged) {
            if (!r.conflicts.empty()) {
                std::abort();  // a result is clean
            }
            const std::string again =
                owner::write_case(owner::parse_case(*r.merged, "merged.toml"));
            if (again != *r.merged) {
                std::abort();  // the merged file must parse and write back unchanged
            }
        } else if (r.conflicts.empty()) {
            std::abort();  // a refusal names the conflicting fields
        }
    } catch (const owner::Error&) {
    }
    return 0;
}
