"""The job queue: a leaf registry of named jobs (`@job`), the queue backends, and the catalogue of job modules."""
