//! The newsroom registry: inline in copydesk.toml, or in a file it names.

use copydesk::config;

#[test]
fn a_registry_file_named_in_copydesk_toml_is_merged() {
    let dir = std::env::temp_dir().join(format!("copydesk-actors-registry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[actors]\nregistry = \"people.toml\"\n\n[[actors.people]]\nname = \"Jane Roe\"\ntitle = \"Metro editor\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("people.toml"),
        "[[people]]\nname = \"Volodymyr Zelenskyy\"\nvariants = [\"Zelensky\"]\n\n[[organizations]]\nname = \"Kyiv Independent\"\naliases = [\"KI\"]\n",
    )
    .unwrap();
    let loaded = config::load_file(&dir.join("copydesk.toml"));
    assert!(loaded.error.is_none(), "{:?}", loaded.error);
    let people: Vec<&str> = loaded.settings.actors.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(people, ["Jane Roe", "Volodymyr Zelenskyy"]);
    let text = "Zelensky spoke to the Kyiv Independent.";
    let analysis = copydesk::analyze(text, &loaded.settings);
    let codes: Vec<&str> = analysis.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&"name-variant"), "{codes:?}");
    assert!(analysis.actors.by_name("Kyiv Independent").is_some());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn house_spelling_rules_are_a_setting() {
    let settings = copydesk::Settings::from_toml_str(
        "[actors]\nplace_names = [{ use = \"Mumbai\", instead_of = [\"Bombay\"], except = [\"Bombay Sapphire\"] }]\n",
    )
    .unwrap();
    let text = "Flights to Bombay and Kiev; a Bombay Sapphire.";
    let analysis = copydesk::analyze(text, &settings);
    let flagged: Vec<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.code == "place-name-style")
        .map(|f| f.span.slice(text))
        .collect();
    assert_eq!(flagged, ["Bombay"]);
}

#[test]
fn a_registry_outside_the_settings_folder_is_refused() {
    let base = std::env::temp_dir().join(format!("copydesk-actors-registry-out-{}", std::process::id()));
    let workspace = base.join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::write(base.join("secret.toml"), "[[people]]\nname = \"Not Yours\"\n").unwrap();
    std::fs::write(workspace.join("copydesk.toml"), "[actors]\nregistry = \"../secret.toml\"\n").unwrap();
    let loaded = config::load_file(&workspace.join("copydesk.toml"));
    let error = loaded.error.expect("the path is refused");
    assert!(error.message.contains("../secret.toml"), "{}", error.message);
    assert!(loaded.settings.actors.people.is_empty(), "nothing from outside is merged");
    std::fs::remove_dir_all(&base).ok();
}
