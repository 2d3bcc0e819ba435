#include "store/mail.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <tuple>

#include <fmt/format.h>
#include <gmime/gmime.h>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace owner {

namespace {

void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

struct GObjectUnref {
    void operator()(void* p) const {
        if (p) {
            g_object_unref(p);
        }
    }
};
template <typename T> using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(void* p) const { g_free(p); }
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
    t.seconds = g_date_time_to_unix(dt);
    t.offset_minutes = static_cast<int>(g_date_time_get_utc_offset(dt) / G_TIME_SPAN_MINUTE);
    return t;
}

std::vector<std::string> references_in(const char* header) {
    std::vector<std::string> out;
    if (!header) {
        return out;
    }
    GMimeReferences* refs = g_mime_references_parse(nullptr, header);
    if (!refs) {
        return out;
    }
    for (int i = 0; i < g_mime_references_length(refs); ++i) {
        out.push_back(str(g_mime_references_get_message_id(refs, i)));
    }
    g_mime_references_free(refs);
    return out;
}

// The first text part of the given subtype that is not an attachment, depth first.
GMimeTextPart* find_text(GMimeObject* obj, const char* subtype) {
    if (!obj) {
        return nullptr;
    }
    if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart* mp = GMIME_MULTIPART(obj);
        for (int i = 0; i < g_mime_multipart_get_count(mp); ++i) {
            if (GMimeTextPart* found = find_text(g_mime_multipart_get_part(mp, i), subtype)) {
                return found;
            }
        }
        return nullptr;
    }
    if (GMIME_IS_TEXT_PART(obj) && !g_mime_part_is_attachment(GMIME_PART(obj))) {
        GMimeContentType* ct = g_mime_object_get_content_type(obj);
        if (ct && g_mime_content_type_is_type(ct, "text", subtype)) {
            return GMIME_TEXT_PART(obj);
        }
    }
    return nullptr;
}

// The text of a part with its line ends as '\n' ("\r\n" and a lone '\r' alike).
std::string text_of(GMimeTextPart* part) {
    GString text(g_mime_text_part_get_text(part));
    const std::string raw = str(text.get());
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
    GPtr<InternetAddress> ia(internet_address_mailbox_new(a.name.c_str(), a.address.c_str()));
    internet_address_set_charset(ia.get(), "utf-8");
    internet_address_list_add(g_mime_message_get_addresses(msg, type), ia.get());
}

}  // namespace

IncomingMail read_mail(std::string_view bytes, const std::string& source) {
    init_gmime();
    if (bytes.starts_with("From ")) {
        // An mbox separator line, as procmail and some mail programs hand a message over.
        const auto nl = bytes.find('\n');
        bytes = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
    }
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw Error(fmt::format("{}: not a mail: it is empty", source));
    }
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!msg) {
        throw Error(fmt::format("{}: not a mail: no message headers found", source));
    }
    IncomingMail m;
    InternetAddressList* from = g_mime_message_get_from(msg.get());
    for (int i = 0; from && i < internet_address_list_length(from); ++i) {
        InternetAddress* ia = internet_address_list_get_address(from, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
            m.from.address = str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
            m.from.name = str(internet_address_get_name(ia));
            break;
        }
    }
    if (!is_mail_address(m.from.address)) {
        throw Error(fmt::format(
            "{}: not a mail owner can open a case from: no sender address in From{}", source,
            m.from.address.empty() ? "" : fmt::format(" (got '{}')", m.from.address)));
    }
    m.subject = str(g_mime_message_get_subject(msg.get()));
    m.message_id = str(g_mime_message_get_message_id(msg.get()));
    GMimeObject* obj = GMIME_OBJECT(msg.get());
    m.references = references_in(g_mime_object_get_header(obj, "In-Reply-To"));
    for (auto& r : references_in(g_mime_object_get_header(obj, "References"))) {
        if (std::find(m.references.begin(), m.references.end(), r) == m.references.end()) {
            m.references.push_back(std::move(r));
        }
    }
    m.date = to_timestamp(g_mime_message_get_date(msg.get()));
    if (GMimeHeaderList* headers = g_mime_object_get_header_list(obj)) {
        for (int i = 0; i < g_mime_header_list_get_count(headers); ++i) {
            GMimeHeader* h = g_mime_header_list_get_header_at(headers, i);
            if (g_ascii_strcasecmp(g_mime_header_get_name(h), "Received") != 0) {
                continue;
            }
            // The first Received header is the newest hop: the time the mail reached us.
            const std::string value = str(g_mime_header_get_value(h));
            if (const auto semi = value.rfind(';'); semi != std::string::npos) {
                GDateTime* dt = g_mime_utils_header_decode_date(value.c_str() + semi + 1);
                m.received = to_timestamp(dt);
                if (dt) {
                    g_date_time_unref(dt);
                }
            }
            break;
        }
    }
    GMimeObject* body = g_mime_message_get_mime_part(msg.get());
    if (GMimeTextPart* plain = find_text(body, "plain")) {
        m.text = text_of(plain);
    } else if (GMimeTextPart* html = find_text(body, "html")) {
        m.text = html_to_text(text_of(html));
        m.body_from_html = true;
    }
    for (const auto& [what, text, multiline] :
         {std::tuple{"From", m.from.name, false}, std::tuple{"Subject", m.subject, false},
          std::tuple{"Message-ID", m.message_id, false}, std::tuple{"the body", m.text, true}}) {
        // Tabs pass: the subject and body are flattened before they are stored.
        if (const auto problem = text_problem(text, multiline, true)) {
            throw Error(fmt::format("{}: {}: {}", source, what, *problem));
        }
    }
    return m;
}

std::string write_mail(const OutgoingMail& mail) {
    init_gmime();
    GPtr<GMimeMessage> msg(g_mime_message_new(TRUE));
    GMimeObject* obj = GMIME_OBJECT(msg.get());
    add_mailbox(msg.get(), GMIME_ADDRESS_TYPE_FROM, mail.from);
    if (!mail.to.address.empty()) {
        add_mailbox(msg.get(), GMIME_ADDRESS_TYPE_TO, mail.to);
    }
    g_mime_message_set_subject(msg.get(), mail.subject.c_str(), "utf-8");
    g_mime_object_set_header(obj, "Date", format_mail_date(mail.date).c_str(), nullptr);
    g_mime_message_set_message_id(msg.get(), mail.message_id.c_str());
    if (!mail.references.empty()) {
        g_mime_object_set_header(obj, "In-Reply-To", ("<" + mail.references.back() + ">").c_str(),
                                 nullptr);
        g_mime_object_set_header(obj, "References", join_references(mail.references).c_str(),
                                 nullptr);
    }
    GPtr<GMimeTextPart> part(g_mime_text_part_new_with_subtype("plain"));
    // The body's own UTF-8 bytes (g_mime_text_part_set_text would pick the smallest charset).
    GPtr<GMimeStream> content(
        g_mime_stream_mem_new_with_buffer(mail.body.data(), mail.body.size()));
    GPtr<GMimeDataWrapper> wrapper(
        g_mime_data_wrapper_new_with_stream(content.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(GMIME_PART(part.get()), wrapper.get());
    g_mime_text_part_set_charset(part.get(), "utf-8");
    // 7bit only when every line is short ASCII; else quoted-printable, which any mail path carries.
    bool plain = true;
    std::size_t line = 0;
    for (char ch : mail.body) {
        line = ch == '\n' ? 0 : line + 1;
        plain = plain && static_cast<unsigned char>(ch) < 0x80 && line <= 76;
    }
    g_mime_part_set_content_encoding(GMIME_PART(part.get()),
                                     plain ? GMIME_CONTENT_ENCODING_7BIT
                                           : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(part.get()));
    GString text(g_mime_object_to_string(obj, nullptr));
    return str(text.get());
}

}  // namespace owner
