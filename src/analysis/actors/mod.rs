//! Named actors: people, countries, places and organisations, with every
//! mention in the article.

use serde::Serialize;

use crate::analysis::settings::Settings;
use crate::analysis::span::Span;
use crate::analysis::structure::Article;

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
}

/// All actors of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actors {
    pub actors: Vec<Actor>,
}

/// Find the actors in the prose of `text`. Never fails.
pub fn extract(_text: &str, _article: &Article, _settings: &Settings) -> Actors {
    Actors::default()
}
