"""Files on disk: reading and writing assessments and frameworks safely, locks, recent files and
user folders."""
