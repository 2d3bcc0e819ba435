"""stats over a generated archive: the same figures with the archive's cache cold, warm, stale and
switched off (OWNER_NO_CACHE), for every option."""

import os
import random
import time

from ownertest import OwnerTest, main

WHO = ["Dini", "Ben", "Ben Smit (billing)", "Sam", "me", "Tom"]
REMARKS = ["Quick and friendly", "Took a while, but solved", "Zoë was great — thank you"]


def ts(day, hour=10, minute=0, year=2026):
    """day: (month, day)."""
    return f"{year}-{day[0]:02d}-{day[1]:02d}T{hour:02d}:{minute:02d}:00+01:00"


def closed_case(rng, cid):
    """A closed case with what stats counts: reopenings, moved promises, updates, hand-overs,
    checks, escalations, a rating and a remark (or a withdrawal)."""
    year = rng.choice([2025, 2026])
    month = rng.randint(1, 10)
    day = rng.randint(1, 20)
    opened = ts((month, day), rng.randint(8, 16), rng.randint(0, 59), year)
    close_day = (month + rng.randint(0, 2), min(28, day + rng.randint(0, 8)))
    closed = ts(close_day, rng.randint(9, 18), rng.randint(0, 59), year)
    accepted = rng.random() < 0.85
    lines = ["schema = 1", f'id = "{cid}"', f'title = "Case {cid}"', f'customer = "Customer {cid}"',
             f"opened = {opened}"]
    if rng.random() < 0.8:
        lines.append(f"deadline = {ts((month + 1, min(28, day + rng.randint(0, 5))), 17, 0, year)}")
    lines += [f"closed = {closed}", f'outcome = "{"accepted" if accepted else "withdrawn"}"']
    for a in range(rng.randint(0, 3)):
        lines += ["", "[[actions]]", f'what = "Step {a + 1}"', f"due = {ts((month, day), 17, 0, year)}"]
        if rng.random() < 0.6:
            lines.append(f'who = "{rng.choice(WHO)}"')
        lines.append(f"done = {ts((month, day), 16, 0, year)}")
    log = [(opened, "opened", {})]
    for _ in range(rng.randint(0, 6)):
        event = rng.choice(["told", "told", "check", "escalated", "deadline", "note"])
        at = ts((month, min(28, day + rng.randint(0, 6))), rng.randint(8, 18), rng.randint(0, 59), year)
        extra = {}
        if event == "deadline":
            extra = {"from": ts((month + 1, day), 17, 0, year), "to": ts((month + 1, min(28, day + 3)), 17, 0, year)}
        log.append((at, event, extra))
    if rng.random() < 0.15:  # closed once before, and reopened
        log.append((ts((month, min(28, day + 1)), 12, 0, year), "closed", {}))
        log.append((ts((month, min(28, day + 2)), 9, 30, year), "reopened", {}))
    final = {}
    if accepted and rng.random() < 0.5:
        final["rating"] = rng.randint(1, 5)
    if accepted and rng.random() < 0.2:
        final["remark"] = f'"{rng.choice(REMARKS)}"'
    log.append((closed, "closed", final))
    for at, event, extra in log:
        lines += ["", "[[log]]", f"at = {at}", f'event = "{event}"']
        lines += [f"{k} = {v}" for k, v in extra.items()]
    return year, "\n".join(lines) + "\n"


class StatsCache(OwnerTest):
    """stats streams the archive through a cache of per-case outcomes; the figures never change."""

    CONFIG = 'name = "Sam"\n[people]\n"Ben Smit" = ["Ben", "Ben Smit (billing)"]\nSam = ["me"]\n'
    OPTIONS = [(), ("--json",), ("--since", "2026-03-01"), ("--since", "2026-03-01", "--json"),
               ("--since", "2027-01-01", "--json")]

    def setUp(self):
        super().setUp()
        self.use_config(self.CONFIG)
        rng = random.Random(17)
        alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
        ids = set()
        while len(ids) < 300:
            ids.add("".join(rng.choice(alphabet) for _ in range(5)))
        self.paths = {}
        for cid in sorted(ids):
            year, text = closed_case(rng, cid)
            folder = os.path.join(self.store, "archive", str(year))
            os.makedirs(folder, mode=0o700, exist_ok=True)
            self.paths[cid] = os.path.join(folder, cid + ".toml")
            with open(self.paths[cid], "w", encoding="utf-8") as f:
                f.write(text)
        self.new("Still open", "Someone")
        time.sleep(2.1)  # the cache keeps only files older than two seconds (README "Performance")

    def all_stats(self, env=None):
        return {opts: (self.owner("stats", *opts, env=env).out) for opts in self.OPTIONS}

    def assert_same_as_uncached(self, env=None):
        """Cache as it is, then warm: both equal to the figures read without the cache."""
        uncached = self.all_stats(env=dict(env or {}, OWNER_NO_CACHE="1"))
        self.assertEqual(self.all_stats(env=env), uncached)
        self.assertEqual(self.all_stats(env=env), uncached)
        return uncached

    def cache_file(self):
        return os.path.join(self.store, ".cache", "closed-outcomes")

    def test_cold_warm_and_uncached_agree_for_every_option(self):
        uncached = self.all_stats(env={"OWNER_NO_CACHE": "1"})
        self.assertFalse(os.path.exists(self.cache_file()))
        self.assertEqual(self.all_stats(), uncached)  # cold: fills the cache
        self.assertTrue(os.path.exists(self.cache_file()))
        self.assertEqual(self.all_stats(), uncached)  # warm
        figures = self.owner("stats", "--json").json()
        self.assertEqual(figures["closed_accepted"] + figures["closed_withdrawn"], 300)
        self.assertGreater(figures["rating"]["rated"], 50)
        self.assertGreater(len(figures["rating"]["remarks"]), 10)
        self.assertGreater(figures["promises_moved"], 10)
        self.assertGreater(figures["escalations"], 10)
        self.assertEqual(figures["open"], 1)

    def test_the_archive_cache_keeps_outcomes_not_cases(self):
        self.owner("stats")
        self.assertFalse(os.path.exists(os.path.join(self.store, ".cache", "closed-cases")))
        with open(self.cache_file(), "rb") as f:
            held = f.read()
        self.assertNotIn(b"Customer ", held)  # names and titles are not needed for stats
        self.assertIn(b"Zo\xc3\xab was great", held)  # the customers' remarks are

    def test_changed_added_and_removed_files_are_read_again(self):
        before = self.assert_same_as_uncached()
        cid, path = next((c, p) for c, p in self.paths.items()
                         if 'outcome = "accepted"' in open(p, encoding="utf-8").read())
        with open(path, encoding="utf-8") as f:
            text = f.read()
        # In place and of the same size, as an editor or a git checkout would do.
        edited = text.replace('outcome = "accepted"', 'outcome = "withdrawn"', 1)
        self.assertEqual(len(edited), len(text) + 1)
        edited = edited.replace('outcome = "withdrawn"', 'outcome ="withdrawn"', 1)
        self.assertEqual(len(edited), len(text))
        with open(path, "r+", encoding="utf-8") as f:
            f.write(edited)
        after = self.assert_same_as_uncached()
        self.assertNotEqual(after, before)
        # Added, then removed.
        year, text = closed_case(random.Random(3), "zzzz9")
        added = os.path.join(self.store, "archive", str(year), "zzzz9.toml")
        with open(added, "w", encoding="utf-8") as f:
            f.write(text)
        self.assertNotEqual(self.assert_same_as_uncached(), after)
        os.remove(added)
        os.remove(self.paths[next(c for c in self.paths if c != cid)])
        self.assert_same_as_uncached()
        # A case file that breaks is reported as before, not taken from the cache.
        with open(path, "w", encoding="utf-8") as f:
            f.write("schema = 1\nid = [\n")
        r = self.owner("stats", "--json", expect=None)
        r_uncached = self.owner("stats", "--json", expect=None, env={"OWNER_NO_CACHE": "1"})
        self.assertEqual((r.code, r.out, r.err), (r_uncached.code, r_uncached.out, r_uncached.err))
        self.assertIn(cid, r.err)

    def test_a_config_or_zone_that_changes_outcomes_invalidates_the_cache(self):
        base = self.assert_same_as_uncached()
        for config in ('name = "Sam"\n',  # "me" is no longer Sam: more hand-overs
                       'name = "Ben"\n[people]\n"Ben Smit" = ["Ben", "Ben Smit (billing)"]\n',
                       'name = "Sam"\n[work]\nhours = "08:00-16:00"\ndays = ["mon", "tue", "wed", "thu"]\n',
                       'name = "Sam"\n[work]\nholidays = [2026-05-05, 2026-04-06, 2025-12-25]\n',
                       'name = "Sam"\n[update]\nevery_days = 5\n'):
            with self.subTest(config=config):
                self.use_config(config)
                self.assertNotEqual(self.assert_same_as_uncached(), base)
        self.use_config(self.CONFIG)
        self.assertEqual(self.assert_same_as_uncached(), base)
        for zone in ("America/New_York", "Asia/Kolkata", ""):
            with self.subTest(zone=zone):
                self.assertNotEqual(self.assert_same_as_uncached(env={"TZ": zone}), base)

    def test_the_configs_time_zone_is_part_of_the_cache_key(self):
        base = self.assert_same_as_uncached()  # TZ=Europe/Amsterdam
        del self.env["TZ"]  # as cron runs it: the config's [work] time_zone counts
        self.use_config(self.CONFIG + '[work]\ntime_zone = "Europe/Amsterdam"\n')
        self.assertEqual(self.assert_same_as_uncached(), base)
        self.use_config(self.CONFIG + '[work]\ntime_zone = "America/New_York"\n')
        new_york = self.assert_same_as_uncached()
        self.assertNotEqual(new_york, base)
        self.assertEqual(self.assert_same_as_uncached(env={"TZ": "America/New_York"}), new_york)
        # TZ, when set, wins over the config.
        self.assertEqual(self.assert_same_as_uncached(env={"TZ": "Europe/Amsterdam"}), base)

    def test_a_corrupt_or_foreign_cache_is_ignored(self):
        expected = self.all_stats(env={"OWNER_NO_CACHE": "1"})
        self.owner("stats")
        with open(self.cache_file(), "rb") as f:
            good = f.read()
        for junk in (b"", b"owner-outcome-cache 1\n\xff\xff\xff\xff\xff\xff\xff\xff", os.urandom(4096),
                     good[:len(good) // 2], good[:-3] + b"\x07\x00\x00"):
            with open(self.cache_file(), "wb") as f:
                f.write(junk)
            self.assertEqual(self.all_stats(), expected)


if __name__ == "__main__":
    main()
