#include "domain/mail.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "domain/catalogue.hpp"
#include "domain/language.hpp"
#include "domain/lookup.hpp"
#include "domain/messages.hpp"
#include "domain/text.hpp"

namespace owner {

namespace {

constexpr std::string_view kMailIdsKey = "mail_ids";

bool is_space(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) {
        if (ch >= 'A' && ch <= 'Z') {
            ch = static_cast<char>(ch - 'A' + 'a');
        }
    }
    return out;
}

// A line that only introduces quoted text: "On Tue, … wrote:", "Op di 24 nov … schreef …:".
bool is_quote_intro(std::string_view line) {
    const std::string l = lower(trim(line));
    if (l.empty() || l.back() != ':') {
        return false;
    }
    return (l.starts_with("on ") && l.find(" wrote") != std::string::npos) ||
           (l.starts_with("op ") && l.find(" schreef") != std::string::npos) ||
           (l.starts_with("am ") && l.find(" schrieb") != std::string::npos) ||
           l.starts_with("-----original message") || l.starts_with("-----oorspronkelijk bericht");
}

// The phrases of a catalogue entry in every language ("kind regards|thanks|…"), folded.
std::vector<std::string> phrases_of(Text key) {
    std::vector<std::string> out;
    for (std::size_t column = 0; column < kLanguageCount; ++column) {
        const std::string_view all = catalogue_text(key, column);
        for (std::size_t start = 0; start <= all.size();) {
            const std::size_t bar = std::min(all.find('|', start), all.size());
            if (std::string folded = fold_text(all.substr(start, bar - start)); !folded.empty()) {
                out.push_back(std::move(folded));
            }
            start = bar + 1;
        }
    }
    return out;
}

bool is_phrase(const std::vector<std::string>& phrases, std::string_view folded) {
    return std::find(phrases.begin(), phrases.end(), folded) != phrases.end();
}

// Words that read as a name: one to three of them, each starting with a capital (or a letter
// outside ASCII) but for short words of three letters at most, as names have ("Anna van Dijk",
// "M. Jansen"), and no question or exclamation in them. "that would help" is a sentence.
bool is_name_words(std::string_view s) {
    s = trim(s);
    if (s.empty() || s.size() > 60 || s.find_first_of("?!:;,") != std::string_view::npos) {
        return false;
    }
    std::size_t words = 0;
    bool capital = false;
    for (std::size_t start = 0; start < s.size();) {
        const std::size_t space = std::min(s.find(' ', start), s.size());
        const std::string_view word = s.substr(start, space - start);
        start = space + 1;
        if (word.empty()) {
            continue;
        }
        ++words;
        const auto first = static_cast<unsigned char>(word.front());
        if (std::isupper(first) || first >= 0x80) {
            capital = true;
        } else if (word.size() > 3) {
            return false;
        }
    }
    return words <= 3 && capital;
}

// A line that ends the customer's own words: a closing such as "Kind regards," or "Groetjes,
// Anna", in any language of the catalogue. The lines after it are the name and the signature.
bool is_closing(std::string_view line, const std::vector<std::string>& closings) {
    line = trim(line);
    if (line.empty() || line.size() > 80) {
        return false;
    }
    if (is_phrase(closings, fold_text(line))) {
        return true;
    }
    const std::size_t comma = line.find(',');
    return comma != std::string_view::npos &&
           is_phrase(closings, fold_text(line.substr(0, comma))) &&
           is_name_words(line.substr(comma + 1));
}

// A salutation line ("Dear support,", "Goedemiddag,", "Hallo Frau Schulz,"): not part of what the
// customer asks. A greeting of the catalogue, alone or with whom it greets and a comma (or "!",
// ":"); or any single word with a comma, as "Bonjour," in a language the catalogue lacks.
bool is_salutation(std::string_view line, const std::vector<std::string>& salutations) {
    const std::string_view t = trim(line);
    if (t.empty() || t.size() > 60) {
        return false;
    }
    const bool ends_greeting = t.back() == ',' || t.back() == '!' || t.back() == ':';
    const std::string folded = fold_text(t);
    // A greeting the lists lack ("Bonjour,"): one word of five letters or more before a comma.
    // Shorter ones and "!" or ":" are words of the message ("No,", "Help!", "Urgent:").
    if (t.back() == ',' && folded.find(' ') == std::string::npos && folded.size() >= 5) {
        return true;
    }
    // A greeting, then at most three words of a name: "Hi Anna de Vries,"; a longer line that
    // starts with one is the message ("Hi, these are the orders that failed:").
    const auto words = static_cast<std::size_t>(std::count(folded.begin(), folded.end(), ' '));
    return std::any_of(salutations.begin(), salutations.end(), [&](const std::string& s) {
        return folded == s ||
               (ends_greeting && folded.starts_with(s + " ") &&
                words <= static_cast<std::size_t>(std::count(s.begin(), s.end(), ' ')) + 3);
    });
}

}  // namespace

std::string_view own_words(std::string_view body) {
    std::size_t start = 0;
    while (start < body.size()) {
        auto nl = body.find('\n', start);
        if (nl == std::string_view::npos) {
            nl = body.size();
        }
        std::string_view line = body.substr(start, nl - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line == "-- " || line == "--" || is_quote_intro(line)) {
            return body.substr(0, start);
        }
        start = nl + 1;
    }
    return body;
}

std::string_view message_words(std::string_view body) {
    const std::string_view own = own_words(body);
    const std::vector<std::string> closings = phrases_of(Text::mail_closings);
    bool kept = false;
    for (std::size_t start = 0; start < own.size();) {
        std::size_t nl = own.find('\n', start);
        if (nl == std::string_view::npos) {
            nl = own.size();
        }
        std::string_view line = own.substr(start, nl - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (kept && is_closing(line, closings)) {
            return own.substr(0, start);
        }
        kept = kept || !trim(line).empty();
        start = nl + 1;
    }
    return own;
}

std::optional<std::string_view> language_of_text(std::string_view text) {
    // The first words are enough, and keep a long mail's cost bounded.
    constexpr std::size_t kMaxBytes = 8000;
    std::size_t end = std::min(text.size(), kMaxBytes);
    while (end < text.size() && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    std::string words;
    for (std::size_t start = 0; start < end;) {
        auto nl = std::min(text.find('\n', start), end);
        const std::string_view line = trim(text.substr(start, nl - start));
        if (!line.starts_with('>')) {
            words += fold_text(line);
            words += ' ';
        }
        start = nl + 1;
    }
    std::array<std::vector<std::string_view>, kLanguageCount> stop;
    std::array<std::string, kLanguageCount> folded;
    for (std::size_t l = 0; l < kLanguageCount; ++l) {
        folded[l] = fold_text(catalogue_text(Text::mail_stop_words, l));
        for (std::size_t s = 0; s < folded[l].size();) {
            const std::size_t space = std::min(folded[l].find(' ', s), folded[l].size());
            stop[l].push_back(std::string_view(folded[l]).substr(s, space - s));
            s = space + 1;
        }
        std::sort(stop[l].begin(), stop[l].end());
    }
    std::array<std::size_t, kLanguageCount> hits{};
    for (std::size_t s = 0; s < words.size();) {
        const std::size_t space = std::min(words.find(' ', s), words.size());
        const std::string_view word = std::string_view(words).substr(s, space - s);
        for (std::size_t l = 0; l < kLanguageCount && !word.empty(); ++l) {
            hits[l] += std::binary_search(stop[l].begin(), stop[l].end(), word) ? 1 : 0;
        }
        s = space + 1;
    }
    std::size_t best = 0;
    for (std::size_t l = 1; l < kLanguageCount; ++l) {
        best = hits[l] > hits[best] ? l : best;
    }
    std::size_t second = 0;
    for (std::size_t l = 0; l < kLanguageCount; ++l) {
        second = l != best ? std::max(second, hits[l]) : second;
    }
    if (hits[best] < kMinLanguageWords || hits[best] < 2 * second) {
        return std::nullopt;
    }
    return kLanguages[best].code;
}

std::optional<std::string_view> header_language(std::string_view header) {
    for (std::size_t start = 0; start < header.size();) {
        const std::size_t comma = std::min(header.find(',', start), header.size());
        const std::string tag = lower(trim(header.substr(start, comma - start)));
        const std::string primary = tag.substr(0, tag.find('-'));
        for (const Language& l : kLanguages) {
            if (l.code == primary) {
                return l.code;
            }
        }
        start = comma + 1;
    }
    return std::nullopt;
}

std::optional<std::string_view> language_of(const IncomingMail& mail) {
    if (const auto said = header_language(mail.content_language)) {
        return said;
    }
    return language_of_text(message_words(mail.text));
}

std::string size_text(std::uint64_t bytes) {
    if (bytes < 1000) {
        return fmt::format("{} {}", bytes, bytes == 1 ? "byte" : "bytes");
    }
    if (bytes < 999500) {
        return fmt::format("{} kB", (bytes + 500) / 1000);
    }
    if (bytes < 9950000) {
        return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
    }
    return fmt::format("{} MB", (bytes + 500000) / 1000000);
}

std::string attachments_text(const std::vector<MailAttachment>& attachments) {
    std::string out;
    for (const MailAttachment& a : attachments) {
        out += out.empty() ? "" : ", ";
        out += fmt::format("{} ({})", a.name, size_text(a.size));
    }
    return out;
}

std::string html_to_text(std::string_view html) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kEntities = {{
        {"amp", "&"},
        {"lt", "<"},
        {"gt", ">"},
        {"quot", "\""},
        {"apos", "'"},
        {"nbsp", " "},
        {"euro", "\u20AC"},
        {"eacute", "\u00E9"},
        {"euml", "\u00EB"},
        {"iuml", "\u00EF"},
        {"ouml", "\u00F6"},
        {"uuml", "\u00FC"},
    }};
    static constexpr std::string_view kBlocks[] = {
        "p",  "/p",  "br",  "br/", "div",        "/div",        "li", "tr",  "/tr", "h1", "h2",
        "h3", "/h1", "/h2", "/h3", "blockquote", "/blockquote", "ul", "/ul", "ol",  "/ol"};
    std::string out;
    std::size_t i = 0;
    while (i < html.size()) {
        const char ch = html[i];
        if (ch == '<') {
            const auto end = html.find('>', i);
            if (end == std::string_view::npos) {
                break;
            }
            std::string_view tag = html.substr(i + 1, end - i - 1);
            std::string name =
                lower(tag.substr(0, std::min(tag.find_first_of(" \t\r\n"), tag.size())));
            if (name == "style" || name == "script" || name == "head") {
                // Skip everything up to the closing tag: it is not text a person wrote.
                const auto close = lower(html.substr(end)).find("</" + name);
                i = close == std::string::npos ? html.size() : end + close;
                const auto gt = html.find('>', i);
                i = gt == std::string_view::npos ? html.size() : gt + 1;
                continue;
            }
            if (std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks)) {
                out += '\n';
                if (name == "li") {
                    out += "- ";
                }
            }
            i = end + 1;
            continue;
        }
        if (ch == '&') {
            const auto semi = html.find(';', i);
            if (semi != std::string_view::npos && semi - i <= 10) {
                const std::string_view name = html.substr(i + 1, semi - i - 1);
                if (!name.empty() && name[0] == '#') {
                    const std::string digits(name.substr(1));
                    char* endp = nullptr;
                    const bool hex = !digits.empty() && (digits[0] == 'x' || digits[0] == 'X');
                    const unsigned long cp =
                        std::strtoul(digits.c_str() + (hex ? 1 : 0), &endp, hex ? 16 : 10);
                    if (endp && *endp == '\0' && digits.size() > (hex ? 1u : 0u)) {
                        // &#0; and out-of-range numbers are no characters: U+FFFD.
                        append_utf8(out,
                                    cp == 0 || cp > 0x10FFFF ? 0xFFFD : static_cast<char32_t>(cp));
                        i = semi + 1;
                        continue;
                    }
                }
                bool found = false;
                for (const auto& [entity, text] : kEntities) {
                    if (name == entity) {
                        out += text;
                        found = true;
                        break;
                    }
                }
                if (found) {
                    i = semi + 1;
                    continue;
                }
            }
        }
        out += (ch == '\r' || ch == '\n' || ch == '\t') ? ' ' : ch;
        ++i;
    }
    // Collapse runs of spaces within lines and of empty lines.
    std::string tidy;
    std::size_t start = 0;
    int empty_run = 0;
    while (start <= out.size()) {
        auto nl = out.find('\n', start);
        if (nl == std::string::npos) {
            nl = out.size();
        }
        std::string line;
        bool space = false;
        for (char c : trim(std::string_view(out).substr(start, nl - start))) {
            if (c == ' ') {
                space = true;
                continue;
            }
            if (space && !line.empty()) {
                line += ' ';
            }
            space = false;
            line += c;
        }
        if (line.empty()) {
            ++empty_run;
        } else {
            if (empty_run > 0 && !tidy.empty()) {
                tidy += '\n';
            }
            empty_run = 0;
            tidy += line + '\n';
        }
        start = nl + 1;
    }
    return tidy;
}

std::string opening_note(std::string_view body, std::size_t max_lines, std::size_t max_chars) {
    const std::vector<std::string> salutations = phrases_of(Text::mail_salutations);
    const std::vector<std::string> closings = phrases_of(Text::mail_closings);
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < body.size() && lines.size() < max_lines) {
        auto nl = body.find('\n', start);
        if (nl == std::string_view::npos) {
            nl = body.size();
        }
        std::string_view line = body.substr(start, nl - start);
        start = nl + 1;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const std::string_view t = trim(line);
        if (lines.empty() && is_salutation(t, salutations)) {
            continue;  // before the closings: "Goedendag," greets at the top and closes below
        }
        if (line == "-- " || line == "--" || is_quote_intro(line)) {
            break;  // the signature or the quoted earlier mail starts here
        }
        // A closing ends the message, once there is one: before anything was kept it opens it
        // ("Thank you. The refund arrived…"), and is kept, so that nothing the customer wrote is
        // lost.
        if (!lines.empty() && is_closing(line, closings)) {
            break;
        }
        if (t.empty() || t.front() == '>') {
            continue;
        }
        lines.push_back(t);
    }
    std::string note;
    for (auto l : lines) {
        if (!note.empty()) {
            note += ' ';
        }
        note += l;
    }
    if (note.size() > max_chars) {
        std::size_t cut = note.rfind(' ', max_chars);
        if (cut == std::string::npos || cut < max_chars / 2) {
            cut = max_chars;
        }
        while (cut > 0 && (static_cast<unsigned char>(note[cut]) & 0xC0) == 0x80) {
            --cut;  // never cut inside a UTF-8 sequence
        }
        note = note.substr(0, cut) + " …";
    }
    return note;
}

std::string title_from_subject(std::string_view subject) {
    static constexpr std::string_view kPrefixes[] = {
        "re:", "fwd:", "fw:", "aw:", "antw:", "wg:", "doorst:"};
    std::string_view s = trim(subject);
    for (bool again = true; again;) {
        again = false;
        for (auto p : kPrefixes) {
            if (s.size() >= p.size() && lower(s.substr(0, p.size())) == p) {
                s = trim(s.substr(p.size()));
                again = true;
            }
        }
    }
    // The tag owner's own mail carries ("… [k7rq2]") names the case; it is no part of a title.
    for (;;) {
        const std::string_view t = trim(s);
        const std::size_t open = t.rfind('[');
        const auto tags = open == std::string_view::npos ? std::vector<std::string>{}
                                                         : subject_tags(t.substr(open));
        // A case id (five of a-z0-9) or a reference with a digit in it; "[urgent]" is words.
        const bool names_a_case =
            tags.size() == 1 &&
            (tags[0].find_first_of("0123456789") != std::string::npos ||
             (tags[0].size() == 5 &&
              tags[0].find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") ==
                  std::string::npos));
        if (t.empty() || t.back() != ']' || open == 0 || !names_a_case) {
            break;
        }
        s = t.substr(0, open);
    }
    std::string out;
    bool space = false;
    for (char ch : trim(s)) {
        if (is_space(ch)) {
            space = true;
            continue;
        }
        if (space) {
            out += ' ';
        }
        space = false;
        out += ch;
    }
    return out;
}

std::string person_name(std::string_view name) {
    name = trim(name);
    while (name.size() >= 2 && ((name.front() == '"' && name.back() == '"') ||
                                (name.front() == '\'' && name.back() == '\''))) {
        name = trim(name.substr(1, name.size() - 2));
    }
    const auto comma = name.find(',');
    if (comma == std::string_view::npos || name.find(',', comma + 1) != std::string_view::npos) {
        return std::string(name);
    }
    const auto last = trim(name.substr(0, comma));
    const auto first = trim(name.substr(comma + 1));
    if (last.empty() || first.empty()) {
        return std::string(name);
    }
    return fmt::format("{} {}", first, last);
}

std::optional<std::string> address_length_problem(std::string_view address) {
    if (address.size() <= kMaxMailAddress) {
        return std::nullopt;
    }
    return fmt::format("the address has {} characters; a mail address has at most {}",
                       address.size(), kMaxMailAddress);
}

bool is_mail_address(std::string_view s) {
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= s.size() ||
        s.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    if (s.find('.', at) == std::string_view::npos || s.back() == '.') {
        return false;
    }
    return std::none_of(s.begin(), s.end(), [](char ch) {
        return is_space(ch) || ch == '<' || ch == '>' || ch == ',' || ch == ';' || ch == '"' ||
               ch == '(' || ch == ')' || static_cast<unsigned char>(ch) < 0x20;
    });
}

std::string address_in(std::string_view contact) {
    contact = trim(contact);
    const auto open = contact.rfind('<');
    if (open != std::string_view::npos && contact.back() == '>') {
        contact = contact.substr(open + 1, contact.size() - open - 2);
    }
    return is_mail_address(contact) ? std::string(contact) : "";
}

std::vector<std::string> mail_ids(const Case& c) {
    std::vector<std::string> ids;
    if (const toml::array* arr = c.extra[kMailIdsKey].as_array()) {
        for (const auto& item : *arr) {
            if (const auto* s = item.as_string()) {
                ids.push_back(s->get());
            }
        }
    }
    return ids;
}

void add_mail_id(Case& c, const std::string& id) {
    if (id.empty()) {
        return;
    }
    auto ids = mail_ids(c);
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
        return;
    }
    toml::array arr;
    for (const auto& i : ids) {
        arr.push_back(i);
    }
    arr.push_back(id);
    c.extra.insert_or_assign(kMailIdsKey, std::move(arr));
}

bool from_known_sender(const Case& c, const IncomingMail& mail) {
    const auto folded = [](std::string_view s) {
        std::string out(s);
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        return out;
    };
    const std::string sender = folded(mail.from.address);
    if (sender.empty()) {
        return false;
    }
    const auto same = [&](std::string_view known) {
        const std::string address = address_in(known);
        return !address.empty() && folded(address) == sender;
    };
    return (c.contact && same(*c.contact)) ||
           std::any_of(c.contacts.begin(), c.contacts.end(), same);
}

std::vector<std::string> subject_tags(std::string_view subject) {
    std::vector<std::string> tags;
    for (std::size_t open = subject.find('['); open != std::string_view::npos;
         open = subject.find('[', open + 1)) {
        const std::size_t close = subject.find(']', open + 1);
        if (close == std::string_view::npos) {
            break;
        }
        const std::string_view tag = trim(subject.substr(open + 1, close - open - 1));
        if (!tag.empty() && tag.find('[') == std::string_view::npos &&
            tag.find_first_of(" \t") == std::string_view::npos) {
            tags.emplace_back(tag);
        }
    }
    return tags;
}

bool answers(const Case& c, const IncomingMail& mail) {
    const auto ids = mail_ids(c);
    if (std::any_of(mail.references.begin(), mail.references.end(), [&](const std::string& r) {
            return std::find(ids.begin(), ids.end(), r) != ids.end();
        })) {
        return true;
    }
    const auto tags = subject_tags(mail.subject);
    return std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
        return tag == c.id || (c.ref && !c.ref->empty() && lower(tag) == lower(*c.ref));
    });
}

bool already_in(const Case& c, const IncomingMail& mail) {
    const auto ids = mail_ids(c);
    return !mail.message_id.empty() &&
           std::find(ids.begin(), ids.end(), mail.message_id) != ids.end();
}

void follow_closed_case(Case& c, const Case& closed, bool keep_customer) {
    if (!keep_customer) {
        c.customer = closed.customer;
    }
    if (!c.extra.contains("lang")) {
        if (const auto* lang = closed.extra["lang"].as_string()) {
            c.extra.insert_or_assign("lang", lang->get());
        }
    }
    for (const auto& tag : closed.tags) {
        if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) {
            c.tags.push_back(tag);
        }
    }
    // The old thread first, so that draft --mail answers in it and later replies land here.
    const auto mine = mail_ids(c);
    c.extra.erase(kMailIdsKey);
    for (const auto& id : mail_ids(closed)) {
        add_mail_id(c, id);
    }
    for (const auto& id : mine) {
        add_mail_id(c, id);
    }
    const std::string follows =
        fmt::format("follows closed case {} (\"{}\", closed {})", closed.id, closed.title,
                    closed.closed ? to_local(closed.closed->seconds).date.iso() : std::string("?"));
    if (c.log.empty()) {
        c.add_log(c.opened, "opened", follows);
    } else {
        std::string& text = c.log.front().text;
        text = text.empty() ? follows : follows + ": " + text;
    }
}

std::string mail_subject(const Case& c) {
    const bool from_mail = !mail_ids(c).empty();
    return fmt::format("{}{} [{}]", from_mail ? "Re: " : "", c.title, c.ref.value_or(c.id));
}

OutgoingMail customer_mail(const Case& c, const MailAddress& from, const Timestamp& date,
                           std::uint32_t random, std::string body) {
    OutgoingMail m;
    m.from = from;
    if (const std::string to = c.contact ? address_in(*c.contact) : ""; !to.empty()) {
        m.to = {contact_name(c).value_or(c.customer), to};
    }
    m.subject = mail_subject(c);
    m.date = date;
    m.message_id = fmt::format("owner.{}.{}.{:08x}@{}", c.id, date.seconds, random,
                               from.address.substr(from.address.find('@') + 1));
    m.references = mail_ids(c);
    m.body = std::move(body);
    return m;
}

std::string format_mail_date(const Timestamp& t) {
    static constexpr std::string_view kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::int64_t local = t.seconds + t.offset_minutes * 60LL;
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const std::int64_t rest = local - days * 86400;
    const Date d = Date::from_serial(days);
    const int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
    return fmt::format("{}, {} {} {} {:02}:{:02}:{:02} {}{:02}{:02}", kDays[d.weekday()], d.day,
                       kMonths[d.month - 1], d.year, rest / 3600, rest / 60 % 60, rest % 60,
                       t.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

}  // namespace owner
