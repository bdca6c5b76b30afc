"""The demo and catalogue loader: reads seeds/*.yaml into the database (never in production)."""
