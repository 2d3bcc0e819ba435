#include "store/mail.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_set>

#include <cstring>

#include <dlfcn.h>
#include <iconv.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gmime/gmime.h>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace owner {

namespace {

// GMime (and GLib, GObject, GIO, GPGME below it) is loaded on the first mail read or written, not
// at every start: linked, it maps some 5 MiB and runs its libraries' constructors in every
// command, `today` included. The functions used are resolved here by name, once.
#define OWNER_GMIME_FUNCTIONS(X)                                                                   \
    X(g_mime_init)                                                                                 \
    X(g_object_unref)                                                                              \
    X(g_free)                                                                                      \
    X(g_ascii_strcasecmp)                                                                          \
    X(g_type_check_instance_is_a)                                                                  \
    X(g_date_time_to_unix)                                                                         \
    X(g_date_time_get_utc_offset)                                                                  \
    X(g_date_time_unref)                                                                           \
    X(g_mime_references_parse)                                                                     \
    X(g_mime_references_length)                                                                    \
    X(g_mime_references_get_message_id)                                                            \
    X(g_mime_references_free)                                                                      \
    X(g_mime_multipart_get_type)                                                                   \
    X(g_mime_multipart_get_count)                                                                  \
    X(g_mime_multipart_get_part)                                                                   \
    X(g_mime_text_part_get_type)                                                                   \
    X(g_mime_part_is_attachment)                                                                   \
    X(g_mime_part_get_filename)                                                                    \
    X(g_mime_part_get_type)                                                                        \
    X(g_mime_message_part_get_type)                                                                \
    X(g_mime_message_part_get_message)                                                             \
    X(g_mime_message_get_subject)                                                                  \
    X(g_mime_object_get_content_type)                                                              \
    X(g_mime_content_type_is_type)                                                                 \
    X(g_mime_part_get_content)                                                                     \
    X(g_mime_data_wrapper_write_to_stream)                                                         \
    X(g_mime_stream_mem_new)                                                                       \
    X(g_mime_stream_mem_get_byte_array)                                                            \
    X(g_mime_object_get_content_type_parameter)                                                    \
    X(g_mime_header_get_raw_value)                                                                 \
    X(internet_address_mailbox_new)                                                                \
    X(internet_address_set_charset)                                                                \
    X(internet_address_list_add)                                                                   \
    X(g_mime_message_get_addresses)                                                                \
    X(g_mime_stream_mem_new_with_buffer)                                                           \
    X(g_mime_parser_new_with_stream)                                                               \
    X(g_mime_parser_set_format)                                                                    \
    X(g_mime_parser_construct_message)                                                             \
    X(g_mime_message_get_from)                                                                     \
    X(g_mime_message_get_reply_to)                                                                 \
    X(internet_address_list_length)                                                                \
    X(internet_address_list_get_address)                                                           \
    X(internet_address_mailbox_get_type)                                                           \
    X(internet_address_mailbox_get_addr)                                                           \
    X(internet_address_get_name)                                                                   \
    X(g_mime_message_get_message_id)                                                               \
    X(g_mime_object_get_header)                                                                    \
    X(g_mime_message_get_date)                                                                     \
    X(g_mime_object_get_header_list)                                                               \
    X(g_mime_header_list_get_count)                                                                \
    X(g_mime_header_list_get_header_at)                                                            \
    X(g_mime_header_get_name)                                                                      \
    X(g_mime_header_get_value)                                                                     \
    X(g_mime_utils_header_decode_date)                                                             \
    X(g_mime_message_get_mime_part)                                                                \
    X(g_mime_message_new)                                                                          \
    X(g_mime_message_set_subject)                                                                  \
    X(g_mime_object_set_header)                                                                    \
    X(g_mime_message_set_message_id)                                                               \
    X(g_mime_text_part_new_with_subtype)                                                           \
    X(g_mime_data_wrapper_new_with_stream)                                                         \
    X(g_mime_part_set_content)                                                                     \
    X(g_mime_text_part_set_charset)                                                                \
    X(g_mime_part_set_content_encoding)                                                            \
    X(g_mime_message_set_mime_part)                                                                \
    X(g_mime_object_to_string)

struct GMimeApi {
#define OWNER_DECLARE(name) decltype(&::name) name = nullptr;
    OWNER_GMIME_FUNCTIONS(OWNER_DECLARE)
#undef OWNER_DECLARE
};

constexpr const char* kGMimeLibrary = "libgmime-3.0.so.0";

// GMime, loaded and initialised on first use. Throws Error when it cannot be loaded.
const GMimeApi& gm() {
    static GMimeApi api;
    static std::string failure;
    static std::once_flag once;
    std::call_once(once, [] {
        void* lib = ::dlopen(kGMimeLibrary, RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            const char* why = ::dlerror();
            failure = fmt::format("mail needs GMime 3 ({}): {}", kGMimeLibrary, why ? why : "?");
            return;
        }
        GMimeApi loaded;
#define OWNER_RESOLVE(name)                                                                        \
    loaded.name = reinterpret_cast<decltype(&::name)>(::dlsym(lib, #name));                        \
    if (!loaded.name && failure.empty()) {                                                         \
        failure = fmt::format("mail needs GMime 3: {} has no {}", kGMimeLibrary, #name);           \
    }
        OWNER_GMIME_FUNCTIONS(OWNER_RESOLVE)
#undef OWNER_RESOLVE
        if (failure.empty()) {
            loaded.g_mime_init();
            api = loaded;
        }
    });
    if (!failure.empty()) {
        throw Error(failure);
    }
    return api;
}

// G_TYPE_CHECK_INSTANCE_TYPE and the casts, through the loaded library.
bool is_a(const void* obj, GType type) {
    return obj != nullptr &&
           gm().g_type_check_instance_is_a(static_cast<GTypeInstance*>(const_cast<void*>(obj)),
                                           type) != FALSE;
}
template <typename T> T* cast(void* obj) {
    return static_cast<T*>(obj);
}

struct GObjectUnref {
    void operator()(void* p) const {
        if (p) {
            gm().g_object_unref(p);
        }
    }
};
template <typename T> using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(void* p) const { gm().g_free(p); }
};
using GString = std::unique_ptr<char, GFree>;

std::string str(const char* s) {
    return s ? std::string(s) : std::string();
}

std::optional<Timestamp> to_timestamp(GDateTime* dt) {
    if (!dt) {
        return std::nullopt;
    }
    Timestamp t;
    t.seconds = gm().g_date_time_to_unix(dt);
    t.offset_minutes = static_cast<int>(gm().g_date_time_get_utc_offset(dt) / G_TIME_SPAN_MINUTE);
    return t;
}

std::vector<std::string> references_in(const char* header) {
    std::vector<std::string> out;
    if (!header) {
        return out;
    }
    GMimeReferences* refs = gm().g_mime_references_parse(nullptr, header);
    if (!refs) {
        return out;
    }
    for (int i = 0; i < gm().g_mime_references_length(refs); ++i) {
        out.push_back(str(gm().g_mime_references_get_message_id(refs, i)));
    }
    gm().g_mime_references_free(refs);
    return out;
}

// The thread a mail claims, as kMaxReferences says: In-Reply-To, the root of References, then
// its newest entries (oldest first), each once. One pass with a set: looking each entry up among
// those kept before was quadratic (200 000 entries took 43 s).
std::vector<std::string> thread_of(std::vector<std::string> in_reply_to,
                                   std::vector<std::string> references) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    const auto keep = [&](std::string& id) {
        if (out.size() < kMaxReferences && seen.insert(id).second) {
            out.push_back(std::move(id));
        }
    };
    for (auto& id : in_reply_to) {
        keep(id);
    }
    if (!references.empty()) {
        keep(references.front());
    }
    // The newest, walking back from the end; then put in order, oldest first.
    const std::size_t first_newest = out.size();
    for (std::size_t i = references.size(); i > 1 && out.size() < kMaxReferences; --i) {
        keep(references[i - 1]);
    }
    std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first_newest), out.end());
    return out;
}

// The first text part of the given subtype that is not an attachment, depth first.
GMimeTextPart* find_text(GMimeObject* obj, const char* subtype) {
    if (!obj) {
        return nullptr;
    }
    if (is_a(obj, gm().g_mime_multipart_get_type())) {
        GMimeMultipart* mp = cast<GMimeMultipart>(obj);
        for (int i = 0; i < gm().g_mime_multipart_get_count(mp); ++i) {
            if (GMimeTextPart* found = find_text(gm().g_mime_multipart_get_part(mp, i), subtype)) {
                return found;
            }
        }
        return nullptr;
    }
    if (is_a(obj, gm().g_mime_text_part_get_type()) &&
        !gm().g_mime_part_is_attachment(cast<GMimePart>(obj))) {
        GMimeContentType* ct = gm().g_mime_object_get_content_type(obj);
        if (ct && gm().g_mime_content_type_is_type(ct, "text", subtype)) {
            return cast<GMimeTextPart>(obj);
        }
    }
    return nullptr;
}

// The decoded bytes of a part's content.
std::string content_of(GMimePart* part) {
    std::string bytes;
    if (GMimeDataWrapper* content = gm().g_mime_part_get_content(part)) {
        GPtr<GMimeStream> mem(gm().g_mime_stream_mem_new());
        gm().g_mime_data_wrapper_write_to_stream(content, mem.get());
        if (GByteArray* array =
                gm().g_mime_stream_mem_get_byte_array(cast<GMimeStreamMem>(mem.get()))) {
            bytes.assign(reinterpret_cast<const char*>(array->data), array->len);
        }
    }
    return bytes;
}

// The files a mail carries, depth first: every part but the body's text that is an attachment or
// has a file name, and every attached mail (by its subject). A name that could not be shown on
// one line (control characters, invalid UTF-8) is replaced by what the part is.
void find_attachments(GMimeObject* obj, const GMimeObject* body_part,
                      std::vector<MailAttachment>& out) {
    if (!obj || obj == body_part) {
        return;
    }
    if (is_a(obj, gm().g_mime_multipart_get_type())) {
        GMimeMultipart* mp = cast<GMimeMultipart>(obj);
        for (int i = 0; i < gm().g_mime_multipart_get_count(mp); ++i) {
            find_attachments(gm().g_mime_multipart_get_part(mp, i), body_part, out);
        }
        return;
    }
    const auto what_it_is = [&] {
        GMimeContentType* ct = gm().g_mime_object_get_content_type(obj);
        return ct ? fmt::format("unnamed {}/{}", str(ct->type), str(ct->subtype))
                  : std::string("unnamed part");
    };
    if (is_a(obj, gm().g_mime_message_part_get_type())) {
        GMimeMessage* inner = gm().g_mime_message_part_get_message(cast<GMimeMessagePart>(obj));
        GString text(gm().g_mime_object_to_string(obj, nullptr));
        std::string subject = inner ? str(gm().g_mime_message_get_subject(inner)) : "";
        if (subject.empty() || text_problem(subject, false)) {
            subject = "(no subject)";
        }
        out.push_back({fmt::format("mail \"{}\"", subject), text ? std::strlen(text.get()) : 0});
        return;
    }
    if (!is_a(obj, gm().g_mime_part_get_type())) {
        return;
    }
    GMimePart* part = cast<GMimePart>(obj);
    std::string name = str(gm().g_mime_part_get_filename(part));
    if (name.empty() && !gm().g_mime_part_is_attachment(part)) {
        return;  // an inline part without a name: an alternative or a second text, not a file
    }
    if (name.empty() || text_problem(name, false)) {
        name = what_it_is();
    }
    out.push_back({std::move(name), content_of(part).size()});
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](char ch) {
        return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch;
    });
    return out;
}

// `bytes` in `charset` as UTF-8, strictly: nullopt when they are not valid in it or the charset
// is unknown. No charset is UTF-8 (ASCII is a part of it); ISO-8859-1 is read as Windows-1252,
// its superset, as mail programs and the WHATWG Encoding Standard do.
std::optional<std::string> from_charset(std::string_view bytes, const std::string& label) {
    const std::string charset = lower(label);
    if (charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "us-ascii" ||
        charset == "ascii") {
        for (std::size_t i = 0; i < bytes.size();) {
            char32_t cp = 0;
            const std::size_t len = decode_utf8(bytes, i, cp);
            if (len == 0) {
                return std::nullopt;
            }
            i += len;
        }
        return std::string(bytes);
    }
    if (charset == "iso-8859-1" || charset == "iso8859-1" || charset == "iso_8859-1" ||
        charset == "latin1" || charset == "windows-1252" || charset == "cp1252") {
        return windows_1252_to_utf8(bytes);
    }
    iconv_t cd = ::iconv_open("UTF-8", charset.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        return std::nullopt;
    }
    std::string out(bytes.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* to = out.data();
    std::size_t to_left = out.size();
    const bool ok = ::iconv(cd, &in, &in_left, &to, &to_left) != static_cast<std::size_t>(-1) &&
                    ::iconv(cd, nullptr, nullptr, &to, &to_left) != static_cast<std::size_t>(-1);
    ::iconv_close(cd);
    if (!ok) {
        return std::nullopt;
    }
    out.resize(out.size() - to_left);
    return from_charset(out, "utf-8");
}

// Text as UTF-8: in its charset when it is valid there, else read as Windows-1252 (and
// `fallback` set), never with '?' for what did not convert.
std::string decode_text(std::string_view bytes, const std::string& charset, bool& fallback) {
    if (auto text = from_charset(bytes, charset)) {
        return std::move(*text);
    }
    fallback = true;
    return windows_1252_to_utf8(bytes);
}

// The bytes of an RFC 2047 encoded word's text ('B': base64, 'Q': quoted-printable, '_' a space).
std::string encoded_word_bytes(std::string_view text, char encoding) {
    std::string out;
    const auto hex = [](char ch) -> int {
        return ch >= '0' && ch <= '9'   ? ch - '0'
               : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
               : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                                        : -1;
    };
    if (encoding == 'Q' || encoding == 'q') {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '_') {
                out += ' ';
            } else if (text[i] == '=' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
                       hex(text[i + 2]) >= 0) {
                out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
                i += 2;
            } else {
                out += text[i];
            }
        }
        return out;
    }
    std::uint32_t bits = 0;
    int count = 0;
    for (const char ch : text) {
        const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const char* at = ch == '\0' ? nullptr : std::strchr(digits, ch);
        if (!at) {
            continue;  // padding and anything else
        }
        bits = (bits << 6) | static_cast<std::uint32_t>(at - digits);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// An unstructured header's text as UTF-8 (RFC 2047): folding undone, encoded words decoded in
// their charsets (adjacent ones joined, the white space between them dropped), 8-bit text as
// UTF-8; whatever is not valid in its charset is read as Windows-1252 and sets `fallback`.
// GMime's own decoding puts '?' where a charset conversion fails and cuts at a NUL.
std::string decode_header_text(std::string_view raw, bool& fallback) {
    std::string out, plain, space, word_bytes, word_charset;
    bool after_word = false;
    const auto flush_word = [&] {
        if (!word_charset.empty()) {
            out += decode_text(word_bytes, word_charset, fallback);
        }
        word_bytes.clear();
        word_charset.clear();
    };
    const auto flush_plain = [&] {
        out += decode_text(plain, "", fallback);
        plain.clear();
    };
    for (std::size_t i = 0; i < raw.size();) {
        const char ch = raw[i];
        if (ch == '\r' || ch == '\n') {
            ++i;
            continue;
        }
        if (ch == ' ' || ch == '\t') {
            space += ch;
            ++i;
            continue;
        }
        if (raw.substr(i, 2) == "=?") {
            const auto q1 = raw.find('?', i + 2);
            const auto end = q1 == std::string_view::npos ? q1 : raw.find("?=", q1 + 3);
            const std::string_view word =
                end == std::string_view::npos ? std::string_view() : raw.substr(i, end + 2 - i);
            if (!word.empty() && q1 + 2 < raw.size() && raw[q1 + 2] == '?' &&
                std::string_view("BbQq").find(raw[q1 + 1]) != std::string_view::npos &&
                word.find_first_of(" \t\r\n") == std::string_view::npos) {
                std::string charset(raw.substr(i + 2, q1 - i - 2));
                charset = lower(charset.substr(0, charset.find('*')));  // RFC 2231 language
                if (!after_word) {
                    plain += space;
                    flush_plain();
                }
                space.clear();
                if (charset != word_charset) {
                    flush_word();
                }
                word_charset = charset.empty() ? "utf-8" : charset;
                word_bytes += encoded_word_bytes(raw.substr(q1 + 3, end - q1 - 3), raw[q1 + 1]);
                after_word = true;
                i = end + 2;
                continue;
            }
        }
        flush_word();
        plain += space;
        space.clear();
        plain += ch;
        after_word = false;
        ++i;
    }
    flush_word();
    flush_plain();
    // The space after the colon, and a folded value's last line end, are not the text.
    const auto first = out.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : out.substr(first);
}

// The raw value of the first header called `name`, or nullopt.
std::optional<std::string> raw_header(GMimeObject* obj, const char* name) {
    if (GMimeHeaderList* headers = gm().g_mime_object_get_header_list(obj)) {
        for (int i = 0; i < gm().g_mime_header_list_get_count(headers); ++i) {
            GMimeHeader* h = gm().g_mime_header_list_get_header_at(headers, i);
            if (gm().g_ascii_strcasecmp(gm().g_mime_header_get_name(h), name) == 0) {
                return str(gm().g_mime_header_get_raw_value(h));
            }
        }
    }
    return std::nullopt;
}

// The display name of From's first mailbox as written ("Name" <addr>, Name <addr>), decoded as
// decode_header_text does; nullopt when it holds neither encoded words nor 8-bit text (GMime's
// name is right then) or From has no angle-bracketed address.
std::optional<std::string> from_name(std::string_view raw, bool& fallback) {
    const auto open = raw.find('<');
    if (open == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view name = raw.substr(0, open);
    if (name.find("=?") == std::string_view::npos &&
        std::none_of(name.begin(), name.end(),
                     [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; })) {
        return std::nullopt;
    }
    while (!name.empty() && std::string_view(" \t\r\n").find(name.front()) != name.npos) {
        name.remove_prefix(1);
    }
    while (!name.empty() && std::string_view(" \t\r\n").find(name.back()) != name.npos) {
        name.remove_suffix(1);
    }
    std::string unquoted;
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        for (std::size_t i = 1; i + 1 < name.size(); ++i) {
            if (name[i] == '\\' && i + 2 < name.size()) {
                ++i;
            }
            unquoted += name[i];
        }
    } else {
        unquoted = name;
    }
    return decode_header_text(unquoted, fallback);
}

// A NUL in the header block: GMime keeps header values as C strings, so the value would end
// there. Throws Error naming the header.
void refuse_nul_in_headers(std::string_view bytes, const std::string& source) {
    const std::size_t end = std::min(bytes.find("\n\n"), bytes.find("\n\r\n"));
    const std::size_t nul = bytes.find('\0');
    if (nul == std::string_view::npos || nul >= end) {
        return;
    }
    // The header the NUL is in: the last line before it that is not a continuation.
    std::size_t line = 0;
    for (std::size_t at = 0; at < nul;) {
        if (bytes[at] != ' ' && bytes[at] != '\t') {
            line = at;
        }
        const std::size_t nl = bytes.find('\n', at);
        if (nl == std::string_view::npos || nl >= nul) {
            break;
        }
        at = nl + 1;
    }
    const std::size_t colon = bytes.find(':', line);
    const bool named = colon != std::string_view::npos && colon < nul;
    std::size_t value = named ? colon + 1 : line;
    if (named && value < nul && bytes[value] == ' ') {
        ++value;
    }
    throw Error(fmt::format("{}: {}: control character U+0000 (NUL) at byte {}", source,
                            named ? bytes.substr(line, colon - line) : "a header", nul - value));
}

// The text of a part as UTF-8 (decode_text: in its charset, else as Windows-1252), with its line
// ends as '\n' ("\r\n" and a lone '\r' alike).
std::string text_of(GMimeTextPart* part, bool& fallback) {
    const std::string bytes = content_of(cast<GMimePart>(part));
    const std::string raw = decode_text(
        bytes,
        str(gm().g_mime_object_get_content_type_parameter(cast<GMimeObject>(part), "charset")),
        fallback);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r') {
            out += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += raw[i];
        }
    }
    return out;
}

std::string join_references(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
        out += (out.empty() ? "<" : " <") + id + ">";
    }
    return out;
}

// A mailbox whose name, when it needs encoding, is encoded as UTF-8 (not the smallest charset).
void add_mailbox(GMimeMessage* msg, GMimeAddressType type, const MailAddress& a) {
    GPtr<InternetAddress> ia(gm().internet_address_mailbox_new(a.name.c_str(), a.address.c_str()));
    gm().internet_address_set_charset(ia.get(), "utf-8");
    gm().internet_address_list_add(gm().g_mime_message_get_addresses(msg, type), ia.get());
}

}  // namespace

IncomingMail read_mail(std::string_view bytes, const std::string& source) {
    gm();  // loads GMime, or says why it cannot
    if (bytes.starts_with("From ")) {
        // An mbox separator line, as procmail and some mail programs hand a message over.
        const auto nl = bytes.find('\n');
        bytes = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
    }
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw Error(fmt::format("{}: not a mail: it is empty", source));
    }
    GPtr<GMimeStream> stream(gm().g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
    GPtr<GMimeParser> parser(gm().g_mime_parser_new_with_stream(stream.get()));
    gm().g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GPtr<GMimeMessage> msg(gm().g_mime_parser_construct_message(parser.get(), nullptr));
    if (!msg) {
        throw Error(fmt::format("{}: not a mail: no message headers found", source));
    }
    refuse_nul_in_headers(bytes, source);
    IncomingMail m;
    bool from_fallback = false, subject_fallback = false, body_fallback = false;
    InternetAddressList* from = gm().g_mime_message_get_from(msg.get());
    for (int i = 0; from && i < gm().internet_address_list_length(from); ++i) {
        InternetAddress* ia = gm().internet_address_list_get_address(from, i);
        if (is_a(ia, gm().internet_address_mailbox_get_type())) {
            m.from.address =
                str(gm().internet_address_mailbox_get_addr(cast<InternetAddressMailbox>(ia)));
            m.from.name = str(gm().internet_address_get_name(ia));
            break;
        }
    }
    if (!is_mail_address(m.from.address)) {
        throw Error(fmt::format(
            "{}: not a mail owner can open a case from: no sender address in From{}", source,
            m.from.address.empty() ? "" : fmt::format(" (got '{}')", m.from.address)));
    }
    if (const auto problem = address_length_problem(m.from.address)) {
        throw Error(fmt::format("{}: From: {}", source, *problem));
    }
    GMimeObject* obj = cast<GMimeObject>(msg.get());
    if (auto name = from_name(raw_header(obj, "From").value_or(""), from_fallback)) {
        m.from.name = std::move(*name);
    }
    // A web form sends from noreply@ with the customer in Reply-To: the person to answer. One
    // that names no usable address, or the sender again, is left out.
    InternetAddressList* reply_to = gm().g_mime_message_get_reply_to(msg.get());
    for (int i = 0; reply_to && i < gm().internet_address_list_length(reply_to); ++i) {
        InternetAddress* ia = gm().internet_address_list_get_address(reply_to, i);
        if (is_a(ia, gm().internet_address_mailbox_get_type())) {
            MailAddress r{
                str(gm().internet_address_get_name(ia)),
                str(gm().internet_address_mailbox_get_addr(cast<InternetAddressMailbox>(ia)))};
            if (is_mail_address(r.address) && !address_length_problem(r.address) &&
                gm().g_ascii_strcasecmp(r.address.c_str(), m.from.address.c_str()) != 0 &&
                !text_problem(r.name, false, true)) {
                m.reply_to = std::move(r);
            }
            break;
        }
    }
    m.subject = decode_header_text(raw_header(obj, "Subject").value_or(""), subject_fallback);
    m.message_id = str(gm().g_mime_message_get_message_id(msg.get()));
    m.references = thread_of(references_in(gm().g_mime_object_get_header(obj, "In-Reply-To")),
                             references_in(gm().g_mime_object_get_header(obj, "References")));
    m.date = to_timestamp(gm().g_mime_message_get_date(msg.get()));
    if (GMimeHeaderList* headers = gm().g_mime_object_get_header_list(obj)) {
        for (int i = 0; i < gm().g_mime_header_list_get_count(headers); ++i) {
            GMimeHeader* h = gm().g_mime_header_list_get_header_at(headers, i);
            if (gm().g_ascii_strcasecmp(gm().g_mime_header_get_name(h), "Received") != 0) {
                continue;
            }
            // The first Received header is the newest hop: the time the mail reached us.
            const std::string value = str(gm().g_mime_header_get_value(h));
            if (const auto semi = value.rfind(';'); semi != std::string::npos) {
                GDateTime* dt = gm().g_mime_utils_header_decode_date(value.c_str() + semi + 1);
                m.received = to_timestamp(dt);
                if (dt) {
                    gm().g_date_time_unref(dt);
                }
            }
            break;
        }
    }
    GMimeObject* body = gm().g_mime_message_get_mime_part(msg.get());
    GMimeTextPart* text_part = find_text(body, "plain");
    if (text_part) {
        m.text = text_of(text_part, body_fallback);
    } else if ((text_part = find_text(body, "html"))) {
        m.text = html_to_text(text_of(text_part, body_fallback));
        m.body_from_html = true;
    }
    find_attachments(body, cast<GMimeObject>(text_part), m.attachments);
    // GMime gives the message's Content-* headers to its top part.
    for (GMimeObject* holder : {obj, body}) {
        const char* language =
            holder ? gm().g_mime_object_get_header(holder, "Content-Language") : nullptr;
        if (language && m.content_language.empty()) {
            m.content_language = language;
        }
    }
    for (const auto& [what, text, multiline] :
         {std::tuple{"From", m.from.name, false}, std::tuple{"Subject", m.subject, false},
          std::tuple{"Message-ID", m.message_id, false}, std::tuple{"the body", m.text, true}}) {
        // Tabs pass: the subject and body are flattened before they are stored.
        if (const auto problem = text_problem(text, multiline, true)) {
            throw Error(fmt::format("{}: {}: {}", source, what, *problem));
        }
    }
    std::vector<std::string_view> decoded;
    for (const auto& [part, fell_back] :
         {std::pair{"From", from_fallback}, std::pair{"Subject", subject_fallback},
          std::pair{"the body", body_fallback}}) {
        if (fell_back) {
            decoded.emplace_back(part);
        }
    }
    if (!decoded.empty()) {
        const std::string last(decoded.back());
        decoded.pop_back();
        m.charset_note = fmt::format(
            "{}: {}: not valid in its charset; read as Windows-1252", source,
            decoded.empty() ? last : fmt::format("{} and {}", fmt::join(decoded, ", "), last));
    }
    return m;
}

std::string write_mail(const OutgoingMail& mail) {
    gm();  // loads GMime, or says why it cannot
    GPtr<GMimeMessage> msg(gm().g_mime_message_new(TRUE));
    GMimeObject* obj = cast<GMimeObject>(msg.get());
    add_mailbox(msg.get(), GMIME_ADDRESS_TYPE_FROM, mail.from);
    if (!mail.to.address.empty()) {
        add_mailbox(msg.get(), GMIME_ADDRESS_TYPE_TO, mail.to);
    }
    gm().g_mime_message_set_subject(msg.get(), mail.subject.c_str(), "utf-8");
    gm().g_mime_object_set_header(obj, "Date", format_mail_date(mail.date).c_str(), nullptr);
    gm().g_mime_message_set_message_id(msg.get(), mail.message_id.c_str());
    if (!mail.references.empty()) {
        gm().g_mime_object_set_header(obj, "In-Reply-To",
                                      ("<" + mail.references.back() + ">").c_str(), nullptr);
        gm().g_mime_object_set_header(obj, "References", join_references(mail.references).c_str(),
                                      nullptr);
    }
    GPtr<GMimeTextPart> part(gm().g_mime_text_part_new_with_subtype("plain"));
    // The body's own UTF-8 bytes (g_mime_text_part_set_text would pick the smallest charset), as
    // lines: a last line without its newline gains one on the way (the round-trip fuzzer saw it).
    std::string body = mail.body;
    if (!body.empty() && body.back() != '\n') {
        body += '\n';
    }
    GPtr<GMimeStream> content(gm().g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
    GPtr<GMimeDataWrapper> wrapper(
        gm().g_mime_data_wrapper_new_with_stream(content.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    gm().g_mime_part_set_content(cast<GMimePart>(part.get()), wrapper.get());
    gm().g_mime_text_part_set_charset(part.get(), "utf-8");
    // 7bit only when every line is short ASCII; else quoted-printable, which any mail path carries.
    bool plain = true;
    std::size_t line = 0;
    for (char ch : body) {
        line = ch == '\n' ? 0 : line + 1;
        plain = plain && static_cast<unsigned char>(ch) < 0x80 && line <= 76;
    }
    gm().g_mime_part_set_content_encoding(cast<GMimePart>(part.get()),
                                          plain ? GMIME_CONTENT_ENCODING_7BIT
                                                : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    gm().g_mime_message_set_mime_part(msg.get(), cast<GMimeObject>(part.get()));
    GString text(gm().g_mime_object_to_string(obj, nullptr));
    std::string out = str(text.get());
    // Headers are encoded words and the body 7bit or quoted-printable: the mail is printable
    // ASCII, tabs (a folded header's continuation) and newlines, so it goes out as it is, never
    // through the terminal filter, and still cannot act on a terminal.
    const auto bad = std::find_if(out.begin(), out.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x7f || (c < 0x20 && ch != '\t' && ch != '\n');
    });
    if (bad != out.end()) {
        throw Error(fmt::format("the mail would hold byte 0x{:02X} at byte {}; it was not written",
                                static_cast<unsigned char>(*bad), bad - out.begin()));
    }
    return out;
}

}  // namespace owner
