"""The bridge between the database and the matching engine: documents from models, and the offer index."""
