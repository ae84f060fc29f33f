"""The rule pipeline end to end on short articles written for these tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.articles import ArticleIn
from ingest.pipeline import Extractor
from ingest.stages.types import ExtractedEvent


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    yield Extractor()


def run(extractor: Extractor, text: str, published: str = "2025-02-13") -> list[ExtractedEvent]:
    return extractor.extract(ArticleIn(id="t", text=text, published_at=published))


def names(event: ExtractedEvent) -> set[str]:
    return {p.name for p in event.participants}


def of_type(events: list[ExtractedEvent], type_: str) -> list[ExtractedEvent]:
    return [e for e in events if e.type == type_]


def test_extract_meeting_with_full_names_and_place(extractor: Extractor) -> None:
    events = run(extractor, "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday.")
    [meeting] = of_type(events, "meeting")
    assert names(meeting) == {"Xi Jinping", "Vladimir Putin"}
    assert meeting.place is not None and meeting.place.name == "Moscow" and meeting.place.country == "RUS"
    assert meeting.date == "2025-02-10" and meeting.date_precision == "day"
    assert meeting.status == "occurred"
    assert meeting.codes["cameo"] == "043"


def test_extract_call_with_surname_after_first_mention(extractor: Extractor) -> None:
    text = ("Volodymyr Zelenskyy thanked his allies on Sunday. "
            "Later Donald Trump spoke by phone with Zelenskyy for an hour.")
    [call] = of_type(run(extractor, text), "call")
    assert {p.id for p in call.participants} == {"trump-donald", "zelensky-volodymyr"}
    roles = {p.id: p.role for p in call.participants}
    assert roles["trump-donald"] == "initiator" and roles["zelensky-volodymyr"] == "recipient"


def test_extract_visit_by_role_reference_resolved_on_article_date(extractor: Extractor) -> None:
    [visit] = of_type(run(extractor, "The US Treasury Secretary arrived in Kyiv with a draft deal."), "visit")
    assert [p.id for p in visit.participants] == ["bessent-scott"]
    assert visit.participants[0].role == "visitor"
    assert visit.place is not None and visit.place.name == "Kyiv" and visit.place.country == "UKR"


def test_extract_meeting_with_pentagon_chief_and_foreign_minister(extractor: Extractor) -> None:
    text = "The Pentagon chief met Kazakhstan's foreign minister in Astana on Friday."
    [meeting] = of_type(run(extractor, text), "meeting")
    assert {p.id for p in meeting.participants} == {"hegseth-pete", "nurtleu-murat"}


def test_extract_meeting_of_demonym_negotiators_as_countries(extractor: Extractor) -> None:
    text = "Russian and American negotiators met in the Saudi capital on Tuesday."
    [meeting] = of_type(run(extractor, text), "meeting")
    assert {p.id for p in meeting.participants} == {"country:RUS", "country:USA"}
    assert meeting.place is not None and meeting.place.name == "Riyadh"


def test_extract_prisoner_exchange_between_capitals_as_states(extractor: Extractor) -> None:
    [swap] = of_type(run(extractor, "Moscow and Washington carried out a prisoner swap in Abu Dhabi."),
                     "prisoner_exchange")
    assert {p.id for p in swap.participants} == {"country:RUS", "country:USA"}


def test_extract_appointment_with_position(extractor: Extractor) -> None:
    text = "President Kassym-Jomart Tokayev on Monday appointed Aibek Dossanov as defence minister."
    [appointment] = of_type(run(extractor, text), "appointment")
    assert names(appointment) == {"Aibek Dossanov"}
    assert appointment.participants[0].kind == "person"
    assert appointment.participants[0].id == "person:aibek-dossanov"
    assert "defence minister" in appointment.attributes["position"]


def test_extract_dismissal_of_unknown_person_by_surname(extractor: Extractor) -> None:
    text = ("Marta Kowalczyk has led the customs service since 2019. "
            "On Wednesday the prime minister sacked Kowalczyk as head of the customs service.")
    [dismissal] = of_type(run(extractor, text), "dismissal")
    assert names(dismissal) == {"Marta Kowalczyk"}
    assert dismissal.date == "2025-02-12"


def test_extract_sanction_imposer_and_target(extractor: Extractor) -> None:
    [sanction] = of_type(run(extractor, "The European Union imposed sanctions on Belarus on Monday."), "sanction")
    roles = {p.role: p.id for p in sanction.participants}
    assert roles == {"imposer": "org:eu", "target": "country:BLR"}


def test_extract_agreement_signed_by_two_countries(extractor: Extractor) -> None:
    [deal] = of_type(run(extractor, "Armenia and Azerbaijan signed a peace agreement in Washington."), "agreement")
    assert {p.id for p in deal.participants} == {"country:ARM", "country:AZE"}


def test_extract_same_event_mentioned_twice_once(extractor: Extractor) -> None:
    text = ("Emmanuel Macron met Olaf Scholz in Berlin on Tuesday. "
            "The meeting between Macron and Scholz lasted two hours.")
    assert len(of_type(run(extractor, text), "meeting")) == 1


def test_extract_evidence_offsets_point_into_text(extractor: Extractor) -> None:
    text = "Home / News / World\nBy Anna Lee\n\nXi Jinping met Lula in Beijing on Friday."
    [meeting] = of_type(run(extractor, text), "meeting")
    assert text[meeting.evidence.start:meeting.evidence.end] == meeting.evidence.sentence
    assert meeting.evidence.sentence.startswith("Xi Jinping met")


def test_extract_journalist_and_speaker_are_not_participants(extractor: Extractor) -> None:
    text = "Antony Blinken met Wang Yi in Beijing, Kremlin spokesman Dmitry Peskov told Reuters."
    [meeting] = of_type(run(extractor, text), "meeting")
    assert names(meeting) == {"Antony Blinken", "Wang Yi"}


def test_extract_participants_skip_people_merely_mentioned(extractor: Extractor) -> None:
    text = "Keir Starmer, who praised Joe Biden last year, met Giorgia Meloni in Rome on Thursday."
    [meeting] = of_type(run(extractor, text), "meeting")
    assert names(meeting) == {"Keir Starmer", "Giorgia Meloni"}


def test_extract_surname_of_a_lesser_known_namesake_stays_with_the_full_name(extractor: Extractor) -> None:
    text = ("A delegation led by Li Wenbo, a provincial party secretary, arrived in Hanoi on Monday. "
            "Vietnam's leaders received Li the next day.")
    [visit] = of_type(run(extractor, text), "visit")
    assert [p.id for p in visit.participants] == ["person:li-wenbo"]
    assert visit.place is not None and visit.place.country == "VNM"


def test_extract_definite_role_noun_means_the_person_of_the_story(extractor: Extractor) -> None:
    text = "Olaf Scholz spoke at a dinner in Berlin. The chancellor flew to Beijing on Friday."
    [visit] = of_type(run(extractor, text, published="2022-11-05"), "visit")
    assert [p.id for p in visit.participants] == ["scholz-olaf"]
    assert visit.date == "2022-11-04"


def test_extract_the_two_leaders_and_they_refer_to_the_last_pair(extractor: Extractor) -> None:
    text = ("Narendra Modi met Anthony Albanese in Sydney on Tuesday. "
            "The two leaders had last spoken by phone on March 3. They also spoke by phone in January.")
    calls = of_type(run(extractor, text, published="2024-05-15"), "call")
    assert {c.date for c in calls} == {"2024-03-03", "2024-01"}
    assert all({p.name for p in c.participants} == {"Narendra Modi", "Anthony Albanese"} for c in calls)


def test_extract_habitual_contact_is_not_an_event(extractor: Extractor) -> None:
    text = "Recep Tayyip Erdogan has spoken with Vladimir Putin by phone repeatedly since the invasion."
    assert of_type(run(extractor, text), "call") == []


def test_extract_sanctions_on_two_targets_are_two_events(extractor: Extractor) -> None:
    text = "The European Union imposed sanctions on Belarus and on Iran on Monday."
    targets = sorted(p.id for e in of_type(run(extractor, text), "sanction") for p in e.participants
                     if p.role == "target")
    assert targets == ["country:BLR", "country:IRN"]


def test_extract_position_from_to_be(extractor: Extractor) -> None:
    text = "The president on Monday picked Senator Joan Avery of Ohio to be his secretary of labor."
    [appointment] = of_type(run(extractor, text), "appointment")
    assert appointment.attributes["position"] == "secretary of labor"


def test_extract_position_not_from_a_name_the_parser_took_for_one(extractor: Extractor) -> None:
    text = "Chad's ruling council named Amir Idriss, who headed the army in the east, as interim prime minister."
    [appointment] = of_type(run(extractor, text), "appointment")
    assert appointment.attributes["position"] == "interim prime minister"


def test_extract_the_three_leaders_are_the_three_named_before(extractor: Extractor) -> None:
    text = ("Emmanuel Macron, Olaf Scholz and Donald Tusk met in Berlin on Friday. "
            "The three leaders signed an agreement on defence cooperation.")
    [agreement] = of_type(run(extractor, text, published="2025-03-14"), "agreement")
    assert names(agreement) == {"Emmanuel Macron", "Olaf Scholz", "Donald Tusk"}


def test_extract_object_pronoun_takes_up_the_object_not_the_subject(extractor: Extractor) -> None:
    text = ("President Emmanuel Macron dismissed his prime minister, Gabriel Attal, on Monday and named "
            "Michel Barnier, a former EU negotiator, to replace him as prime minister.")
    events = run(extractor, text, published="2024-09-24")
    assert {p.name for e in of_type(events, "dismissal") for p in e.participants} == {"Gabriel Attal"}
    assert {p.name for e in of_type(events, "appointment") for p in e.participants} == {"Michel Barnier"}


def test_extract_call_planned_in_the_coming_days(extractor: Extractor) -> None:
    text = "Olaf Scholz said on Monday that he planned to speak with Vladimir Putin in the coming days."
    [call] = of_type(run(extractor, text), "call")
    assert names(call) == {"Olaf Scholz", "Vladimir Putin"} and call.status == "planned"
    assert not of_type(run(extractor, "Olaf Scholz spoke with Vladimir Putin in Berlin on Friday."), "call")


def _sanction_pairs(events: list[ExtractedEvent]) -> list[tuple[str, str]]:
    pairs = []
    for event in of_type(events, "sanction"):
        roles = {p.role: p.id for p in event.participants}
        pairs.append((roles["imposer"], roles["target"]))
    return sorted(pairs)


def test_extract_sanctions_by_two_states_are_two_events(extractor: Extractor) -> None:
    events = run(extractor, "Poland and Lithuania expelled several Belarusian diplomats on Thursday.")
    assert _sanction_pairs(events) == [("country:LTU", "country:BLR"), ("country:POL", "country:BLR")]


def test_extract_sanction_target_named_by_where_its_targets_are(extractor: Extractor) -> None:
    events = run(extractor, "Canada imposed sanctions on 40 individuals and entities in Myanmar on Monday.")
    assert _sanction_pairs(events) == [("country:CAN", "country:MMR")]
    events = run(extractor, "Japan blacklisted dozens of companies from North Korea on Friday.")
    assert _sanction_pairs(events) == [("country:JPN", "country:PRK")]


def test_extract_sanctions_counted_in_a_package(extractor: Extractor) -> None:
    text = "The European Union on Tuesday approved a fresh package of sanctions against Belarus."
    assert _sanction_pairs(run(extractor, text)) == [("org:eu", "country:BLR")]


def test_extract_expulsions_announced_by_two_states(extractor: Extractor) -> None:
    text = "Latvia and Estonia announced the expulsion of 12 and 9 Russian diplomats respectively on Monday."
    assert _sanction_pairs(run(extractor, text)) == [("country:EST", "country:RUS"), ("country:LVA", "country:RUS")]


def test_extract_sanction_by_a_national_agency_is_by_its_state(extractor: Extractor) -> None:
    text = "The British Treasury on Monday blacklisted three Syrian banks."
    assert _sanction_pairs(run(extractor, text)) == [("country:GBR", "country:SYR")]


def test_extract_no_organisation_from_a_common_word(extractor: Extractor) -> None:
    text = "The Treasury and State departments imposed sanctions on Iran on Tuesday."
    assert all(not p.id.startswith("org:") for e in run(extractor, text) for p in e.participants)


def test_extract_after_a_dateline_of_two_cities(extractor: Extractor) -> None:
    text = "OTTAWA/BRUSSELS, March 3 - The United States on Friday imposed sanctions on Venezuela."
    assert _sanction_pairs(run(extractor, text, published="2025-03-03")) == [("country:USA", "country:VEN")]


def test_extract_delegation_visits_through_its_leader(extractor: Extractor) -> None:
    text = "A Chilean delegation led by Marta Solis arrived in Lima on Wednesday for trade talks."
    [visit] = of_type(run(extractor, text), "visit")
    assert [p.name for p in visit.participants] == ["Marta Solis"]
    assert visit.place is not None and visit.place.country == "PER"


def test_extract_dated_heading_dates_the_events_below(extractor: Extractor) -> None:
    text = "March 3.\n\nEmmanuel Macron held a long call with Vladimir Putin."
    [call] = of_type(run(extractor, text, published="2022-03-07"), "call")
    assert call.date == "2022-03-03"


def test_extract_counterpart_is_the_same_office_in_the_other_country(extractor: Extractor) -> None:
    text = "Joe Biden was greeted at the Mariinsky Palace by his Ukrainian counterpart."
    [meeting] = of_type(run(extractor, text, published="2023-02-20"), "meeting")
    assert {p.id for p in meeting.participants} == {"biden-joe", "zelensky-volodymyr"}


def test_extract_replacement_takes_the_post_the_replaced_person_left(extractor: Extractor) -> None:
    text = ("Prime Minister Mark Rutte sacked Wopke Hoekstra as finance minister on Monday. "
            "Rutte replaced him the same day with Sigrid Kaag, a former trade minister.")
    events = run(extractor, text, published="2024-05-15")
    [appointment] = of_type(events, "appointment")
    assert [p.name for p in appointment.participants] == ["Sigrid Kaag"]
    assert appointment.attributes["position"] == "finance minister"
    assert {p.name for e in of_type(events, "dismissal") for p in e.participants} == {"Wopke Hoekstra"}


def test_extract_phone_talks_are_a_call_not_a_meeting(extractor: Extractor) -> None:
    text = "Alexander Lukashenko held phone talks with Vladimir Putin on Saturday."
    events = run(extractor, text)
    assert [e.type for e in events if e.type != "statement"] == ["call"]


def test_extract_agreement_parties_from_relative_clause(extractor: Extractor) -> None:
    text = "The accord announced in Doha, under which Rwanda and Burundi committed to a ceasefire, holds."
    [deal] = of_type(run(extractor, text), "agreement")
    assert {p.id for p in deal.participants} == {"country:RWA", "country:BDI"}


def test_extract_envoy_sent_somewhere_is_a_planned_visit(extractor: Extractor) -> None:
    text = "Beijing said it would send Li Wenbo, its special envoy, to Kyiv for talks."
    [visit] = of_type(run(extractor, text), "visit")
    assert [p.name for p in visit.participants] == ["Li Wenbo"] and visit.status == "planned"
    assert visit.place is not None and visit.place.name == "Kyiv"


def test_extract_plan_that_fell_through_is_no_event(extractor: Extractor) -> None:
    text = "Vladimir Putin had been expected to visit Turkey in August, but the trip did not take place."
    assert of_type(run(extractor, text, published="2023-09-04"), "visit") == []


def test_extract_place_named_after_resort_of(extractor: Extractor) -> None:
    text = "Recep Tayyip Erdogan flew to the Black Sea resort of Sochi on Monday."
    [visit] = of_type(run(extractor, text, published="2023-09-04"), "visit")
    assert visit.place is not None and (visit.place.name, visit.place.country) == ("Sochi", "RUS")


def test_extract_accepted_invitation_to_visit_is_planned(extractor: Extractor) -> None:
    text = "Wang Yi accepted an invitation to visit Washington at a convenient time."
    [visit] = of_type(run(extractor, text), "visit")
    assert visit.status == "planned" and visit.place is not None and visit.place.name == "Washington"
