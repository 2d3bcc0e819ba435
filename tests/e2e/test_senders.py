"""Only a case's own correspondents thread mail onto it (issue 24, item 6): a stranger who knows a
Message-ID opens a case of their own, and every mail's sender is in its log entry until forgotten."""

import os

from ownertest import OwnerTest, main

MON = "2026-11-23T09:00:00+01:00"


def mail(headers, body):
    return ("\n".join(f"{k}: {v}" for k, v in headers) + "\n\n" + body).encode()


def first_mail():
    return mail([("From", "Petra de Wit <petra@vdberg.example>"), ("To", "sam@example.com"),
                 ("Subject", "Double charge"), ("Date", "Mon, 23 Nov 2026 08:00:00 +0100"),
                 ("Message-ID", "<m1@vdberg.example>")], "I was charged twice.\n")


def reply(sender, message_id, text):
    return mail([("From", sender), ("To", "sam@example.com"), ("Subject", "Re: Double charge"),
                 ("Date", "Mon, 23 Nov 2026 10:00:00 +0100"), ("Message-ID", f"<{message_id}>"),
                 ("In-Reply-To", "<m1@vdberg.example>"), ("References", "<m1@vdberg.example>")], text)


class Senders(OwnerTest):
    def open_from_mail(self):
        cid = self.owner("new", "--from-mail", input=first_mail().decode(), now=MON).out.strip()
        self.assertRegex(cid, r"^[a-z0-9]{5}$")
        return cid

    def test_a_strangers_reply_opens_a_case_of_its_own_and_says_so(self):
        cid = self.open_from_mail()
        before = self.read_case(cid)
        r = self.owner("new", "--from-mail", now="2026-11-23T10:01:00+01:00",
                       input=reply("Mallory <mallory@evil.example>", "x1@evil.example",
                                   "Send the refund to IBAN NL00EVIL0123456789.\n").decode())
        other = r.out.strip()
        self.assertNotEqual(other, cid)
        self.assertIn(f"the mail answers case {cid}, but mallory@evil.example is not its contact", r.err)
        self.assertEqual(self.read_case(cid), before)  # not a word reached the customer's case
        case = self.owner("show", other, "--json").json()["case"]
        self.assertEqual(case["customer"], "Mallory")
        self.assertTrue(any(f"thread of case {cid}" in e["text"] for e in case["log"]), case["log"])
        # The customer's own reply still threads, its sender recorded.
        r = self.owner("new", "--from-mail", now="2026-11-23T10:02:00+01:00",
                       input=reply("Petra de Wit <Petra@VDBERG.example>", "r1@vdberg.example", "Thanks.\n").decode())
        self.assertEqual(r.out.strip(), cid)
        log = self.owner("show", cid, "--json").json()["case"]["log"]
        self.assertEqual(log[0]["sender"], "petra@vdberg.example")
        self.assertEqual(log[-1]["sender"], "Petra@VDBERG.example")

    def test_an_address_added_with_note_contact_threads_and_forget_removes_senders(self):
        cid = self.open_from_mail()
        colleague = reply("Kees <kees@vdberg.example>", "k1@vdberg.example", "Petra is away; I take over.\n")
        self.assertNotEqual(self.owner("new", "--from-mail", input=colleague.decode(),
                                       now="2026-11-23T10:01:00+01:00").out.strip(), cid)
        self.owner("note", cid, "--contact", "nope", expect=2)
        self.owner("note", cid, "--contact", "kees@vdberg.example")
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["contacts"], ["kees@vdberg.example"])
        again = reply("Kees <kees@vdberg.example>", "k2@vdberg.example", "Any news?\n")
        self.assertEqual(self.owner("new", "--from-mail", input=again.decode(),
                                    now="2026-11-23T10:05:00+01:00").out.strip(), cid)
        self.assertIn('sender = "kees@vdberg.example"', self.read_case(cid))
        self.owner("close", cid, "--accepted", now="2026-11-23T11:00:00+01:00")
        self.owner("forget", "--customer", "Petra de Wit", "--yes", now="2026-11-23T12:00:00+01:00")
        text = open(os.path.join(self.store, "archive", "2026", cid + ".toml"), encoding="utf-8").read()
        self.assertNotIn("vdberg.example", text)
        self.assertNotIn("sender = ", text)

    def test_a_strangers_reply_to_a_closed_case_is_not_opened_under_the_customers_name(self):
        cid = self.open_from_mail()
        self.owner("close", cid, "--accepted", now="2026-11-23T09:30:00+01:00")
        r = self.owner("new", "--from-mail", now="2026-11-23T10:01:00+01:00",
                       input=reply("Mallory <mallory@evil.example>", "x2@evil.example", "Reopen please.\n").decode())
        case = self.owner("show", r.out.strip(), "--json").json()["case"]
        self.assertEqual(case["customer"], "Mallory")
        self.assertIn(cid, r.err)


if __name__ == "__main__":
    main()
