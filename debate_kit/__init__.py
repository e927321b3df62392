"""debate_kit: live, evidence-based classroom debates on a persuasive essay, served by Voila."""

__version__ = "0.1.0"
