"""constitution-check: judge an Integrated Care Board's constitution and board papers
against campaign demands, with evidence a campaigner can check."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
