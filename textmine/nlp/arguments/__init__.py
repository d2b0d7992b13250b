"""Claims and critiques: the sentence model, cues, speakers and targets, and the component."""
