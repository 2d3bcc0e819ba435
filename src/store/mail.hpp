#pragma once

#include <string>
#include <string_view>

#include "domain/mail.hpp"

// Mail as bytes: reading a customer's mail and writing owner's, with GMime (the MIME library
// notmuch builds on), so that encodings, charsets and header folding follow the RFCs.
namespace owner {

// How many Message-IDs a mail's thread keeps (IncomingMail::references): In-Reply-To, the first
// of References (the thread's root, which mail programs keep when they trim) and its newest,
// each once. A reply names a case's mail among its newest; a References header of 200 000
// entries is read in linear time and kept at 100.
constexpr std::size_t kMaxReferences = 100;

// Reads one mail (RFC 5322 with MIME; a leading mbox "From " line is skipped). Throws Error naming
// `source` when it is not a mail owner can open a case from: no From address, text that is not
// valid UTF-8 after decoding, no readable text part.
IncomingMail read_mail(std::string_view bytes, const std::string& source);

// The mail as RFC 5322 text: MIME-Version 1.0, text/plain in UTF-8, quoted-printable when the body
// is not plain ASCII, encoded-words in headers that need them; lines end in LF.
std::string write_mail(const OutgoingMail& mail);

}  // namespace owner
