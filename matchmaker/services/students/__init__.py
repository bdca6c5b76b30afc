"""Student profiles: editing, consent to be visible, CV text extraction, and what employers may see."""
