import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from articles.importer import import_releases
from articles.models import Article, LinkDecision, Organization, Region, Source

RETRIEVED = datetime(2024, 9, 15, 4, 0, tzinfo=UTC)


@pytest.fixture
def world(make_region, make_source, make_organization, make_topic):
    china = make_region(name="China", kind=Region.Kind.COUNTRY)
    fujian = make_region(name="Fujian", aliases="Fujian Province", parent=china)
    ningxia = make_region(name="Ningxia", kind=Region.Kind.AUTONOMOUS_REGION, parent=china)
    source = make_source(name="China Carbon Credit Platform", region=china)
    society = make_organization(name="Fujian Environmental Science Society", region=fujian)
    topic = make_topic(name="Carbon market", keywords="carbon market")
    return {
        "fujian": fujian,
        "ningxia": ningxia,
        "source": source,
        "society": society,
        "topic": topic,
    }


def page(
    title="Fujian and Ningxia build a bridge", body="Fujian met Ningxia on the carbon market."
):
    return f"China Carbon Credit Platform\n\n{title}\n\nRelease Time: 2024-05-24\n\n{body}\n"


def write(tmp_path, text, name="release.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*paths, **kwargs):
    kwargs.setdefault("retrieved_at", RETRIEVED)
    return import_releases(list(paths), **kwargs)


def test_new_release_is_created_with_links_topics_and_source(world, tmp_path):
    report = run(
        write(
            tmp_path,
            page(body="The Fujian Environmental Science Society met Ningxia on the carbon market."),
        )
    )

    (result,) = report.results
    article = Article.objects.get()
    assert result.status == "created"
    assert (article.title, article.machine_title) == ("Fujian and Ningxia build a bridge",) * 2
    assert article.source == world["source"]
    assert str(article.published_on) == "2024-05-24"
    assert set(article.regions.all()) == {world["fujian"], world["ningxia"]}
    assert set(article.organizations.all()) == {world["society"]}
    assert set(article.topics.all()) == {world["topic"]}
    assert article.history.count() == 1
    assert result.url == article.get_absolute_url()
    assert result.regions == ["Fujian", "Ningxia"]
    assert result.organizations == ["Fujian Environmental Science Society"]


def test_reimporting_the_same_content_is_unchanged_and_writes_nothing(world, tmp_path):
    path = write(tmp_path, page())
    run(path)
    article = Article.objects.get()

    report = run(path)

    assert [r.status for r in report.results] == ["unchanged"]
    again = Article.objects.get()
    assert (again.version, again.updated_at, again.history.count()) == (
        article.version,
        article.updated_at,
        1,
    )


def test_new_text_for_an_unedited_article_updates_it_and_bumps_its_version(world, tmp_path):
    run(write(tmp_path, page(body="Fujian met Ningxia.")))
    report = run(write(tmp_path, page(body="Fujian met Ningxia again, corrected.")))

    article = Article.objects.get()
    assert [r.status for r in report.results] == ["updated"]
    assert article.body == article.machine_body == "Fujian met Ningxia again, corrected."
    assert article.version == 2
    assert not article.has_conflict


def test_update_keeps_the_editors_link_decisions(world, tmp_path):
    run(write(tmp_path, page(body="Fujian met Ningxia.")))
    article = Article.objects.get()
    LinkDecision.objects.create(article=article, region=world["ningxia"], action="remove")

    run(write(tmp_path, page(body="Fujian met Ningxia once more.")))

    assert set(article.regions.all()) == {world["fujian"]}


def test_new_text_for_an_edited_article_is_a_conflict_that_loses_nothing(
    world, tmp_path, django_user_model
):
    run(write(tmp_path, page(body="Fujian met Ningxia.")))
    editor = django_user_model.objects.create_user("editor")
    article = Article.objects.get()
    article.title = "Fujian and Ningxia build a bridge (corrected)"
    article.body = "Fujian met Ningxia, as the editor wrote."
    article.mark_edited(editor)
    article.save()
    article.regions.set([world["fujian"]])

    report = run(write(tmp_path, page(body="Fujian met Ningxia, newly translated.")))

    article.refresh_from_db()
    assert [r.status for r in report.results] == ["conflict"]
    assert article.title == "Fujian and Ningxia build a bridge (corrected)"
    assert article.body == "Fujian met Ningxia, as the editor wrote."
    assert set(article.regions.all()) == {world["fujian"]}
    assert article.has_conflict
    assert article.machine_body == "Fujian met Ningxia, newly translated."
    assert article.superseded_machine_body == "Fujian met Ningxia."
    assert article.version == 2
    assert report.results[0].regions == ["Fujian"]  # what readers see, untouched


def test_a_second_conflict_keeps_the_machine_text_the_editor_corrected(world, tmp_path):
    run(write(tmp_path, page(body="Version one.")))
    Article.objects.update(translation_status=Article.Status.REVIEWED)
    run(write(tmp_path, page(body="Version two.")))
    report = run(write(tmp_path, page(body="Version three.")))

    article = Article.objects.get()
    assert [r.status for r in report.results] == ["conflict"]
    assert article.superseded_machine_body == "Version one."
    assert article.machine_body == "Version three."
    assert article.body == "Version one."


def test_reviewed_article_counts_as_edited(world, tmp_path):
    run(write(tmp_path, page(body="One.")))
    Article.objects.update(translation_status=Article.Status.REVIEWED)

    assert run(write(tmp_path, page(body="Two."))).results[0].status == "conflict"


def test_release_is_identified_by_source_url_first(world, tmp_path):
    lines = [
        {"title": "First title", "body": "Body.", "source_url": "https://example.com/a"},
        {"title": "Retitled by the site", "body": "Body.", "source_url": "https://example.com/a"},
    ]
    path = write(tmp_path, "\n".join(json.dumps(line) for line in lines), "batch.jsonl")

    report = run(path)

    assert [r.status for r in report.results] == ["created", "updated"]
    assert Article.objects.get().title == "Retitled by the site"


def test_without_url_release_is_identified_by_source_and_normalised_title(world, tmp_path):
    run(write(tmp_path, page(title="Fujian and Ningxia build a bridge")))

    report = run(write(tmp_path, page(title="FUJIAN and Ningxia: build a  bridge!")))

    assert report.results[0].status == "updated"  # the same release, its title re-punctuated
    assert Article.objects.get().title == "FUJIAN and Ningxia: build a bridge!"


def test_json_lines_fields_are_imported(world, tmp_path):
    line = {
        "title": "A title",
        "body": "Para one.\n\nPara two in Fujian.",
        "source": "China Carbon Credit Platform",
        "source_url": "https://example.com/b",
        "published": "4 months ago",
        "retrieved_at": "2024-09-15T12:00:00+08:00",
        "language": "en-GB",
        "original_language": "zh-Hant",
    }
    path = write(tmp_path, json.dumps(line) + "\n", "batch.jsonl")

    (result,) = import_releases([path]).results

    article = Article.objects.get()
    assert result.input == f"{path}:1"
    assert (str(article.published_on), article.date_precision, article.date_text) == (
        "2024-05-01",
        "month",
        "4 months ago",
    )
    assert article.source == world["source"]
    assert article.source_url == "https://example.com/b"
    assert (article.language, article.original_language) == ("en-GB", "zh-Hant")
    assert article.paragraphs() == ["Para one.", "Para two in Fujian."]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ({"body": "No title."}, "no title"),
        ({"title": "No body"}, "no body"),
        ({"title": "   ", "body": "Blank title."}, "no title"),
        ({"title": 5, "body": "x"}, "'title' must be text"),
        ({"title": "T", "body": "B", "source_url": "x" * 1001}, "source_url is longer"),
    ],
)
def test_bad_json_records_are_errors_and_the_rest_still_import(world, tmp_path, line, error):
    good = {"title": "Good", "body": "Good body."}
    path = write(tmp_path, f"{json.dumps(good)}\n{json.dumps(line)}\n", "batch.jsonl")

    report = run(path)

    assert [r.status for r in report.results] == ["created", "error"]
    assert report.results[1].error.startswith(error)
    assert report.results[1].input == f"{path}:2"
    assert Article.objects.count() == 1


def test_text_file_with_only_a_title_has_no_body(world, tmp_path):
    (result,) = run(write(tmp_path, "Just a title\n")).results

    assert (result.status, result.error) == ("error", "no body (nothing after the title and date)")


def test_unknown_date_shape_imports_with_a_warning(world, tmp_path):
    text = "A title\n\nRelease date: around the festival\n\nThe body."
    (result,) = run(write(tmp_path, text), source=world["source"]).results

    assert result.status == "created"
    assert (result.published_on, result.date_precision) == (None, "unknown")
    assert result.as_report_line()["error"].startswith("warning: unknown date shape")


def test_new_organizations_are_created_for_review_once(world, tmp_path):
    body = "The Zhangzhou Green Energy Co., Ltd. met the Fujian Environmental Science Society."
    run(
        write(tmp_path, page(body=body), "one.txt"),
        write(tmp_path, page("Second", body), "two.txt"),
    )

    created = Organization.objects.get(needs_review=True)
    assert created.name == "Zhangzhou Green Energy Co., Ltd."
    assert created.kind == "company"
    assert created.articles.count() == 2


def test_unknown_publisher_followed_by_title_and_date_becomes_a_source(world, tmp_path):
    text = "Ningxia Daily\n\nA title\n\nDate: 2024-05-01\n\nThe body."

    (result,) = run(write(tmp_path, text)).results

    assert result.source == "Ningxia Daily"
    assert Article.objects.get().source == Source.objects.get(name="Ningxia Daily")


def test_a_new_publisher_is_created_once_and_known_to_later_releases(world, tmp_path):
    first = "Ningxia Daily\n\nOne title\n\nDate: 2024-05-01\n\nThe body."
    second = "Ningxia Daily\n\nTwo title\n\nDate: 2024-05-02\n\nAnother body."

    report = run(write(tmp_path, first, "a.txt"), write(tmp_path, second, "b.txt"))

    source = Source.objects.get(name="Ningxia Daily")
    assert [r.status for r in report.results] == ["created", "created"]
    assert [r.source for r in report.results] == ["Ningxia Daily"] * 2
    assert [article.source for article in Article.objects.order_by("title")] == [source] * 2
    # Only the first release created it; the second found it in the gazetteer.
    assert ["new source 'Ningxia Daily' created" in r.warnings for r in report.results] == [
        True,
        False,
    ]


def test_a_failing_record_leaves_nothing_half_written_and_the_batch_goes_on(world, tmp_path):
    # A trigger stands in for any database failure in the middle of a write.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                "IF NEW.title LIKE 'Refused%%' THEN RAISE EXCEPTION 'refused'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON articles_historicalarticle "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON articles_historicalarticle "
                "WHEN NEW.title LIKE 'Refused%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
    body = "Zhangzhou Green Energy Co., Ltd. met Fujian."
    report = run(
        write(tmp_path, page("Refused release", body), "a.txt"),
        write(tmp_path, page("Accepted release", "Fujian met Ningxia."), "b.txt"),
    )

    assert [r.status for r in report.results] == ["error", "created"]
    assert "refused" in report.results[0].error
    assert list(Article.objects.values_list("title", flat=True)) == ["Accepted release"]
    assert not Organization.objects.filter(needs_review=True).exists()


def test_dry_run_writes_nothing(world, tmp_path):
    body = "Zhangzhou Green Energy Co., Ltd. met Fujian."
    text = "Ningxia Daily\n\nA title\n\nDate: 2024-05-01\n\n" + body
    counts = (Article.objects.count(), Organization.objects.count(), Source.objects.count())

    report = run(write(tmp_path, text), write(tmp_path, page(), "b.txt"), dry_run=True)

    assert [r.status for r in report.results] == ["created", "created"]
    assert report.results[0].organizations == ["Zhangzhou Green Energy Co., Ltd."]
    assert report.results[0].regions == ["Fujian"]
    assert (Article.objects.count(), Organization.objects.count(), Source.objects.count()) == counts


def test_dry_run_reports_what_a_real_run_would_do(world, tmp_path):
    path = write(tmp_path, page())
    run(path)

    assert run(path, dry_run=True).results[0].status == "unchanged"
    changed = write(tmp_path, page(body="Different words."), "changed.txt")
    assert run(changed, dry_run=True).results[0].status == "updated"
    assert Article.objects.get().body == "Fujian met Ningxia on the carbon market."


def test_import_of_a_new_release_takes_a_bounded_number_of_queries(
    world, tmp_path, django_assert_max_num_queries
):
    path = write(tmp_path, page())
    with django_assert_max_num_queries(16):
        run(path)


def test_import_flags_translation_artefacts_and_glossary_slips(world, tmp_path, make_glossary_term):
    make_glossary_term(preferred="carbon inclusion (Puhui)", wrong_renderings="carbon GSP")
    # The rubric before 丨 is kept out of the title now, so the Chinese leftover is in the body.
    body = "The park of Xining (National National) zone ran a carbon GSP pilot (试点)."

    run(write(tmp_path, page(title="Low Carbon Day丨Qinghai event", body=body)))

    article = Article.objects.get()
    kinds = set(article.quality_flags.values_list("kind", flat=True))
    assert {"repeated_word", "chinese", "glossary"} <= kinds


def test_reimport_keeps_a_dismissed_flag_dismissed_while_its_sentence_stays(world, tmp_path):
    path = write(tmp_path, page(body="The (National National) zone met Fujian.\n\nMore."))
    run(path)
    flag = Article.objects.get().quality_flags.get(kind="repeated_word")
    flag.dismissed = True
    flag.save()

    run(path)
    run(write(tmp_path, page(body="The (National National) zone met Fujian.\n\nMore news.")))

    assert Article.objects.get().quality_flags.get(kind="repeated_word").dismissed


def test_each_import_is_a_revision_with_the_text_it_wrote(world, tmp_path):
    run(write(tmp_path, page(body="Fujian met Ningxia.")))
    run(write(tmp_path, page(body="Fujian met Ningxia again.")))

    article = Article.objects.get()
    updated, created = article.history.all()[:2]
    assert (created.history_type, updated.history_type) == ("+", "~")
    assert created.history_change_reason == updated.history_change_reason == "import"
    assert created.body == "Fujian met Ningxia."
    assert updated.body == article.body == "Fujian met Ningxia again."
    assert updated.version == article.version
    assert updated.history_date >= created.history_date
