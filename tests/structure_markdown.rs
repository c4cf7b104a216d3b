//! Markdown and plain-text regions. Each row: the input, the text of every
//! excluded region, and every paragraph as `kind: text` (`B` body, `H`
//! heading, `L` list item, `Q` block quote).

use copydesk::analysis::structure::{Article, BlockKind};
use copydesk::Settings;

struct Case {
    input: &'static str,
    excluded: &'static [&'static str],
    paragraphs: &'static [&'static str],
}

const CASES: &[Case] = &[
    // Plain text.
    Case { input: "One.\n\nTwo.", excluded: &[], paragraphs: &["B: One.", "B: Two."] },
    Case {
        input: "  One line\ncontinues here.  \n\n\n Two.\n",
        excluded: &[],
        paragraphs: &["B: One line\ncontinues here.", "B: Two."],
    },
    Case {
        input: "Windows line.\r\nSame paragraph.\r\n\r\nNext.\r\n",
        excluded: &[],
        paragraphs: &["B: Windows line.\r\nSame paragraph.", "B: Next."],
    },
    Case {
        input: "\u{feff}With a byte-order mark.",
        excluded: &[],
        paragraphs: &["B: With a byte-order mark."],
    },
    Case { input: "", excluded: &[], paragraphs: &[] },
    Case { input: "\n \n\t\n", excluded: &[], paragraphs: &[] },
    // Plain text whose paragraphs are indented: not code.
    Case {
        input: "    First paragraph.\nwraps here.\n\n    Second paragraph.",
        excluded: &[],
        paragraphs: &["B: First paragraph.\nwraps here.", "B: Second paragraph."],
    },
    // The `date` header line.
    Case {
        input: "date 2023-04-17 Headline here.\n\nBody.",
        excluded: &["date 2023-04-17"],
        paragraphs: &["B: Headline here.", "B: Body."],
    },
    Case {
        input: "Date: 2023-04-17\nHeadline here.",
        excluded: &["Date: 2023-04-17"],
        paragraphs: &["B: Headline here."],
    },
    Case {
        input: "The date 2023-04-17 is in the body.",
        excluded: &[],
        paragraphs: &["B: The date 2023-04-17 is in the body."],
    },
    // Front matter.
    Case {
        input: "---\ntitle: \"Talks\"\ndate: 2023-04-17\n---\nBody text.",
        excluded: &["---\ntitle: \"Talks\"\ndate: 2023-04-17\n---"],
        paragraphs: &["B: Body text."],
    },
    Case {
        input: "+++\ntitle = \"Talks\"\n+++\n\nBody text.",
        excluded: &["+++\ntitle = \"Talks\"\n+++"],
        paragraphs: &["B: Body text."],
    },
    Case { input: "---\nnever closed\n\nText.", excluded: &[], paragraphs: &["B: never closed", "B: Text."] },
    Case {
        input: "Intro.\n\n---\n\nAfter a rule.",
        excluded: &[],
        paragraphs: &["B: Intro.", "B: After a rule."],
    },
    // Fenced code.
    Case {
        input: "Before.\n```rust\nlet x = \"q\";\n```\nAfter.",
        excluded: &["```rust\nlet x = \"q\";\n```"],
        paragraphs: &["B: Before.", "B: After."],
    },
    Case {
        input: "~~~~\ncode\n~~~\nstill code\n~~~~\nAfter.",
        excluded: &["~~~~\ncode\n~~~\nstill code\n~~~~"],
        paragraphs: &["B: After."],
    },
    Case {
        input: "Text.\n\n```\nnever closed\n\nmore",
        excluded: &["```\nnever closed\n\nmore"],
        paragraphs: &["B: Text."],
    },
    Case {
        input: "A ``` inline fence is not a block.",
        excluded: &[],
        paragraphs: &["B: A ``` inline fence is not a block."],
    },
    // Indented code.
    Case {
        input: "Text.\n\n    let a = 1;\n\n    let b = 2;\nBack to prose.\n\nMore prose.",
        excluded: &["    let a = 1;\n\n    let b = 2;"],
        paragraphs: &["B: Text.", "B: Back to prose.", "B: More prose."],
    },
    // ...but where most paragraphs open indented, indentation is layout.
    Case {
        input: "Text.\n\n    Indented one.\n\n    Indented two.",
        excluded: &[],
        paragraphs: &["B: Text.", "B: Indented one.", "B: Indented two."],
    },
    Case {
        input: "A paragraph\n    continues when indented.",
        excluded: &[],
        paragraphs: &["B: A paragraph\n    continues when indented."],
    },
    Case {
        input: "- item\n\n    more of the item\n\nBack.",
        excluded: &[],
        paragraphs: &["L: item", "L: more of the item", "B: Back."],
    },
    // Inline code.
    Case {
        input: "Run `copydesk check` now. Or ``a ` b`` then.",
        excluded: &["`copydesk check`", "``a ` b``"],
        paragraphs: &["B: Run `copydesk check` now. Or ``a ` b`` then."],
    },
    Case {
        input: "An unmatched ` backtick stays prose.",
        excluded: &[],
        paragraphs: &["B: An unmatched ` backtick stays prose."],
    },
    Case {
        input: "Escaped \\`not code\\` here.",
        excluded: &[],
        paragraphs: &["B: Escaped \\`not code\\` here."],
    },
    // HTML comments.
    Case {
        input: "<!-- editor: check the quote -->\nThe text.",
        excluded: &["<!-- editor: check the quote -->"],
        paragraphs: &["B: The text."],
    },
    Case {
        input: "<!--\nmulti\n\nline\n-->\nThe text.",
        excluded: &["<!--\nmulti\n\nline\n-->"],
        paragraphs: &["B: The text."],
    },
    Case {
        input: "<!-- note --> Same line text.",
        excluded: &["<!-- note -->"],
        paragraphs: &["B: Same line text."],
    },
    Case {
        input: "Inline <!-- hidden\nnote --> comment.",
        excluded: &["<!-- hidden\nnote -->"],
        paragraphs: &["B: Inline <!-- hidden\nnote --> comment."],
    },
    Case {
        input: "Text.\n<!-- never closed\n\nhidden",
        excluded: &["<!-- never closed\n\nhidden"],
        paragraphs: &["B: Text."],
    },
    // HTML tags.
    Case {
        input: "<div class=\"box\">\n\nInside <em>the</em> box.\n\n</div>",
        excluded: &["<div class=\"box\">", "<em>", "</em>", "</div>"],
        paragraphs: &["B: Inside <em>the</em> box."],
    },
    Case { input: "If a < b and b > c, fine.", excluded: &[], paragraphs: &["B: If a < b and b > c, fine."] },
    // Links and images: the text is prose, the destination is not.
    Case {
        input: "Read [the report](https://example.org/a_(b) \"Title\") today.",
        excluded: &["[", "](https://example.org/a_(b) \"Title\")"],
        paragraphs: &["B: Read [the report](https://example.org/a_(b) \"Title\") today."],
    },
    Case {
        input: "See ![a chart](chart.png) and [the memo][memo].\n\n[memo]: https://example.org/memo \"Memo\"",
        excluded: &["![", "](chart.png)", "[", "][memo]", "[memo]: https://example.org/memo \"Memo\""],
        paragraphs: &["B: See ![a chart](chart.png) and [the memo][memo]."],
    },
    Case {
        input: "You [Li Shangfu] arrived. A lone ] bracket.",
        excluded: &[],
        paragraphs: &["B: You [Li Shangfu] arrived. A lone ] bracket."],
    },
    Case {
        input: "Mail <https://example.org/x?y=1> or <mailto:desk@example.org>.",
        excluded: &["<https://example.org/x?y=1>", "<mailto:desk@example.org>"],
        paragraphs: &["B: Mail <https://example.org/x?y=1> or <mailto:desk@example.org>."],
    },
    // Bare URLs, without trailing punctuation or closing quotes.
    Case {
        input: "Details at https://example.org/path?q=1. More at www.example.com, too.",
        excluded: &["https://example.org/path?q=1", "www.example.com"],
        paragraphs: &["B: Details at https://example.org/path?q=1. More at www.example.com, too."],
    },
    Case {
        input: "(see https://en.example.org/wiki/Foo_(bar)) and “http://x.example/”.",
        excluded: &["https://en.example.org/wiki/Foo_(bar)", "http://x.example/"],
        paragraphs: &["B: (see https://en.example.org/wiki/Foo_(bar)) and “http://x.example/”."],
    },
    Case {
        input: "https://example.org/only-a-link",
        excluded: &["https://example.org/only-a-link"],
        paragraphs: &[],
    },
    Case {
        input: "Not a URL: https:// alone, nor xhttps://x.org.",
        excluded: &[],
        paragraphs: &["B: Not a URL: https:// alone, nor xhttps://x.org."],
    },
    // Headings.
    Case { input: "# Title\nBody.", excluded: &[], paragraphs: &["H: Title", "B: Body."] },
    Case {
        input: "### Closed heading ###\n\n#hashtag is prose\n\n#\n\n####### seven",
        excluded: &[],
        paragraphs: &["H: Closed heading", "B: #hashtag is prose", "B: ####### seven"],
    },
    Case {
        input: "Setext one\n==========\nSetext two\n---\nBody.",
        excluded: &[],
        paragraphs: &["H: Setext one", "H: Setext two", "B: Body."],
    },
    // Lists.
    Case {
        input: "- First\n- Second\n  wraps\n* Star\n+ Plus\n\n1. One\n2) Two",
        excluded: &[],
        paragraphs: &["L: First", "L: Second\n  wraps", "L: Star", "L: Plus", "L: One", "L: Two"],
    },
    Case {
        input: "- outer\n    - nested\n\nAfter.",
        excluded: &[],
        paragraphs: &["L: outer", "L: nested", "B: After."],
    },
    Case {
        input: "He was born in\n1990. Then he left.",
        excluded: &[],
        paragraphs: &["B: He was born in\n1990. Then he left."],
    },
    Case { input: "* * *\n\n-not a list", excluded: &[], paragraphs: &["B: -not a list"] },
    // Block quotes: continuation markers are excluded inside the paragraph.
    Case {
        input: "> Quoted line\n> goes on.\n>\n> Second.\n\nAfter.",
        excluded: &["> "],
        paragraphs: &["Q: Quoted line\n> goes on.", "Q: Second.", "B: After."],
    },
    Case { input: "> > Nested quote.", excluded: &[], paragraphs: &["Q: Nested quote."] },
];

fn kind_letter(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Body => "B",
        BlockKind::Heading => "H",
        BlockKind::ListItem => "L",
        BlockKind::BlockQuote => "Q",
    }
}

#[test]
fn markdown_regions_and_paragraphs() {
    let mut failures = Vec::new();
    for case in CASES {
        let text = case.input;
        let article = Article::parse(text, &Settings::default());
        let excluded: Vec<&str> = article.excluded.iter().map(|span| span.slice(text)).collect();
        let paragraphs: Vec<String> = article
            .paragraphs
            .iter()
            .map(|paragraph| format!("{}: {}", kind_letter(paragraph.kind), paragraph.span.slice(text)))
            .collect();
        if excluded != case.excluded || paragraphs != case.paragraphs {
            failures.push(format!(
                "input: {text:?}\n  excluded   expected {:?}\n             found    {excluded:?}\n  paragraphs expected {:?}\n             found    {paragraphs:?}",
                case.excluded, case.paragraphs
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn prose_queries() {
    let text = "Run `code` at https://example.org now.";
    let article = Article::parse(text, &Settings::default());
    let code = text.find("code").unwrap();
    assert!(!article.is_prose(code));
    assert!(article.is_prose(0));
    let prose: Vec<&str> =
        article.prose_words(text, article.paragraphs[0].span).map(|span| span.slice(text)).collect();
    assert_eq!(prose, ["Run", "at", "now"]);
    assert_eq!(article.sentences_of(0).len(), 1);
    assert!(article.sentences_of(7).is_empty());
    assert_eq!(article.excluded_in(article.paragraphs[0].span).len(), 2);
}
