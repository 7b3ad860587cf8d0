import datetime as dt

from tasks.parse.dedupe import StoredVersion, classify_releases, dedupe_releases, plan_versions
from tasks.records import Release, natural_key, release_id_for


def release(title="Exports rise", body="Exports rose 3 percent.", complete=True, day=1):
    return Release(title=title, published_on=dt.date(2025, 7, day), body=body, body_complete=complete,
                   source="test")


def stored_from(r: Release, version=1) -> StoredVersion:
    return StoredVersion(release_id_for(r.natural_key), version, r.content_hash, r.body_complete, r.body)


def test_natural_key_ignores_case_punctuation_and_quotes():
    assert natural_key("Korea’s ICT exports rise 5.8%", dt.date(2025, 7, 14)) == \
        natural_key("KOREA'S ICT Exports Rise 5.8 %", dt.date(2025, 7, 14))
    assert natural_key("Same", dt.date(2025, 7, 14)) != natural_key("Same", dt.date(2025, 7, 15))


def test_same_release_twice_in_one_input_is_one_release_the_fullest_kept():
    preview = release(body="Exports rose 3", complete=False)
    full = release(body="Exports rose 3 percent.")
    assert dedupe_releases([full, preview]) == [full]
    assert dedupe_releases([preview, full]) == [full]


def test_classify_new_changed_unchanged():
    known, edited, fresh = release(day=1), release(day=2), release(day=3)
    stored = {known.natural_key: stored_from(known),
              edited.natural_key: stored_from(release(day=2, body="Exports rose 2 percent."))}
    result = classify_releases([known, edited, fresh], stored)
    assert result.unchanged == [known]
    assert [r for r, _ in result.changed] == [edited]
    assert result.new == [fresh]


def test_a_cut_preview_of_a_stored_full_text_is_not_a_change():
    full = release(body="Exports rose 3 percent in June. Imports fell.")
    preview = release(body="Exports rose 3 percent in Ju", complete=False)
    result = classify_releases([preview], {full.natural_key: stored_from(full)})
    assert result.unchanged == [preview]


def test_a_full_text_replacing_a_stored_preview_is_a_change():
    preview = release(body="Exports rose 3 percent in Ju", complete=False)
    full = release(body="Exports rose 3 percent in June.")
    result = classify_releases([full], {preview.natural_key: stored_from(preview)})
    assert len(result.changed) == 1


def test_plan_opens_next_version_and_closes_the_old_one():
    old = release(body="Old.")
    new = release(body="New.")
    stored = {old.natural_key: stored_from(old, version=3)}
    plan = plan_versions(classify_releases([new], stored), release_id_for)
    (planned,) = plan.to_write
    assert planned.version == 4 and planned.release_id == release_id_for(old.natural_key)
    assert plan.to_close == [(planned.release_id, 3)]
    assert (plan.new, plan.changed, plan.unchanged) == (0, 1, 0)
