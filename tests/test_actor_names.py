"""Finding actors' names in text: pure text code, no database."""

import json

from django.conf import settings
from django.test import SimpleTestCase

from events.actor_names import ActorMatcher, Mention, is_acronym, plural

IRAN, US, UN, IRGC, GUARD, SOLEIMANI, HTS, SAA, ISIS = range(1, 10)
NAMES = [
    (IRAN, "Iran"),
    (IRAN, "Islamic Republic of Iran"),
    (US, "United States"),
    (US, "US"),
    (US, "U.S."),
    (UN, "UN"),
    (IRGC, "IRGC"),
    (IRGC, "Islamic Revolutionary Guard Corps"),
    (GUARD, "Guard"),
    (SOLEIMANI, "Qassem Soleimani"),
    (SOLEIMANI, "Soleimani"),
    (HTS, "Hay'at Tahrir al-Sham"),
    (SAA, "SAA"),
    (SAA, "Assad’s Army"),
    (ISIS, "DAESH"),
]


class ActorMatcherTests(SimpleTestCase):
    matcher = ActorMatcher(NAMES)

    def found(self, text: str) -> list[tuple[str, int]]:
        return [(mention.text, mention.actor_id) for mention in self.matcher.find(text)]

    def test_names_are_found_on_word_boundaries(self):
        cases = [
            ("Iran and Syria", [("Iran", IRAN)]),
            ("Iranian officials", []),
            ("pro-Iran militias", [("Iran", IRAN)]),
            ("(Iran)", [("Iran", IRAN)]),
            ("Iran.", [("Iran", IRAN)]),
            ("UNESCO and the IRGCs", []),
            ("U.S.-backed forces", [("U.S.", US)]),
            ("the U.S.", [("U.S.", US)]),
            ("", []),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_a_possessive_is_left_out_of_the_mention(self):
        cases = [
            ("Soleimani’s visit", [("Soleimani", SOLEIMANI)]),
            ("Soleimani's visit", [("Soleimani", SOLEIMANI)]),
            ("Iran’s role", [("Iran", IRAN)]),
            ("the IRGC's commander", [("IRGC", IRGC)]),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_straight_and_curly_apostrophes_in_names_are_alike(self):
        cases = [
            ("Hay’at Tahrir al-Sham", [("Hay’at Tahrir al-Sham", HTS)]),
            ("Hay'at Tahrir al-Sham", [("Hay'at Tahrir al-Sham", HTS)]),
            ("Assad's Army", [("Assad's Army", SAA)]),
            ("Assad’s Army", [("Assad’s Army", SAA)]),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_short_all_capital_names_match_only_in_capitals(self):
        cases = [
            ("the US and the UN", [("US", US), ("UN", UN)]),
            ("let us go", []),
            ("Us and them", []),
            ("un-American", []),
            ("the IRGC", [("IRGC", IRGC)]),
            ("the irgc", []),
            ("the SAA", [("SAA", SAA)]),
            ("a saa", []),
            ("DAESH fighters", [("DAESH", ISIS)]),
            ("Daesh fighters", []),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_other_names_match_whatever_their_case(self):
        cases = [
            ("IRAN", [("IRAN", IRAN)]),
            ("iran", [("iran", IRAN)]),
            ("the united states", [("united states", US)]),
            (
                "the Islamic revolutionary guard corps",
                [("Islamic revolutionary guard corps", IRGC)],
            ),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_the_longest_name_wins_and_mentions_do_not_overlap(self):
        cases = [
            (
                "the Islamic Revolutionary Guard Corps",
                [("Islamic Revolutionary Guard Corps", IRGC)],
            ),
            ("the Guard", [("Guard", GUARD)]),
            ("Islamic Republic of Iran", [("Islamic Republic of Iran", IRAN)]),
            ("Qassem Soleimani", [("Qassem Soleimani", SOLEIMANI)]),
            (
                "Soleimani and Qassem Soleimani",
                [("Soleimani", SOLEIMANI), ("Qassem Soleimani", SOLEIMANI)],
            ),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_any_whitespace_matches_a_space_in_a_name(self):
        cases = ["United\u00a0States", "United  States", "United\nStates"]
        for text in cases:
            with self.subTest(repr(text)):
                self.assertEqual(self.found(text), [(text, US)])

    def test_mentions_carry_offsets_into_the_text(self):
        text = "In 2020 the US killed Qassem Soleimani’s driver."
        mentions = self.matcher.find(text)
        self.assertEqual(
            mentions, [Mention(12, 14, "US", US), Mention(22, 38, "Qassem Soleimani", SOLEIMANI)]
        )
        for mention in mentions:
            self.assertEqual(text[mention.start : mention.end], mention.text)

    def test_a_name_shared_by_two_actors_mentions_both(self):
        matcher = ActorMatcher([(1, "Assad"), (2, "Assad"), (3, "Hafez")])
        self.assertEqual([m.actor_id for m in matcher.find("Assad spoke.")], [1, 2])

    def test_names_without_letters_or_digits_are_ignored(self):
        matcher = ActorMatcher([(1, "—"), (2, "  "), (3, "...")])
        self.assertEqual(matcher.find("— ... —"), [])
        self.assertEqual(ActorMatcher([]).find("Iran"), [])

    def test_which_names_count_as_acronyms(self):
        cases = [
            ("US", True),
            ("U.S.", True),
            ("IRGC", True),
            ("DAESH", True),
            ("SANA", True),
            ("ISIS", True),
            ("Iran", False),
            ("Basij", False),
            ("NATO-ISAF", False),  # longer than five characters
            ("KSA ", True),
        ]
        for name, expected in cases:
            with self.subTest(name):
                self.assertEqual(is_acronym(name), expected)


class DemonymTests(SimpleTestCase):
    """A state's demonym names it where it qualifies the state's doing or organs."""

    IRAN, ISRAEL, SYRIA, US, UK, SAA, FSA, HEZBOLLAH = range(1, 9)
    matcher = ActorMatcher(
        [
            (IRAN, "Iran"),
            (SYRIA, "Syrian government"),
            (SAA, "Syrian army"),
            (FSA, "Free Syrian Army"),
            (HEZBOLLAH, "Lebanese Hezbollah"),
            (US, "US"),
        ],
        demonyms=[
            (IRAN, "Iranian"),
            (ISRAEL, "Israeli"),
            (SYRIA, "Syrian"),
            (US, "American"),
            (UK, "British"),
            (IRAN, "iranian"),  # not a demonym as written: ignored
            (UK, "Anglo Saxon"),
        ],
    )

    def found(self, text: str) -> list[tuple[str, int]]:
        return [(mention.text, mention.actor_id) for mention in self.matcher.find(text)]

    def test_a_demonym_qualifying_the_states_doing_or_organs_names_the_state(self):
        cases = [
            ("an Israeli strike on Damascus", [("Israeli", self.ISRAEL)]),
            ("an Israeli air strike", [("Israeli", self.ISRAEL)]),
            ("Israeli airstrikes", [("Israeli", self.ISRAEL)]),
            ("Iranian-backed militias", [("Iranian", self.IRAN)]),
            ("Iranian military advisers arrived", [("Iranian", self.IRAN)]),
            ("American officials said", [("American", self.US)]),
            ("the British Foreign Secretary", [("British", self.UK)]),
            ("IRANIAN FORCES WITHDRAW", [("IRANIAN", self.IRAN)]),
            ("a Turkish F-16 downed an Israeli Su-24", [("Israeli", self.ISRAEL)]),
            ("Israeli F-35s struck", [("Israeli", self.ISRAEL)]),
            ("the Iranian side of the operation", [("Iranian", self.IRAN)]),
            (
                "Israeli jets hit Syrian air defence sites",
                [("Israeli", self.ISRAEL), ("Syrian", self.SYRIA)],
            ),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_each_demonym_of_a_run_names_its_state(self):
        cases = [
            ("Iranian-Syrian relations", [("Iranian", self.IRAN), ("Syrian", self.SYRIA)]),
            ("Iranian and Israeli officials", [("Iranian", self.IRAN), ("Israeli", self.ISRAEL)]),
            (
                "American, British and French forces struck",  # France is no actor here
                [("American", self.US), ("British", self.UK)],
            ),
            ("Israeli or American drones", [("Israeli", self.ISRAEL), ("American", self.US)]),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_a_demonym_qualifying_people_places_or_things_names_no_state(self):
        cases = [
            "Syrian refugees crossed",
            "the Syrian opposition",
            "the Syrian opposition forces",  # "opposition" between: not the state's forces
            "Lebanese villages",
            "an Iranian-born analyst",
            "pro-Iranian militias",
            "anti-Israeli protests",
            "Iranian culture and Israeli citizens",
            "American-made missiles",
            "Latin American governments",
            "an Israeli",
            "Iranians",  # people, where no "the" makes them the state
            "iranian officials",  # not written as a demonym
        ]
        for text in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), [])

    def test_a_plural_demonym_after_the_names_the_state(self):
        cases = [
            ("The Iranians sent advisers to Aleppo.", [("Iranians", self.IRAN)]),
            ("talks with the Americans, which failed", [("Americans", self.US)]),
            (
                "tensions between the Russians and Iranians",  # Russia is no actor here
                [("Iranians", self.IRAN)],
            ),
            (
                "the Israelis and the Americans agreed",
                [("Israelis", self.ISRAEL), ("Americans", self.US)],
            ),
            ("the Iranians’ plan", [("Iranians", self.IRAN)]),
            ("THE ISRAELIS STRUCK", [("ISRAELIS", self.ISRAEL)]),
            ("the Iranians, who had sent advisers", [("Iranians", self.IRAN)]),
            # A plural that is also the demonym is a noun where no noun follows it.
            ("The British warned Tehran.", [("British", self.UK)]),
            ("as the British had", [("British", self.UK)]),
            ("the British, the Americans", [("British", self.UK), ("Americans", self.US)]),
            # In a run with another plural, it is a noun whatever follows.
            (
                "the Israelis and the British test a truce",
                [("Israelis", self.ISRAEL), ("British", self.UK)],
            ),
            # People of the nation, not its state.
            ("thousands of Syrians fled", []),
            ("ordinary Iranians pay for it", []),
            ("the Syrians who fled to Turkey", []),
            ("the Iranians living abroad", []),
            ("the British-flagged tanker", []),
            ("the British public", []),
            ("the British and Syrian refugees", []),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_plurals_of_demonyms(self):
        cases = [
            ("Iranian", "Iranians"),
            ("Saudi", "Saudis"),
            ("Soviet", "Soviets"),
            ("Turkish", "Turks"),
            ("British", "British"),
            ("Lebanese", "Lebanese"),
            ("French", "French"),
            ("IRANIAN", "IRANIANS"),
        ]
        for demonym, expected in cases:
            with self.subTest(demonym):
                self.assertEqual(plural(demonym), expected)

    def test_a_name_wins_over_a_demonym_inside_it(self):
        cases = [
            ("the Syrian government said", [("Syrian government", self.SYRIA)]),
            ("the Syrian army's offensive", [("Syrian army", self.SAA)]),
            ("the Free Syrian Army", [("Free Syrian Army", self.FSA)]),
            ("Lebanese Hezbollah fighters", [("Lebanese Hezbollah", self.HEZBOLLAH)]),
            (
                "Iranian-Syrian government talks",
                [("Iranian", self.IRAN), ("Syrian government", self.SYRIA)],
            ),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual(self.found(text), expected)

    def test_a_demonym_opening_or_before_an_organs_name_names_its_state(self):
        iran, syria, egypt, quds, saa, brotherhood, fsa = range(1, 8)
        matcher = ActorMatcher(
            [
                (quds, "Quds Force"),
                (saa, "Syrian army"),
                (brotherhood, "Muslim Brotherhood"),
                (fsa, "Free Syrian Army"),
            ],
            demonyms=[(iran, "Iranian"), (syria, "Syrian"), (egypt, "Egyptian")],
            organs=[quds, saa],
        )
        cases = [
            ("the Iranian Quds Force", [("Iranian", iran), ("Quds Force", quds)]),
            ("the Syrian army's offensive", [("Syrian", syria), ("Syrian army", saa)]),
            # Not another actor's: a group is no organ of the state it is of, or named for.
            ("the Egyptian Muslim Brotherhood", [("Muslim Brotherhood", brotherhood)]),
            ("the Free Syrian Army", [("Free Syrian Army", fsa)]),
            ("the Quds Force", [("Quds Force", quds)]),
        ]
        for text, expected in cases:
            with self.subTest(text):
                found = [(mention.text, mention.actor_id) for mention in matcher.find(text)]
                self.assertEqual(found, expected)

    def test_demonym_mentions_carry_offsets_and_come_in_order_with_the_names(self):
        text = "Iran said Israeli jets struck."
        mentions = self.matcher.find(text)
        self.assertEqual(
            mentions, [Mention(0, 4, "Iran", self.IRAN), Mention(10, 17, "Israeli", self.ISRAEL)]
        )
        for mention in mentions:
            self.assertEqual(text[mention.start : mention.end], mention.text)

    def test_without_names_demonyms_still_match(self):
        matcher = ActorMatcher([], demonyms=[(1, "Israeli")])
        self.assertEqual([m.actor_id for m in matcher.find("Israeli troops")], [1])


class SurnameTests(SimpleTestCase):
    """A document that names a person in full may go on to name them by surname."""

    SOLEIMANI, BASHAR, HAFEZ, ZAHEDI, JOLANI, IRGC, IRAN = range(1, 8)
    matcher = ActorMatcher(
        [
            (SOLEIMANI, "Qassem Soleimani"),
            (BASHAR, "Bashar al-Assad"),
            (HAFEZ, "Hafez al-Assad"),
            (ZAHEDI, "Mohammad Reza Zahedi"),
            (JOLANI, "Abu Mohammad al-Jolani"),
            (IRGC, "Islamic Revolutionary Guard Corps"),
            (IRAN, "Iran"),
        ],
        people=[SOLEIMANI, BASHAR, HAFEZ, ZAHEDI, JOLANI],
    )

    def found(self, passages: list[str]) -> list[tuple[int, str, int]]:
        found = self.matcher.find_in_document(passages)
        return [(n, m.text, m.actor_id) for n, mentions in enumerate(found) for m in mentions]

    def by_surname(self, passages: list[str]) -> list[tuple[int, str]]:
        """The mentions found in the document that its passages alone do not give."""
        alone = [self.matcher.find(passage) for passage in passages]
        found = self.matcher.find_in_document(passages)
        return [
            (n, m.text) for n, mentions in enumerate(found) for m in mentions if m not in alone[n]
        ]

    def test_a_surname_names_the_person_the_document_names_in_full(self):
        cases = [  # passages, the mentions found by surname alone
            (["Qassem Soleimani arrived.", "Soleimani’s plan worked."], [(1, "Soleimani")]),
            (["Soleimani led it.", "Qassem Soleimani came."], [(0, "Soleimani")]),
            (["Mohammad Reza Zahedi died. Zahedi was 63."], [(0, "Zahedi")]),
            (["Abu Mohammad al-Jolani spoke.", "Jolani said so."], [(1, "Jolani")]),
            (["Bashar al-Assad fled.", "President Assad had ruled."], [(1, "Assad")]),
            (["Qassem Soleimani came.", "Iran's Soleimani led it."], [(1, "Soleimani")]),
            (["Bashar al-Assad fled.", "Assad had ruled."], [(1, "Assad")]),
            (["Bashar al-Assad fled.", "Then al-Assad spoke."], [(1, "al-Assad")]),
            (["Qassem Soleimani came.", "On Tuesday Soleimani spoke."], [(1, "Soleimani")]),
            (["Qassem Soleimani came.", "In May, Soleimani spoke."], [(1, "Soleimani")]),
        ]
        for passages, expected in cases:
            with self.subTest(passages):
                self.assertEqual(self.by_surname(passages), expected)

    def test_a_surname_is_not_the_person_when_it_may_be_someone_else(self):
        cases = [
            ["Soleimani spoke."],  # the document never names him in full
            ["Bashar al-Assad and Hafez al-Assad.", "Assad ruled."],  # two of that name
            ["Bashar al-Assad fled.", "His uncle Rifaat al-Assad stayed."],  # another name
            ["Qassem Soleimani came.", "The soleimani doctrine."],  # not written as a name
            ["The Islamic Revolutionary Guard Corps.", "Corps commanders."],  # not a person
        ]
        for passages in cases:
            with self.subTest(passages):
                self.assertEqual(self.by_surname(passages), [])

    def test_the_mentions_by_surname_carry_the_persons_id_in_order(self):
        self.assertEqual(
            self.found(["Iran backed Bashar al-Assad.", "Iran and Assad won."]),
            [
                (0, "Iran", self.IRAN),
                (0, "Bashar al-Assad", self.BASHAR),
                (1, "Iran", self.IRAN),
                (1, "Assad", self.BASHAR),
            ],
        )


class SeedActorNameTests(SimpleTestCase):
    """The curated actors' names and aliases (fixtures/actors.json) as the seeds write them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        records = json.loads((settings.FIXTURES_DIR / "actors.json").read_text())
        # The actors' slugs stand in for their ids: (slug, name) and (actor's slug, alias).
        names = [
            (fields.get("slug") or fields["actor"][0], fields["name"])
            for fields in (record["fields"] for record in records)
        ]
        demonyms = [
            (fields["slug"], fields["demonym"])
            for fields in (record["fields"] for record in records)
            if fields.get("demonym")
        ]
        cls.matcher = ActorMatcher(names, demonyms=demonyms)

    def test_the_seeds_forms_of_names(self):
        cases = [
            ("Qassem Soleimani’s visit to Moscow", ["qasem-soleimani", "russia"]),
            ("Martyr Soleimani", ["qasem-soleimani"]),
            ("the IRGC-Quds Force", ["quds-force"]),
            ("the IRGC and the Basij", ["irgc", "basij"]),
            ("Lebanese Hezbollah", ["hezbollah"]),
            ("Hizbollah’s fighters", ["hezbollah"]),
            ("the US and the UN", ["united-states", "united-nations"]),
            ("bring us to the un-winnable war", []),
            ("the Islamic Republic of Iran", ["iran"]),
            ("Iran’s Supreme National Security Council", ["iran", "snsc"]),
            ("Khamenei.ir reported", ["khamenei-ir"]),
            ("A. A. Ahmadian said", ["ali-akbar-ahmadian"]),
            ("Hay'at Tahrir al-Sham (HTS)", ["hayat-tahrir-al-sham", "hayat-tahrir-al-sham"]),
            ("Bashar al-Assad met Assad's Army", ["bashar-al-assad", "syrian-army"]),
            ("an Israeli strike killed Iranian advisers", ["israel", "iran"]),
            ("Saudi-Iranian rapprochement", ["saudi-arabia", "iran"]),
            ("Syrian refugees and Lebanese villages", []),
        ]
        for text, expected in cases:
            with self.subTest(text):
                self.assertEqual([m.actor_id for m in self.matcher.find(text)], expected)
