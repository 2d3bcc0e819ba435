#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.hpp"
#include "domain/time.hpp"

// Mail in and out, the pure parts: what a case takes from a customer's mail, how a reply finds
// its case, and the fields of a mail owner writes. Reading and writing the MIME text itself is
// store/mail (GMime).
namespace owner {

// "Petra de Wit" <petra@example.com>; either part may be empty.
struct MailAddress {
    std::string name;
    std::string address;
};

// A file attached to a mail: its name (as the mail gives it, or what it is when it has none) and
// its size once decoded.
struct MailAttachment {
    std::string name;
    std::uint64_t size = 0;
};

// A mail as owner uses it, already decoded to UTF-8 by the reader.
struct IncomingMail {
    MailAddress from;
    MailAddress reply_to;    // Reply-To, when it names another address than From; else empty
    std::string subject;     // decoded encoded-words
    std::string message_id;  // without the angle brackets
    std::vector<std::string> references;  // In-Reply-To, then References, without brackets
    std::optional<Timestamp> date;        // the Date header
    std::optional<Timestamp> received;    // the newest Received header (the last hop)
    std::string text;                     // the plain-text body; from the HTML part if that is all
    bool body_from_html = false;
    // When some text was not valid in its charset and was read as Windows-1252: one line saying
    // which ("mail.eml: Subject and the body: not valid in its charset; …"); else empty.
    std::string charset_note;
    std::vector<MailAttachment> attachments;  // every part that is a file, in the mail's order
    std::string content_language;             // the Content-Language header as written
};

// A mail owner writes: draft --mail.
struct OutgoingMail {
    MailAddress from;
    MailAddress to;  // address may be empty: the owner fills it in their mail program
    std::string subject;
    Timestamp date;
    std::string message_id;               // without brackets
    std::vector<std::string> references;  // the thread, oldest first, without brackets
    std::string body;
};

// Text from HTML: tags dropped, block ends as new lines, the common entities decoded.
std::string html_to_text(std::string_view html);

// The opening note from a mail body: its first lines of the customer's own words (no quoted
// text, no signature, no "On … wrote:"), joined with spaces and cut at max_chars on a word.
std::string opening_note(std::string_view body, std::size_t max_lines = 6,
                         std::size_t max_chars = 400);

// The customer's own part of a mail body: up to the signature ("-- ") or the line that introduces
// the quoted earlier mail ("On … wrote:"), whichever comes first.
std::string_view own_words(std::string_view body);
// The message itself: own_words up to the closing that follows it ("Met vriendelijke groet,"),
// so that a signature's disclaimer in another language is not counted as the message's.
std::string_view message_words(std::string_view body);

// How many stop words (the catalogue's mail_stop_words) a text needs before its language is
// taken from it; shorter texts say too little, and the case keeps the config's language.
constexpr std::size_t kMinLanguageWords = 5;
// The language of a text by its stop words: the language with the most of them, when it has at
// least kMinLanguageWords and twice as many as any other (quoted lines, "> …", are not counted);
// nullopt when the text does not say.
std::optional<std::string_view> language_of_text(std::string_view text);
// The first language of a Content-Language header ("nl", "de-DE", "nl-NL, en") that the catalogue
// has; nullopt when it names none.
std::optional<std::string_view> header_language(std::string_view content_language);
// The language of a customer's mail: the first of Content-Language that the catalogue has, else
// what its message says (language_of_text of message_words); nullopt when neither does.
std::optional<std::string_view> language_of(const IncomingMail& mail);

// A size as people read it: "512 bytes", "84 kB", "1.2 MB", "23 MB" (powers of ten).
std::string size_text(std::uint64_t bytes);
// A mail's attachments for the case's log: "invoice.pdf (84 kB), scan.jpg (1.2 MB)".
std::string attachments_text(const std::vector<MailAttachment>& attachments);

// A case title from a subject: "Re:", "Fwd:", "AW:", "Antw:" prefixes and runs of white space go.
std::string title_from_subject(std::string_view subject);

// A From name as people write it: "Jansen, M." becomes "M. Jansen" (one comma only); quotes and
// surrounding white space go.
std::string person_name(std::string_view name);

// The longest address a mail can be sent to (RFC 5321's 256-octet path less its brackets).
constexpr std::size_t kMaxMailAddress = 254;
// Why `address` cannot be sent to: "the address has 262 characters; a mail address has at most
// 254"; nullopt when it is short enough.
std::optional<std::string> address_length_problem(std::string_view address);

// True when s looks like one mail address (local@domain, no spaces, no brackets).
bool is_mail_address(std::string_view s);
// The address in a contact field: "petra@example.com" or "Petra <petra@example.com>"; empty if
// none.
std::string address_in(std::string_view contact);

// The Message-IDs of a case's mail thread (kept in the case file as `mail_ids`), oldest first.
std::vector<std::string> mail_ids(const Case& c);
void add_mail_id(Case& c, const std::string& id);
// True when the mail answers one in the case's thread (In-Reply-To or References), or names the
// case in its subject as owner's own mail does ("… [k7rq2]", "… [INC-40211]"): many web mailers
// send a reply with no thread headers at all.
bool answers(const Case& c, const IncomingMail& mail);

// The tags in square brackets in a subject, in order: "Re: Refund [ZD-48213]" gives "ZD-48213".
std::vector<std::string> subject_tags(std::string_view subject);
// True when the mail's sender is the case's contact or one of its `contacts` (letter case aside):
// only such a mail threads onto the case. A guard against mistakes and strangers, not
// authentication: a From address can be forged.
bool from_known_sender(const Case& c, const IncomingMail& mail);
// True when the mail is already part of the case (the same Message-ID).
bool already_in(const Case& c, const IncomingMail& mail);

// A reply to a closed case opens a new case (the old question was answered and accepted; the
// customer writes about something that follows from it). The new case carries the closed one's
// customer (unless `keep_customer`: the command line named one), language, topics and mail
// thread, and its first note names the closed case; contact and salutation stay the sender's.
void follow_closed_case(Case& c, const Case& closed, bool keep_customer);

// The subject of a mail about the case: "Re: " + the first subject when the case came from a
// mail, else the title; the customer's reference (else the case id) in square brackets.
std::string mail_subject(const Case& c);

// The customer mail about a case, as draft --mail writes it: From `from`, To the case's contact
// when it holds a mail address (named by the contact name, else the customer; else no To), the
// case's subject, and its mail thread as References. `random` makes the Message-ID unique:
// "owner.<id>.<seconds>.<random in hex>@<the domain of from>".
OutgoingMail customer_mail(const Case& c, const MailAddress& from, const Timestamp& date,
                           std::uint32_t random, std::string body);

// An RFC 5322 date: "Wed, 25 Nov 2026 09:12:00 +0100", with the timestamp's own offset.
std::string format_mail_date(const Timestamp& t);

}  // namespace owner
