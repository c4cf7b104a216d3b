//! German speaker search where verb-second word order hides the subject.
//!
//! A German clause puts one constituent first and the finite verb second;
//! the subject may stand anywhere after it ("Dazu gab das Ministerium
//! bekannt: „…“", "Hier sparte der Präsident nicht mit Kritik: „…“"), and
//! every noun is capitalised, so "the capitalised word opening the clause"
//! is no name. [`Attributor::clause_subject`] reads the clause as a row of
//! noun phrases, skips those governed by a preposition or opened by an
//! object determiner, and picks the likeliest speaker.

use super::{is_capitalized, people, slice, Attributor, Found, Kind, Mention, MentionKind, Token};
use super::{is_stopword, to_lower, DETERMINERS, OBJECT_DETERMINERS, STOPWORDS};

/// Prepositions governing the noun phrase after them (the shared list plus
/// German ones it lacks): nothing inside such a phrase is a subject.
const MORE_PREPOSITIONS: &[&str] = &[
    "durch",
    "seit",
    "ohne",
    "wegen",
    "trotz",
    "während",
    "hinter",
    "neben",
    "ins",
    "vorm",
    "übers",
    "aufs",
    "laut",
    "gemäß",
    "angesichts",
    "infolge",
    "innerhalb",
    "außerhalb",
    "dank",
    "statt",
    "bis",
    "per",
];

/// Determiners that open a noun phrase that can be a subject.
const SUBJECT_DETERMINERS: &[&str] = &[
    "der", "die", "das", "ein", "eine", "einer", "dieser", "diese", "jener", "jene", "kein", "keine", "sein",
    "seine", "ihr", "ihre", "unser", "unsere", "dessen", "deren",
];

/// Conjunctions opening a subordinate clause, whose subject is not the
/// speaker of the main clause ("Als ein Gast half, rief der Mann: …").
const SUBORDINATORS: &[&str] = &[
    "als", "wenn", "weil", "nachdem", "während", "obwohl", "da", "dass", "daß", "ob", "wie", "bevor", "seit",
    "seitdem", "sobald", "falls", "damit", "indem", "wo", "wonach", "warum", "weshalb", "wieso", "weswegen",
    "wann", "ehe", "sodass", "solange",
];

/// Nouns naming what was said, not who said it ("die Antwort des
/// Vorstands", "der Passus"): the speaker is their genitive, if any.
const CONTENT_NOUNS: &[&str] = &[
    "antwort",
    "meinung",
    "kommentar",
    "kommentare",
    "worte",
    "wort",
    "fazit",
    "reaktion",
    "botschaft",
    "begründung",
    "kritik",
    "aussage",
    "aussagen",
    "erklärung",
    "mitteilung",
    "stellungnahme",
    "zitat",
    "motto",
    "titel",
    "überschrift",
    "passus",
    "satz",
    "text",
    "motiv",
    "frage",
    "forderung",
    "ansicht",
    "urteil",
    "zuversicht",
    "position",
    "warnung",
    "appell",
    "bilanz",
    "einschätzung",
    "vorwurf",
    "vorwürfe",
    "parole",
    "parolen",
    "losung",
    "inschrift",
    "aufschrift",
    "nachricht",
    "meldung",
];

/// Nouns of a view held, whose holder a possessive or genitive names
/// ("seiner Ansicht nach", "nach Schäubles Idee").
const OPINION_NOUNS: &[&str] =
    &["meinung", "ansicht", "auffassung", "einschätzung", "überzeugung", "sicht", "idee", "zuversicht"];

/// Nouns (and ends of compounds) for works, media and campaigns, whose
/// name a quotation right after them gives ("die Musikzeitschrift „…“").
const WORK_NOUNS: &[&str] = &[
    "zeitung",
    "zeitschrift",
    "magazin",
    "magazins",
    "magazines",
    "blatt",
    "blattes",
    "film",
    "films",
    "buch",
    "buches",
    "album",
    "albums",
    "roman",
    "romans",
    "sendung",
    "enzyklika",
    "operation",
    "serie",
    "musical",
    "kampagne",
    "festival",
    "ausstellung",
];

/// Pronouns that can be the speaking subject.
const SUBJECT_PRONOUNS: &[&str] = &["er", "sie", "ich", "wir"];

/// How strongly a noun phrase reads as the speaker, best last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// A bare capitalised word after the first position ("fordert Reformen").
    Bare,
    /// A noun phrase with a nominative determiner ("das Ministerium").
    Description,
    /// A pronoun, a run of two or more capitalised words ("Jean Todt"), or a
    /// phrase holding a person the article names.
    Person,
}

impl<'a> Attributor<'a> {
    pub(super) fn is_german_preposition(&self, token: Option<&Token>) -> bool {
        self.lower_is(token, people::PREPOSITIONS) || self.lower_is(token, MORE_PREPOSITIONS)
    }

    fn is_name_word(&self, token: &Token) -> bool {
        self.word(token).is_some_and(|w| is_capitalized(w) && !is_stopword(&to_lower(w)))
    }

    /// The end (exclusive) of the noun phrase starting at `i`: determiners,
    /// up to three lowercase adjectives or numbers, a run of capitalised
    /// words, and genitive continuations ("der Sprecher des Ministeriums").
    /// `None` when no noun follows.
    fn noun_phrase_end(&self, tokens: &[Token], i: usize, limit: usize) -> Option<usize> {
        let mut end = None;
        let mut j = i;
        // One phrase, then its genitive continuations ("des Landes", "der
        // Union"), as a loop: no recursion on a long chain.
        loop {
            let phrase_start = j;
            // Determiners (several: "einer der", "die beiden").
            while j < limit && self.lower_is(tokens.get(j), DETERMINERS) {
                j += 1;
            }
            let mut adjectives = 0;
            while j < limit
                && adjectives < 3
                && tokens[j].kind == Kind::Word
                && !self.is_name_word(&tokens[j])
                && !self.lower_is(tokens.get(j), STOPWORDS)
                && self.cue_at(tokens, j, limit).is_none()
            {
                j += 1;
                adjectives += 1;
            }
            let noun_start = j;
            while j < limit && self.is_name_word(&tokens[j]) && (j == noun_start || !tokens[j].glued) {
                j += 1;
            }
            if j == noun_start {
                // No noun: the phrase ends before this continuation.
                return end;
            }
            end = Some(j);
            if !self.lower_is(tokens.get(j), &["des", "der", "seines", "ihres", "eines"]) || j == phrase_start
            {
                return end;
            }
        }
    }

    /// The likeliest speaker among the noun phrases of `start..end` (a
    /// clause that introduces a quotation), by [`Strength`], the earliest
    /// of the strongest.
    pub(super) fn clause_subject(&self, tokens: &[Token], start: usize, end: usize) -> Option<Mention> {
        // Strictly (after any earlier quotation, outside subordinate
        // clauses) first; then the whole clause.
        self.clause_subject_pass(tokens, start, end, true)
            .or_else(|| self.clause_subject_pass(tokens, start, end, false))
            .map(|(_, m)| m)
    }

    /// Whether `start..end` holds a noun phrase that reads as a subject
    /// (a pronoun, a person, or a phrase with a nominative article): a
    /// quotation in such a clause has a source the reader can see.
    pub(super) fn has_subject(&self, tokens: &[Token], start: usize, end: usize) -> bool {
        self.clause_subject_pass(tokens, start, end, false).is_some_and(|(s, _)| s >= Strength::Description)
    }

    fn clause_subject_pass(
        &self,
        tokens: &[Token],
        start: usize,
        end: usize,
        strict: bool,
    ) -> Option<(Strength, Mention)> {
        let mut best: Option<(Strength, Mention)> = None;
        let mut offer = |strength: Strength, mention: Mention| {
            if best.is_none_or(|(s, _)| strength > s) {
                best = Some((strength, mention));
            }
        };
        // Not before another quotation in the sentence: its speaker is
        // that quotation's.
        let start = if strict {
            tokens[start..end]
                .iter()
                .rposition(|t| matches!(t.kind, Kind::Quote(_)))
                .map_or(start, |k| start + k + 1)
        } else {
            start
        };
        let mut i = start;
        let mut first_word = true;
        while i < end {
            let token = &tokens[i];
            let Some(word) = self.word(token) else {
                i += 1;
                continue;
            };
            let lower = to_lower(word);
            let opening = first_word;
            first_word = false;
            let after_comma = i > start && tokens[i - 1].kind == Kind::Punct(',');
            let relative = after_comma
                && matches!(
                    lower.as_ref(),
                    "der" | "die" | "das" | "den" | "dem" | "dessen" | "deren" | "welche" | "welcher"
                );
            if strict && ((opening || after_comma) && SUBORDINATORS.contains(&lower.as_ref()) || relative) {
                // A subordinate or relative clause: up to the next comma.
                i = tokens[i..end].iter().position(|t| t.kind == Kind::Punct(',')).map_or(end, |k| i + k + 1);
                first_word = opening;
                continue;
            }
            if self.is_german_preposition(Some(token)) {
                // Skip the governed phrase.
                i = self.noun_phrase_end(tokens, i + 1, end).unwrap_or(i + 1);
                continue;
            }
            if SUBJECT_PRONOUNS.contains(&lower.as_ref()) {
                offer(Strength::Person, Mention { span: token.span, kind: MentionKind::Pronoun });
                i += 1;
                continue;
            }
            let determiner = DETERMINERS.contains(&lower.as_ref());
            if !determiner && !self.is_name_word(token) {
                i += 1;
                continue;
            }
            let Some(np_end) = self.noun_phrase_end(tokens, i, end) else {
                i += 1;
                continue;
            };
            let span = super::Span::new(token.span.start, tokens[np_end - 1].span.end);
            let words: Vec<&str> = tokens[i..np_end].iter().filter_map(|t| self.word(t)).collect();
            let known = words.iter().any(|w| is_capitalized(w) && self.people.is_known_person_word(w));
            // The first run of capitalised words: a title and a name
            // ("Vorsitzender Eberhard Brandt") or one noun.
            let run = tokens[i..np_end]
                .iter()
                .skip_while(|t| !self.is_name_word(t) || self.lower_is(Some(t), DETERMINERS))
                .take_while(|t| self.is_name_word(t))
                .count();
            let head = tokens[i..np_end]
                .iter()
                .position(|t| self.is_name_word(t) && !self.lower_is(Some(t), DETERMINERS))
                .map(|k| i + k);
            let content = |h: usize| {
                self.lower_is(tokens.get(h), CONTENT_NOUNS)
                    || self.lower_is(tokens.get(h), super::SPEECH_NOUNS)
            };
            if let Some(h) = head.filter(|&h| content(h) && !known) {
                // "die Antwort des Vorstands", "die Worte Armstrongs", "das
                // Fazit von Sandra Boser": the one whose words they are.
                let owner = if h + 1 < np_end
                    && (self.lower_is(tokens.get(h + 1), &["des", "der"])
                        || self.is_name_word(&tokens[h + 1]))
                {
                    Some((h + 1, np_end))
                } else if h + 1 == np_end && self.lower_is(tokens.get(np_end), &["von", "vom"]) {
                    self.noun_phrase_end(tokens, np_end + 1, end).map(|e| (np_end + 1, e))
                } else {
                    None
                };
                if let Some((from, to)) = owner {
                    let span = super::Span::new(tokens[from].span.start, tokens[to - 1].span.end);
                    let known = tokens[from..to]
                        .iter()
                        .filter_map(|t| self.word(t))
                        .any(|w| self.people.is_known_person_word(w));
                    let strength = if known { Strength::Person } else { Strength::Description };
                    offer(strength, Mention { span, kind: MentionKind::Description });
                    i = to;
                } else {
                    i = np_end;
                }
                continue;
            }
            // "Barth meint:": a verb of saying right after the word.
            let verb_follows = self.cue_at(tokens, np_end, tokens.len()).is_some();
            let strength = if OBJECT_DETERMINERS.contains(&lower.as_ref()) && !known {
                None
            } else if known || (run >= 2 && !opening) || run >= 3 {
                Some(Strength::Person)
            } else if determiner && SUBJECT_DETERMINERS.contains(&lower.as_ref()) {
                Some(if run >= 2 { Strength::Person } else { Strength::Description })
            } else if !determiner && (run >= 2 || (opening && verb_follows)) {
                // "Barack Obama sagte:" / "Barth meint:" — or an adverb
                // opening the clause ("Dazu gab …"): a weak guess.
                Some(if run >= 2 { Strength::Description } else { Strength::Bare })
            } else if !determiner && !opening && run == 1 {
                Some(Strength::Bare)
            } else {
                None
            };
            if let Some(strength) = strength {
                let kind = if determiner { MentionKind::Description } else { MentionKind::Name };
                offer(strength, Mention { span, kind });
            }
            i = np_end;
        }
        best
    }

    /// Whether a mention found by the general patterns is a believable
    /// German speaker: a pronoun, a person the article names, a phrase
    /// with a determiner, or a capitalised word that does not merely open
    /// the clause (German capitalises every noun and the first word).
    pub(super) fn german_plausible(&self, tokens: &[Token], start: usize, mention: &Mention) -> bool {
        if mention.kind == MentionKind::Pronoun {
            return true;
        }
        let written = slice(self.text, mention.span);
        let words: Vec<&str> = written.split_whitespace().collect();
        if words.iter().any(|w| self.people.is_known_person_word(w)) {
            return true;
        }
        let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
        if OBJECT_DETERMINERS.contains(&first.as_str())
            || matches!(first.as_str(), "seine" | "ihre" | "seiner" | "ihrer" | "sein" | "ihr")
        {
            return false;
        }
        let opens = tokens[start..]
            .iter()
            .find(|t| t.kind == Kind::Word)
            .is_some_and(|t| t.span.start == mention.span.start);
        !(opens && words.len() == 1)
    }

    /// A German quotation introduced by a colon at `q - 1`: the cue before
    /// it (if any) with the clause's likeliest subject, or the cue's own
    /// subject when the clause offers none.
    pub(super) fn german_colon(
        &self,
        tokens: &[Token],
        start: usize,
        q: usize,
        done: &[super::Attribution],
    ) -> Option<Found> {
        let cued = self.cue_before(tokens, start, q, done);
        if cued.is_none() {
            // With no cue, only a quotation that reads as a statement (a
            // full sentence, or longer than a name or a slogan) is taken as
            // introduced speech ("Codename: „…“" is not).
            if !self.statement_at(tokens, q) {
                return None;
            }
        }
        let subject = self.clause_subject(tokens, start, q - 1);
        let cue = cued.map(|f| f.cue).unwrap_or_default();
        let mention = subject
            .or_else(|| cued.and_then(|f| f.mention).filter(|m| self.german_plausible(tokens, start, m)));
        (cued.is_some() || mention.is_some()).then_some(Found { cue, mention })
    }

    /// A quoted name standing as a noun phrase at `start` („Die Zeit“, die
    /// „Computerwoche“): a short capitalised quotation, alone or after an
    /// article. Its end token is returned with it.
    pub(super) fn quoted_name(
        &self,
        tokens: &[Token],
        start: usize,
        limit: usize,
    ) -> Option<(Mention, usize)> {
        let article = self.lower_is(tokens.get(start), &["der", "die", "das", "dem", "den", "des"]);
        let q = if article { start + 1 } else { start };
        if q >= limit {
            return None;
        }
        let Kind::Quote(index) = tokens.get(q)?.kind else { return None };
        let inner = slice(self.text, self.quotes.quotations.get(index)?.inner).trim();
        let words = inner.split_whitespace().count();
        if words == 0 || words > 4 || !is_capitalized(inner) || inner.ends_with(['.', '!', '?', ',']) {
            return None;
        }
        let span = super::Span::new(tokens[start].span.start, tokens[q].span.end);
        Some((Mention { span, kind: MentionKind::Name }, q + 1))
    }

    /// A document or place as the source of an impersonal "heißt es"
    /// ("„…“, heißt es in der Erklärung", "In dem Antrag heißt es: „…“",
    /// "hieß es vom Abgeordneten X"): the noun phrase of the first
    /// prepositional phrase of `start..end` naming where it is written or
    /// who issued it, when such an impersonal cue starts within the first
    /// `within` tokens of the range.
    pub(super) fn document_source(
        &self,
        tokens: &[Token],
        start: usize,
        end: usize,
        within: usize,
    ) -> Option<Mention> {
        const IMPERSONAL: &[&str] = &["heißt", "hieß", "hiess", "geheißen"];
        const SOURCE_PREPOSITIONS: &[&str] =
            &["in", "im", "auf", "aus", "vom", "von", "seitens", "laut", "bei", "beim"];
        let impersonal = (start..end.min(start + within)).any(|i| {
            self.lower_is(tokens.get(i), IMPERSONAL)
                && (self.lower_is(tokens.get(i + 1), &["es"])
                    || (i > start && self.lower_is(tokens.get(i - 1), &["es"]))
                    || (i > start + 1 && self.lower_is(tokens.get(i - 2), &["es"])))
        });
        if !impersonal {
            return None;
        }
        (start..end).find_map(|i| {
            if !self.lower_is(tokens.get(i), SOURCE_PREPOSITIONS) {
                return None;
            }
            let np_end = self.noun_phrase_end(tokens, i + 1, end)?;
            let span = super::Span::new(tokens[i + 1].span.start, tokens[np_end - 1].span.end);
            Some(Mention { span, kind: MentionKind::Description })
        })
    }

    /// A passive citation right after a quotation: "„…“, wird X zitiert",
    /// "„…“, wie X von Y zitiert wird" — X, from token `r` (the first word
    /// after the quotation) within `r..end`.
    pub(super) fn passive_cited(&self, tokens: &[Token], r: usize, end: usize) -> Option<Mention> {
        if !self.lower_is(tokens.get(r), &["wird", "wurde", "werde", "wie"]) {
            return None;
        }
        let cited = (r + 1..end.min(r + 16)).any(|i| self.lower_is(tokens.get(i), &["zitiert"]));
        if !cited {
            return None;
        }
        self.np_after(tokens, r + 1, end)
            .filter(|m| m.kind != MentionKind::Pronoun || self.lower_is(tokens.get(r + 1), &["er", "sie"]))
    }

    /// The agent of a German passive before the quotation at `q` ("Die
    /// Pläne werden von Fachleuten als „…“ bezeichnet"): the noun phrase
    /// after "von" when the sentence has an auxiliary of the passive.
    pub(super) fn passive_agent(
        &self,
        tokens: &[Token],
        start: usize,
        q: usize,
        end: usize,
    ) -> Option<Mention> {
        let passive = tokens[start..end]
            .iter()
            .any(|t| self.lower_is(Some(t), &["wird", "werden", "wurde", "wurden", "worden"]));
        if !passive {
            return None;
        }
        let von = (start..q).rev().find(|&i| self.lower_is(tokens.get(i), &["von", "vom"]))?;
        self.np_after(tokens, von + 1, q).filter(|m| m.kind != MentionKind::Pronoun)
    }

    /// The subject of a relative or subordinate clause holding a verb of
    /// naming before the quotation at `q`: the noun a relative pronoun
    /// refers to ("ein Kommentar, der den Plan als „…“ bezeichnet"), or the
    /// subject after a conjunction ("weil die Regierung ihn als „…“
    /// bezeichnet hat"). `None` when the quotation is in the main clause.
    pub(super) fn naming_clause_subject(&self, tokens: &[Token], start: usize, q: usize) -> Option<Mention> {
        const RELATIVES: &[&str] = &["der", "die", "das", "welche", "welcher", "welches"];
        let comma = (start..q).rev().find(|&i| tokens[i].kind == Kind::Punct(','))?;
        let opener = tokens.get(comma + 1);
        if self.lower_is(opener, RELATIVES) {
            self.np_before(tokens, start, comma)
        } else if self.lower_is(opener, SUBORDINATORS) {
            self.strong_subject(tokens, comma + 2, q)
        } else {
            None
        }
    }

    /// The person quoted after an inverted "zitiert" at `start`: past
    /// "man" or the citing subject ("zitiert die Zeitung den Landrat"), the
    /// object; the subject when no object follows.
    pub(super) fn quoted_object(&self, tokens: &[Token], start: usize, end: usize) -> Option<Mention> {
        if self.lower_is(tokens.get(start), &["man"]) {
            return self.np_after(tokens, start + 1, end);
        }
        let (subject, subject_end) = self.np_forward_with_end(tokens, start, end)?;
        // A pronoun, or a quoted publication („…“, zitiert die „Zeitung“
        // X): kept as the source, so the publication's quotation is no
        // speech.
        let quoted =
            tokens[start..subject_end.min(tokens.len())].iter().any(|t| matches!(t.kind, Kind::Quote(_)));
        if subject.kind == MentionKind::Pronoun || quoted {
            return Some(subject);
        }
        self.np_after(tokens, subject_end, end).or(Some(subject))
    }

    /// A view with its holder before the quotation at `q`: a possessive
    /// and a noun of opinion ("seiner Ansicht nach", "Seine Meinung zu …:"),
    /// the possessive resolved to the nearest person of its gender; or a
    /// genitive name ("nach Schäubles Idee"). The speaker's span is the
    /// phrase.
    pub(super) fn opinion_holder(&self, tokens: &[Token], start: usize, q: usize) -> Option<super::Speaker> {
        let noun = (start + 1..q).rev().find(|&i| self.lower_is(tokens.get(i), OPINION_NOUNS))?;
        let owner = &tokens[noun - 1];
        let span = super::Span::new(owner.span.start, tokens[noun].span.end);
        let pronoun = if self.lower_is(Some(owner), &["seine", "seiner", "seinen", "seinem", "sein"]) {
            "er"
        } else if self.lower_is(Some(owner), &["ihre", "ihrer", "ihren", "ihrem", "ihr"]) {
            "sie"
        } else {
            // A genitive name: the nearest person so named.
            let word = self.word(owner)?;
            let name = word.strip_suffix('s').filter(|name| is_capitalized(name))?;
            if !self.people.is_known_person_word(name) {
                return None;
            }
            let person = self.people.antecedent(owner.span.start, "", self.text);
            let person = person.filter(|p| p.name.split_whitespace().any(|w| w == name));
            return Some(match person {
                Some(person) => super::Speaker {
                    span,
                    name: Some(person.name.to_string()),
                    actor: person.actor,
                    introduced: person.mentions.first().copied(),
                },
                None => self.resolve(Mention { span, kind: MentionKind::Name }),
            });
        };
        let person = self.people.antecedent(owner.span.start, pronoun, self.text)?;
        Some(super::Speaker {
            span,
            name: Some(person.name.to_string()),
            actor: person.actor,
            introduced: person.mentions.first().copied(),
        })
    }

    /// The person a stand-alone German quotation goes on from: the subject
    /// of the sentence before when it is a person the article names (not a
    /// pronoun, whose antecedent would be a second guess), looking one sentence further back past a
    /// sentence of reported speech ("Stöhr warnte. Noch bestehe keine
    /// Gefahr. „…“").
    pub(super) fn reported_person(
        &self,
        tokens: &[Token],
        sentences: &[std::ops::Range<usize>],
    ) -> Option<Mention> {
        for sentence in sentences.iter().rev().take(2) {
            // The main clause only: not a relative clause's "dessen Chef".
            let person = self
                .clause_subject_pass(tokens, sentence.start, sentence.end, true)
                .filter(|(strength, _)| *strength == Strength::Person)
                .map(|(_, m)| m)
                .filter(|m| m.kind != MentionKind::Pronoun);
            if person.is_some() {
                return person;
            }
            let reported =
                tokens[sentence.clone()].iter().any(|t| self.lower_is(Some(t), super::SUBJUNCTIVE));
            if !reported {
                return None;
            }
        }
        None
    }

    /// Whether a German quotation right after an article reads as a name
    /// (a paper, an organisation, a title: "der „Netzeitung“", "des
    /// „Spiegel“"): it starts with a capital, is short, ends with no full
    /// stop, and its words are mostly capitalised.
    pub(super) fn german_named_after_article(&self, words: &[&str], start: usize) -> bool {
        const ARTICLES: &[&str] = &["der", "dem", "die", "das", "einer", "einem"];
        let (_, previous) = super::word_before(self.text, start, |c| c.is_alphanumeric() || c == '-');
        let lower = to_lower(previous);
        if is_capitalized(previous)
            && WORK_NOUNS.iter().any(|noun| lower.ends_with(noun))
            && words.len() <= 12
            && !words.last().is_some_and(|w| w.ends_with(['.', '!', '?', '…']))
        {
            // "das Fachblatt „La Gazzetta dello Sport“", "sein Buch „…“".
            return true;
        }
        if !ARTICLES.contains(&lower.as_ref()) || words.is_empty() || words.len() > 8 {
            return false;
        }
        let capitals = words.iter().filter(|w| is_capitalized(w)).count();
        words.first().is_some_and(|w| is_capitalized(w))
            && !words.last().is_some_and(|w| w.ends_with(['.', '!', '?', '…']))
            && capitals * 2 > words.len()
    }

    /// Whether a German quotation is a judgement in someone's words after
    /// "als" ("wies den Bericht als „falsch“ zurück", "stuft die Lage als
    /// „sehr ernst“ ein"): all in lower case, as a predicate is, where a
    /// name or a term ("als „blinder Passagier“") holds a capitalised noun.
    pub(super) fn judged_as(&self, inner: super::Span, start: usize) -> bool {
        let (_, previous) = super::word_before(self.text, start, |c| c.is_alphanumeric());
        let words = slice(self.text, inner).split_whitespace();
        previous == "als" && words.clone().next().is_some() && words.into_iter().all(|w| !is_capitalized(w))
    }

    /// Whether the quotation token `q` of paragraph `p`, sentence `s`, is
    /// what someone spoke of: "sprach von einer „…“", "Von „…“ sprechen
    /// Beobachter" — "von" (and at most an article and an adjective) right
    /// before it, and a form of "sprechen" in the sentence.
    pub(super) fn spoken_of(&self, p: usize, q: usize, s: usize) -> bool {
        const SPEAK: &[&str] = &["sprach", "sprachen", "spricht", "sprechen", "gesprochen", "sprechend"];
        let paragraph = self.document.paragraph(p);
        let Some(sentence) = paragraph.sentences.get(s) else { return false };
        let tokens = &paragraph.tokens;
        let from = q.saturating_sub(3).max(sentence.start);
        let von = (from..q).rev().find(|&i| self.lower_is(tokens.get(i), &["von", "vom"]));
        let close = von.is_some_and(|v| {
            tokens[v + 1..q]
                .iter()
                .all(|t| t.kind == Kind::Word && !is_capitalized(self.word(t).unwrap_or("A")))
        });
        close && tokens[sentence.clone()].iter().any(|t| self.lower_is(Some(t), SPEAK))
    }

    /// The noun phrase opening a German clause when it is a believable
    /// speaker, else the clause's likeliest subject.
    pub(super) fn german_first_np(&self, tokens: &[Token], start: usize, end: usize) -> Option<Mention> {
        self.first_np(tokens, start, end)
            .filter(|m| self.german_plausible(tokens, start, m))
            .or_else(|| self.clause_subject(tokens, start, end))
    }

    /// The subject of `start..end` when it reads clearly as one (a pronoun,
    /// a person, a phrase with a nominative article), main clause first.
    pub(super) fn strong_subject(&self, tokens: &[Token], start: usize, end: usize) -> Option<Mention> {
        [true, false]
            .into_iter()
            .filter_map(|strict| self.clause_subject_pass(tokens, start, end, strict))
            .find(|(strength, _)| *strength >= Strength::Description)
            .map(|(_, m)| m)
    }

    /// Whether the quotation token at `q` reads as a statement: a full
    /// sentence, or longer than a name or a slogan.
    pub(super) fn statement_at(&self, tokens: &[Token], q: usize) -> bool {
        let Some(Kind::Quote(index)) = tokens.get(q).map(|t| t.kind) else { return false };
        let Some(quotation) = self.quotes.quotations.get(index) else { return false };
        let inner = slice(self.text, quotation.inner).trim();
        inner.ends_with(['.', '!', '?', '…']) || inner.split_whitespace().count() > self.max_words
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::analysis::settings::Settings;

    fn german() -> Settings {
        Settings { languages: vec!["de".to_owned()], ..Settings::default() }
    }

    /// Long genitive chains, stray articles, colons and quotation marks in
    /// German copy: no panic, no deep recursion, and a speaker found.
    #[test]
    fn long_and_odd_german_clauses_are_read_safely() {
        let chain = "des Vorstands ".repeat(20_000);
        let cases = [
            format!("Dazu gab der Sprecher {chain}bekannt: „Wir prüfen das.“"),
            "der der der die das: „Ja.“ : „ „ “ :".to_owned(),
            ": „Nein.“".to_owned(),
            "Dazu gab bekannt: „“".to_owned(),
        ];
        for text in &cases {
            let analysis = analyze(text, &german());
            assert_eq!(analysis.attributions.len(), analysis.quotes.quotations.len());
        }
        let analysis = analyze(&cases[0], &german());
        let speaker = analysis.attributions.iter().find_map(|a| a.speaker.as_ref()).expect("a speaker");
        assert!(cases[0][speaker.span.start..speaker.span.end].starts_with("der Sprecher"));
    }
}
