//! The speech-cue lexicon: verbs of saying in all their forms and the phrases
//! that introduce a speaker, per language, plus the user's own cues from
//! `attribution.cues`.
//!
//! Every entry is a lowercase word sequence matched against words of the
//! prose. Where the speaker stands relative to the cue is the cue's [`CueKind`].

/// Where a cue finds its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A finite verb of saying: the speaker is its subject, before it
    /// ("Putin said") or after it ("said Putin", "sagte er").
    Verb,
    /// A participle with no subject of its own ("adding that", "saying"):
    /// the speaker is the one of the clause it hangs on.
    Participle,
    /// A preposition followed by the speaker ("according to X", "laut X").
    SpeakerAfter,
    /// A postposition preceded by the speaker ("X zufolge").
    SpeakerBefore,
    /// The German "so" right after a quotation ("„…“, so Murtha").
    SoAfterQuote,
    /// A phrase that marks speech without naming anyone ("in a statement",
    /// "heißt es"): the speaker is the subject of the sentence, if any.
    Marker,
    /// A source, not a speaker ("as reported by Tass"): used only when no
    /// other cue attributes the quotation.
    Source,
}

/// One lexicon entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    pub words: Vec<String>,
    pub kind: CueKind,
    /// A separable particle that must follow later in the same sentence
    /// ("fuhr … fort"), when the cue needs one.
    pub particle: Option<&'static str>,
}

const EN_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "tell",
    "tells",
    "told",
    "state",
    "states",
    "stated",
    "add",
    "adds",
    "added",
    "ask",
    "asks",
    "asked",
    "speak",
    "speaks",
    "spoke",
    "spoken",
    "warn",
    "warns",
    "warned",
    "explain",
    "explains",
    "explained",
    "insist",
    "insists",
    "insisted",
    "note",
    "notes",
    "noted",
    "write",
    "writes",
    "wrote",
    "written",
    "tweet",
    "tweets",
    "tweeted",
    "announce",
    "announces",
    "announced",
    "reply",
    "replies",
    "replied",
    "continue",
    "continues",
    "continued",
    "recall",
    "recalls",
    "recalled",
    "argue",
    "argues",
    "argued",
    "cite",
    "cites",
    "cited",
    "declare",
    "declares",
    "declared",
    "claim",
    "claims",
    "claimed",
    "admit",
    "admits",
    "admitted",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "assert",
    "asserts",
    "asserted",
    "comment",
    "comments",
    "commented",
    "respond",
    "responds",
    "responded",
    "remark",
    "remarks",
    "remarked",
    "stress",
    "stresses",
    "stressed",
    "emphasize",
    "emphasizes",
    "emphasized",
    "emphasise",
    "emphasises",
    "emphasised",
    "observe",
    "observes",
    "observed",
    "promise",
    "promises",
    "promised",
    "vow",
    "vows",
    "vowed",
    "urge",
    "urges",
    "urged",
    "conclude",
    "concludes",
    "concluded",
    "complain",
    "complains",
    "complained",
    "testify",
    "testifies",
    "testified",
    "confirm",
    "confirms",
    "confirmed",
    "deny",
    "denies",
    "denied",
    "mention",
    "mentions",
    "mentioned",
    "posted",
    "quoted",
    "called",
    "describe",
    "describes",
    "described",
    "predicted",
    "predicts",
    "suggested",
    "suggests",
    "wondered",
    "shouted",
    "told",
    "quipped",
    "joked",
    "boasted",
    "pledged",
    "threatened",
    "demanded",
    "announced",
    "reported",
    "reports",
    "answered",
    "answers",
    "agreed",
    "agrees",
    "maintained",
    "maintains",
    "added",
    "countered",
    // Manner of saying, used as attribution in features.
    "conceded",
    "whispered",
    "yelled",
    "cried",
    "exclaimed",
    "cautioned",
    "lamented",
    "mused",
    "pleaded",
    "sighed",
    "laughed",
    "shrugged",
];

const EN_PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "telling",
    "stating",
    "noting",
    "warning",
    "explaining",
    "insisting",
    "arguing",
    "stressing",
    "emphasizing",
    "emphasising",
    "asking",
    "writing",
    "declaring",
    "claiming",
    "calling",
    "describing",
    "recalling",
    "urging",
    "promising",
    "vowing",
    "citing",
    "replying",
    "continuing",
    "asserting",
    "admitting",
    "acknowledging",
    "concluding",
    "answering",
];

const EN_SPEAKER_AFTER: &[&str] = &["according to", "quoting"];
const EN_MARKERS: &[&str] =
    &["in a statement", "in an interview", "in a tweet", "in a post", "in a speech", "in remarks"];
const EN_SOURCES: &[&str] = &["as reported by", "reported by", "as quoted by", "via"];

const DE_VERBS: &[&str] = &[
    "sagte",
    "sagten",
    "sagt",
    "sagen",
    "gesagt",
    "sage",
    "erklärte",
    "erklärten",
    "erklärt",
    "erklären",
    "betonte",
    "betonten",
    "betont",
    "meinte",
    "meinten",
    "meint",
    "ergänzte",
    "ergänzten",
    "ergänzt",
    "berichtete",
    "berichteten",
    "berichtet",
    "schrieb",
    "schrieben",
    "schreibt",
    "kommentierte",
    "kommentierten",
    "kommentiert",
    "bezeichnete",
    "bezeichneten",
    "bezeichnet",
    "nannte",
    "nannten",
    "nennt",
    "warnte",
    "warnten",
    "warnt",
    "forderte",
    "forderten",
    "fordert",
    "kritisierte",
    "kritisierten",
    "kritisiert",
    "äußerte",
    "äußerten",
    "äußert",
    "erläuterte",
    "erläuterten",
    "erläutert",
    "bekräftigte",
    "bekräftigten",
    "versicherte",
    "versicherten",
    "versichert",
    "unterstrich",
    "unterstrichen",
    "verkündete",
    "verkündeten",
    "verkündet",
    "bestätigte",
    "bestätigten",
    "bestätigt",
    "antwortete",
    "antworteten",
    "antwortet",
    "fragte",
    "fragten",
    "fragt",
    // Present plural forms ("„…“, fragen sich Experten").
    "fragen",
    "betonen",
    "warnen",
    "meinen",
    "schreiben",
    "fordern",
    "zitiert",
    "zitierte",
    "zitierten",
    "erwiderte",
    "erwiderten",
    "behauptete",
    "behaupteten",
    "behauptet",
    "beklagte",
    "beklagten",
    "beklagt",
    "mahnte",
    "mahnten",
    "versprach",
    "versprachen",
    "verspricht",
    "twitterte",
    "entgegnete",
    "entgegneten",
    "argumentierte",
    "argumentierten",
    "resümierte",
    "urteilte",
    "urteilten",
    "lobte",
    "lobten",
    "gestand",
    "kündigte",
    "kündigten",
    "sprach",
    "sprachen",
    "spricht",
    "charakterisierte",
    "beschrieb",
    "beschrieben",
    "beschreibt",
    "verteidigte",
    "appellierte",
    "hieß",
    "heißt",
    "lautete",
    "lautet",
    "verlautete",
    "verlautbarte",
    "meldete",
    "meldeten",
    "meldet",
    "wertete",
    "werteten",
    "rät",
    "riet",
    "begründete",
    "begründet",
    // "„…“, erinnerte sich Trotnow": reflexive, so never "erinnerte an".
    "erinnerte sich",
    "erinnert sich",
    "begründeten",
    "würdigte",
    "würdigten",
    "würdigt",
    "begrüßte",
    "begrüßten",
    "begrüßt",
    "bezweifelte",
    "bezweifelten",
    "bekundete",
    "bekundeten",
    "lobt",
    "wertet",
    "skandierten",
    "skandierte",
    "kritisiert",
    "nennt",
    "bezeichnen",
    "fordern",
    "fordert",
    "warnen",
];

const DE_SEPARABLE: &[(&str, &str)] = &[
    ("fügte", "hinzu"),
    ("fügten", "hinzu"),
    ("fügt", "hinzu"),
    ("teilte", "mit"),
    ("teilten", "mit"),
    ("teilt", "mit"),
    ("fuhr", "fort"),
    ("fuhren", "fort"),
    ("räumte", "ein"),
    ("räumten", "ein"),
    ("gab", "bekannt"),
    ("gaben", "bekannt"),
    ("gab", "an"),
    ("gaben", "an"),
    ("wies", "hin"),
    ("merkte", "an"),
    ("stellte", "klar"),
    ("warf", "vor"),
    ("warfen", "vor"),
    ("wirft", "vor"),
    ("werfen", "vor"),
    ("stellte", "fest"),
    ("stellten", "fest"),
    ("stellt", "fest"),
    ("wies", "zurück"),
    ("wiesen", "zurück"),
    ("hob", "hervor"),
    ("sprach", "aus"),
    ("führte", "aus"),
    ("führten", "aus"),
    ("führt", "aus"),
    ("strich", "heraus"),
    ("zeigte", "sich"),
    ("ließ", "verlauten"),
    ("ließen", "verlauten"),
    ("lässt", "verlauten"),
    ("zeigten", "sich"),
];

const DE_PARTICIPLES: &[&str] = &["mitgeteilt", "hinzugefügt", "erklärend"];
const DE_SPEAKER_AFTER: &[&str] = &[
    "laut",
    "nach angaben von",
    "nach angaben des",
    "nach angaben der",
    "zitat",
    // "Nach Ansicht des Ministers …", "nach Aussagen der Anwältin …".
    "nach ansicht",
    "nach auffassung",
    "nach aussage",
    "nach aussagen",
    "nach einschätzung",
    "nach darstellung",
    "nach darstellungen",
    "nach meinung",
    "nach worten",
    "nach überzeugung",
    // "nach Ansicht von X", "nach den Worten des Ministers".
    "nach ansicht von",
    "nach auffassung von",
    "nach aussage von",
    "nach aussagen von",
    "nach einschätzung von",
    "nach darstellung von",
    "nach meinung von",
    "nach worten von",
    "nach den worten",
    "nach den worten von",
    "nach überzeugung von",
];
const DE_SPEAKER_BEFORE: &[&str] = &["zufolge"];
const DE_MARKERS: &[&str] =
    &["mit den worten", "in einer erklärung", "in einer mitteilung", "in einem interview"];
const DE_SOURCES: &[&str] = &["wie berichtet"];

/// The cue lexicon for the given languages (English when none is known),
/// with the user's extra cues as verbs.
pub fn lexicon(languages: &[String], extra: &[String]) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut push = |list: &[&str], kind: CueKind| {
        for entry in list {
            cues.push(Cue { words: split(entry), kind, particle: None });
        }
    };
    // "de", "de-DE", "de-CH": the primary language subtag decides.
    let is = |code: &str, wanted: &str| {
        code.split(['-', '_']).next().is_some_and(|p| p.eq_ignore_ascii_case(wanted))
    };
    let german = languages.iter().any(|l| is(l, "de"));
    let english = !german || languages.iter().any(|l| is(l, "en"));
    if english {
        push(EN_VERBS, CueKind::Verb);
        push(EN_PARTICIPLES, CueKind::Participle);
        push(EN_SPEAKER_AFTER, CueKind::SpeakerAfter);
        push(EN_MARKERS, CueKind::Marker);
        push(EN_SOURCES, CueKind::Source);
    }
    if german {
        push(DE_VERBS, CueKind::Verb);
        push(DE_PARTICIPLES, CueKind::Participle);
        push(DE_SPEAKER_AFTER, CueKind::SpeakerAfter);
        push(DE_SPEAKER_BEFORE, CueKind::SpeakerBefore);
        push(DE_MARKERS, CueKind::Marker);
        push(DE_SOURCES, CueKind::Source);
        push(&["so"], CueKind::SoAfterQuote);
        for (verb, particle) in DE_SEPARABLE {
            cues.push(Cue { words: split(verb), kind: CueKind::Verb, particle: Some(particle) });
        }
    }
    for entry in extra {
        let words = split(entry);
        if !words.is_empty() {
            cues.push(Cue { words, kind: CueKind::Verb, particle: None });
        }
    }
    // Longest first, so "according to" wins over a one-word entry.
    cues.sort_by_key(|cue| std::cmp::Reverse(cue.words.len()));
    cues
}

fn split(entry: &str) -> Vec<String> {
    entry.split_whitespace().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_pick_their_lexicons() {
        let table: &[(&[&str], &str, bool)] = &[
            (&["en"], "said", true),
            (&["en"], "sagte", false),
            (&["de"], "sagte", true),
            (&["de"], "said", false),
            (&["de", "en"], "said", true),
            (&[], "said", true),
        ];
        for (languages, word, expected) in table {
            let languages: Vec<String> = languages.iter().map(|s| s.to_string()).collect();
            let cues = lexicon(&languages, &[]);
            let found = cues.iter().any(|cue| cue.words == [word.to_string()]);
            assert_eq!(found, *expected, "{languages:?} {word}");
        }
    }

    #[test]
    fn extra_cues_are_verbs() {
        let cues = lexicon(&["en".to_owned()], &["Quipped".to_owned(), "  ".to_owned()]);
        assert!(cues.iter().any(|c| c.words == ["quipped"] && c.kind == CueKind::Verb));
        assert!(cues.iter().all(|c| !c.words.is_empty()));
    }
}
