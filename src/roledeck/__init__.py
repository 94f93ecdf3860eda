"""roledeck: job-role profiles kept as Docusaurus Markdown, loaded into one schema."""

__version__ = "0.1.0"
