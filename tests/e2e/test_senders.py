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

    def test_a_reply_linked_only_by_the_subject_tag_joins_its_case_from_a_known_sender(self):
        cid = self.open_from_mail()
        with_ref = self.new("Refund", "Van der Berg", "--ref", "INC-40211", "--contact", "petra@vdberg.example",
                            now=MON)
        for tag, sender, text, joins in ((cid, "Petra de Wit <petra@vdberg.example>", "Still charged twice.", cid),
                                         ("inc-40211", "petra@vdberg.example", "Any news?", with_ref)):
            m = mail([("From", sender), ("To", "sam@example.com"), ("Subject", f"Re: Double charge [{tag}]"),
                      ("Date", "Mon, 23 Nov 2026 11:00:00 +0100"), ("Message-ID", f"<{tag}@web.example>")],
                     text + "\n")
            r = self.owner("new", "--from-mail", input=m.decode(), now="2026-11-23T11:01:00+01:00")
            self.assertEqual(r.out.strip(), joins, r.err)
        log = self.owner("show", cid, "--json").json()["case"]["log"]
        self.assertIn("by mail: Still charged twice.", [e["text"] for e in log])
        # A stranger using the tag opens a case of their own, whose title holds no tag.
        m = mail([("From", "Mallory <mallory@evil.example>"), ("Subject", f"Re: Double charge [{cid}]"),
                  ("Date", "Mon, 23 Nov 2026 12:00:00 +0100"), ("Message-ID", "<x2@evil.example>")],
                 "Pay to IBAN NL00EVIL0123456789.\n")
        r = self.owner("new", "--from-mail", input=m.decode(), now="2026-11-23T12:01:00+01:00")
        other = r.out.strip()
        self.assertNotEqual(other, cid)
        self.assertIn(f"the mail answers case {cid}", r.err)
        self.assertEqual(self.owner("show", other, "--json").json()["case"]["title"], "Double charge")

    def test_reply_to_is_the_customer_and_from_is_kept(self):
        m = mail([("From", "Web form <noreply@shop.example>"), ("Reply-To", "Jan Smit <jan@smit.example>"),
                  ("Subject", "Contact form: my order 5512 never came"), ("Date", "Mon, 23 Nov 2026 08:00:00 +0100"),
                  ("Message-ID", "<f1@shop.example>")], "Hello,\n\nMy order 5512 never came.\n")
        cid = self.owner("new", "--from-mail", input=m.decode(), now=MON).out.strip()
        case = self.owner("show", cid, "--json").json()["case"]
        self.assertEqual(case["customer"], "Jan Smit")
        self.assertEqual(case["contact"], "jan@smit.example")
        self.assertEqual(case["contacts"], ["noreply@shop.example"])
        self.assertEqual(case["log"][0]["sender"], "noreply@shop.example")
        # Both addresses are the case's: a reply from either threads onto it.
        for n, sender in enumerate(("jan@smit.example", "noreply@shop.example")):
            r = mail([("From", sender), ("Subject", "Re: my order"), ("Date", "Mon, 23 Nov 2026 10:00:00 +0100"),
                      ("Message-ID", f"<r{n}@x.example>"), ("In-Reply-To", "<f1@shop.example>")], "More.\n")
            self.assertEqual(self.owner("new", "--from-mail", input=r.decode(),
                                        now="2026-11-23T10:01:00+01:00").out.strip(), cid)
        # A Reply-To that is the sender again, or no address, changes nothing.
        m = mail([("From", "Ann <ann@b.example>"), ("Reply-To", "ANN@b.example"), ("Subject", "Hi"),
                  ("Date", "Mon, 23 Nov 2026 08:00:00 +0100"), ("Message-ID", "<a1@b.example>")], "Hi.\n")
        case = self.owner("show", self.owner("new", "--from-mail", input=m.decode(), now=MON).out.strip(),
                          "--json").json()["case"]
        self.assertEqual((case["customer"], case["contact"], case.get("contacts", [])), ("Ann", "ann@b.example", []))

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
