"""textmine's offline German pipeline: tokenizer rules, sentences, lemmas and tags."""
