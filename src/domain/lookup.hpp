#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"

// Finding a case or a person the way someone remembers it: by the customer's reference or a part
// of their name, without minding case, accents or punctuation.
namespace owner {

// Text folded for comparison (by utf8proc: NFKD, case folding, marks stripped): lowercase, accents
// removed however they are written (é, or e and U+0301 → e; ß → ss; ø → o), every run of anything
// that is not a letter or digit turned into one space, trimmed. "M. Jánsen" → "m jansen".
std::string fold_text(std::string_view s);

// Cases (indexes into `cases`) whose reference or customer matches what a person typed. An exact
// match (the whole reference, the whole name) wins over partial ones, as an exact id wins over a
// prefix; a partial match is a part of the name or reference of at least 3 letters or digits, or a
// whole word of it. Sorted by id.
std::vector<std::size_t> match_case_text(std::string_view typed, const std::vector<Case>& cases);

// Edit distance between two strings, bytewise: insertions, deletions, substitutions and swaps of
// two neighbouring characters.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `typed` after folding, for a "did you mean"; empty when none is close
// (more than a third of the letters wrong). Each candidate's words are also tried on their own.
std::string nearest_text(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace owner
