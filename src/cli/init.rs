//! `copydesk init`: write a commented `copydesk.toml` with every setting at
//! its default, and `copydesk schema`: print the settings' JSON Schema
//! (`schemas/copydesk.schema.json`) for editors such as taplo and Even
//! Better TOML.

use std::io::Write;
use std::path::Path;

use crate::analysis::rules::RULES;
use crate::cli::Exit;

/// The JSON Schema of `copydesk.toml`, committed at `schemas/`.
pub const SCHEMA: &str = include_str!("../../schemas/copydesk.schema.json");

/// The commented settings file `copydesk init` writes. Keys whose default is
/// "not set" are shown commented out with an example value; rules are listed
/// commented out at their default severity.
pub fn template() -> String {
    let mut rules = String::new();
    for rule in RULES {
        let level = rule.default_severity.map_or("off", |severity| severity.as_str());
        rules.push_str(&format!("# {} = \"{level}\"    # {}\n", rule.code, rule.summary));
    }
    if rules.is_empty() {
        rules.push_str("# unclosed-quote = \"warning\"\n");
    }
    format!(
        r#"# copydesk.toml: settings for copydesk, the copy editor for news articles.
# copydesk reads the nearest copydesk.toml in an article's folder or above.
# Every setting below is at its default; delete what you do not change.
# `copydesk rules` lists the rules, `copydesk schema` prints this file's JSON Schema.

# The articles' publication date (YYYY-MM-DD), overriding what the text says.
# Relative dates ("Sunday", "last year") resolve against it.
# article_date = "2023-04-17"

# Languages of the copy: "en" or "de". The first picks the speech cues,
# month names and abbreviations. Left at ["en"], a text clearly written in
# another language (German, French, …) is read in that language.
languages = ["en"]

# Per-rule severity: "error", "warning", "info", "hint" or "off".
[rules]
{rules}
[quotes]
# The quotation convention: "auto" (detect per article), "us", "british",
# "german", "swiss", "french", "spanish", "swedish" or "polish".
style = "auto"

[attribution]
# Extra speech cues added to the language's own ("quipped", "posted").
cues = []
# A quotation of at most this many words with no speech cue is read as a
# term, title or scare quote, not speech, so it needs no speaker.
not_speech_max_words = 4

[dates]
# The house date style for rewrites: "ap", "chicago", "iso" or "long".
style = "ap"
# How to read 04/05/2023: "month-first" or "day-first".
numeric_order = "month-first"

[actors]
# A newsroom registry (TOML) of people, places and organisations,
# relative to the workspace.
# registry = "registry.toml"
# People and organisations the newsroom knows, extending the embedded data:
# {{ name = "…", title = "…", aliases = […], variants = […], roles = […] }}.
people = []
organizations = []

# House spellings of place names (place-name-style): AP writes Kyiv.
[[actors.place_names]]
use = "Kyiv"
instead_of = ["Kiev"]
except = ["chicken Kiev", "Kievan Rus"]

[inlay_hints]
# The speaker's name after each quotation, in the editor.
speakers = true
# The resolved date after relative dates, in the editor.
dates = false
"#
    )
}

/// Print the JSON Schema of `copydesk.toml`.
pub fn schema(out: &mut dyn Write) -> Exit {
    match out.write_all(SCHEMA.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Exit::Clean,
        Err(_) => Exit::Error,
    }
}

/// Write `copydesk.toml` into `folder`, never over an existing one unless
/// `force`.
pub fn init(folder: &Path, force: bool, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let path = folder.join(crate::config::FILE_NAME);
    if path.exists() && !force {
        let _ = writeln!(
            err,
            "copydesk: error: {} already exists; it was left as it is (use --force to replace it)",
            path.display()
        );
        return Exit::Error;
    }
    if let Err(error) = std::fs::write(&path, template()) {
        let _ = writeln!(err, "copydesk: error: {} could not be written ({error})", path.display());
        return Exit::Error;
    }
    let _ = writeln!(out, "Wrote {} with every setting at its default.", path.display());
    Exit::Clean
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::analysis::settings::Settings;

    fn validator() -> jsonschema::Validator {
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
    }

    /// A TOML text as the JSON value a schema-aware editor validates.
    fn toml_as_json(text: &str) -> Value {
        serde_json::to_value(toml::from_str::<toml::Value>(text).unwrap()).unwrap()
    }

    fn errors(text: &str) -> Vec<String> {
        validator().iter_errors(&toml_as_json(text)).map(|error| error.to_string()).collect()
    }

    #[test]
    fn the_template_parses_to_the_defaults_and_round_trips() {
        let parsed = Settings::from_toml_str(&template()).unwrap();
        assert_eq!(parsed, Settings::default());
        let written = toml::to_string(&parsed).unwrap();
        assert_eq!(Settings::from_toml_str(&written).unwrap(), parsed);
    }

    #[test]
    fn the_schema_accepts_the_template_and_real_settings() {
        assert_eq!(errors(&template()), Vec::<String>::new());
        let custom =
            "article_date = \"2023-04-17\"\nlanguages = [\"de\"]\n[rules]\nunclosed-quote = \"off\"\n\
                      [dates]\nstyle = \"iso\"\n[actors]\nregistry = \"people.toml\"\n";
        assert_eq!(errors(custom), Vec::<String>::new());
        // And the settings struct agrees.
        assert!(Settings::from_toml_str(custom).is_ok());
    }

    #[test]
    fn the_schema_rejects_mistakes_with_useful_messages() {
        // Each row: the file, what the schema's message names, and whether
        // the settings struct rejects it too (it keeps style names and dates
        // as free strings, so only the schema catches those).
        let cases = [
            ("[dates]\nstlye = \"ap\"\n", "stlye", true),
            ("langauges = [\"en\"]\n", "langauges", true),
            ("[rules]\nunclosed-quote = \"loud\"\n", "\"loud\"", true),
            ("[dates]\nstyle = \"apa\"\n", "\"apa\"", false),
            ("article_date = \"17 April\"\n", "17 April", false),
        ];
        for (text, named, struct_rejects) in cases {
            let errors = errors(text);
            assert_eq!(errors.len(), 1, "{text}: {errors:?}");
            assert!(errors[0].contains(named), "{text}: {errors:?}");
            assert_eq!(Settings::from_toml_str(text).is_err(), struct_rejects, "{text}");
        }
    }

    /// The schema describes exactly the settings struct's keys, at every
    /// level, so a new setting cannot be added without its schema entry.
    #[test]
    fn the_schema_matches_the_settings_struct() {
        fn compare(settings: &Value, schema: &Value, path: &str) {
            let Some(fields) = settings.as_object() else { return };
            let properties =
                schema["properties"].as_object().unwrap_or_else(|| panic!("{path} has properties"));
            let mut field_names: Vec<&String> = fields.keys().collect();
            let mut property_names: Vec<&String> = properties.keys().collect();
            field_names.sort();
            property_names.sort();
            assert_eq!(field_names, property_names, "keys of {path}");
            for (name, value) in fields {
                if value.is_object() && properties[name].get("properties").is_some() {
                    compare(value, &properties[name], &format!("{path}.{name}"));
                }
            }
        }
        let settings = serde_json::to_value(Settings::default()).unwrap();
        let schema: Value = serde_json::from_str(SCHEMA).unwrap();
        compare(&settings, &schema, "copydesk.toml");
        // Every default in the schema is the struct's default.
        for (name, property) in schema["properties"].as_object().unwrap() {
            if let Some(default) = property.get("default") {
                assert_eq!(&settings[name], default, "{name}");
            }
            for (inner, inner_property) in
                property.get("properties").and_then(Value::as_object).into_iter().flatten()
            {
                if let Some(default) = inner_property.get("default") {
                    assert_eq!(&settings[name][inner], default, "{name}.{inner}");
                }
            }
        }
    }

    #[test]
    fn init_writes_once() {
        let dir = tempfile::tempdir().unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(init(dir.path(), false, &mut out, &mut err), Exit::Clean);
        assert_eq!(std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap(), template());
        std::fs::write(dir.path().join("copydesk.toml"), "# mine\n").unwrap();
        assert_eq!(init(dir.path(), false, &mut out, &mut err), Exit::Error);
        assert!(String::from_utf8_lossy(&err).contains("already exists"));
        assert_eq!(std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap(), "# mine\n");
        assert_eq!(init(dir.path(), true, &mut out, &mut err), Exit::Clean);
        assert_eq!(std::fs::read_to_string(dir.path().join("copydesk.toml")).unwrap(), template());
    }
}
