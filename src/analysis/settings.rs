//! The one settings struct. Defaults serve the common case: AP style, English.
//!
//! Settings are read from `copydesk.toml` (see `crate::config` for discovery,
//! which does the I/O) and from the editor's `workspace/configuration`
//! (section `copydesk`). Both use the same shape; parsing lives here because it
//! is pure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::finding::Severity;

/// Every setting copydesk understands. Unknown keys are rejected so that a
/// misspelled key is reported instead of silently ignored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The article's publication date (`YYYY-MM-DD`), overriding what the
    /// text says. Relative dates ("Sunday") resolve against it.
    pub article_date: Option<String>,
    /// Languages of the copy; the first one picks the cue lexicon, month
    /// names and abbreviations. `en` (default) or `de`. Left at the
    /// default, a text clearly in another language is read in that
    /// language (`structure::language`).
    pub languages: Vec<String>,
    /// Per-rule severity, or `off`: `{ "unclosed-quote" = "warning" }`.
    pub rules: BTreeMap<String, RuleLevel>,
    pub quotes: QuoteSettings,
    pub attribution: AttributionSettings,
    pub dates: DateSettings,
    pub actors: ActorSettings,
    /// Show inlay hints (speaker names after quotations, resolved dates).
    pub inlay_hints: InlayHintSettings,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            article_date: None,
            languages: vec!["en".to_owned()],
            rules: BTreeMap::new(),
            quotes: QuoteSettings::default(),
            attribution: AttributionSettings::default(),
            dates: DateSettings::default(),
            actors: ActorSettings::default(),
            inlay_hints: InlayHintSettings::default(),
        }
    }
}

/// A severity override for one rule, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Error,
    Warning,
    Info,
    Hint,
}

impl RuleLevel {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Hint => Some(Severity::Hint),
        }
    }
}

/// Quotation-mark settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuoteSettings {
    /// The quotation convention: `auto` (detect per document), `us`,
    /// `british`, `german`, `swiss`, `french`, `spanish`, `swedish`, `polish`.
    pub style: String,
}

impl Default for QuoteSettings {
    fn default() -> QuoteSettings {
        QuoteSettings { style: "auto".to_owned() }
    }
}

/// Attribution settings. The cue lexicon follows `languages` (`en`, `de`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AttributionSettings {
    /// Extra speech cues ("quipped", "posted") added to the language's lexicon.
    pub cues: Vec<String>,
    /// A quotation of at most this many words with no speech cue is read as a
    /// term, title or scare quote, not speech (no speaker needed).
    pub not_speech_max_words: usize,
}

impl Default for AttributionSettings {
    fn default() -> AttributionSettings {
        AttributionSettings { cues: Vec::new(), not_speech_max_words: 4 }
    }
}

/// Date settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DateSettings {
    /// The house date style: `ap` (default), `chicago`, `iso`, `long`.
    pub style: String,
    /// How to read an ambiguous numeric date such as 04/05/2023:
    /// `month-first` (default) or `day-first`.
    pub numeric_order: String,
}

impl Default for DateSettings {
    fn default() -> DateSettings {
        DateSettings { style: "ap".to_owned(), numeric_order: "month-first".to_owned() }
    }
}

/// Named-actor settings: the newsroom's own registry and house spelling rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ActorSettings {
    /// A newsroom registry file (TOML with `people` and `organizations`
    /// arrays), relative to the workspace; `crate::config` merges it in.
    pub registry: Option<String>,
    /// People the newsroom knows: extends and overrides the embedded data.
    pub people: Vec<RegistryEntry>,
    /// Organisations the newsroom knows (agencies, ministries, its own desks).
    pub organizations: Vec<RegistryEntry>,
    /// House spelling of place names (`place-name-style`). AP default:
    /// Kyiv instead of Kiev, except "chicken Kiev" and "Kievan Rus".
    pub place_names: Vec<PlaceNameRule>,
}

impl Default for ActorSettings {
    fn default() -> ActorSettings {
        ActorSettings {
            registry: None,
            people: Vec::new(),
            organizations: Vec::new(),
            place_names: vec![PlaceNameRule {
                preferred: "Kyiv".to_owned(),
                instead_of: vec!["Kiev".to_owned()],
                except: vec!["chicken Kiev".to_owned(), "Kievan Rus".to_owned()],
            }],
        }
    }
}

/// One person or organisation of the newsroom's registry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegistryEntry {
    /// The preferred spelling of the full name.
    pub name: String,
    /// The current title ("Foreign Minister of Ukraine").
    pub title: Option<String>,
    /// A one-line description.
    pub description: Option<String>,
    /// Other accepted names (a surname, an acronym).
    pub aliases: Vec<String>,
    /// Spellings to flag and replace by `name` (`name-variant`).
    pub variants: Vec<String>,
    /// Dated roles.
    pub roles: Vec<RegistryRole>,
    /// `male` or `female`, when the newsroom records it.
    pub gender: Option<String>,
}

/// A dated role of a registry entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegistryRole {
    pub title: String,
    /// `YYYY-MM-DD` or `YYYY-MM` or `YYYY`.
    pub since: Option<String>,
    pub until: Option<String>,
}

/// A house spelling rule for a place name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlaceNameRule {
    /// The spelling the house uses ("Kyiv").
    #[serde(rename = "use")]
    pub preferred: String,
    /// Spellings to replace ("Kiev").
    pub instead_of: Vec<String>,
    /// Phrases where the old spelling stays ("chicken Kiev").
    pub except: Vec<String>,
}

/// Which inlay hints to show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InlayHintSettings {
    /// `— Putin` after each quotation's closing mark.
    pub speakers: bool,
    /// The resolved ISO date after relative date expressions.
    pub dates: bool,
}

impl Default for InlayHintSettings {
    fn default() -> InlayHintSettings {
        InlayHintSettings { speakers: true, dates: false }
    }
}

/// A settings file that could not be read, with the place of the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// A message for the journalist: what is wrong and how to fix it.
    pub message: String,
    /// The byte range of the problem in the settings text, when known.
    pub span: Option<std::ops::Range<usize>>,
    /// 1-based line and column of the problem, when known.
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl Settings {
    /// Parse a `copydesk.toml`. On error the caller keeps using the defaults
    /// and shows the error where the user can act on it.
    pub fn from_toml_str(source: &str) -> Result<Settings, SettingsError> {
        toml::from_str::<Settings>(source).map_err(|error| {
            let span = error.span();
            let (line, column) = match &span {
                Some(range) => line_and_column(source, range.start),
                None => (1, 1),
            };
            SettingsError {
                message: format!(
                    "copydesk.toml could not be read: {}. The default settings are used until it is fixed.",
                    error.message().trim_end_matches('.')
                ),
                span,
                line,
                column,
            }
        })
    }

    /// Read settings from the editor's `workspace/configuration` answer.
    pub fn from_json(value: serde_json::Value) -> Result<Settings, String> {
        serde_json::from_value(value).map_err(|error| {
            format!("copydesk's editor settings could not be read: {error}. The default settings are used until they are fixed.")
        })
    }

    /// The severity a rule runs at, or `None` when it is off.
    pub fn severity_for(&self, code: &str, default: Option<Severity>) -> Option<Severity> {
        match self.rules.get(code) {
            Some(level) => level.severity(),
            None => default,
        }
    }

    /// The first configured language, `en` when none is set.
    pub fn language(&self) -> &str {
        self.languages.first().map(String::as_str).unwrap_or("en")
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The largest character boundary at or before `offset`.
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
