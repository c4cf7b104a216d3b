//! Named actors: people, countries, places and organisations, with every
//! mention in the article.
//!
//! Three sources, in order of authority: the article itself (titles and
//! appositives on first reference), the newsroom's registry
//! (`Settings::actors`), and the embedded knowledge ([`knowledge`]).
//!
//! Decisions:
//! - A demonym ("Russian", "Chinese") is a mention of its country, with the
//!   form [`MentionForm::Demonym`]: hover on it shows the country card.
//! - A capital city followed by a verb ("Washington would answer",
//!   "Beijing denied") stays a mention of the city, with the form
//!   [`MentionForm::Government`]; hover says it stands for the government.
//! - A possessive ("Putin's") is a mention whose span covers the name only.

mod extract;
pub mod hover;
pub mod knowledge;
pub(crate) mod lexicon;

use serde::{Deserialize, Serialize};

use crate::analysis::memo::Memo;
use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;

pub use knowledge::Entity;

pub(crate) use extract::{keep, prepare, run};

/// What kind of actor a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Country,
    Place,
    Organization,
    Unknown,
}

impl ActorKind {
    /// The kind in a journalist's words.
    pub const fn label(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
            ActorKind::Organization => "organisation",
            ActorKind::Unknown => "name (unknown kind)",
        }
    }
}

/// A person's gender, when a title word says it ("Mr.", "Mrs.", "Queen").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

/// How a mention names its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionForm {
    /// The full name ("Vladimir Putin", "Russia", "TASS").
    FullName,
    /// An alias or abbreviation ("US", "PRC", "Tass").
    Alias,
    /// The surname, or the family name of a family-name-first name ("Xi").
    Surname,
    /// A role reference ("Russian President").
    Role,
    /// A country's demonym or adjective ("Russian").
    Demonym,
    /// A city standing for its government ("Washington would answer").
    Government,
    /// Another spelling of the name ("Zelensky" for "Zelenskyy").
    Variant,
}

/// One actor and its mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The canonical name ("Vladimir Putin", "Russia").
    pub name: String,
    pub kind: ActorKind,
    /// A one-line description ("President of Russia"), from the article
    /// first, then the registry or embedded data.
    pub description: Option<String>,
    /// Every mention, in text order. The first is the first reference.
    pub mentions: Vec<Span>,
    /// How each mention names the actor (same index as `mentions`).
    pub forms: Vec<MentionForm>,
    /// The title as the article states it ("Russian Defense Minister").
    pub title: Option<String>,
    pub gender: Option<Gender>,
    /// The full first reference (a person's full name with title), or the
    /// first mention when there is none.
    pub first_reference: Span,
    /// The embedded entry this actor is, when known.
    pub knowledge: Option<Entity>,
    /// The embedded leader (index into `KNOWLEDGE.leaders`) a person is.
    pub leader: Option<usize>,
    /// The registry entry (index into `people`, then `organizations`).
    pub registry: Option<usize>,
    /// The ISO code of the actor's country, when known.
    pub country: Option<&'static str>,
}

impl Actor {
    /// The name later references use: the last word, or the first for
    /// family-name-first names ("Xi" of "Xi Jinping").
    pub fn surname(&self) -> &str {
        let words: Vec<&str> = self.name.split_whitespace().collect();
        match words.as_slice() {
            [first, _, ..] if lexicon::FAMILY_NAME_FIRST.contains(first) => first,
            [.., last] => last,
            [] => "",
        }
    }

    /// The mentions of one form.
    pub fn mentions_of(&self, form: MentionForm) -> impl Iterator<Item = Span> + '_ {
        self.mentions.iter().zip(&self.forms).filter(move |(_, f)| **f == form).map(|(s, _)| *s)
    }
}

/// All actors of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actors {
    pub actors: Vec<Actor>,
}

impl Actors {
    /// The actor with a mention at byte `offset`.
    pub fn actor_at(&self, offset: usize) -> Option<usize> {
        self.mention_at(offset).map(|(actor, _)| actor)
    }

    /// The actor and mention index at byte `offset`. When mentions overlap
    /// (a demonym inside a title), the shortest wins.
    pub fn mention_at(&self, offset: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for (a, actor) in self.actors.iter().enumerate() {
            for (m, span) in actor.mentions.iter().enumerate() {
                if span.contains(offset) && best.is_none_or(|(_, _, len)| span.len() < len) {
                    best = Some((a, m, span.len()));
                }
            }
        }
        best.map(|(a, m, _)| (a, m))
    }

    /// The actor with this canonical name.
    pub fn by_name(&self, name: &str) -> Option<&Actor> {
        self.actors.iter().find(|actor| actor.name == name)
    }
}

/// Where navigation goes from the mention under a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Navigation {
    /// The mention under the offset.
    pub mention: Span,
    /// The actor's first reference (go to definition).
    pub first_reference: Span,
    /// Every mention of the actor, in text order.
    pub mentions: Vec<Span>,
    /// The mentions that are the first reference (the "declaration"):
    /// those inside `first_reference`, or the first mention.
    pub declarations: Vec<Span>,
}

/// Navigation for the actor mentioned at byte `offset`, if any.
pub fn navigation(actors: &Actors, offset: usize) -> Option<Navigation> {
    let (index, mention) = actors.mention_at(offset)?;
    let actor = actors.actors.get(index)?;
    let first = actor.first_reference;
    let mut declarations: Vec<Span> =
        actor.mentions.iter().copied().filter(|span| first.covers(*span)).collect();
    if declarations.is_empty() {
        declarations.extend(actor.mentions.first().copied());
    }
    Some(Navigation {
        mention: *actor.mentions.get(mention)?,
        first_reference: first,
        mentions: actor.mentions.clone(),
        declarations,
    })
}

/// Find the actors in the prose of `text`. Never fails.
pub fn extract(text: &str, article: &Article, settings: &Settings) -> Actors {
    extract_with(text, article, settings, &mut Memo::disabled())
}

/// [`extract`](fn@extract), reusing the per-paragraph scans `memo` kept from earlier
/// versions of the document (see [`crate::analysis::memo`]). The result
/// always equals [`extract`](fn@extract).
pub fn extract_with(text: &str, article: &Article, settings: &Settings, memo: &mut Memo) -> Actors {
    extract::extract_with(text, article, settings, memo)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, text at the cursor, first reference must cover, mentions as
    /// written, how many are the declaration); no mentions: nothing there.
    const CASES: &[(&str, &str, &str, &[&str], usize)] = &[
        (
            "Foreign Minister Jane Roe spoke. Later Roe left, and Roe returned.",
            "Roe left",
            "Jane Roe",
            &["Jane Roe", "Roe", "Roe"],
            1,
        ),
        ("Nothing here is a name at all.", "here", "", &[], 0),
    ];

    #[test]
    fn navigation_goes_to_the_first_reference_and_lists_every_mention() {
        let settings = Settings::default();
        for &(text, cursor, first, mentions, declarations) in CASES {
            let article = Article::parse(text, &settings);
            let actors = extract(text, &article, &settings);
            let found = navigation(&actors, text.find(cursor).unwrap());
            if mentions.is_empty() {
                assert_eq!(found, None, "{text}");
                continue;
            }
            let found = found.unwrap_or_else(|| panic!("no actor under {cursor:?} in {text:?}"));
            let first_at = text.find(first).unwrap();
            assert!(found.first_reference.covers(Span::new(first_at, first_at + first.len())), "{found:?}");
            let written: Vec<&str> = found.mentions.iter().map(|span| &text[span.start..span.end]).collect();
            assert_eq!(written, mentions, "{text}");
            assert_eq!(found.declarations.len(), declarations, "{text}: {found:?}");
            assert_eq!(&text[found.mention.start..found.mention.end], "Roe");
        }
    }
}
