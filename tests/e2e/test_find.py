"""Finding a case the way you remember it, colleagues on a roster, and calendars (issue 16)."""

import os
import unittest

from ownertest import OwnerTest, main


class FindingCases(OwnerTest):
    """Wherever a CASE is asked: an id or prefix, the customer's reference, or a part of the name."""

    def setUp(self):
        super().setUp()
        self.k = self.new("Double charge on November invoice", "M. Jansen", "--ref", "INC-40211")
        self.m = self.new("Late delivery of router", "Jansen BV", "--ref", "INC-40300")
        self.b = self.new("Contract renewal", "Van der Berg Logistiek B.V.")
        self.z = self.new("Café order", "Zoë Müller")

    def test_the_customers_reference_selects_the_case(self):
        for typed in ("INC-40211", "inc-40211", "inc40211"):
            with self.subTest(typed=typed):
                self.assertEqual(self.owner("show", typed, "--json").json()["case"]["id"], self.k)

    def test_a_unique_part_of_the_name_selects_the_case(self):
        self.assertEqual(self.owner("show", "berg", "--json").json()["case"]["id"], self.b)
        self.assertEqual(self.owner("show", "Van der Berg", "--json").json()["case"]["id"], self.b)
        # Accents and case do not matter: "muller" finds Zoë Müller.
        self.assertEqual(self.owner("show", "muller", "--json").json()["case"]["id"], self.z)

    def test_the_whole_name_wins_over_a_part(self):
        self.assertEqual(self.owner("show", "M. Jansen", "--json").json()["case"]["id"], self.k)
        self.assertEqual(self.owner("show", "jansen bv", "--json").json()["case"]["id"], self.m)

    def test_several_matches_give_a_did_you_mean_list(self):
        r = self.owner("note", "jansen", "called", expect=2)
        lines = r.err.strip().split("\n")
        self.assertEqual(len(lines), 1, r.err)
        self.assertIn("'jansen' matches 2 cases", lines[0])
        self.assertIn(f"{self.k} (M. Jansen: Double charge on November invoice)", lines[0])
        self.assertIn(f"{self.m} (Jansen BV: Late delivery of router)", lines[0])
        self.assertIn("did you mean one of these?", lines[0])
        self.assertNotIn("called", self.read_case(self.k) + self.read_case(self.m))

    def test_a_write_by_name_says_which_case_it_changed(self):
        r = self.owner("note", "berg", "Called about the discount")
        self.assertEqual(r.err.strip(), f"owner: 'berg' is case {self.b} (Van der Berg Logistiek B.V.: Contract renewal)")
        self.assertIn("Called about the discount", self.read_case(self.b))
        # By id, nothing extra is said.
        self.assertEqual(self.owner("note", self.b, "again").err, "")

    def test_every_command_that_asks_for_a_case_accepts_a_name(self):
        self.owner("plan", "berg", "Send the new contract", "--due", "fri")
        self.owner("prioritize", "berg", "high")
        self.owner("told", "berg", "contract on its way")
        self.owner("done", "berg", "contract")
        r = self.owner("draft", "INC-40300", expect=1)
        self.assertIn(f"case {self.m} has no open action", r.err)
        self.owner("check", "muller")
        self.owner("close", "INC-40211", "--accepted")
        self.assertIn('priority = "high"', self.read_case(self.b))
        # A closed case: named by its reference it says how to reopen; reopen and show find it.
        r = self.owner("note", "INC-40211", "x", expect=1)
        self.assertIn(f"case '{self.k}' (M. Jansen: Double charge on November invoice) is closed; 'owner reopen {self.k}'", r.err)
        self.assertEqual(self.owner("show", "inc40211", "--json").json()["case"]["id"], self.k)
        self.owner("reopen", "INC-40211", "customer called back")
        self.assertTrue(os.path.exists(self.case_path(self.k)))

    def test_open_cases_come_before_closed_ones(self):
        self.owner("close", self.m, "--accepted")
        # Two Jansens, one of them closed: `show jansen` means the open one.
        self.assertEqual(self.owner("show", "jansen", "--json").json()["case"]["id"], self.k)

    def test_ids_and_prefixes_still_come_first(self):
        self.assertEqual(self.owner("show", self.k[:3], "--json").json()["case"]["id"], self.k)

    def test_an_unknown_name_suggests_the_nearest_customer(self):
        r = self.owner("show", "Van der Brg Logistiek", expect=1)
        self.assertEqual(r.err.strip(), "owner: error: no case 'Van der Brg Logistiek'; did you mean 'Van der Berg Logistiek B.V.'?")
        r = self.owner("show", "nobody at all", expect=1)
        self.assertEqual(r.err.strip(), "owner: error: no case 'nobody at all'")

    def test_text_that_looks_like_a_path_is_refused(self):
        for bad in ["../" + self.k, "cases/" + self.k, "..", "/etc/passwd"]:
            with self.subTest(bad=bad):
                r = self.owner("note", bad, "x", expect=2)
                self.assertIn("is not a case id", r.err)


if __name__ == "__main__":
    main()
