"""The rules for a hub room's teachers (debate_kit.service.owners): pure, no hub needed."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.service.owners import MAX_CO_TEACHERS, check_name, handed_over, parse_names, with_co_teachers


def test_names_are_hub_user_names_typed_one_a_line_or_with_commas() -> None:
    assert parse_names(" teacher2\nmr.smith@school.org, ms_jones  teacher2\n\n") == [
        "teacher2", "mr.smith@school.org", "ms_jones"]
    assert parse_names("") == [] and parse_names(None) == []
    assert check_name("Zoë") == "Zoë"
    for bad in ("<script>", "a/b", "x" * 65, "-dash", "", "   "):
        with pytest.raises(InvalidInput) as problem:
            check_name(bad)
        assert problem.value.message


def test_the_owner_names_co_teachers_and_stays_first() -> None:
    owners = ("teacher1",)
    assert with_co_teachers(owners, "teacher1", "teacher2 teacher3") == ("teacher1", "teacher2", "teacher3")
    assert with_co_teachers(owners, "teacher1", "teacher1\nteacher2") == ("teacher1", "teacher2")
    assert with_co_teachers(("teacher1", "teacher2"), "teacher1", "") == ("teacher1",)  # removes them
    too_many = " ".join(f"t{i}" for i in range(MAX_CO_TEACHERS + 1))
    with pytest.raises(InvalidInput, match="at most 10"):
        with_co_teachers(owners, "teacher1", too_many)
    with pytest.raises(InvalidInput, match="not a hub user name"):
        with_co_teachers(owners, "teacher1", "teacher2 <b>")


def test_only_the_owner_changes_the_teachers() -> None:
    for user in ("teacher2", "", "stranger"):
        with pytest.raises(NotAllowed):
            with_co_teachers(("teacher1", "teacher2"), user, "teacher2 stranger")
        with pytest.raises(NotAllowed):
            handed_over(("teacher1", "teacher2"), user, user or "x", keep_me=True)
    with pytest.raises(NotAllowed):
        with_co_teachers((), "teacher1", "teacher1")


def test_handing_over_always_leaves_an_owner() -> None:
    owners = ("teacher1", "teacher2", "teacher3")
    assert handed_over(owners, "teacher1", "teacher2", keep_me=True) == ("teacher2", "teacher1", "teacher3")
    assert handed_over(owners, "teacher1", "teacher4", keep_me=False) == ("teacher4", "teacher2", "teacher3")
    with pytest.raises(InvalidInput, match="already own"):
        handed_over(owners, "teacher1", "teacher1", keep_me=False)
    with pytest.raises(InvalidInput):
        handed_over(owners, "teacher1", " ", keep_me=False)
    full = ("teacher1", *(f"t{i}" for i in range(MAX_CO_TEACHERS)))
    with pytest.raises(InvalidInput, match="at most 10"):
        handed_over(full, "teacher1", "new", keep_me=True)
    assert handed_over(full, "teacher1", "t0", keep_me=True)[:2] == ("t0", "teacher1")
