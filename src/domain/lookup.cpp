#include "domain/lookup.hpp"

#include <algorithm>
#include <numeric>

namespace owner {

namespace {

// U+00C0..U+00FF and U+0100..U+017F without their accents; '*' marks a letter spelled with two,
// ' ' a symbol (× and ÷).
constexpr std::string_view kLatin1 = "aaaaaa*ceeeeiiiidnooooo ouuuuy**"   // U+00C0..U+00DF
                                     "aaaaaa*ceeeeiiiidnooooo ouuuuy*y";  // U+00E0..U+00FF
constexpr std::string_view kLatinA = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**"
                                     "jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrssssssss"
                                     "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";  // U+0100..U+017F

std::string_view two_letters(char32_t cp) {
    switch (cp) {
    case 0xC6:
    case 0xE6:
        return "ae";
    case 0xDE:
    case 0xFE:
        return "th";
    case 0xDF:
        return "ss";
    case 0x132:
    case 0x133:
        return "ij";
    case 0x152:
    case 0x153:
        return "oe";
    default:
        return "";
    }
}

bool is_word(std::string_view folded, std::size_t pos, std::size_t len) {
    return (pos == 0 || folded[pos - 1] == ' ') &&
           (pos + len == folded.size() || folded[pos + len] == ' ');
}

// Every way `typed` (folded) can be a partial match of `field` (folded).
bool partial(std::string_view typed, std::string_view field) {
    if (typed.empty()) {
        return false;
    }
    const std::size_t letters = static_cast<std::size_t>(
        std::count_if(typed.begin(), typed.end(), [](char c) { return c != ' '; }));
    for (std::size_t pos = field.find(typed); pos != std::string_view::npos;
         pos = field.find(typed, pos + 1)) {
        if (letters >= 3 || is_word(field, pos, typed.size())) {
            return true;
        }
    }
    return false;
}

std::string without_spaces(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    return s;
}

}  // namespace

std::string fold_text(std::string_view s) {
    std::string out;
    bool gap = false;
    auto put = [&](std::string_view letters) {
        if (gap && !out.empty()) {
            out += ' ';
        }
        gap = false;
        out += letters;
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                put(std::string_view(&s[i], 1));
            } else if (c >= 'A' && c <= 'Z') {
                const char lower = static_cast<char>(c - 'A' + 'a');
                put(std::string_view(&lower, 1));
            } else {
                gap = true;
            }
            ++i;
            continue;
        }
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        for (std::size_t k = 1; k < len; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                len = 1;  // broken UTF-8: this byte alone, kept as it is
                break;
            }
        }
        char32_t cp = 0;
        if (len == 2) {
            cp = (static_cast<char32_t>(c & 0x1F) << 6) |
                 (static_cast<unsigned char>(s[i + 1]) & 0x3F);
        } else if (len == 3) {
            cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                 ((static_cast<char32_t>(s[i + 1]) & 0x3F) << 6) |
                 (static_cast<unsigned char>(s[i + 2]) & 0x3F);
        }
        if (!two_letters(cp).empty()) {
            put(two_letters(cp));
        } else if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != ' ') {
            put(kLatin1.substr(cp - 0xC0, 1));
        } else if (cp >= 0x100 && cp <= 0x17F) {
            put(kLatinA.substr(cp - 0x100, 1));
        } else if ((cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xD7 ||
                   cp == 0xF7) {
            gap = true;  // Latin-1 symbols, the no-break space, dashes and quotes
        } else {
            put(s.substr(i, len));  // any other script: kept as written
        }
        i += len;
    }
    return out;
}

std::vector<std::size_t> match_case_text(std::string_view typed, const std::vector<Case>& cases) {
    const std::string t = fold_text(typed);
    std::vector<std::size_t> exact, part;
    if (t.empty()) {
        return exact;
    }
    const std::string compact = without_spaces(t);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        const std::string name = fold_text(c.customer);
        const std::string ref = c.ref ? fold_text(*c.ref) : std::string();
        // A reference is matched without its punctuation too: inc40211 is INC-40211.
        if (name == t || (!ref.empty() && (ref == t || without_spaces(ref) == compact))) {
            exact.push_back(i);
        } else if (partial(t, name) || partial(t, ref) ||
                   (compact.size() >= 3 &&
                    without_spaces(ref).find(compact) != std::string::npos)) {
            part.push_back(i);
        }
    }
    std::vector<std::size_t>& best = exact.empty() ? part : exact;
    std::sort(best.begin(), best.end(),
              [&](std::size_t a, std::size_t b) { return cases[a].id < cases[b].id; });
    return best;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: a swap of two neighbours ("Bne" for "Ben") is one edit.
    std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
    std::iota(prev.begin(), prev.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min(
                {prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                row[j] = std::min(row[j], before[j - 2] + 1);
            }
        }
        before.swap(prev);
        prev.swap(row);
    }
    return prev[b.size()];
}

std::string nearest_text(std::string_view typed, const std::vector<std::string>& candidates) {
    const std::string t = fold_text(typed);
    if (t.empty()) {
        return "";
    }
    std::string best;
    std::size_t best_distance = t.size() / 3 + 1;  // at most a third of the letters wrong
    for (const std::string& candidate : candidates) {
        const std::string folded = fold_text(candidate);
        std::vector<std::string_view> forms{folded};
        for (std::size_t start = 0; start < folded.size();) {
            const std::size_t end = std::min(folded.find(' ', start), folded.size());
            forms.push_back(std::string_view(folded).substr(start, end - start));
            start = end + 1;
        }
        for (std::string_view form : forms) {
            const std::size_t d = edit_distance(t, form);
            if (d < best_distance) {
                best_distance = d;
                best = candidate;
            }
        }
    }
    return best;
}

}  // namespace owner
