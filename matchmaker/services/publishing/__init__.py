"""Publishing offers to the outside: public listings of organisations and open offers (embeds, feeds, sitemap),
schema.org JobPosting data for search engines, and the JobTech JobAd export for Platsbanken."""
