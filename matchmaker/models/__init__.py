"""SQLAlchemy 2.x typed models of Matchmaker. No Flask here."""

from .allocation import AllocationOffer, AllocationParticipant, AllocationPreference, AllocationRound
from .alumni import AlumnusProfile
from .application import Application, ApplicationEvent, DismissedOffer, Invitation, SavedSearch, SavedSearchHit
from .base import Base, utcnow
from .catalogue import Municipality, StudyProgram
from .contract import CompetenceContract, ContractCommitment
from .conversation import CalendarFeed, ConversationRead, ConversationSlot, Message
from .council import CouncilMeeting, CouncilMember, MemberKind, ProgrammeCouncil, council_meeting_attendees
from .enums import (
    ApplicationStatus,
    ContractStatus,
    InvitationStatus,
    Locale,
    MatchStatus,
    OfferKind,
    OfferStatus,
    ProgramLevel,
    Role,
    RoundStatus,
    RunStatus,
    Sector,
    StudyMode,
)
from .event import (
    Event,
    EventKind,
    EventRegistration,
    FairExhibitor,
    InterviewSlot,
    LifecyclePhase,
    RegistrationStatus,
    SlotBooking,
    event_programs,
)
from .event_speaker import EventSpeaker
from .matching import MatchRun, MatchSuggestion
from .mentoring import (
    CheckInKind,
    Mentee,
    Mentor,
    MentoringPair,
    MentoringProgramme,
    PairCheckIn,
    ProgrammeStatus,
    mentoring_programme_programs,
)
from .notification import MailPreference, Notification
from .offer import Offer, offer_programs
from .organization import Organization
from .placement import Placement
from .platform import ApiToken, SamlIdentity, SeenAssertion
from .registration import PendingRegistration
from .scheduling import ScheduledTask
from .student import StudentProfile, student_municipalities
from .system import AuditEvent, OutboxMail, PasswordResetToken
from .user import User

__all__ = [
    "CouncilMeeting", "CouncilMember", "MemberKind", "ProgrammeCouncil", "council_meeting_attendees",
    "AlumnusProfile",
    "CheckInKind", "Mentee", "Mentor", "MentoringPair", "MentoringProgramme", "PairCheckIn", "ProgrammeStatus",
    "mentoring_programme_programs",
    "Event", "EventKind", "EventRegistration", "FairExhibitor", "InterviewSlot", "LifecyclePhase", "RegistrationStatus",
    "SlotBooking", "event_programs", "EventSpeaker",
    "AllocationOffer", "ApiToken", "AllocationParticipant", "AllocationPreference", "AllocationRound", "Application",
    "ApplicationEvent", "ApplicationStatus", "AuditEvent", "Base", "CompetenceContract", "ContractCommitment",
    "CalendarFeed", "ContractStatus", "ConversationRead", "ConversationSlot", "DismissedOffer", "Message",
    "Invitation", "InvitationStatus", "Locale", "MailPreference",
    "MatchSuggestion", "MatchRun",
    "MatchStatus", "Municipality", "Notification", "Offer", "OfferKind", "OfferStatus", "Organization", "OutboxMail",
    "PasswordResetToken", "PendingRegistration", "Placement", "ProgramLevel", "Role", "RoundStatus", "RunStatus",
    "SamlIdentity", "SavedSearch", "SavedSearchHit", "ScheduledTask", "SeenAssertion",
    "Sector", "StudentProfile", "StudyMode", "StudyProgram", "User", "offer_programs",
    "student_municipalities", "utcnow",
]
