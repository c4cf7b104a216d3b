//! The hover card of an actor: who this is, the title as the article states
//! it, what the data or registry says (with its date), the country card, the
//! number of mentions, the line of the first reference, and the quotations
//! attributed to the actor.
//!
//! Every piece of text from the document, the registry or the embedded data
//! goes through `escape_markdown`.

use super::knowledge::{Entity, KNOWLEDGE};
use super::{Actor, ActorKind, MentionForm};
use crate::analysis::hover::{escape_markdown, Hover};
use crate::analysis::Context;

/// The actor card for the mention under byte `offset`.
pub fn hover(context: &Context<'_>, offset: usize) -> Option<Hover> {
    let actors = &context.analysis.actors;
    let (index, mention) = actors.mention_at(offset)?;
    let actor = &actors.actors[index];
    let span = actor.mentions[mention];
    Some(Hover { span, markdown: card(context, index, actor, actor.forms.get(mention).copied()) })
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(1, |before| before.matches('\n').count() + 1)
}

fn card(context: &Context<'_>, index: usize, actor: &Actor, form: Option<MentionForm>) -> String {
    let k = &*KNOWLEDGE;
    let text = context.text;
    let e = escape_markdown;
    let mut out = format!("**{}** · {}", e(&actor.name), actor.kind.label());
    if let Some(description) = &actor.description {
        out.push_str(&format!("\n\n{}", e(description)));
    }
    let mut lines: Vec<String> = Vec::new();
    if let Some(title) = &actor.title {
        lines.push(format!("Title in this article: {}", e(title)));
    }
    if let Some(entry) = actor.registry.and_then(|r| super::extract::registry_entry(context.settings, r)) {
        if let Some(title) = &entry.title {
            lines.push(format!("Registry title: {}", e(title)));
        }
        for role in &entry.roles {
            let mut line = format!("Registry role: {}", e(&role.title));
            if let Some(since) = &role.since {
                line.push_str(&format!(" since {}", e(since)));
            }
            if let Some(until) = &role.until {
                line.push_str(&format!(" until {}", e(until)));
            }
            lines.push(line);
        }
        if !entry.variants.is_empty() {
            let variants: Vec<String> = entry.variants.iter().map(|v| e(v)).collect();
            lines.push(format!("House spelling: {} (not {})", e(&entry.name), variants.join(", ")));
        }
    }
    if let Some(leader) = actor.leader.map(|l| &k.leaders[l]) {
        let country = k.country(leader.iso2).map_or(leader.iso2, |c| c.name);
        lines.push(format!(
            "Data: {} of {} since {}, as of {} (CIA World Factbook)",
            e(leader.title),
            e(country),
            e(leader.since),
            e(k.as_of)
        ));
    }
    match actor.knowledge {
        Some(Entity::Country(c)) => lines.extend(country_card(c)),
        Some(Entity::City(c)) => {
            let city = &k.cities[c];
            if let Some(country) = k.country(city.iso2) {
                lines.push(format!("Country: {} {}", country.flag(), e(country.name)));
            }
            if !city.alternates.is_empty() {
                let shown: Vec<String> = city.alternates.iter().take(4).map(|a| e(a)).collect();
                lines.push(format!("Also written: {}", shown.join(", ")));
            }
            if form == Some(MentionForm::Government) {
                let country = k.country(city.iso2).map_or(city.iso2, |c| c.name);
                lines.push(format!("Here it stands for the government of {}", e(country)));
            }
        }
        _ => {}
    }
    if form == Some(MentionForm::Demonym) {
        lines.push("Here as the demonym or adjective of the country".to_owned());
    }
    let count = actor.mentions.len();
    lines.push(format!(
        "{count} mention{} in this article; first reference on line {}",
        if count == 1 { "" } else { "s" },
        line_of(text, actor.first_reference.start)
    ));
    let quotes = &context.analysis.quotes.quotations;
    for (q, attribution) in context.analysis.attributions.iter().enumerate() {
        if attribution.speaker.as_ref().and_then(|s| s.actor) == Some(index) {
            if let Some(quotation) = quotes.get(q) {
                let quoted = text.get(quotation.inner.start..quotation.inner.end).unwrap_or("");
                let short: String = quoted.chars().take(80).collect();
                let ellipsis = if quoted.chars().count() > 80 { "…" } else { "" };
                lines.push(format!(
                    "Quoted (line {}): “{}{}”",
                    line_of(text, quotation.span.start),
                    e(&short),
                    ellipsis
                ));
            }
        }
    }
    if actor.kind == ActorKind::Unknown {
        lines.push(
            "Not in the embedded data or the registry; introduced by no title in this article".to_owned(),
        );
    }
    for line in lines {
        out.push_str("\n\n");
        out.push_str(&line);
    }
    out
}

fn country_card(c: usize) -> Vec<String> {
    let k = &*KNOWLEDGE;
    let e = escape_markdown;
    let country = &k.countries[c];
    let mut lines = vec![format!(
        "{} {} · {} / {}{}",
        country.flag(),
        e(country.name),
        country.iso2,
        country.iso3,
        if country.official.is_empty() {
            String::new()
        } else {
            format!(" · officially the {}", e(country.official))
        }
    )];
    if !country.capital.is_empty() {
        let note = if country.capital_note.is_empty() {
            String::new()
        } else {
            format!(" ({})", e(country.capital_note))
        };
        lines.push(format!("Capital: {}{}", e(country.capital), note));
    }
    if !country.demonyms.is_empty() {
        let demonyms: Vec<String> = country.demonyms.iter().map(|d| e(d)).collect();
        lines.push(format!("Demonym: {}", demonyms.join(", ")));
    }
    let leaders: Vec<String> = k
        .leaders_of(country.iso2)
        .map(|l| format!("{} {} (since {})", e(l.title), e(l.full_name), e(l.since)))
        .collect();
    if !leaders.is_empty() {
        lines.push(format!("Leaders: {}, as of {} (CIA World Factbook)", leaders.join("; "), e(k.as_of)));
    }
    lines
}
