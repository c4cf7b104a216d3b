//! Arbitrary `copydesk.toml` text: parsing never panics, an error names a
//! line and column inside the text, and settings that parse analyse a
//! small article without trouble.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use copydesk::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match Settings::from_toml_str(source) {
        Ok(settings) => {
            invariants::analysis("„Ja“, sagte sie am 17. April. \"No,\" he said on Sunday.", &settings);
        }
        Err(error) => {
            assert!(!error.message.is_empty());
            assert!(error.line >= 1 && error.column >= 1);
            if let Some(span) = &error.span {
                assert!(span.start <= span.end && span.end <= source.len(), "{span:?}");
                assert!(error.line <= source.lines().count().max(1) + 1, "line {} in {source:?}", error.line);
            }
        }
    }
    // The same shape from the editor (JSON) is parsed by the same types.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(source) {
        let _ = Settings::from_json(value);
    }
});
