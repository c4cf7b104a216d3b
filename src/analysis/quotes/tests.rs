//! Classification and pairing, case by case: each row is a text, the role of
//! every mark in it (O opening, C closing, A apostrophe, M measurement), and
//! the problems as `unclosed@mark`, `unopened@mark`, `mismatched@close`
//! (mark = the index of the mark in the text).

use crate::analysis::quotes::{analyze, MarkRole, QuoteProblem};
use crate::analysis::settings::Settings;
use crate::analysis::structure::Article;

const CASES: &[(&str, &str, &str)] = &[
    // text                                                        roles          problems
    ("“We will rebuild,” she said.", "OC", ""),
    ("“He said, ‘Go home.’ Then he left.”", "OOCC", ""),
    ("‘He said, “Go home.” Then he left.’", "OOCC", ""),
    ("O’Brien said it’s fine.", "AA", ""),
    ("They sang ’em all, from the ’60s on, rock ’n’ roll.", "AAAA", ""),
    ("They sang 'em all, from the '60s on, rock 'n' roll.", "AAAA", ""),
    ("“We were talkin’ late,” she said.", "OAC", ""),
    ("‘The teachers’ room was locked,’ he said.", "OAC", ""),
    ("'The Joneses' car was gone,' he said.", "OAC", ""),
    ("She is 5'6\" and he is 6' even; the board is 24\" wide.", "MMMM", ""),
    ("„Wir kommen“, sagte er.", "OC", ""),
    ("„Er rief: ‚Halt!‘, und lief“, sagte sie.", "OOCC", ""),
    ("Klicken Sie auf den \"Senden\"-Knopf.", "OC", ""),
    ("«On arrive», dit-il.", "OC", ""),
    ("« On arrive », dit-il.", "OC", ""),
    ("”Vi kommer”, sa hon.", "OC", ""),
    ("「行きます」と彼は言った。", "OC", ""),
    ("“First paragraph.\n\n“Second paragraph,” she said.", "OOC", ""),
    ("“He said, ‘Wait.\n\n“‘Then go,’ he said.”", "OOOOCC", ""),
    ("«Primero.\n\n»Segundo», dijo.", "OOC", ""),
    ("“First paragraph.\n\nThe minister left.", "O", "unclosed@0"),
    ("She called it “a mess.\n\n“We will fix it,” she said.", "OOC", "unclosed@0"),
    ("The vote was final.”", "C", "unopened@0"),
    ("“The vote was final“, he said.", "OC", "mismatched@1"),
    ("“The vote was final,\" he said.", "OC", "mismatched@1"),
    ("He wrote 'maybe and stopped.", "O", "unclosed@0"),
    ("“He said, ‘No.” Then silence.", "OOC", "unclosed@1"),
];

fn role_letter(role: MarkRole) -> char {
    match role {
        MarkRole::Opening => 'O',
        MarkRole::Closing => 'C',
        MarkRole::Apostrophe => 'A',
        MarkRole::Measurement => 'M',
    }
}

#[test]
fn classifies_and_pairs_every_case() {
    let mut failures = Vec::new();
    for (text, roles, problems) in CASES {
        let settings = Settings::default();
        let article = Article::parse(text, &settings);
        let quotes = analyze(text, &article, &settings);
        let got_roles: String = quotes.marks.iter().map(|m| role_letter(m.role)).collect();
        let got_problems: Vec<String> = quotes
            .problems
            .iter()
            .map(|p| match p {
                QuoteProblem::Unclosed { mark, .. } => format!("unclosed@{mark}"),
                QuoteProblem::Unopened { mark } => format!("unopened@{mark}"),
                QuoteProblem::Mismatched { close, .. } => format!("mismatched@{close}"),
            })
            .collect();
        let got_problems = got_problems.join(" ");
        if got_roles != *roles || got_problems != *problems {
            failures.push(format!(
                "{text:?}\n  roles {got_roles} (want {roles}), problems [{got_problems}] (want [{problems}])"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn quotations_carry_span_inner_level_and_paragraphs() {
    let text = "“He said, ‘Wait.\n\n“‘Then go,’ he said.”";
    let settings = Settings::default();
    let article = Article::parse(text, &settings);
    let quotes = analyze(text, &article, &settings);
    assert_eq!(quotes.quotations.len(), 2);
    let outer = &quotes.quotations[0];
    assert_eq!(outer.span.slice(text), text);
    assert_eq!(outer.inner.slice(text), &text["“".len()..text.len() - "”".len()]);
    assert_eq!((outer.level, outer.paragraphs.clone()), (0, 0..2));
    let inner = &quotes.quotations[1];
    assert_eq!(inner.span.slice(text), "‘Wait.\n\n“‘Then go,’");
    assert_eq!((inner.level, inner.paragraphs.clone()), (1, 0..2));
    assert_eq!(inner.reopen_marks, vec![3]);
}

#[test]
fn the_source_action_curls_every_straight_mark_and_leaves_inch_marks() {
    use crate::analysis::actions::{actions, ActionKind};
    use crate::analysis::finding::apply_edits;
    use crate::analysis::span::Span;
    use crate::analysis::{analyze as analyze_all, Context};
    // (settings style, text, text after the action)
    let cases = [
        ("auto", "\"It's 6' tall,\" she said, \"or 'nearly'.\"", "“It’s 6' tall,” she said, “or ‘nearly’.”"),
        ("german", "\"Es ist 'fast' fertig\", sagte sie.", "„Es ist ‚fast‘ fertig“, sagte sie."),
    ];
    for (style, text, curled) in cases {
        let mut settings = Settings::default();
        settings.quotes.style = style.to_owned();
        let analysis = analyze_all(text, &settings);
        let context = Context { text, settings: &settings, analysis: &analysis };
        let action = actions(&context, Span::new(0, 0))
            .into_iter()
            .find(|a| a.kind == ActionKind::Source("curlyQuotes"))
            .expect("a curly-quotes action");
        assert_eq!(apply_edits(text, &action.edits), curled);
    }
}

#[test]
fn hover_on_a_mark_names_its_partner_line() {
    use crate::analysis::{analyze as analyze_all, Context};
    let text = "Intro line.\n\n“It works,” she said.";
    let settings = Settings::default();
    let analysis = analyze_all(text, &settings);
    let context = Context { text, settings: &settings, analysis: &analysis };
    let open = text.find('“').unwrap();
    let hover = crate::analysis::hover::hover(&context, open).expect("hover on “");
    assert!(hover.markdown.starts_with("Opens a quotation, closed by ” on line 3"), "{}", hover.markdown);
    let apostrophe_text = "It’s done.";
    let analysis = analyze_all(apostrophe_text, &settings);
    let context = Context { text: apostrophe_text, settings: &settings, analysis: &analysis };
    let hover = crate::analysis::hover::hover(&context, 2).expect("hover on ’");
    assert!(hover.markdown.contains("apostrophe"));
}
