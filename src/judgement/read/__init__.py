"""Reading: files to documents with a position for every value (:mod:`~judgement.read.documents`),
spreadsheets to rows (:mod:`~judgement.read.spreadsheet`), the layout of rulebook folders and folders of
cases (:mod:`~judgement.read.folders`) and rulebooks at git revisions (:mod:`~judgement.read.git`).
Nothing here knows what a valid rulebook or case is: :mod:`judgement.check` decides that."""
