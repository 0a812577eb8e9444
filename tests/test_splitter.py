"""Split stage: compilations into documents, duplicates, metadata, topic."""
from nlp.normalizer import normalize
from nlp.splitter import find_date, split_documents


def _docs(seed_texts, key):
    return split_documents(normalize(seed_texts[key]), doc_prefix=key)


def test_single_speeches_are_one_document_with_title(seed_texts):
    d000 = _docs(seed_texts, "000")
    assert len(d000) == 1
    assert d000[0].meta.title == "区长在安全生产巡查督导工作座谈会上的讲话"
    assert d000[0].meta.doc_type == "讲话"
    assert d000[0].meta.issuer == "区长"
    d004 = _docs(seed_texts, "004")
    assert len(d004) == 1
    # the title is glued to 同志们: in the source
    assert d004[0].meta.title == "区委书记在常委会上关于安全生产工作的讲话"


def test_published_date_and_summary_title(seed_texts):
    d = _docs(seed_texts, "002")
    assert len(d) == 1
    assert d[0].meta.date == "2013-11-16"
    assert d[0].meta.title == "市长在全市安全生产工作会议暨安委会全体成员会议上的讲话"


def test_compilation_is_split_with_duplicates_marked(seed_texts):
    docs = _docs(seed_texts, "003")
    assert len(docs) >= 20
    distinct_safety = [d for d in docs if d.meta.on_topic and d.meta.duplicate_of is None]
    assert len(distinct_safety) >= 10
    dups = [d for d in docs if d.meta.duplicate_of]
    assert len(dups) >= 6
    by_id = {d.meta.doc_id: d for d in docs}
    for d in dups:
        original = by_id[d.meta.duplicate_of]
        # the copy starts like its original (same speech, maybe another title line)
        assert d.text.split("\n")[-1][:20] in original.text or d.text[-40:] in original.text


def test_off_topic_speeches_in_the_compilation(seed_texts):
    docs = _docs(seed_texts, "003")
    off = [d for d in docs if not d.meta.on_topic]
    titles = " ".join(d.meta.title or d.text[:30] for d in off)
    assert "组织工作" in titles and "统战" in titles
    assert all("安全生产" not in (d.meta.title or "") for d in off)


def test_dates_from_text():
    assert find_date("发表时间:2013/11/16 20:35:39") == "2013-11-16"
    assert find_date("县安委会办公室\n2024年3月12日") == "2024-03-12"
    assert find_date("县安委会办公室\n二〇二四年三月十二日") == "2024-03-12"
    assert find_date("今年以来,全县开展检查") is None
