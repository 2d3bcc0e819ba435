#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/case.hpp"

// What text may be stored: valid UTF-8 without control characters (newline only where a text may
// span lines). Pure checks, used for arguments, imported cases and mail.
namespace owner {

// Decodes the code point at s[i] (strict UTF-8: no overlong forms, surrogates or values past
// U+10FFFF) into cp; returns its length in bytes, or 0 when the bytes there are not valid UTF-8.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);
// Appends a code point as UTF-8; a surrogate or out-of-range value becomes U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// The bidi overrides and isolates (U+202A..U+202E, U+2066..U+2069): they reorder the text around
// them ("Invoice \u202Egnp.exe" shows as "Invoice exe.png"). The marks U+200E/U+200F, which
// Hebrew and Arabic text uses, are not among them.
constexpr bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Windows-1252 text as UTF-8 (the bytes 0x80..0x9F as Windows-1252 has them, the five it leaves
// undefined as U+FFFD): what mail programs read text as when it is not valid in its charset.
std::string windows_1252_to_utf8(std::string_view bytes);

// How quote_escaped writes control characters: JSON escapes the C1 controls (U+0080..U+009F) too,
// so that none reaches a terminal raw; the TOML writer keeps them and writes hex in capitals.
struct EscapeRules {
    bool c1_controls = false;
    bool upper_hex = false;
};
// `s` between double quotes in the string syntax JSON and TOML share: '"', '\\', newline, CR
// and tab by backslash, other control characters (C0, DEL) as \uXXXX. Used by json_escape
// (render/json) and toml_quote (store/codec).
std::string quote_escaped(std::string_view s, EscapeRules rules);

// Why `s` cannot be stored, e.g. "invalid UTF-8 at byte 5", "control character U+001B (ESC)
// at byte 0" or "bidi control U+202E (RLO) at byte 8"; nullopt when it is fine. `multiline`
// allows '\n' (and "\r\n") and the bidi controls (a note or a mail's body may quote right-to-left
// text; output shows them escaped), which one-line texts (titles, names) never hold; `tabs` allows
// '\t' (mail read from outside: its subject and body are flattened before they are stored).
std::optional<std::string> text_problem(std::string_view s, bool multiline, bool tabs = false);

// Throws UsageError("WHAT: <problem>; text must be valid UTF-8 without control characters" and,
// on one line, without bidi overrides or isolates).
void require_clean_text(std::string_view s, std::string_view what, bool multiline);

// The first field of a case that holds text owner would refuse at input, as "title: <problem>";
// nullopt when every field is clean. Log texts and the summary may span lines; hand-added keys
// are checked too.
std::optional<std::string> case_text_problem(const Case& c);

}  // namespace owner
