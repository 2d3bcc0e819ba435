"""Messages a customer can receive as they are, and mail in and out (issue 15)."""

import email
import email.policy
import fcntl
import json
import os
import re
import shutil
import socket
import threading

from ownertest import OwnerTest, main

CONFIG = """name = "Sam de Vries"
email = "sam@example.com"
[escalate]
to = "Anna"
"""

MON = "2026-11-23T09:00:00+01:00"
DRAFT_AT = "2026-11-23T10:00:00+01:00"

# (what, who, due, what the customer reads in each language)
ACTIONS = [
    ("Ask billing for credit note", "Dini", "2026-11-27 12:00",
     {"en": "a credit note for invoice 2026-1187", "nl": "een creditnota voor factuur 2026-1187",
      "de": "eine Gutschrift für Rechnung 2026-1187"}),
    ("Check VAT on corrected invoice", "Ben", "2026-11-30 12:00",
     {"en": "a corrected invoice with the right VAT", "nl": "een gecorrigeerde factuur met het juiste btw-bedrag",
      "de": "eine korrigierte Rechnung mit der richtigen Mehrwertsteuer"}),
    ("Refund via bank", None, "2026-12-01 15:00",
     {"en": "the refund of € 42.10 to your account", "nl": "de terugbetaling van € 42,10 op uw rekening",
      "de": "die Erstattung von 42,10 € auf Ihr Konto"}),
]
DONE = ("Find both payments", "2026-11-23 09:30",
        {"en": "we found both of your payments", "nl": "we hebben uw beide betalingen gevonden",
         "de": "wir haben Ihre beiden Zahlungen gefunden"})
# The case as a customer of that language would bring it (English and Dutch share one).
CASES = {"de": ("Doppelte Abbuchung auf der Novemberrechnung", "Bergmann GmbH", "Petra Schulz")}

STRICT = email.policy.default.clone(raise_on_defect=True)


def mail(headers, body):
    return ("\n".join(f"{k}: {v}" for k, v in headers) + "\n\n" + body).encode()


class SmtpCatcher:
    """A one-connection-at-a-time SMTP server on 127.0.0.1 that keeps what it is sent."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.mails = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as r:
                say = lambda line: conn.sendall(line.encode() + b"\r\n")
                say("220 localhost ESMTP")
                rcpt = []
                while line := r.readline():
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        say("250 localhost")
                    elif verb == b"RCPT":
                        rcpt.append(line.decode().split(":", 1)[1].strip().strip("<>"))
                        say("250 OK")
                    elif verb == b"DATA":
                        say("354 go on")
                        data = b""
                        while (chunk := r.readline()) not in (b".\r\n", b""):
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        self.mails.append((rcpt, data.replace(b"\r\n", b"\n")))
                        say("250 queued")
                    elif verb == b"QUIT":
                        say("221 bye")
                        break
                    else:
                        say("250 OK")

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the thread: it stops listening
        except OSError:
            pass
        self.sock.close()
        self.thread.join(5)


class Mail(OwnerTest):
    def setUp(self):
        super().setUp()
        self.use_config(CONFIG)

    def build(self, lang, n, progress, customer=None, contact_name="Petra de Wit"):
        """A case with n open actions in the case's language, and one done action when progress."""
        title, customer_here, contact_here = CASES.get(
            lang, ("Double charge on November invoice", "Van der Berg B.V.", "Petra de Wit"))
        customer = customer or customer_here
        contact_name = contact_here if contact_name == "Petra de Wit" else contact_name
        extra = ["--contact-name", contact_name] if contact_name else []
        cid = self.new(title, customer, "--deadline", "2026-12-02 17:00",
                       "--ref", "ZD-48213", "--contact", "petra@vdberg.example", "--lang", lang, *extra, now=MON)
        if progress:
            what, due, tell = DONE
            self.owner("plan", cid, what, "--due", due, "--tell", tell[lang], now=MON)
            self.owner("done", cid, "payments", now="2026-11-23T09:20:00+01:00")
        for what, who, due, tell in ACTIONS[:n]:
            self.owner("plan", cid, what, "--due", due, "--tell", tell[lang],
                       *(["--who", who] if who else []), now=MON)
        return cid

    def draft(self, cid, *args, now=DRAFT_AT):
        return self.owner("draft", cid, *args, now=now).out.replace(cid, "k7rq2")

    # --- the built-in templates, golden --------------------------------------------------------

    def test_customer_template_golden_in_every_language(self):
        for lang in ("en", "nl", "de"):
            parts = []
            for progress in (False, True):
                for n in (1, 2, 3):
                    cid = self.build(lang, n, progress)
                    r = self.owner("draft", cid, now=DRAFT_AT)
                    self.assertEqual(r.err, "", "every action has customer wording: no notes")
                    for internal in ("Dini", "Ben", "billing", "VAT on corrected"):
                        self.assertNotIn(internal, r.out, "no colleague's name or internal text reaches the customer")
                    parts.append(f"=== {n} action{'s' if n > 1 else ''}, {'with' if progress else 'without'} progress ===\n"
                                 + r.out)
            self.assert_golden(f"template-customer-{lang}.txt", "\n".join(parts))

    def test_other_templates_golden_in_every_language(self):
        for lang in ("en", "nl", "de"):
            parts = []
            cid = self.build(lang, 3, False)
            # One colleague with one action, then with two (the second at the same time: one check list).
            parts.append("=== colleague, one action ===\n" + self.draft(cid, "--to", "Dini"))
            self.owner("plan", cid, "Send credit note to customer", "--who", "Dini", "--due", "2026-11-27 12:00", now=MON)
            out = self.draft(cid, "--to", "Dini")
            self.assertEqual(len(re.findall(r"\d+:\d\d", out.split("\n\n")[2])), 2, "each check time once")
            parts.append("=== colleague, two actions ===\n" + out)
            # A stalled check: the escalation to the contact and the notice to the person concerned.
            self.owner("check", cid, "1", "stalled", now="2026-11-25T11:00:00+01:00")
            parts.append("=== escalation and notice ===\n" + self.owner("escalate", cid, now="2026-11-25T11:05:00+01:00").out.replace(cid, "k7rq2"))
            # Thanks: one helper, then several.
            one = self.build(lang, 1, False)
            self.owner("close", one, "--accepted", now="2026-11-27T10:00:00+01:00")
            parts.append("=== thanks, one helper ===\n" + self.draft(one, "--thanks", now="2026-11-27T10:05:00+01:00"))
            for n in (1, 2, 3):
                self.owner("done", cid, "1" if n == 1 else str(n), now="2026-11-27T10:00:00+01:00", expect=None)
            self.owner("close", cid, "--accepted", now="2026-11-27T10:00:00+01:00")
            parts.append("=== thanks, several helpers ===\n" + self.draft(cid, "--thanks", now="2026-11-27T10:05:00+01:00"))
            # A withdrawal: the close drafts "no longer needed" to Dini; thanks afterwards accept nothing.
            gone = self.build(lang, 3, False)
            close = self.owner("close", gone, "--withdrawn", "bought elsewhere", now="2026-11-25T10:00:00+01:00").out
            parts.append("=== withdrawn, one colleague ===\n" + close[close.index("--- to Dini ---"):].split("\n--- to ")[0].replace(gone, "k7rq2"))
            parts.append("=== withdrawn, several helpers ===\n" + self.draft(gone, "--thanks", now="2026-11-25T10:05:00+01:00").replace(gone, "k7rq2"))
            self.assert_golden(f"template-others-{lang}.txt", "\n".join(parts))

    # --- what a customer reads -----------------------------------------------------------------

    def test_an_action_without_customer_wording_gets_a_neutral_line_and_a_note(self):
        cid = self.new("Router broken", "M. Jansen", "--deadline", "2026-12-02 17:00", now=MON)
        self.owner("plan", cid, "ben controleert btw", "--who", "Ben", "--due", "2026-11-26 12:00", now=MON)
        r = self.owner("draft", cid, now=DRAFT_AT)
        self.assertNotIn("Ben", r.out)
        self.assertNotIn("controleert", r.out)
        self.assertIn("- The next step in handling your request — by Thursday 26 November", r.out)
        self.assertIn("Dear M. Jansen,", r.out)
        self.assertIn(f'action 1 "ben controleert btw" has no customer wording', r.err)
        self.assertIn(f'owner plan {cid} 1 --tell', r.err)
        # Adding the wording later keeps the plan (and its checks) as it was.
        before = self.owner("show", cid, "--json").json()["case"]["actions"][0]["checks"]
        self.owner("plan", cid, "1", "--tell", "a new router, sent to you", now=DRAFT_AT)
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["actions"][0]["checks"], before)
        r = self.owner("draft", cid, now=DRAFT_AT)
        self.assertEqual(r.err, "")
        self.assertIn("- A new router, sent to you — by Thursday 26 November", r.out)
        self.assertIn('tell = "a new router, sent to you"', self.read_case(cid))
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["actions"][0]["tell"], "a new router, sent to you")
        self.assertIn('the customer reads "a new router, sent to you"', self.owner("show", cid, now=DRAFT_AT, env={"COLUMNS": "300"}).out)
        self.owner("plan", cid, "1", "--tell", " ", expect=2)

    def test_progress_is_what_was_done_since_the_customer_last_heard(self):
        cid = self.build("en", 2, True)
        self.assertIn("Done so far:\n- We found both of your payments\n", self.draft(cid))
        self.owner("draft", cid, "--sent", now=DRAFT_AT)
        self.assertNotIn("Done since", self.draft(cid, now="2026-11-23T11:00:00+01:00"))
        self.owner("done", cid, "credit", now="2026-11-24T10:00:00+01:00")
        out = self.draft(cid, now="2026-11-24T11:00:00+01:00")
        self.assertIn("Done since my last message:\n- A credit note for invoice 2026-1187\n", out)
        self.assertIn("What happens next:\n- A corrected invoice with the right VAT — by Monday 30 November\n", out)

    def test_names_keep_their_capitals_and_an_organisation_is_not_greeted_by_name(self):
        cid = self.build("nl", 1, False, customer="Van der Berg B.V.", contact_name="")
        out = self.draft(cid)
        self.assertTrue(out.startswith("Geachte heer, mevrouw,\n"), out)
        out = self.draft(cid, "--to", "Dini")
        self.assertIn("Hoi Dini,", out)
        self.assertIn("- Ask billing for credit note", out)

    def test_the_case_language_is_used_unless_lang_says_otherwise(self):
        cid = self.build("nl", 1, False)
        self.assertIn("Met vriendelijke groet,", self.draft(cid))
        self.assertIn("Kind regards,", self.draft(cid, "--lang", "en"))
        self.assertIn('lang = "nl"', self.read_case(cid))
        self.assertIn('contact_name = "Petra de Wit"', self.read_case(cid))

    def test_template_colleague_and_to(self):
        cid = self.build("en", 1, False)
        r = self.owner("draft", cid, "--template", "colleague", expect=2)
        self.assertIn("--template colleague writes to a colleague: say who with --to NAME", r.err)
        out = self.owner("draft", cid, "--template", "colleague", "--to", "Dini", now=DRAFT_AT).out
        self.assertTrue(out.startswith("Hi Dini,"), out)
        r = self.owner("draft", cid, "--template", "customer", "--to", "Dini", expect=2)
        self.assertIn("--template customer writes to the customer, but --to names 'Dini'", r.err)
        self.assertTrue(self.owner("draft", cid, "--template", "customer", now=DRAFT_AT).out.startswith("Dear Petra de Wit,"))

    def test_the_escalation_contact_who_is_also_the_person_concerned_gets_one_draft(self):
        cid = self.build("nl", 1, False)
        self.owner("check", cid, "credit", "stalled", now="2026-11-25T11:00:00+01:00")
        out = self.owner("escalate", cid, "--to", "Dini", now="2026-11-25T11:05:00+01:00").out
        self.assertEqual(out.count("--- to "), 1, out)
        self.assertIn('Reden: bij een controle bleek "Ask billing for credit note" (Dini) vast te zitten', out)
        self.assertNotIn("a check found", out)

    # --- mail out ------------------------------------------------------------------------------

    def test_draft_mail_is_a_mail_python_reads_strictly(self):
        cid = self.build("nl", 2, True)
        text = self.draft(cid)
        r = self.owner("draft", cid, "--mail", "--sent", now=DRAFT_AT)
        msg = email.message_from_bytes(r.out.encode(), policy=STRICT)
        self.assertEqual(msg.defects, [])
        self.assertEqual(str(msg["From"]), "Sam de Vries <sam@example.com>")
        self.assertEqual(str(msg["To"]), "Petra de Wit <petra@vdberg.example>")
        self.assertEqual(str(msg["Subject"]), "Double charge on November invoice [ZD-48213]")
        self.assertEqual(msg["Date"].datetime.isoformat(), "2026-11-23T10:00:00+01:00")
        self.assertEqual(msg["MIME-Version"], "1.0")
        self.assertEqual(msg.get_content_type(), "text/plain")
        self.assertEqual(msg.get_content_charset(), "utf-8")
        self.assertIn(msg["Content-Transfer-Encoding"], ("quoted-printable", "base64"))
        self.assertEqual(msg.get_content().replace(cid, "k7rq2"), text)
        for line in r.out.split("\n"):
            self.assertLessEqual(len(line), 78, line)
            self.assertTrue(all(ord(c) < 128 for c in line), line)
        message_id = msg["Message-ID"]
        self.assertRegex(message_id, r"^<owner\.[a-z0-9]{5}\.\d+\.[0-9a-f]{8}@example\.com>$")
        self.assertIsNone(msg["In-Reply-To"])
        # --sent recorded the update and put the mail in the case's thread.
        case = self.owner("show", cid, "--json").json()["case"]
        self.assertEqual(case["log"][-1]["event"], "told")
        self.assertIn(message_id.strip("<>"), self.read_case(cid))
        # The customer's reply to it threads onto the case.
        reply = mail([("From", "Petra de Wit <petra@vdberg.example>"), ("To", "sam@example.com"),
                      ("Subject", "Re: Double charge on November invoice [ZD-48213]"),
                      ("Date", "Mon, 23 Nov 2026 14:00:00 +0100"), ("Message-ID", "<r1@vdberg.example>"),
                      ("In-Reply-To", message_id)], "Prima, dank u.\n")
        self.assertEqual(self.owner("new", "--from-mail", input=reply.decode(), now="2026-11-23T14:01:00+01:00").out.strip(), cid)

    def test_a_non_ascii_subject_is_an_encoded_word_and_a_reply_keeps_the_thread(self):
        m = mail([("From", "=?UTF-8?Q?Ren=C3=A9e_M=C3=BCller?= <renee@example.nl>"),
                  ("Subject", "=?UTF-8?B?S2xhY2h0OiByZWtlbmluZyB2b29yIMOpw6luIG1hYW5kIHRlIHZlZWw=?="),
                  ("Date", "Mon, 23 Nov 2026 08:00:00 +0100"), ("Message-ID", "<first@example.nl>"),
                  ("References", "<older@example.nl>")], "Ik betaal te veel.\n")
        cid = self.owner("new", "--from-mail", "-", input=m.decode(), now=MON).out.strip()
        self.owner("plan", cid, "Correct the bill", "--due", "fri", "--tell", "een correcte rekening", now=MON)
        r = self.owner("draft", cid, "--mail", now=DRAFT_AT)
        self.assertRegex(r.out, r"(?m)^Subject: .*=\?(UTF-8|utf-8)\?[BbQq]\?")
        msg = email.message_from_bytes(r.out.encode(), policy=STRICT)
        self.assertEqual(str(msg["Subject"]), f"Re: Klacht: rekening voor één maand te veel [{cid}]")
        self.assertEqual(str(msg["To"]), "Renée Müller <renee@example.nl>")
        self.assertEqual(msg["In-Reply-To"], "<first@example.nl>")
        self.assertEqual(msg["References"], "<first@example.nl>")

    def test_draft_mail_needs_an_address_for_from(self):
        cid = self.build("en", 1, False)
        r = self.owner("draft", cid, "--mail", env={"OWNER_CONFIG": "/dev/null"}, expect=1)
        self.assertIn('set email = "you@example.com" in the config', r.err)
        r = self.owner("draft", cid, "--mail", "--to", "Dini", expect=2)
        self.assertIn("--mail writes the customer draft", r.err)

    # --- sending and recording are one step (issue 28, item 1) ---------------------------------

    def send_config(self, send):
        self.use_config(CONFIG + f"[mail]\nsend = {json.dumps(send)}\n")

    def told_count(self, cid):
        return sum(e["event"] == "told" for e in self.owner("show", cid, "--json").json()["case"]["log"])

    def test_draft_send_without_a_send_command_says_how_and_records_nothing(self):
        cid = self.build("en", 1, False)
        before = self.read_case(cid)
        r = self.owner("draft", cid, "--send", expect=1, now=DRAFT_AT)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn('[mail] send = "msmtp -t"', r.err)
        self.assertEqual(r.out, "")
        self.assertEqual(self.read_case(cid), before)
        r = self.owner("draft", cid, "--send", "--sent", expect=2)
        self.assertIn("--send", r.err)
        self.assertIn("--sent", r.err)
        self.send_config("msmtp 'unbalanced")
        r = self.owner("draft", cid, "--send", expect=1)
        self.assertIn("mail.send", r.err)

    def test_a_send_command_that_fails_leaves_the_case_untold(self):
        cid = self.build("en", 1, False)
        got = os.path.join(self.tmp, "got.eml")
        script = os.path.join(self.tmp, "send")
        with open(script, "w") as f:
            f.write(f"#!/bin/sh\ncat > '{got}'\necho 'msmtp: cannot connect to mail.example.com, port 587' >&2\nexit 75\n")
        os.chmod(script, 0o755)
        self.send_config(f"{script} -t")
        before = self.read_case(cid)
        r = self.owner("draft", cid, "--send", expect=1, now=DRAFT_AT)
        self.assertEqual(len(r.err.strip().splitlines()), 1, r.err)
        self.assertIn("exit 75", r.err)
        self.assertIn("cannot connect", r.err)
        self.assertIn("nothing recorded", r.err)
        self.assertEqual(self.read_case(cid), before)
        self.assertTrue(os.path.getsize(got) > 0, "the command got the mail on its input")
        # A store locked by another writer: nothing is sent, so "try again" never sends twice.
        os.unlink(got)
        with open(os.path.join(self.store, ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            r = self.owner("draft", cid, "--send", expect=4, now=DRAFT_AT, env={"OWNER_LOCK_TIMEOUT": "0.5"})
        self.assertFalse(os.path.exists(got), "no mail went out while the case could not be recorded")
        self.assertEqual(self.read_case(cid), before)
        # No address to send to: refused before any command runs.
        other = self.new("Printer jams", "Acme", now=MON)
        self.owner("plan", other, "Replace the roller", "--due", "fri", "--tell", "a new roller", now=MON)
        r = self.owner("draft", other, "--send", expect=1, now=DRAFT_AT)
        self.assertIn("no mail address to send to", r.err)
        self.assertFalse(os.path.exists(got))

    def test_draft_send_through_msmtp_to_a_local_smtp_server_records_what_arrived(self):
        if not shutil.which("msmtp"):
            self.skipTest("msmtp is not installed (apt-get install msmtp): --send was tested with a script only")
        server = SmtpCatcher()
        self.addCleanup(server.close)
        self.send_config(f"msmtp --host=127.0.0.1 --port={server.port} --auth=off --tls=off "
                         "--from=sam@example.com -t")
        cid = self.build("nl", 2, True)
        text = self.draft(cid)
        r = self.owner("draft", cid, "--send", now=DRAFT_AT)
        self.assertEqual(r.out, "")
        self.assertIn("petra@vdberg.example", r.err)
        self.assertEqual(len(server.mails), 1)
        envelope, raw = server.mails[0]
        self.assertEqual(envelope, ["petra@vdberg.example"])
        msg = email.message_from_bytes(raw, policy=STRICT)
        self.assertEqual(msg.defects, [])
        self.assertEqual(str(msg["To"]), "Petra de Wit <petra@vdberg.example>")
        self.assertEqual(msg.get_content().replace(cid, "k7rq2"), text)
        # Recorded once, with the Message-ID that went out: the reply threads onto the case.
        self.assertEqual(self.told_count(cid), 1)
        self.assertIn(msg["Message-ID"].strip("<>"), self.read_case(cid))
        reply = mail([("From", "Petra de Wit <petra@vdberg.example>"), ("To", "sam@example.com"),
                      ("Subject", "Re: " + str(msg["Subject"])), ("Date", "Mon, 23 Nov 2026 14:00:00 +0100"),
                      ("Message-ID", "<r2@vdberg.example>"), ("In-Reply-To", msg["Message-ID"])], "Dank u.\n")
        self.assertEqual(self.owner("new", "--from-mail", input=reply.decode(), now="2026-11-23T14:01:00+01:00").out.strip(), cid)
        # The server gone: msmtp fails, nothing more is recorded.
        server.close()
        r = self.owner("draft", cid, "--send", expect=1, now="2026-11-23T15:00:00+01:00")
        self.assertIn("nothing recorded", r.err)
        self.assertEqual(self.told_count(cid), 1)

    # --- long headers and long threads (issue 24, item 1) ---------------------------------------

    LONG_COMPANY = "Coöperatieve Vereniging " + "Groothandel in Aardappelen, Uien en Peen " * 3 + "Holding B.V."
    LONG_NAME = "Petronella " + "Wilhelmina " * 9 + "de Wit-van den Berg"
    LONG_TITLE = "Dubbele afschrijving op de factuur van november — " + " ".join(["en opnieuw in december"] * 6)

    def strict_mail(self, raw):
        """The mail parsed by Python's email with policy.default: no defect in the message or a header."""
        self.assertTrue(all(ord(c) < 128 for c in raw), "a mail on the wire is ASCII")
        msg = email.message_from_bytes(raw.encode("ascii"), policy=STRICT)
        self.assertEqual(msg.defects, [])
        for name, value in msg.items():
            self.assertEqual(list(value.defects), [], name)
        self.assertEqual(sorted(k.lower() for k in msg.keys()),
                         sorted(["date", "from", "subject", "to", "message-id", "mime-version", "content-type",
                                 "content-transfer-encoding"] + (["in-reply-to", "references"] if "References" in msg else [])),
                         "every header is in the header block, none fell into the body")
        for line in raw.split("\n"):
            self.assertLessEqual(len(line), 998, "no line over RFC 5322's limit")
        return msg

    def test_draft_mail_with_100_character_names_and_a_50_mail_thread_parses_strictly(self):
        self.assertGreater(len(self.LONG_COMPANY), 100)
        self.assertGreater(len(self.LONG_NAME), 100)
        # A company of 100+ characters as the only name: To carries it.
        cid = self.new(self.LONG_TITLE, self.LONG_COMPANY, "--contact", "inkoop@coop-aardappel.example",
                       "--lang", "nl", now=MON)
        self.owner("plan", cid, "Refund", "--due", "fri", "--tell", "de terugbetaling", now=MON)
        msg = self.strict_mail(self.owner("draft", cid, "--mail", now=DRAFT_AT).out)
        (to,) = msg["To"].addresses
        self.assertEqual((to.display_name, to.addr_spec), (self.LONG_COMPANY, "inkoop@coop-aardappel.example"))
        self.assertEqual(str(msg["Subject"]), f"{self.LONG_TITLE} [{cid}]")

        # A contact name of 100+ characters, and a thread of 50 mails: 25 of ours, 25 replies.
        cid = self.new("Double charge on November invoice", self.LONG_COMPANY, "--contact", "petra@vdberg.example",
                       "--contact-name", self.LONG_NAME, "--ref", "ZD-48213", now=MON)
        self.owner("plan", cid, "Refund", "--due", "fri", "--tell", "the refund", now=MON)
        thread = []
        for i in range(25):
            at = f"2026-11-23T10:{i:02}:00+01:00"
            raw = self.owner("draft", cid, "--mail", "--sent", now=at).out
            msg = self.strict_mail(raw)
            self.assertEqual(msg["Date"].datetime.isoformat(), at)
            (to,) = msg["To"].addresses
            self.assertEqual((to.display_name, to.addr_spec), (self.LONG_NAME, "petra@vdberg.example"))
            self.assertEqual(msg.get_content().replace(cid, "k7rq2"), self.draft(cid, now=at))
            if thread:
                self.assertEqual(msg["In-Reply-To"], f"<{thread[-1]}>")
                self.assertEqual(msg["References"].split(), [f"<{t}>" for t in thread])
            mine = msg["Message-ID"].strip("<>")
            thread.append(mine)
            reply_id = f"reply{i:02}.{'x' * 40}@vdberg.example"
            reply = mail([("From", f"Petra <petra@vdberg.example>"), ("Subject", str(msg["Subject"])),
                          ("Date", f"Mon, 23 Nov 2026 10:{i:02}:30 +0100"), ("Message-ID", f"<{reply_id}>"),
                          ("In-Reply-To", f"<{mine}>"), ("References", " ".join(f"<{t}>" for t in thread))],
                         f"Reply {i}.\n")
            self.assertEqual(self.owner("new", "--from-mail", input=reply.decode(), now=at).out.strip(), cid)
            thread.append(reply_id)
        self.assertEqual(len(thread), 50)
        msg = self.strict_mail(self.owner("draft", cid, "--mail", now="2026-11-23T11:00:00+01:00").out)
        self.assertEqual(msg["References"].split(), [f"<{t}>" for t in thread])
        self.assertEqual(msg["In-Reply-To"], f"<{thread[-1]}>")
        self.assertRegex(msg["Message-ID"], r"^<owner\.[a-z0-9]{5}\.\d+\.[0-9a-f]{8}@example\.com>$")
        self.assertEqual(msg.get_content().replace(cid, "k7rq2"), self.draft(cid, now="2026-11-23T11:00:00+01:00"))

    def test_an_address_longer_than_254_characters_is_refused_where_it_enters(self):
        long = "a" * 250 + "@example.com"
        for contact in (long, f"Petra <{long}>"):
            r = self.owner("new", "Double charge", "--customer", "Petra", "--contact", contact, expect=2)
            self.assertEqual(r.err.count("\n"), 1, r.err)
            self.assertIn("--contact", r.err)
            self.assertIn("254", r.err)
        self.assertFalse(os.path.exists(self.cases) and os.listdir(self.cases))
        # 254 characters is still an address.
        ok = "a" * 242 + "@example.com"
        self.assertEqual(len(ok), 254)
        self.new("Double charge", "Petra", "--contact", ok)
        # From in the config: a config error, exit 1 like the others.
        self.use_config(CONFIG.replace("sam@example.com", long))
        r = self.owner("today", expect=1)
        self.assertEqual(r.err.count("\n"), 1, r.err)
        self.assertIn("email", r.err)
        self.assertIn("254", r.err)
        # A mail whose sender's address is too long opens no case.
        self.use_config(CONFIG)
        before = self.snapshot()
        m = mail([("From", long), ("Subject", "Hello"), ("Message-ID", "<l@example.com>")], "Hi.\n")
        r = self.owner("new", "--from-mail", input=m.decode(), expect=1)
        self.assertEqual(r.err.count("\n"), 1, r.err)
        self.assertIn("254", r.err)
        self.assertEqual(self.snapshot(), before)

    # --- mail in -------------------------------------------------------------------------------

    PLAIN = mail([("Received", "from mx.example.com by mail.example.com; Mon, 23 Nov 2026 08:41:07 +0100"),
                  ("From", '"Jansen, M." <m.jansen@example.com>'), ("To", "support@example.com"),
                  ("Subject", "Re: Fwd: Double charge   on November invoice"),
                  ("Date", "Mon, 23 Nov 2026 08:40:00 +0100"), ("Message-ID", "<CAF1234@mail.example.com>")],
                 "Dear support,\n\nI was charged twice for invoice 2026-1187.\nPlease refund one of the payments.\n\n"
                 "Kind regards,\nM. Jansen\n\nOn Fri, 20 Nov 2026 Support <support@example.com> wrote:\n> Your invoice\n")
    ALTERNATIVE = mail([("From", "Petra de Wit <petra@vdberg.example>"), ("To", "support@example.com"),
                        ("Subject", "Router levert geen verbinding"), ("Date", "Mon, 23 Nov 2026 07:15:00 +0100"),
                        ("Message-ID", "<0a1b2c@vdberg.example>"), ("MIME-Version", "1.0"),
                        ("Content-Type", 'multipart/alternative; boundary="=-b1"')],
                       "--=-b1\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
                       "Goedemorgen,\n\nSinds gisteren geeft de router geen verbinding meer. Wij hebben hem al opnieuw ge=\n"
                       "start, zonder resultaat. Kunt u vandaag nog iemand sturen? Het is dringend, want we kunnen niet =\n"
                       "factureren en dat kost ons veel geld =E9n tijd.\n\nMet vriendelijke groet,\nPetra de Wit\n-- \nVan der Berg B.V.\n"
                       "--=-b1\nContent-Type: text/html; charset=utf-8\n\n<p>Goedemorgen,</p><p>Sinds gisteren</p>\n--=-b1--\n")
    ENCODED = mail([("From", "=?ISO-8859-1?Q?Fran=E7ois_Dupr=E9?= <f.dupre@example.fr>"),
                    ("Subject", "=?UTF-8?Q?Factuur_=E2=82=AC_129,95_niet_ontvangen?="),
                    ("Date", "Sun, 22 Nov 2026 20:00:00 +0000"), ("Message-ID", "<f00@example.fr>"),
                    ("MIME-Version", "1.0"), ("Content-Type", "text/html; charset=utf-8")],
                   "<html><head><style>p{}</style></head><body><p>Bonjour,</p>"
                   "<p>Ik heb de factuur van &euro;&nbsp;129,95 niet ontvangen.<br>Kunt u hem opnieuw sturen?</p></body></html>\n")

    def open_from(self, data, *args, now=MON):
        return self.owner("new", "--from-mail", *args, input=data.decode("latin-1"), now=now).out.strip()

    def test_three_real_shaped_mails_open_cases(self):
        plain = self.open_from(self.PLAIN)
        case = self.owner("show", plain, "--json").json()["case"]
        self.assertEqual(case["title"], "Double charge on November invoice")
        self.assertEqual(case["customer"], "M. Jansen")
        self.assertEqual(case["contact"], "m.jansen@example.com")
        self.assertEqual(case["opened"], "2026-11-23T08:41:07+01:00")
        self.assertEqual(case["log"][0]["text"], "I was charged twice for invoice 2026-1187. Please refund one of the payments.")
        self.assertIn('mail_ids = [ "CAF1234@mail.example.com" ]', self.read_case(plain))
        self.assertEqual((case["mail_ids"], case["contact_name"], case["lang"]), (["CAF1234@mail.example.com"], "M. Jansen", None))

        path = os.path.join(self.tmp, "alt.eml")
        with open(path, "wb") as f:
            f.write(self.ALTERNATIVE)
        alt = self.owner("new", "--from-mail", path, "--priority", "urgent", "--lang", "nl", now=MON).out.strip()
        case = self.owner("show", alt, "--json").json()["case"]
        self.assertEqual(case["customer"], "Petra de Wit")
        self.assertEqual(case["priority"], "urgent")
        self.assertEqual(case["opened"], "2026-11-23T07:15:00+01:00")
        self.assertTrue(case["log"][0]["text"].startswith("Sinds gisteren geeft de router geen verbinding meer. Wij hebben hem al opnieuw gestart"))
        self.assertIn("kost ons veel geld én tijd.", case["log"][0]["text"])
        self.assertNotIn("Met vriendelijke groet", case["log"][0]["text"])

        enc = self.open_from(self.ENCODED)
        case = self.owner("show", enc, "--json").json()["case"]
        self.assertEqual(case["title"], "Factuur € 129,95 niet ontvangen")
        self.assertEqual(case["customer"], "François Dupré")
        self.assertEqual(case["opened"], "2026-11-22T21:00:00+01:00")
        self.assertEqual(case["log"][0]["text"], "Ik heb de factuur van € 129,95 niet ontvangen. Kunt u hem opnieuw sturen?")
        self.assertEqual(len(os.listdir(self.cases)), 3)

    def test_a_reply_threads_onto_its_case_and_a_mail_delivered_twice_opens_nothing(self):
        alt = self.open_from(self.ALTERNATIVE)
        reply = mail([("From", "Petra de Wit <petra@vdberg.example>"), ("Subject", "Re: Router levert geen verbinding"),
                      ("Date", "Mon, 23 Nov 2026 11:30:00 +0100"), ("Message-ID", "<0a1b2d@vdberg.example>"),
                      ("In-Reply-To", "<unknown@example.com>"), ("References", "<0a1b2c@vdberg.example> <unknown@example.com>")],
                     "Hij doet het weer na de update.\n\nOp ma 23 nov 2026 om 10:00 schreef Sam:\n> Wij sturen iemand.\n")
        r = self.owner("new", "--from-mail", input=reply.decode(), now="2026-11-23T11:31:00+01:00")
        self.assertEqual(r.out.strip(), alt)
        self.assertIn(f"a reply in the thread of case {alt}", r.err)
        self.assertEqual(os.listdir(self.cases), [alt + ".toml"])
        log = self.owner("show", alt, "--json").json()["case"]["log"]
        self.assertEqual((log[-1]["event"], log[-1]["text"], log[-1]["at"]),
                         ("customer", "by mail: Hij doet het weer na de update.", "2026-11-23T11:30:00+01:00"))
        before = self.snapshot()
        r = self.owner("new", "--from-mail", input=reply.decode(), now="2026-11-23T11:40:00+01:00")
        self.assertEqual(r.out.strip(), alt)
        self.assertIn("already in case", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_a_reply_to_a_closed_case_opens_a_case_that_names_it_and_carries_its_customer(self):
        old = self.open_from(self.ALTERNATIVE, "--customer", "Van der Berg B.V.", "--lang", "nl", "--tag", "network")
        self.owner("close", old, "--accepted", now="2026-11-24T10:00:00+01:00")
        archived = self.snapshot()
        reply = mail([("From", "Petra de Wit <petra@vdberg.example>"), ("Subject", "Re: Router levert geen verbinding"),
                      ("Date", "Mon, 30 Nov 2026 08:55:00 +0100"), ("Message-ID", "<0a1b2e@vdberg.example>"),
                      ("In-Reply-To", "<0a1b2c@vdberg.example>"), ("References", "<0a1b2c@vdberg.example>")],
                     "De router valt sinds vanochtend weer uit.\n\nMet vriendelijke groet,\nPetra de Wit\n")
        r = self.owner("new", "--from-mail", input=reply.decode(), now="2026-11-30T09:05:00+01:00")
        new = r.out.strip()
        self.assertNotEqual(new, old)
        self.assertEqual(r.err, f"owner: a reply to case {old}, closed on 2026-11-24: opened case {new} for it, "
                                f"with the same customer, language and the mail thread; its first note names {old}\n")
        case = self.owner("show", new, "--json").json()["case"]
        self.assertEqual((case["title"], case["customer"], case["contact"], case["contact_name"], case["lang"], case["tags"]),
                         ("Router levert geen verbinding", "Van der Berg B.V.", "petra@vdberg.example", "Petra de Wit", "nl", ["network"]))
        self.assertEqual(case["mail_ids"], ["0a1b2c@vdberg.example", "0a1b2e@vdberg.example"])
        self.assertEqual(case["log"][0]["text"], f'follows closed case {old} ("Router levert geen verbinding", closed 2026-11-24): '
                                                 "De router valt sinds vanochtend weer uit.")
        self.assertEqual(case["opened"], "2026-11-30T08:55:00+01:00")
        # The closed case stays as it was, in the archive.
        self.assertIsNotNone(self.owner("show", old, "--json").json()["case"]["closed"])
        self.assertEqual({k: v for k, v in self.snapshot().items() if "archive" in k},
                         {k: v for k, v in archived.items() if "archive" in k})
        # The next reply in the thread, even to the old mail, goes to the new case.
        again = reply.replace(b"<0a1b2e@vdberg.example>", b"<0a1b2f@vdberg.example>", 1)
        r = self.owner("new", "--from-mail", input=again.decode(), now="2026-11-30T11:00:00+01:00")
        self.assertEqual(r.out.strip(), new)
        self.assertIn(f"a reply in the thread of case {new}", r.err)
        # The mail that opened the closed case, delivered again, changes nothing.
        before = self.snapshot()
        r = self.owner("new", "--from-mail", input=self.ALTERNATIVE.decode("latin-1"), now="2026-11-30T11:05:00+01:00")
        self.assertEqual(r.out.strip(), new)
        self.assertEqual(self.snapshot(), before)

    def test_malformed_mail_gets_a_clear_error_and_writes_nothing(self):
        self.open_from(self.PLAIN)
        before = self.snapshot()
        for data, expected in [
            (b"", "standard input: not a mail: it is empty"),
            (b"Subject: hello\n\nno sender\n", "standard input: not a mail owner can open a case from: no sender address in From"),
            (b"\x00\x01\x02binary junk\xff\xfe", "standard input: not a mail"),
            (b"From: someone\nSubject: x\n\nbody\n", "no sender address in From"),
            (b"From: a@example.com\nSubject: \x1b[31mred\n\nx\n", "Subject: control character U+001B (ESC) at byte 0"),
            (b"From: a@example.com\nSubject: x\n\nbad \x07 bell\n", "the body: control character U+0007 (BEL) at byte 4"),
        ]:
            r = self.owner("new", "--from-mail", input=data.decode("latin-1"), expect=1)
            self.assertEqual(r.err.count("\n"), 1, r.err)
            self.assertIn(expected, r.err)
        r = self.owner("new", "--from-mail", os.path.join(self.tmp, "missing.eml"), expect=1)
        self.assertIn("missing.eml: no such file", r.err)
        self.assertEqual(self.snapshot(), before)


    def from_bytes(self, data, expect=0):
        """new --from-mail on a file holding exactly these bytes (standard input here is text)."""
        path = os.path.join(self.tmp, "in.eml")
        with open(path, "wb") as f:
            f.write(data)
        return self.owner("new", "--from-mail", path, expect=expect)

    def test_a_nul_anywhere_in_a_mail_is_refused_with_one_line(self):
        self.open_from(self.PLAIN)
        before = self.snapshot()
        head = b"From: Jan <jan@example.com>\nMessage-ID: <n@example.com>\n"
        qp = b"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n"
        for data, where in [
            (head + b"Subject: hello\n\nfirst line\x00 and the rest\n", "the body"),
            (head + b"Subject: hello\n\n\x00first line\n", "the body"),
            (head + b"Subject: hello\n" + qp + b"\nfirst=00 line\n", "the body"),
            (head + b"Subject: hel\x00lo world\n\nbody\n", "Subject"),
            (head + b"Subject: =?utf-8?q?hel=00lo?= world\n\nbody\n", "Subject"),
            (head + b"Subject: =?utf-8?b?aGVsAGxv?= world\n\nbody\n", "Subject"),
            (b"From: =?utf-8?q?Ja=00n?= <jan@example.com>\nMessage-ID: <n@example.com>\nSubject: x\n\nbody\n", "From"),
        ]:
            r = self.from_bytes(data, expect=1)
            self.assertEqual(r.err.count("\n"), 1, r.err)
            self.assertIn(f"in.eml: {where}: control character U+0000 (NUL)", r.err)
        self.assertEqual(self.snapshot(), before)

    def test_text_not_valid_in_its_charset_is_read_as_windows_1252_never_as_question_marks(self):
        head = b"From: Jan <jan@example.com>\nMessage-ID: <w%d@example.com>\n"
        utf8 = b"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: %s\n"
        for i, (data, title, note, parts) in enumerate([
            (b"Subject: hello\n" + utf8 % b"8bit" + b"\nprijs \x80 10 caf\xe9\n", "hello", "prijs € 10 café", "the body"),
            (b"Subject: hello\n" + utf8 % b"quoted-printable" + b"\nprijs =80 10 caf=E9\n", "hello", "prijs € 10 café", "the body"),
            (b"Subject: hello\n\nprijs \x80 10 caf\xe9\n", "hello", "prijs € 10 café", "the body"),
            (b"Subject: caf\xe9 \x80 10\n\nbody\n", "café € 10", "body", "Subject"),
            (b"Subject: =?utf-8?q?caf=E9_=80_10?=\n\nbody\n", "café € 10", "body", "Subject"),
            (b"Subject: =?utf-8?q?caf=E9?= =?iso-8859-1?q?_=80_10?=\n\nprijs \x80\n", "café € 10", "prijs €", "Subject and the body"),
        ]):
            r = self.from_bytes((head % i) + data)
            case = self.owner("show", r.out.strip(), "--json").json()["case"]
            self.assertEqual((case["title"], case["log"][0]["text"]), (title, note))
            self.assertEqual(r.err.count("\n"), 1, r.err)
            self.assertIn(f"in.eml: {parts}: not valid in its charset; read as Windows-1252", r.err)
        # A name in From, and text that is valid in its own charset, pass without a note.
        for i, (data, customer, title) in enumerate([
            (b"From: =?utf-8?q?Ren=E9e?= <renee@example.nl>\nSubject: x\n\nbody\n", "Renée", "x"),
            (b'From: "M\xfcller, R." <renee@example.nl>\nSubject: x\n\nbody\n', "R. Müller", "x"),
            (b"From: Jan <jan@example.com>\nSubject: =?iso-8859-15?q?=A4_10?=\n\nbody\n", "Jan", "€ 10"),
            (b"From: Jan <jan@example.com>\nSubject: =?UTF-8?Q?=E2=82=AC_10?=\n\nbody\n", "Jan", "€ 10"),
        ]):
            r = self.from_bytes(b"Message-ID: <v%d@example.com>\n" % i + data)
            case = self.owner("show", r.out.strip(), "--json").json()["case"]
            self.assertEqual((case["customer"], case["title"]), (customer, title))
            self.assertNotIn("?", case["customer"] + case["title"])
            if b"\xfc" in data or b"Ren=E9e" in data:
                self.assertIn("From: not valid in its charset; read as Windows-1252", r.err)
            else:
                self.assertEqual(r.err, "")

    # --- Dutch everywhere ----------------------------------------------------------------------

    def test_language_nl_gives_dutch_headings_in_today_and_status(self):
        cfg = os.path.join(self.tmp, "nl.toml")
        with open(cfg, "w") as f:
            f.write('language = "nl"\n' + CONFIG)
        env = {"OWNER_CONFIG": cfg}
        cid = self.owner("new", "Storing", "--customer", "Kim", "--deadline", "2026-11-24 17:00", env=env, now=MON).out.strip()
        self.owner("plan", cid, "Monteur sturen", "--who", "Dini", "--due", "2026-11-23 12:00", env=env, now=MON)
        today = self.owner("today", env=env, now="2026-11-23T14:00:00+01:00").out
        self.assertIn("Te laat", today)
        self.assertIn("Deadlines in de komende 3 werkdagen", today)
        self.assertNotIn("Overdue", today)
        titles = [s["title"] for s in self.owner("today", "--json", env=env, now="2026-11-23T14:00:00+01:00").json()["sections"]]
        self.assertIn("Te laat", titles)
        status = self.owner("status", env=env, now="2026-11-23T14:00:00+01:00").out
        self.assertIn("Wacht op collega's", status)
        # English stays the default.
        self.assertIn("Overdue", self.owner("today", now="2026-11-23T14:00:00+01:00").out)


def outlook_mail(sender, subject, text, language=None, msg_id="<AM0PR07MB1234@eurprd07.prod.outlook.com>",
                 attachments=()):
    """A mail as Outlook sends it: plain and HTML alternatives in Windows-1252, quoted-printable,
    Outlook's own headers, Content-Language when `language` is given; then the attachments."""
    import email.message
    m = email.message.EmailMessage()
    m["From"] = sender
    m["To"] = "support@example.com"
    m["Subject"] = subject
    m["Date"] = "Mon, 23 Nov 2026 08:12:00 +0100"
    m["Message-ID"] = msg_id
    m["Thread-Topic"] = subject
    m["Thread-Index"] = "AdrBx3Lr0Kq1tGm5QzWkGf8mJ0l2Yw=="
    m["X-MS-Has-Attach"] = "yes" if attachments else ""
    m.set_content(text, charset="windows-1252", cte="quoted-printable")
    m.add_alternative("<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>",
                      subtype="html", charset="windows-1252", cte="quoted-printable")
    for name, data, maintype, subtype in attachments:
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    if language:  # after the content: set_content drops every Content-* header
        m["Accept-Language"] = f"{language}, en-US"
        m["Content-Language"] = language
        assert m["Content-Language"] == language
    return m.as_bytes(policy=email.policy.SMTP)


DUTCH = ("Goedemorgen,\n\nIk heb de factuur van november nog niet ontvangen. Kunt u hem opnieuw "
         "sturen? Wij hebben hem voor vrijdag nodig voor de boekhouding.\n\nMet vriendelijke groet,\n\n"
         "Petra de Wit\nVan der Berg B.V.\nT 020 123 4567\n")
GERMAN = ("Sehr geehrte Damen und Herren,\n\nich habe die Rechnung für November leider noch nicht "
          "erhalten. Können Sie sie mir bitte noch einmal schicken? Wir brauchen sie für die "
          "Buchhaltung.\n\nMit freundlichen Grüßen\nPetra Schulz\nBergmann GmbH\n")


class MailAsPeopleSendIt(OwnerTest):
    """Issue 28 item 5: the opening note is the message, the files are in the log, the language
    is the mail's. The mails are made by Python's `email` as Outlook and mail programs send them."""

    def setUp(self):
        super().setUp()
        self.use_config(CONFIG)

    def open_mail(self, data, *args, now=MON):
        r = self.owner("new", "--from-mail", *args, input=data.decode("latin-1"), now=now)
        return r.out.strip(), r.err

    def plan_one(self, cid):
        self.owner("plan", cid, "Resend the invoice", "--due", "2026-11-24 12:00", "--tell", "invoice", now=MON)

    def test_attachments_are_listed_by_name_and_size_and_forget_removes_them(self):
        pdf = b"%PDF-1.4\n" + b"0" * 84202
        data = outlook_mail("Tom Baker <tom@baker.example>", "Wrong amount on invoice 2026-1187",
                            "Hi,\n\nThe invoice is attached; the amount is wrong.\n\nThanks,\nTom Baker\n",
                            attachments=[("invoice-2026-1187.pdf", pdf, "application", "pdf"),
                                         ("scan van de bon.jpg", b"\xff\xd8" + b"1" * 123454, "image", "jpeg")])
        cid, _ = self.open_mail(data)
        log = self.owner("show", cid, "--json").json()["case"]["log"]
        self.assertEqual([(e["event"], e["text"]) for e in log],
                         [("opened", "The invoice is attached; the amount is wrong."),
                          ("attachments", "invoice-2026-1187.pdf (84 kB), scan van de bon.jpg (123 kB)")])
        self.assertEqual(log[1]["sender"], "tom@baker.example")
        self.assertIn("invoice-2026-1187.pdf (84 kB)", self.owner("show", cid).out)
        # A reply with a file of its own adds it to the case.
        reply = outlook_mail("Tom Baker <tom@baker.example>", f"RE: Wrong amount on invoice 2026-1187 [{cid}]",
                             "Here is the corrected order.\n\nBest,\nTom\n", msg_id="<reply1@baker.example>",
                             attachments=[("order.xlsx", b"x" * 999, "application", "octet-stream")])
        self.assertEqual(self.open_mail(reply, now="2026-11-23T10:00:00+01:00")[0], cid)
        log = self.owner("show", cid, "--json").json()["case"]["log"]
        self.assertEqual([(e["event"], e["text"]) for e in log[2:]],
                         [("customer", "by mail: Here is the corrected order."),
                          ("attachments", "order.xlsx (999 bytes)")])
        # forget removes the names with the rest of what identifies the customer.
        self.owner("close", cid, "--accepted", now="2026-11-24T10:00:00+01:00")
        self.owner("forget", "--customer", "Tom Baker", "--yes", now="2026-11-25T10:00:00+01:00")
        archived = [os.path.join(r, n) for r, _, ns in os.walk(os.path.join(self.store, "archive")) for n in ns]
        self.assertEqual(len(archived), 1)
        with open(archived[0], encoding="utf-8") as f:
            text = f.read()
        for name in ("invoice-2026-1187", "scan van de bon", "order.xlsx", "Tom"):
            self.assertNotIn(name, text)
        self.assertIn('event = "attachments"', text)

    def test_a_dutch_outlook_mail_opens_a_dutch_case_with_the_message_as_its_note(self):
        for language in ("nl-NL", None):
            with self.subTest(content_language=language):
                cid, err = self.open_mail(outlook_mail("Petra de Wit <petra@vdberg.example>", "Factuur november",
                                                       DUTCH, language, msg_id=f"<{language}@outlook.example>"))
                case = self.owner("show", cid, "--json").json()["case"]
                self.assertEqual(case["lang"], "nl")
                self.assertEqual(case["log"][0]["text"],
                                 "Ik heb de factuur van november nog niet ontvangen. Kunt u hem opnieuw sturen? "
                                 "Wij hebben hem voor vrijdag nodig voor de boekhouding.")
                self.plan_one(cid)
                draft = self.owner("draft", cid, now=DRAFT_AT).out
                self.assertIn("Met vriendelijke groet,", draft)
                self.assertNotIn("Kind regards", draft)
                # Said on stderr when the text decided it; Content-Language says it itself.
                self.assertEqual("the mail is in Dutch" in err, language is None, err)

    def test_a_german_mail_without_content_language_opens_a_german_case(self):
        import email.message
        m = email.message.EmailMessage()
        m["From"] = "Petra Schulz <p.schulz@bergmann.example>"
        m["Subject"] = "Rechnung November"
        m["Message-ID"] = "<de1@bergmann.example>"
        m["Date"] = "Mon, 23 Nov 2026 08:00:00 +0100"
        m.set_content(GERMAN)
        cid, err = self.open_mail(m.as_bytes())
        case = self.owner("show", cid, "--json").json()["case"]
        self.assertEqual(case["lang"], "de")
        self.assertEqual(case["log"][0]["text"],
                         "ich habe die Rechnung für November leider noch nicht erhalten. Können Sie sie mir bitte "
                         "noch einmal schicken? Wir brauchen sie für die Buchhaltung.")
        self.assertIn("the mail is in German", err)
        self.plan_one(cid)
        self.assertIn("Mit freundlichen Grüßen", self.owner("draft", cid, now=DRAFT_AT).out)

    def test_a_short_mail_keeps_the_configs_language_and_content_language_wins(self):
        import email.message
        m = email.message.EmailMessage()
        m["From"] = "kim@example.nl"
        m["Subject"] = "Storing"
        m["Message-ID"] = "<short@example.nl>"
        m.set_content("Groetjes,\n\nHij doet het niet.\n\nGroetjes,\nKim\n")
        cid, err = self.open_mail(m.as_bytes())
        case = self.owner("show", cid, "--json").json()["case"]
        self.assertEqual((case["lang"], case["log"][0]["text"], err), (None, "Hij doet het niet.", ""))
        # The header says German: the Dutch text does not outvote it.
        cid, _ = self.open_mail(outlook_mail("Kim <kim@example.nl>", "Storing", DUTCH, "de-DE"))
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["lang"], "de")


class GMimeOnDemand(OwnerTest):
    """GMime (with GLib, GIO and GPGME) is loaded on the first mail, not by every command."""

    def test_the_program_does_not_link_gmime_and_mail_still_works(self):
        import shutil
        import subprocess
        from ownertest import BIN
        if not shutil.which("readelf"):
            self.skipTest("readelf (binutils) is not installed")
        needed = subprocess.run(["readelf", "-d", BIN], capture_output=True, text=True, check=True).stdout
        self.assertNotIn("libgmime", needed)
        self.assertNotIn("libglib", needed)
        self.use_config(CONFIG)
        mail = ("From: Jan <jan@example.com>\nTo: sam@example.com\nSubject: Invoice twice\n"
                "Message-ID: <a1@example.com>\nDate: Mon, 23 Nov 2026 08:00:00 +0100\n\nCharged twice.\n")
        cid = self.owner("new", "--from-mail", "-", input=mail, now=MON).out.strip()
        self.assertEqual(self.owner("show", cid, "--json").json()["case"]["title"], "Invoice twice")


if __name__ == "__main__":
    main()
