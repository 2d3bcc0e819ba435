// libFuzzer target: the mail reader (`new --from-mail`) and what owner takes from a mail, then
// the writer (`draft --mail`) on what was read, read back.
#include <cstdint>
#include <string>

#include "domain/error.hpp"
#include "domain/mail.hpp"
#include "store/mail.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const owner::IncomingMail m = owner::read_mail(text, "fuzz");
        owner::OutgoingMail reply;
        reply.from = {"Sam", "sam@example.com"};
        reply.to = m.from;
        reply.subject = owner::title_from_subject(m.subject);
        reply.message_id = "fuzz@example.com";
        if (!m.message_id.empty()) {
            reply.references.push_back(m.message_id);
        }
        reply.body = owner::opening_note(m.text) + "\n" + owner::html_to_text(m.text);
        owner::read_mail(owner::write_mail(reply), "fuzz reply");
    } catch (const owner::Error&) {
    }
    return 0;
}
