"""Objects that take a trigger verb out of its event sense: the fixed phrases `clauses.idiom`
reads ("the demand met a mixed response", "sought refuge", "released a video", "killed off the
idea", "delivered a speech"). Written for Sankore from the senses the news gold set's dev part
and the Guardian articles read for v18 and v19 showed; each set is one verb's class of objects.
"""

# Objects that make a trigger verb a fixed phrase (`idiom`). "meet demands" is no idiom: it is
# a concession (CAMEO 083).
IDIOM_OBJECTS = {"meet": {"response", "resistance", "criticism", "opposition", "approval", "requirement",
                          "target", "deadline", "standard", "condition", "expectation", "need",
                          "challenge", "end", "fate", "death", "cost", "goal", "criterion", "obligation",
                          "threshold", "quota"},
                 # What one seeks for oneself asks nothing of another ("civilians sought refuge").
                 "seek": {"refuge", "shelter", "safety", "cover", "treatment", "care", "work", "employment",
                          "re-election", "reelection", "office", "fortune"},
                 # Offering a glimpse or a sign shows something; PLOVER's AGREE offers an act
                 # ("their mistakes offered glimpses of his methods", "will offer a sign of victory").
                 "offer": {"glimpse", "glimmer", "sign", "insight", "view", "picture", "reminder", "example",
                           "lesson", "clue", "window", "perspective", "hint", "indication", "hope",
                           "explanation", "account", "opinion", "analysis", "snapshot", "taste",
                           "opportunity", "chance", "possibility", "prospect", "platform", "model"},
                 # Releasing a document publishes it; PLOVER's RETREAT release frees people
                 # ("Police released video of the arrest", "said in a statement released on …").
                 "release": {"statement", "video", "footage", "report", "figure", "detail", "image", "photo",
                             "picture", "name", "data", "list", "album", "book", "film", "information",
                             "result", "document", "recording", "text", "tape", "audio", "transcript",
                             "letter", "plan", "budget", "update", "version", "guideline", "advisory",
                             "memo", "study", "survey", "poll", "record", "file", "email", "message"},
                 # Delivering a plan, a speech or a verdict is no aid delivered.
                 "deliver": {"plan", "speech", "address", "verdict", "message", "result", "promise",
                             "victory", "statement", "remark", "lecture", "sermon", "judgment", "judgement",
                             "report", "performance", "solution", "reform", "change", "goal", "strategy",
                             "policy", "vision", "briefing", "testimony", "update"},
                 # Destroying goodwill or trust, threatening interests or peace, seizing a
                 # chance: figures of speech, no attack, threat or seizure.
                 "destroy": {"goodwill", "trust", "confidence", "hope", "chance", "credibility", "reputation",
                             "career", "relationship", "morale", "argument", "myth", "illusion", "consensus",
                             "legacy", "prospect"},
                 "threaten": {"interest", "peace", "security", "stability", "future", "existence",
                              "livelihood", "health", "economy", "environment", "unity", "integrity"},
                 "seize": {"chance", "opportunity", "initiative", "moment", "momentum", "occasion",
                           "advantage"},
                 # Sharing a dislike or a view is having it in common, no cooperation.
                 "share": {"dislike", "view", "concern", "interest", "goal", "belief", "vision", "value",
                           "fear", "opinion", "hatred", "suspicion", "distrust", "passion", "love",
                           "sense", "taste", "aim", "ambition", "outlook", "assessment"},
                 # Killing off an idea, a deal or a bill ends it; PLOVER's ASSAULT kills people.
                 "kill": {"speculation", "idea", "plan", "deal", "bill", "proposal", "hope", "rumour",
                          "rumor", "chance", "momentum", "story", "debate", "measure", "legislation",
                          "initiative", "project", "process", "talk", "agreement", "motion", "scheme",
                          "prospect"}}
