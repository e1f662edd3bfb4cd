"""The words that set an event's modality: verbs, nouns, adjectives and adverbs of intention,
forecast, hedging, prevention and speech (`modality` reads them off the clauses that govern
an event; the clause and role finders read some of them too).
"""

PLANNING = {"plan", "intend", "aim", "pledge", "promise", "vow", "commit", "commitment", "prepare",
            "prepared", "ready", "readiness", "decide", "decision", "seek", "hope", "want", "work",
            "intention", "undertake", "set", "due", "schedule", "expect", "agree", "offer",
            "propose", "proposal", "go", "about", "determined", "willing", "willingness",
            # Directives: "orders to arrest anyone violating", "instructions to detain", "directed
            # the police to arrest": the act is ordered, not yet done.
            "order", "instruction", "instruct", "direct", "directive", "direction", "warrant", "authorise",
            "authorize", "mandate"}
# Nouns that name an act as an end in view when it is their subject ("killing her had been a
# priority", "ousting Assad is the goal").
GOALS = {"priority", "goal", "aim", "objective", "target", "mission", "ambition", "intention", "task",
         "plan", "purpose"}
# Verbs whose "from" complement names what did not happen ("prevented them from leaving").
PREVENTING = {"prevent", "stop", "bar", "block", "forbid", "prohibit", "ban", "keep", "deter",
              "discourage", "restrain", "dissuade"}
# Verbs whose object is an act that did not happen ("averted a clash", "foiled an attack").
AVERTING = {"avert", "prevent", "avoid", "forestall", "preempt", "pre-empt", "thwart", "foil"}
# Verbs of taking part whose negation says the act in their "in" phrase was not theirs.
PARTAKING = {"involve", "engage", "participate", "implicate"}
# Verbs whose infinitive names what did not happen ("failed to reach agreement").
FAILING = {"fail", "neglect", "unable"}
# Verbs of saying: an event in their complement is what was said, reported.
SPEECH = {"say", "state", "tell", "announce", "claim", "report", "note", "emphasize", "emphasise",
          "add", "stress", "insist", "assert", "declare", "confirm", "explain", "argue", "write",
          "warn", "reveal", "disclose", "indicate", "suggest", "allege", "quote", "reaffirm",
          # Pure reporting verbs of the quotations stage's cue list (speech_verbs.tsv) that
          # name no event themselves ("reiterated that Libya must hand over the suspects").
          "reiterate", "repeat", "affirm", "maintain", "contend", "reply", "respond", "answer",
          "retort", "counter", "remark", "comment", "mention", "underscore", "proclaim", "assure",
          "reassure", "testify", "inform", "tweet", "clarify", "specify", "recount", "concur"}
# Adjectives and participles whose infinitive is a forecast, not a fact or a plan: "is likely to
# deploy", "is expected to win" (PLOVER codes predictions as hypothetical, manual §modality).
FORECAST = {"likely", "unlikely", "possible", "probable", "expect", "bound", "poised", "tipped"}
# Verbs that say an act named by their subject happens: "the talks are due to resume".
OCCURRING = {"resume", "begin", "start", "take", "happen", "occur", "hold", "stage", "open", "convene",
             "reconvene", "continue", "go", "proceed", "commence", "restart", "end", "conclude", "close"}
# Adjectives that judge an act in general, no act done: "it is easier to bomb a country than
# bring peace", "it would be wise to talk".
EVALUATIVE = {"easy", "hard", "difficult", "impossible", "better", "best", "wise", "unwise", "necessary",
              "important", "essential", "crucial", "vital", "simple", "tough", "dangerous", "safe",
              "pointless", "useless", "wrong", "right", "reasonable", "unreasonable", "legitimate", "illegal",
              "legal", "reckless", "foolish", "premature", "naive", "irresponsible"}
# Verbs whose complement only seems or may happen (guidelines §9: "seemed", "is believed to"
# are hypothetical): "seemed to be killing anyone", "risks a broader confrontation".
SEEMING = {"seem", "appear", "risk", "fear", "dread"}
# Adjectives whose "to" names what may befall: "would leave the SDF vulnerable to Turkish attack".
EXPOSED = {"vulnerable", "exposed", "susceptible", "prone"}
# An act noun's own adjectives that plan it, make it a possibility or hand it to others.
PLANNED_ADJ = {"planned", "proposed", "intended", "scheduled", "promised", "pledged", "upcoming",
               "forthcoming", "impending", "future", "prospective", "mooted", "envisaged"}
POSSIBLE_ADJ = {"possible", "potential", "likely", "probable", "feared", "anticipated", "expected", "looming",
                "hypothetical", "eventual"}
HEARSAY_ADJ = {"alleged", "suspected", "purported", "reported", "presumed", "supposed"}
# Sentence adverbs that hand the claim to unnamed others: "troops reportedly killed …".
HEARSAY = {"reportedly", "allegedly", "purportedly", "supposedly", "ostensibly"}
# Sentence adverbs that make the claim a guess (guidelines §9: "apparently" is hypothetical):
# "the strikes had probably been carried out by the air force".
EPISTEMIC = {"probably", "possibly", "perhaps", "maybe", "likely", "presumably", "apparently",
             "seemingly", "conceivably"}
