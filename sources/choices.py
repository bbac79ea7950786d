"""Enumerations of the sources app; each backs a database check constraint."""

from django.db import models


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    GOVERNMENT = "government", "Government"
    GOVERNMENT_BODY = "government_body", "Government body"
    MILITARY = "military", "Military"
    ARMED_GROUP = "armed_group", "Armed group"
    PRIVATE_MILITARY_COMPANY = "private_military_company", "Private military company"
    COMPANY = "company", "Company"
    NEWS_OUTLET = "news_outlet", "News outlet"
    NEWS_AGENCY = "news_agency", "News agency"
    NGO = "ngo", "NGO"
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organization"
    POLITICAL_PARTY = "political_party", "Political party"
    OTHER = "other", "Other"


class SourceKind(models.TextChoices):
    NEWS_ARTICLE = "news_article", "News article"
    AGENCY_STORY = "agency_story", "News agency story"
    REPORT = "report", "Report"
    PRESS_RELEASE = "press_release", "Press release"
    STATEMENT = "statement", "Statement"
    SOCIAL_POST = "social_post", "Social media post"
    TRANSCRIPT = "transcript", "Transcript"
    BROADCAST = "broadcast", "Broadcast"
    DATASET = "dataset", "Dataset"
    OTHER = "other", "Other"
