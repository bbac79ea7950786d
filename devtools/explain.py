"""The query plans of the admin's pages: which tables a page's queries read whole.

``admin_plans()`` requests each page of the admins of the record (the changelist and the
change page of the newest row of each model of the claims and sources apps), captures the
queries it runs and explains each with ``EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)``.
``PagePlan.seq_scans()`` then names the big tables a query reads by a sequential scan.

It only reads: the pages are served by calling the admin's views with a request built in
process (no session, no login written), as an active superuser held in memory unless one is
given, so it may run against a benchmark record nobody may write to. PostgreSQL only.
"""

import json
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

# The apps whose admin pages are checked, and the tables no page may read whole.
APPS = ("claims", "sources")
BIG_TABLES = ("claims_claim", "claims_statement", "claims_citation")


@dataclass
class QueryPlan:
    sql: str
    plan: dict

    def seq_scans(self) -> list[str]:
        """The tables this plan reads by a sequential scan (parallel or not)."""
        found, nodes = [], [self.plan["Plan"]]
        while nodes:
            node = nodes.pop()
            if node["Node Type"] == "Seq Scan":
                found.append(node["Relation Name"])
            nodes.extend(node.get("Plans", ()))
        return found

    @property
    def milliseconds(self) -> float:
        return self.plan.get("Execution Time", 0.0)


@dataclass
class PagePlan:
    name: str
    url: str
    status: int
    queries: list[QueryPlan] = field(default_factory=list)

    def seq_scans(self, tables=BIG_TABLES) -> list[tuple[str, str]]:
        """(table, SQL) of each sequential scan of one of ``tables`` by the page's queries."""
        return [
            (table, query.sql)
            for query in self.queries
            for table in query.seq_scans()
            if table in tables
        ]


def admin_pages(app_labels=APPS) -> list[tuple[str, str]]:
    """(name, URL) of the changelist of each model of ``app_labels`` registered in the
    admin, and of the change page of its newest row when it has one."""
    pages = []
    models = [m for m in admin.site._registry if m._meta.app_label in app_labels]
    for model in sorted(models, key=lambda m: m._meta.label):
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append((f"{opts.label} changelist", reverse(f"{prefix}_changelist")))
        newest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        if newest is not None:
            pages.append((f"{opts.label} change", reverse(f"{prefix}_change", args=[newest])))
    return pages


def reader():
    """An active superuser, held in memory only."""
    return get_user_model()(username="plans", is_active=True, is_staff=True, is_superuser=True)


def serve(url: str, user):
    """The admin's answer to a GET of ``url`` by ``user``, rendered, without middleware."""
    request = RequestFactory().get(url)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    match = resolve(request.path_info)
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response


def explain(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]


def admin_plans(pages=None, user=None) -> list[PagePlan]:
    """Each page's status and the plan of each of its queries (``admin_pages()`` by default)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("Query plans are read from PostgreSQL.")
    user = user or reader()
    results = []
    for name, url in admin_pages() if pages is None else pages:
        with CaptureQueriesContext(connection) as captured:
            response = serve(url, user)
        page = PagePlan(name=name, url=url, status=response.status_code)
        for query in captured.captured_queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                page.queries.append(QueryPlan(sql=sql, plan=explain(sql)))
        results.append(page)
    return results


def report(plans: list[PagePlan], tables=BIG_TABLES) -> str:
    """One line a page (status, queries, their total execution time, sequential scans of
    ``tables``), then the SQL of each such scan."""
    lines = []
    for page in plans:
        scans = page.seq_scans(tables)
        total = sum(query.milliseconds for query in page.queries)
        named = ", ".join(sorted({table for table, _ in scans})) or "none"
        lines.append(
            f"{page.name:<34} {page.status} {len(page.queries):>3} queries "
            f"{total:8.1f} ms  seq scans of big tables: {named}"
        )
        lines.extend(f"    {table}: {sql}" for table, sql in scans)
    return "\n".join(lines)


# The review desk's pages and the public site's

REVIEW_APPS = ("reviews",)


def review_pages() -> list[tuple[str, str]]:
    """(name, URL) of the reviews app's admin pages (``admin_pages``), the review queue's
    other queues and filters, a search of it, the API's lists and queues of the reviews app,
    and the change page of a published review."""
    from reviews.models import Review

    changelist = reverse("admin:reviews_review_changelist")
    pages = admin_pages(REVIEW_APPS)
    pages += [
        (f"review queue {query}", f"{changelist}?{query}")
        for query in (
            "queue=all",
            "queue=unassigned",
            "queue=overdue",
            "queue=record_changed",
            "queue=all&state=published",
            "queue=all&q=fighters",
        )
    ]
    pages += [
        ("API review queue", reverse("api:review-queue")),
        ("API reviews", reverse("api:review-list")),
        ("API match queue", reverse("api:matchcandidate-list")),
        ("API fact-checks published elsewhere", reverse("api:externalfactcheck-list")),
    ]
    published = Review.objects.published().order_by("-claim_id").values_list("pk", flat=True)
    if published:
        url = reverse("admin:reviews_review_change", args=[published[0]])
        pages.append(("published review change", url))
    return pages


def public_pages() -> list[tuple[str, str]]:
    """(name, URL) of the public site's pages: the list, its second page, the list of a
    topic with a published fact-check, the newest published fact-check and the oldest, and
    the ClaimReview feed."""
    from publication.selectors import published_topics
    from reviews.models import Review

    listed = reverse("public:list")
    pages = [("public list", listed), ("public list page 2", f"{listed}?page=2")]
    topic = published_topics().values_list("slug", flat=True).first()
    if topic is not None:
        pages.append(("public list of a topic", f"{listed}?topic={topic}"))
    claims = Review.objects.published().values_list("claim_id", flat=True)
    for name, order in (("newest", "-claim_id"), ("oldest", "claim_id")):
        claim_id = claims.order_by(order).first()
        if claim_id is not None:
            url = reverse("public:detail", args=[claim_id])
            pages.append((f"public fact-check ({name})", url))
    pages.append(("ClaimReview feed", reverse("public:claimreview-feed")))
    return pages
