"""Publishing: sitemap, feeds, embeddable offer lists, JobPosting JSON-LD, bulk import and the JobTech export."""

# Importing the view modules registers their routes on bp.
from . import views, views_bulk  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
