#pragma once

#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "domain/time.hpp"

namespace owner {

// Where a time of the log's form begins in `text` at or after `from`, and its length (npos and 0:
// none): "YYYY-MM-DDTHH:MM:SS" and "Z" or "+HH:MM", not inside a longer run of digits.
std::pair<std::size_t, std::size_t> find_logged_time(std::string_view text, std::size_t from);

// `text` with each time written in it as the log writes one (2026-12-14T17:00:00+01:00: what
// `deadline`, `plan` and `callback` put in their entries) said by `say` for people, as the views
// say every other time; the rest as it is. JSON keeps the text as it was written.
template <typename Say> std::string times_said(std::string_view text, Say&& say) {
    std::string out;
    std::size_t done = 0;
    for (auto [at, size] = find_logged_time(text, 0); at != std::string_view::npos;
         std::tie(at, size) = find_logged_time(text, at + size)) {
        if (const auto t = parse_rfc3339(text.substr(at, size))) {
            out.append(text.substr(done, at - done));
            out += say(*t);
            done = at + size;
        }
    }
    out.append(text.substr(done));
    return out;
}

}  // namespace owner
