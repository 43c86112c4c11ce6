#!/usr/bin/env python3
"""One corpus of Vietnamese news articles, written three ways: portalgen, Hugo and Pelican.

The build benchmark (``build_benchmark.py``) builds the same articles with each tool, so the
corpus is generated from one list of :class:`Article` records:

- **portalgen**: a post-2025 portal (province › commune, from ``tests/portal_builder.py``) whose
  province unit ``tinh-a`` holds all N articles as ``news/<year>/<slug>.md``; the portal passes
  ``portalgen check`` with no errors.
- **Hugo**: ``content/tin-tuc/<slug>.md`` with YAML front matter, taxonomies ``categories``,
  ``tags`` and ``nam`` (year archives), lists paginated 20 per page, RSS feeds, and a minimal
  theme of its own in ``layouts/`` (home, article with 4 related articles from its category and
  tags, lists).
- **Pelican**: ``content/<slug>.md`` with Pelican metadata, the default theme, pagination 20,
  category and tag pages, year archives, Atom and RSS feeds.

Texts come from the sentences of the three-level Nam Định portal (``tests/fixtures/three-level``,
formerly the demo in ``sites/``: the corpus stays the same from one release to the next). Each article
draws from its own seeded random stream (``seed:index``), so a run is repeatable byte for byte and
the first 1,000 articles of a 10,000 corpus are the 1,000 corpus. Articles have 300–600 words,
2–3 ``##`` headings, a list and sometimes a table; six categories, 2–4 of 40 tags, and dates over
the three years before ``--now``.

    python benchmarks/news_corpus.py OUT --articles 1000 [--seed 1] [--now 2026-11-27]
        # → OUT/portalgen, OUT/hugo, OUT/pelican
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT / "tests"))

from portal_builder import PORTAL_2025, portal_2025, write  # noqa: E402

sys.path.insert(0, str(PROJECT / "benchmarks"))
from generate_portal import NEWS_CATEGORIES  # noqa: E402

NOW = dt.date(2026, 11, 27)
PER_PAGE = 20
FEED_ITEMS = 30  # portalgen's feeds hold the 30 newest items; the peers are set the same
RELATED = 4  # related articles shown under an article, as portalgen does
PROVINCE = "tinh-a"  # the unit of portal_2025 that receives the articles

CATEGORIES = NEWS_CATEGORIES  # the same categories as the generated national portal
CATEGORY_WEIGHTS = [30, 20, 18, 14, 10, 8]

TAGS = [
    "nông thôn mới", "chuyển đổi số", "cải cách hành chính", "dịch vụ công trực tuyến", "an sinh xã hội",
    "giáo dục", "y tế", "môi trường", "phòng chống thiên tai", "giao thông", "đầu tư công", "xúc tiến đầu tư",
    "nông nghiệp", "thủy lợi", "du lịch", "văn hóa", "thể thao", "an ninh trật tự", "quốc phòng", "thuế",
    "đất đai", "xây dựng", "công nghiệp", "thương mại", "lao động việc làm", "người có công", "trẻ em",
    "bình đẳng giới", "dân vận khéo", "tiếp công dân", "khiếu nại tố cáo", "phòng cháy chữa cháy",
    "an toàn thực phẩm", "tiêm chủng", "bảo hiểm xã hội", "hộ tịch", "thi đua khen thưởng", "hội nghị",
    "kiểm tra giám sát", "đối ngoại",
]
AUTHORS = [
    "Lương Thị Ngọc Ánh", "Nguyễn Văn Hùng", "Trần Thị Mai", "Phạm Quốc Toàn", "Vũ Thị Thu Hà",
    "Đỗ Minh Đức", "Hoàng Thị Lan", "Bùi Văn Tuấn", "Ngô Thị Hằng", "Đặng Quang Vinh",
    "Cổng thông tin điện tử tỉnh", "Văn phòng UBND tỉnh",
]
APPROVERS = [
    "Đặng Văn Long, Chánh Văn phòng UBND tỉnh",
    "Nguyễn Thị Thanh, Phó Chánh Văn phòng UBND tỉnh",
    "Trần Minh Quân, Trưởng Ban biên tập Cổng thông tin điện tử",
]
HEADINGS = [
    "Kết quả đạt được", "Những khó khăn, vướng mắc", "Nhiệm vụ trọng tâm thời gian tới", "Ý kiến của người dân",
    "Chỉ đạo của lãnh đạo tỉnh", "Các giải pháp chủ yếu", "Tình hình triển khai", "Phân công thực hiện",
    "Kinh phí thực hiện", "Đánh giá chung", "Kiến nghị, đề xuất", "Mục tiêu cụ thể", "Tổ chức thực hiện",
    "Những con số nổi bật", "Bài học kinh nghiệm", "Phản hồi từ cơ sở",
]
PLACES = [
    "Mỹ Lộc", "Hải Hậu", "Mỹ Tân", "Mỹ Hà", "Hải Minh", "Hải Đường", "Giao Thủy", "Nghĩa Hưng", "Ý Yên",
    "Vụ Bản", "Xuân Trường", "Trực Ninh", "Nam Trực", "Thịnh Long", "Quất Lâm",
]
TABLE_HEADERS = [
    ("Nội dung", "Chỉ tiêu", "Kết quả"), ("Đơn vị", "Kế hoạch", "Thực hiện"),
    ("Hạng mục", "Khối lượng", "Thời hạn"), ("Lĩnh vực", "Năm trước", "Năm nay"),
]

_FIRST_PERSON = ("Tôi", "Anh/chị", "Anh, chị", "Gia đình tôi", "Hợp tác xã chúng tôi", "Xin ", "Đề nghị cho biết")
_MARKUP = re.compile(r"https?:|@|\[|\]|\*|_|`|\||#|<|>")  # sentences with links or markup are left out
_DIACRITICS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


@dataclass(frozen=True)
class Article:
    index: int
    slug: str
    title: str
    date: dt.datetime
    summary: str
    category: str  # key of CATEGORIES
    tags: tuple[str, ...]
    author: str
    approved_by: str
    body: str  # Markdown

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]

    @property
    def words(self) -> int:
        return len(self.body.split())


# --- text pools --------------------------------------------------------------------------------

def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def slugify(text: str) -> str:
    """ASCII words joined by hyphens, like portalgen.vn.slugify: "Hội nghị 2026" → "hoi-nghi-2026"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def _vietnamese(sentence: str) -> bool:
    letters = [c for c in sentence.lower() if c.isalpha()]
    return bool(letters) and sum(c in _DIACRITICS for c in letters) / len(letters) > 0.12


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@dataclass(frozen=True)
class Pools:
    sentences: tuple[str, ...]  # whole sentences, ending with a full stop
    short: tuple[str, ...]      # sentences of at most 22 words, for list items
    titles: tuple[str, ...]     # real titles and first clauses, 6–16 words, no final stop


def load_pools(sites: Path = PROJECT / "tests" / "fixtures" / "three-level") -> Pools:
    """Vietnamese sentences and title-like clauses of the demo portal's Markdown and YAML."""
    texts, titles = [], set()
    for path in sorted(sites.rglob("*")):
        if path.suffix == ".md":
            text = _nfc(path.read_text(encoding="utf-8"))
            if text.startswith("---"):
                _, front, text = text.split("---", 2)
                meta = yaml.safe_load(front) or {}
                if isinstance(meta.get("title"), str):
                    titles.add(" ".join(meta["title"].split()))
                texts += [s for key, s in ((k, v) for k, v in meta.items() if k == "summary") if isinstance(s, str)]
            for para in re.split(r"\n\s*\n", text):
                stripped = para.strip()
                if not stripped or stripped.startswith(("#", "|", "-", "*", "!", ">", "<")) \
                        or re.match(r"\d+\.", stripped):
                    continue
                texts.append(stripped)
        elif path.suffix == ".yaml":
            texts += _strings(yaml.safe_load(_nfc(path.read_text(encoding="utf-8"))))
    sentences = set()
    for text in texts:
        text = " ".join(text.split())
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÓÒÚÙ0-9])", text):
            words = sentence.split()
            if 7 <= len(words) <= 45 and sentence[-1] == "." and _vietnamese(sentence) \
                    and not sentence.startswith(_FIRST_PERSON) and not _MARKUP.search(sentence):
                sentences.add(sentence)
    sentences = sorted(sentences)
    for sentence in sentences:
        clause = re.split(r"[,;:(]", sentence.rstrip(".!?"))[0].strip()
        words = clause.split()
        if 6 <= len(words) <= 16 and not words[0][0].isdigit():
            titles.add(clause)
    titles = sorted(t for t in titles if _vietnamese(t) and not t.startswith(("Dự thảo", "Giới thiệu", "Cơ cấu")))
    return Pools(tuple(sentences), tuple(s for s in sentences if len(s.split()) <= 22), tuple(titles))


# --- articles ----------------------------------------------------------------------------------

def _body(rng: random.Random, pools: Pools) -> str:
    """A lead paragraph, then 2–3 ``##`` sections; one holds a list, sometimes one holds a table.
    Sentences are added one at a time until the article has 300–600 words."""
    target = rng.randint(300, 540)  # a sentence has at most 45 words: the total stays ≤ 600
    sections = rng.choice((2, 3))
    blocks: list[list] = [[[rng.choice(pools.sentences)]]]  # paragraphs are lists of sentences
    for heading in rng.sample(HEADINGS, sections):
        blocks.append([f"## {heading}", [rng.choice(pools.sentences)]])
    blocks[rng.randint(1, sections)].append(
        "\n".join(f"- {rng.choice(pools.short).rstrip('.')};" for _ in range(rng.randint(3, 5))))
    if rng.random() < 0.3:
        head = rng.choice(TABLE_HEADERS)
        rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---:|---:|"]
        for _ in range(rng.randint(3, 5)):
            label = rng.choice(PLACES) if head[0] == "Đơn vị" else rng.choice(TAGS).capitalize()
            rows.append(f"| {label} | {rng.randint(10, 950)} | {rng.randint(10, 990)} |")
        blocks[rng.randint(1, sections)].append("\n".join(rows))

    def text(part) -> str:
        return " ".join(part) if isinstance(part, list) else part

    words = sum(len(text(p).replace("|", " ").split()) for block in blocks for p in block)
    while words < target:
        block = blocks[rng.randint(0, sections)]
        paragraphs = [p for p in block if isinstance(p, list)]
        if len(paragraphs[-1]) >= rng.randint(2, 4):  # a full paragraph: start the next one
            block.append(paragraphs := [])
        else:
            paragraphs = paragraphs[-1]
        sentence = rng.choice(pools.sentences)
        paragraphs.append(sentence)
        words += len(sentence.split())
    return "\n\n".join(text(p) for block in blocks for p in block) + "\n"


def make_article(index: int, pools: Pools, seed: int = 1, now: dt.date = NOW) -> Article:
    """Article number ``index``; it depends only on (seed, index, now), not on the corpus size."""
    rng = random.Random(f"{seed}:{index}")
    title = rng.choice(pools.titles)
    if rng.random() < 0.5 and not re.search(r" (tại|ở|huyện|xã|tỉnh) ", title):
        title += rng.choice((" tại ", " ở ", " trên địa bàn ")) + rng.choice(PLACES)
    if index == 0:  # the newest article keeps the portal's news fresh at `now`
        day = now - dt.timedelta(days=1)
    else:
        day = now - dt.timedelta(days=rng.randint(1, 3 * 365))
    when = dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.choice((0, 15, 30, 45))))
    if rng.random() < 0.3 and not re.search(r"tháng|năm|\d{4}", title):
        title += f" tháng {when.month}/{when.year}"
    title = title[0].upper() + title[1:]
    slug = "-".join(slugify(title).split("-")[:10]) + f"-{index + 1}"
    body = _body(rng, pools)
    summary = " ".join(body.split("\n\n")[0].split(". ")[0].split()[:40]).rstrip(".") + "."
    category = rng.choices(list(CATEGORIES), weights=CATEGORY_WEIGHTS)[0]
    tags = tuple(rng.sample(TAGS, rng.randint(2, 4)))
    return Article(index, slug, title, when, summary, category, tags, rng.choice(AUTHORS), rng.choice(APPROVERS), body)


def make_articles(count: int, seed: int = 1, now: dt.date = NOW, pools: Pools | None = None) -> list[Article]:
    pools = pools or load_pools()
    return [make_article(i, pools, seed, now) for i in range(count)]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# --- (a) portalgen -------------------------------------------------------------------------------

def portalgen_front_matter(article: Article, title: str | None = None) -> str:
    return (f"---\ntitle: {_q(title or article.title)}\ndate: {article.date:%Y-%m-%d %H:%M}\n"
            f"summary: {_q(article.summary)}\ncategory: {article.category}\n"
            f"tags: [{', '.join(_q(t) for t in article.tags)}]\nauthor: {_q(article.author)}\n"
            f"status: published\napproved_by: {_q(article.approved_by)}\n---\n\n")


def portalgen_path(root: Path, article: Article) -> Path:
    """The article's file inside a portal written by :func:`write_portalgen`."""
    return root / PROVINCE / "news" / str(article.date.year) / f"{article.slug}.md"


def write_portalgen(root: Path, articles: list[Article]) -> Path:
    """A valid post-2025 portal (tests/portal_builder.py) whose province holds every article."""
    portal_2025(root)
    categories = "".join(f"  {key}: {label}\n" for key, label in CATEGORIES.items())
    head, _ = PORTAL_2025.split("news_categories:")
    write(root, "portal.yaml", f"{head}news_categories:\n{categories}")
    (root / PROVINCE / "news" / "2026" / "hoi-nghi.md").unlink()  # the province gets exactly the corpus
    for article in articles:
        path = portalgen_path(root, article)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(portalgen_front_matter(article) + article.body, encoding="utf-8")
    return root


# --- (b) Hugo ------------------------------------------------------------------------------------

HUGO_CONFIG = f"""\
baseURL = "https://thu-nghiem.example.gov.vn/"
defaultContentLanguage = "vi"
title = "Cổng thử nghiệm"
removePathAccents = true
capitalizeListTitles = false
disableKinds = ["sitemap", "robotsTXT"]
enableRobotsTXT = false

[pagination]
  pagerSize = {PER_PAGE}

[services.rss]
  limit = {FEED_ITEMS}

[taxonomies]
  category = "categories"
  tag = "tags"
  nam = "nam"

[outputs]
  home = ["html", "rss"]
  section = ["html", "rss"]
  taxonomy = ["html"]
  term = ["html", "rss"]

[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">{{ end }}
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}nav a{margin-right:1rem}</style>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Chuyên mục">{{ range site.Taxonomies.categories.Alphabetical }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>{{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""",  # noqa: E501 - template lines are data: Hugo sees them as written
    "_partials/card.html": """\
<article class="card">
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006" }}</time>
{{ range first 1 (.GetTerms "categories") }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<p>{{ .Summary }}</p>
</article>
""",
    "_partials/pager.html": """\
{{ $p := .Paginator }}{{ if gt $p.TotalPages 1 }}
<nav class="pagination" aria-label="Trang">
{{ range $p.Pagers }}<a href="{{ .URL }}"{{ if eq . $p }} aria-current="page"{{ end }}>{{ .PageNumber }}</a> {{ end }}
</nav>{{ end }}
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<h2>Tin mới</h2>
{{ range first 8 (where site.RegularPages "Section" "tin-tuc") }}{{ partial "card.html" . }}{{ end }}
<p><a href="{{ "/tin-tuc/" | relURL }}">Tất cả tin tức</a></p>
{{ end }}
""",
    "page.html": """\
{{ define "main" }}
<nav aria-label="Breadcrumb"><a href="{{ "/" | relURL }}">Trang chủ</a> › <a href="{{ "/tin-tuc/" | relURL }}">Tin tức</a></nav>
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006 15:04" }}</time>
{{ range .GetTerms "categories" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<p class="summary"><strong>{{ .Summary }}</strong></p>
{{ .Content }}
<p>{{ .Params.author }}</p>
<p>Từ khóa: {{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{/* Four related articles from the category's and the tags' lists, as many cards as portalgen shows.
   portalgen picks the ones nearest in time; finding a page's place in each list is not cheap in a Hugo
   template, so Hugo takes the newest of each list (the same amount of output, less work).
   (Hugo's .Related with category and tag indices costs ~12 ms a page at 10,000 articles.) */}}
{{ $candidates := slice }}
{{ range .GetTerms "categories" }}{{ $candidates = $candidates | append (first 5 .Pages) }}{{ end }}
{{ range .GetTerms "tags" }}{{ $candidates = $candidates | append (first 5 .Pages) }}{{ end }}
{{ with first 4 (where (sort ($candidates | uniq) "Date" "desc") "Permalink" "ne" .Permalink) }}
<section><h2>Tin liên quan</h2>{{ range . }}{{ partial "card.html" . }}{{ end }}</section>
{{ end }}
{{ end }}
""",  # noqa: E501 - template lines are data: Hugo sees them as written
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",  # noqa: E501 - template lines are data: Hugo sees them as written
}


def hugo_path(root: Path, article: Article) -> Path:
    return root / "content" / "tin-tuc" / f"{article.slug}.md"


def write_hugo(root: Path, articles: list[Article]) -> Path:
    (root / "content" / "tin-tuc").mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for rel, text in HUGO_LAYOUTS.items():
        write(root, f"layouts/{rel}", text)
    write(root, "content/_index.md", "---\ntitle: Cổng thử nghiệm\n---\n")
    write(root, "content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n")
    write(root, "content/categories/_index.md", "---\ntitle: Chuyên mục\n---\n")
    for key, label in CATEGORIES.items():  # terms are the portal's keys, titled with their labels
        write(root, f"content/categories/{key}/_index.md", f"---\ntitle: {_q(label)}\n---\n")
    for article in articles:
        front = (f"---\ntitle: {_q(article.title)}\ndate: {article.date:%Y-%m-%dT%H:%M:00}+07:00\n"
                 f"summary: {_q(article.summary)}\ncategories: [{article.category}]\n"
                 f"tags: [{', '.join(_q(t) for t in article.tags)}]\nnam: [\"{article.date.year}\"]\n"
                 f"author: {_q(article.author)}\napproved_by: {_q(article.approved_by)}\n---\n\n")
        hugo_path(root, article).write_text(front + article.body, encoding="utf-8")
    return root


# --- (c) Pelican ---------------------------------------------------------------------------------

PELICAN_CONFIG = f"""\
AUTHOR = "Cổng thông tin điện tử tỉnh"
SITENAME = "Cổng thử nghiệm"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_PAGINATION = {PER_PAGE}
PAGINATED_TEMPLATES = {{"index": None, "tag": None, "category": None, "period_archives": None}}
FEED_MAX_ITEMS = {FEED_ITEMS}
FEED_DOMAIN = "https://thu-nghiem.example.gov.vn"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = "feeds/tag-{{slug}}.atom.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
ARTICLE_URL = "tin-tuc/{{slug}}/"
ARTICLE_SAVE_AS = "tin-tuc/{{slug}}/index.html"
CATEGORY_URL = "chuyen-muc/{{slug}}/"
CATEGORY_SAVE_AS = "chuyen-muc/{{slug}}/index.html"
TAG_URL = "tu-khoa/{{slug}}/"
TAG_SAVE_AS = "tu-khoa/{{slug}}/index.html"
YEAR_ARCHIVE_URL = "nam/{{date:%Y}}/"
YEAR_ARCHIVE_SAVE_AS = "nam/{{date:%Y}}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]
RELATIVE_URLS = True
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
SUMMARY_MAX_LENGTH = 50
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
"""


def pelican_path(root: Path, article: Article) -> Path:
    return root / "content" / f"{article.slug}.md"


def write_pelican(root: Path, articles: list[Article]) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    for article in articles:
        meta = (f"Title: {article.title}\nDate: {article.date:%Y-%m-%d %H:%M}\nCategory: {article.category_label}\n"
                f"Tags: {', '.join(article.tags)}\nSlug: {article.slug}\nAuthors: {article.author}\n"
                f"Summary: {article.summary}\n\n")
        pelican_path(root, article).write_text(meta + article.body, encoding="utf-8")
    return root


# --- all three -----------------------------------------------------------------------------------

def generate(out: Path, count: int, seed: int = 1, now: dt.date = NOW, clean: bool = True) -> list[Article]:
    """Write ``out/portalgen``, ``out/hugo`` and ``out/pelican`` from the same ``count`` articles."""
    out = Path(out)
    if clean:
        for name in ("portalgen", "hugo", "pelican"):
            shutil.rmtree(out / name, ignore_errors=True)
    articles = make_articles(count, seed, now)
    write_portalgen(out / "portalgen", articles)
    write_hugo(out / "hugo", articles)
    write_pelican(out / "pelican", articles)
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--now", type=dt.date.fromisoformat, default=NOW)
    options = parser.parse_args(argv)
    articles = generate(options.out, options.articles, options.seed, options.now)
    words = [a.words for a in articles]
    print(f"{len(articles)} articles, {min(words)}–{max(words)} words (body), "
          f"{min(a.date for a in articles):%Y-%m-%d} to {max(a.date for a in articles):%Y-%m-%d} → {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
