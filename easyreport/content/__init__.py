"""Client-facing content: modules, questions, options, pictograms, glossary and language checks."""
