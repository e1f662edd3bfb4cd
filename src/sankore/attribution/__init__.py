"""Attribution: who says what in a document (quotations, reported speech, sentence voice)
and how the author frames it (hedges, distancing, loaded labels, intensifiers).

Pure functions over text and parsed `Doc`s; the spaCy components in `pipeline/quotes.py`
and `pipeline/framing.py` call them and write `doc._.quotes`, `doc._.voices`,
`doc._.framing`.
"""
