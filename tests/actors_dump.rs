//! Prints the actors of a text given in COPYDESK_DUMP (a file), for debugging:
//! `COPYDESK_DUMP=examples/russia-china-2023-04-17.txt cargo test --test actors_dump -- --nocapture`
#[test]
fn dump() {
    let Ok(path) = std::env::var("COPYDESK_DUMP") else { return };
    let text = std::fs::read_to_string(path).unwrap();
    let analysis = copydesk::analyze(&text, &copydesk::Settings::default());
    for actor in &analysis.actors.actors {
        let mentions: Vec<String> = actor
            .mentions
            .iter()
            .zip(&actor.forms)
            .map(|(s, f)| format!("{}({:?})", s.slice(&text), f))
            .collect();
        println!("{:?} {} [{:?}] :: {}", actor.kind, actor.name, actor.description, mentions.join(", "));
    }
}
