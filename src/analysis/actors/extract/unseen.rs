//! An edit the global part cannot see: the last version's actors, moved.
//!
//! Most keystrokes land inside a plain lower-case word far from any name
//! ("negotiations" → "negotiationss"). The global part reads such a word's
//! text only when it stands within a few items of a name, a title or a
//! listed word (a speech verb after a name, "the" before a title), and the
//! document-wide word sets only for capitalised words. So when
//! - one paragraph changed, inside one item, a word with no capital and no
//!   word-list bit, before and after;
//! - its items, title phrases and candidate lists are otherwise the same
//!   (the items after the edit moved by its change in length);
//! - no title phrase reaches it, and when an item other than a plain word
//!   or a punctuation mark stands within [`REACH_AFTER`] items before it
//!   or [`REACH_BEFORE`] after it, neither the old nor the new word is one
//!   the patterns compare there ([`compared_near_names`]);
//! - no capitalised word of the document is the old or the new word in
//!   lower case (the word sets the global part asks);
//!
//! then the global part would find what it found for the last version,
//! every span after the edit moved by the change in length. The property
//! test `tests/incremental.rs` (incremental equals full) guards this.

use super::*;
use crate::analysis::memo::Edit;

#[cfg(test)]
thread_local! {
    /// Whether the last memoised analysis on this thread moved the last
    /// version's actors instead of running the global part.
    pub(super) static MOVED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How many items after a name, a title or a listed word the global part
/// reads a word's text: a speech verb up to three items after a name run
/// (`unknown_name`), "the" two after it (`person_pattern`, after the
/// comma), a government verb or the "s" of "’s" up to two after a place
/// (`stands_for_government`), the word after a place (`Context::choose`).
const REACH_AFTER: usize = 3;
/// Likewise before: a speech verb up to two items before a name run
/// (`unknown_name`), an honorific two before (`honorific_before`), the
/// word before a title (`role_reference`) or before an unknown name
/// (`surnames_of_unknown_names`), a byline's "By".
const REACH_BEFORE: usize = 2;

/// The actors of a memoised document's last version, kept in the memo's
/// state for the next.
#[derive(Default)]
pub(super) struct LastActors {
    /// The analysis ([`Memo::generation`]) that found them.
    generation: u32,
    actors: Option<Actors>,
}

impl LastActors {
    pub(super) fn new(generation: u32, actors: &Actors) -> LastActors {
        LastActors { generation, actors: Some(actors.clone()) }
    }
}

/// The edited paragraph's local results before the edit, copied from the
/// arena before it is brought up to date (into the lists a scan fills).
pub(super) struct Before {
    p: usize,
    edit: Edit,
    old: Scratch,
}

/// When `edit` changed one paragraph of the ones `kept` holds, and only
/// inside it: that paragraph's local results before the edit.
pub(super) fn before(
    kept: &KeptParagraphs,
    now: &[KeptParagraph],
    places: &[(usize, usize)],
    edit: Option<&Edit>,
    last: &LastActors,
) -> Option<Before> {
    let edit = edit?;
    if last.actors.is_none() || last.generation != edit.since || edit.removed.is_none() {
        return None;
    }
    if kept.paragraphs.len() != now.len() || now.len() != places.len() {
        return None;
    }
    let p = places.partition_point(|&(_, end)| end < edit.new_end);
    let &(base, end) = places.get(p)?;
    if edit.start < base || edit.new_end > end {
        return None;
    }
    let others_same = kept.paragraphs.iter().zip(now).enumerate().all(|(q, (a, b))| q == p || a.same(b));
    if !others_same {
        return None;
    }
    let view = kept.arena.view(p);
    let old = Scratch {
        items: view.items.to_vec(),
        titles: view.titles.to_vec(),
        candidates: view.candidates.to_vec(),
        introductions: view.introductions.to_vec(),
        names: view.names.to_vec(),
        countries: view.countries.to_vec(),
        us_local: view.us_local,
        state_cues: view.state_cues,
        ..Scratch::default()
    };
    Some(Before { p, edit: edit.clone(), old })
}

/// A word with no capital and no word-list bit.
fn plain(item: &Item) -> bool {
    item.is_word() && item.flags & 0xFFFF == u32::from(LOWER_START)
}

/// Every word whose text the global part compares when it reads a word
/// near a name: speech and government verbs, honorifics, and the few words
/// its patterns name ("the" before a title, "at" after one, "a" before a
/// role that is any role holder, the "s" of "’s", "state" after a state's
/// name, a byline's "By"). A word that is none of these reads the same as
/// any other such word.
fn compared_near_names(word: &str) -> bool {
    // And single words: the "s" of "’s" (`stands_for_government`), "state"
    // after a state's name (`Context::choose`), a byline's "By", "the"
    // before an unknown name (`surnames_of_unknown_names`).
    const SINGLE: &[&str] = &["s", "state", "by", "the"];
    [ARTICLES, WORKS_AT, ANY_HOLDER, SINGLE].iter().any(|list| list.contains(&word))
        || SPEECH_VERBS.contains(&word)
        || GOVERNMENT_VERBS.contains(&word)
        || HONORIFICS.iter().any(|(honorific, _)| honorific.eq_ignore_ascii_case(word))
}

/// Whether the global part may read the text of item `e` of `items`.
fn near_anything(items: &[Item], e: usize) -> bool {
    let marked = |item: &Item| !plain(item) && !matches!(item.kind(), ItemKind::Punct(_));
    let from = e.saturating_sub(REACH_AFTER);
    let to = (e + REACH_BEFORE + 1).min(items.len());
    items[from..to].iter().enumerate().any(|(k, item)| from + k != e && marked(item))
}

/// The last version's actors, moved past the edit, when the global part
/// would find them again; `None` when it must run.
pub(super) fn after(
    before: Before,
    kept: &KeptParagraphs,
    places: &[(usize, usize)],
    text: &str,
    last: &LastActors,
) -> Option<Actors> {
    let Before { p, edit, old: before } = &before;
    let (base, _) = places[*p];
    let now = kept.arena.view(*p);
    let delta = edit.new_end as isize - edit.old_end as isize;
    let moved = |at: usize, edge: usize| if at >= edge { at.checked_add_signed(delta) } else { Some(at) };
    // Relative to the paragraph: the edit's start, and its end before and after.
    let (start, old_end, new_end) = (edit.start - base, edit.old_end - base, edit.new_end - base);

    // The edited item: one plain word holding the edit.
    if before.items.len() != now.items.len() {
        return None;
    }
    let e = now.items.partition_point(|item| (item.end as usize) < new_end);
    let (old, new) = (before.items.get(e)?, now.items.get(e)?);
    let holds_edit = old.start as usize <= start && old_end <= old.end as usize;
    if !(holds_edit && plain(old) && plain(new)) {
        return None;
    }
    if old.flags != new.flags || old.payload != new.payload || new.start != old.start {
        return None;
    }
    // Every other item the same, those after the edit moved.
    let same = before.items.iter().zip(now.items).all(|(a, b)| {
        let edge = old.end as usize;
        a.flags == b.flags
            && a.payload == b.payload
            && moved(a.start as usize, edge) == Some(b.start as usize)
            && moved(a.end as usize, edge) == Some(b.end as usize)
    });
    if !same {
        return None;
    }
    if before.candidates != now.candidates
        || before.introductions != now.introductions
        || before.names != now.names
        || before.countries != now.countries
        || before.us_local != now.us_local
        || before.state_cues != now.state_cues
        || before.titles.len() != now.titles.len()
    {
        return None;
    }
    let titles_same = before.titles.iter().zip(now.titles).all(|((a_at, a, a_after), (b_at, b, b_after))| {
        let edge = old.end as usize;
        a_at == b_at
            && a_after == b_after
            && (e + 1 < *a_at || e > a_after + 1)
            && moved(a.span.start, edge) == Some(b.span.start)
            && moved(a.span.end, edge) == Some(b.span.end)
            && a.role == b.role
            && a.modifiers == b.modifiers
            && a.country == b.country
    });
    if !titles_same {
        return None;
    }

    // The old and the new word: no capitalised word anywhere is either of
    // them in lower case.
    let para = text.get(base..places[*p].1)?;
    let new_word = new.span().slice(para);
    let mut old_word = Vec::with_capacity(new_word.len() + 8);
    old_word.extend_from_slice(para.as_bytes().get(new.start as usize..start)?);
    old_word.extend_from_slice(edit.removed.as_deref()?);
    old_word.extend_from_slice(para.as_bytes().get(new_end..new.end as usize)?);
    let old_word = std::str::from_utf8(&old_word).ok()?;
    // Near a name, the global part may compare the word with its lists.
    if near_anything(now.items, e) && (compared_near_names(old_word) || compared_near_names(new_word)) {
        return None;
    }
    let asked = |word: &str| {
        places.iter().enumerate().any(|(q, &(base, end))| {
            let para = &text[base..end];
            kept.arena.view(q).items.iter().filter(|item| item.has(HAS_UPPER)).any(|item| {
                let capitalised = item.span().slice(para);
                if capitalised.is_ascii() && word.is_ascii() {
                    capitalised.eq_ignore_ascii_case(word)
                } else {
                    *Lower::of(capitalised) == *word
                }
            })
        })
    };
    if asked(new_word) || asked(old_word) {
        return None;
    }

    // The same actors, every span after the edit moved.
    let edge = base + old.end as usize;
    let shift =
        |span: Span| -> Option<Span> { Some(Span::new(moved(span.start, edge)?, moved(span.end, edge)?)) };
    let mut actors = last.actors.clone()?;
    for actor in &mut actors.actors {
        for mention in &mut actor.mentions {
            *mention = shift(*mention)?;
        }
        actor.first_reference = shift(actor.first_reference)?;
    }
    Some(actors)
}

#[cfg(test)]
mod tests {
    use super::super::extract_with;
    use super::*;
    use crate::analysis::structure::Article;

    /// One edit after another, each as (the document, whether the actors of
    /// the version before are moved rather than found again). Every
    /// version's actors must equal a fresh extraction's.
    #[test]
    fn an_edit_far_from_names_moves_the_last_actors() {
        let one = "Russian President Vladimir Putin met Xi Jinping in Moscow on Monday.";
        let two = "Putin said the negotiations were useful, TASS reported.";
        let doc = |middle: &str| format!("{one}\n\n{middle}\n\n{two}\n");
        let cases: &[(&str, bool)] = &[
            // The first version: nothing to move.
            ("The talks went on for hours and the delegations ate dinner together.", false),
            // A letter typed into a plain word far from any name.
            ("The talks went on for hourss and the delegations ate dinner together.", true),
            ("The talks went on for hourss and the delegationss ate dinner together.", true),
            // Taken back.
            ("The talks went on for hourss and the delegations ate dinner together.", true),
            // A new word: the items change.
            ("The talks went on for x hourss and the delegations ate dinner together.", false),
            // A capitalised word changes.
            ("The talks went on for x hourss and the Delegations ate dinner together.", false),
            ("The talks went on for x hourss and the Delegationz ate dinner together.", false),
            // A word near a name that becomes a speech verb, and back.
            ("The talks went on for hours and Lavrov sai dinner was over.", false),
            ("The talks went on for hours and Lavrov said dinner was over.", false),
            ("The talks went on for hours and Lavrov sai dinner was over.", false),
            // Near a name, words no pattern compares.
            ("The talks went on for hours and Lavrov saw dinner was over.", true),
            ("The talks went on for hours and Lavrov sawx dinner was over.", true),
            // A word that a capitalised word of the document is, in lower
            // case ("Putin" → "putin").
            ("The talks went on for hours and Lavrov sawx putix was over.", true),
            ("The talks went on for hours and Lavrov sawx putin was over.", false),
            ("The talks went on for hours and Lavrov sawx putix was over.", false),
        ];
        let settings = Settings::default();
        let mut memo = Memo::new();
        for (middle, moved) in cases {
            let text = doc(middle);
            let article = Article::parse(&text, &settings);
            memo.begin_document(&text, &settings);
            MOVED.set(false);
            let incremental = extract_with(&text, &article, &settings, &mut memo);
            memo.finish();
            assert_eq!(MOVED.get(), *moved, "{middle}");
            assert_eq!(incremental, crate::analysis::actors::extract(&text, &article, &settings), "{middle}");
        }
    }
}
