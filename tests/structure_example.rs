//! The structure of the example article, end to end.

use copydesk::analysis::structure::article_date::{detect, ArticleDateSource};
use copydesk::analysis::structure::{Article, BlockKind};
use copydesk::Settings;

const EXAMPLE: &str = include_str!("../examples/russia-china-2023-04-17.txt");

#[test]
fn example_article_structure() {
    let article = Article::parse(EXAMPLE, &Settings::default());

    // The `date 2023-04-17` header is metadata: excluded, in no paragraph.
    let excluded: Vec<&str> = article.excluded.iter().map(|span| span.slice(EXAMPLE)).collect();
    assert_eq!(excluded, ["date 2023-04-17"]);
    let header = article.excluded[0];
    assert!(article.paragraphs.iter().all(|paragraph| !paragraph.span.overlaps(header)));

    // The headline after it on the same line, then twelve body paragraphs.
    assert_eq!(article.paragraphs.len(), 13);
    assert!(article.paragraphs.iter().all(|paragraph| paragraph.kind == BlockKind::Body));
    assert_eq!(
        article.paragraphs[0].span.slice(EXAMPLE),
        "Russian President says that relations with China “are developing in all areas”."
    );
    assert_eq!(article.paragraphs[9].span.slice(EXAMPLE), "WHAT THE USA SAY");

    // Sentence counts per paragraph, in order.
    let counts: Vec<usize> = article.paragraphs.iter().map(|paragraph| paragraph.sentences.len()).collect();
    assert_eq!(counts, [1, 2, 4, 2, 1, 2, 5, 1, 1, 1, 2, 2, 1]);
    // A quotation that ends “….”, said Biden” does not end the sentence.
    let last = article.sentences_of(12)[0].slice(EXAMPLE);
    assert!(last.ends_with("weapons to Russia."), "{last}");

    let date = detect(EXAMPLE, &article, &Settings::default()).expect("the example has a date");
    assert_eq!(date.date.to_string(), "2023-04-17");
    assert_eq!(date.source, ArticleDateSource::HeaderLine);
}
