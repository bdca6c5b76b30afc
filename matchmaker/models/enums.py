"""Enumerations shared by models, services and the web layer."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    STUDENT = "student"
    EMPLOYER = "employer"
    COACH = "coach"
    ADMIN = "admin"
    ALUMNUS = "alumnus"  # a graduate who kept the account (issue 16)


class Locale(enum.StrEnum):
    SV = "sv"
    EN = "en"


class OfferKind(enum.StrEnum):
    DEGREE_PROJECT = "degree_project"
    INTERNSHIP = "internship"
    SUMMER_INTERNSHIP = "summer_internship"
    TRAINEE = "trainee"
    MENTORING = "mentoring"
    JOB = "job"


class OfferStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"
    REJECTED = "rejected"
    CLOSED = "closed"
    FILLED = "filled"
    EXPIRED = "expired"


class Sector(enum.StrEnum):
    COMPANY = "company"
    MUNICIPALITY = "municipality"
    REGION = "region"
    NON_PROFIT = "non_profit"
    LEARNING_CENTRE = "learning_centre"


class StudyMode(enum.StrEnum):
    CAMPUS = "campus"
    DISTANCE = "distance"


class ProgramLevel(enum.StrEnum):
    BACHELOR = "bachelor"
    MASTER = "master"
    PROFESSIONAL = "professional"
    VOCATIONAL = "vocational"


class ContractStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ENDED = "ended"


class ApplicationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class MatchStatus(enum.StrEnum):
    SUGGESTED = "suggested"
    RECOMMENDED = "recommended"
    DISMISSED = "dismissed"


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class InvitationStatus(enum.StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class RoundStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    ALLOCATED = "allocated"
    PUBLISHED = "published"
