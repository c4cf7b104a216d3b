//! Quotation conventions: which glyphs open and close at each level, and how
//! `auto` picks one for a document from the marks it uses.

use crate::analysis::settings::Settings;

/// A house convention for quotation marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Convention {
    /// US and Chicago: “ ‘ ’ ”.
    #[default]
    Us,
    /// British: ‘ “ ” ’.
    British,
    /// German: „ ‚ ‘ “.
    German,
    /// Swiss: « ‹ › ».
    Swiss,
    /// French: « ‹ › » with a narrow no-break space inside.
    French,
    /// Spanish: « “ ” », » reopening continued paragraphs.
    Spanish,
    /// Swedish and Finnish: ” ’ ’ ”.
    Swedish,
    /// Polish: „ ” (« » inside).
    Polish,
}

impl Convention {
    /// The convention named by a `quotes.style` setting; `None` for `auto` or
    /// an unknown name.
    pub fn from_name(name: &str) -> Option<Convention> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "us" | "chicago" | "american" | "en" => Convention::Us,
            "british" | "uk" | "en-gb" => Convention::British,
            "german" | "de" => Convention::German,
            "swiss" | "de-ch" => Convention::Swiss,
            "french" | "fr" => Convention::French,
            "spanish" | "es" => Convention::Spanish,
            "swedish" | "finnish" | "sv" | "fi" => Convention::Swedish,
            "polish" | "pl" => Convention::Polish,
            _ => return None,
        })
    }

    pub const fn name(self) -> &'static str {
        match self {
            Convention::Us => "US",
            Convention::British => "British",
            Convention::German => "German",
            Convention::Swiss => "Swiss",
            Convention::French => "French",
            Convention::Spanish => "Spanish",
            Convention::Swedish => "Swedish",
            Convention::Polish => "Polish",
        }
    }

    /// The opening and closing glyphs at nesting `level` (0 = outer).
    pub const fn marks(self, level: usize) -> (char, char) {
        let inner = level % 2 == 1;
        match (self, inner) {
            (Convention::Us, false) | (Convention::British, true) => ('“', '”'),
            (Convention::Us, true) | (Convention::British, false) => ('‘', '’'),
            (Convention::German, false) => ('„', '“'),
            (Convention::German, true) => ('‚', '‘'),
            (Convention::Swiss | Convention::French, false) => ('«', '»'),
            (Convention::Swiss | Convention::French, true) => ('‹', '›'),
            (Convention::Spanish, false) => ('«', '»'),
            (Convention::Spanish, true) => ('“', '”'),
            (Convention::Swedish, false) => ('”', '”'),
            (Convention::Swedish, true) => ('’', '’'),
            (Convention::Polish, false) => ('„', '”'),
            (Convention::Polish, true) => ('«', '»'),
        }
    }

    /// Whether commas and periods go inside the closing mark (US style).
    pub const fn punctuation_inside(self) -> bool {
        matches!(self, Convention::Us)
    }

    /// The glyph that closes a quotation opened by `open` in this convention.
    pub fn closing_for(self, open: char) -> char {
        match open {
            '“' => '”',
            '‘' => '’',
            '„' => match self {
                Convention::Polish => '”',
                _ => '“',
            },
            '‚' => match self {
                Convention::Polish => '’',
                _ => '‘',
            },
            '«' => '»',
            '‹' => '›',
            '»' => '«',
            '›' => '‹',
            '「' => '」',
            '『' => '』',
            other => other,
        }
    }

    /// Whether `open … close` is a correct pair in this convention (or, for
    /// pairs no convention disputes, in any convention).
    pub fn pair_is_valid(self, open: char, close: char) -> bool {
        match (open, close) {
            ('“', '”') | ('‘', '’') | ('«', '»') | ('‹', '›') | ('»', '«') | ('›', '‹') => {
                true
            }
            ('"', '"') | ('\'', '\'') | ('「', '」') | ('『', '』') => true,
            ('»', '»') | ('›', '›') => matches!(self, Convention::Swedish),
            ('„', '“') | ('‚', '‘') => !matches!(self, Convention::Polish),
            ('„', '”') | ('‚', '’') => matches!(self, Convention::Polish),
            // ”…” is Swedish; in a document written with “…” it is a wrong
            // opening glyph.
            ('”', '”') | ('’', '’') => !matches!(self, Convention::Us | Convention::British),
            _ => false,
        }
    }
}

/// Glyph counts in the prose, used to detect the convention.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct GlyphCounts {
    pub low_double: usize,           // „
    pub left_double: usize,          // “
    pub right_double: usize,         // ”
    pub left_single: usize,          // ‘
    pub guillemets: usize,           // « »
    pub right_double_opening: usize, // ” standing where a quote opens
    pub single_outer_first: bool,    // the first curly mark of the text is ‘
}

/// The convention in force: the setting, or for `auto` the one the
/// document's marks and language point to.
pub(crate) fn resolve(settings: &Settings, counts: &GlyphCounts) -> Convention {
    if let Some(explicit) = Convention::from_name(&settings.quotes.style) {
        return explicit;
    }
    let language = settings.language().to_ascii_lowercase();
    let lang = |prefix: &str| language == prefix || language.starts_with(&format!("{prefix}-"));
    if counts.low_double > 0 {
        // „…” is Polish (also Hungarian, Romanian, older Dutch); a single „…” pair in
        // other copy is more likely a German „…“ typed with the wrong mark.
        let consistently_low_high = counts.left_double == 0 && counts.right_double >= 2;
        if lang("pl") || lang("hu") || lang("ro") || lang("nl") || (consistently_low_high && !lang("de")) {
            return Convention::Polish;
        }
        return Convention::German;
    }
    if counts.guillemets > counts.left_double + counts.right_double {
        if lang("fr") {
            return Convention::French;
        }
        if lang("es") {
            return Convention::Spanish;
        }
        if lang("pl") {
            return Convention::Polish;
        }
        return Convention::Swiss;
    }
    if counts.left_double == 0
        && counts.right_double > 0
        && (lang("sv") || lang("fi") || counts.right_double_opening > 0)
    {
        return Convention::Swedish;
    }
    if language == "en-gb" || (counts.single_outer_first && counts.left_single > counts.left_double) {
        return Convention::British;
    }
    if lang("de") {
        return Convention::German;
    }
    Convention::Us
}

impl Convention {
    /// The curly glyph for a straight mark of `family` facing `opening`.
    pub const fn curly(self, double: bool, opening: bool) -> char {
        match (self, double, opening) {
            (Convention::Us | Convention::British, true, true) => '“',
            (Convention::Us | Convention::British | Convention::Spanish, true, false) => '”',
            (Convention::Us | Convention::British | Convention::Spanish, false, true) => '‘',
            (Convention::Us | Convention::British | Convention::Spanish, false, false) => '’',
            (Convention::German | Convention::Polish, true, true) => '„',
            (Convention::German, true, false) => '“',
            (Convention::Polish, true, false) => '”',
            (Convention::German | Convention::Polish, false, true) => '‚',
            (Convention::German, false, false) => '‘',
            (Convention::Polish, false, false) => '’',
            (Convention::Swiss | Convention::French | Convention::Spanish, true, true) => '«',
            (Convention::Swiss | Convention::French, true, false) => '»',
            (Convention::Swiss | Convention::French, false, true) => '‹',
            (Convention::Swiss | Convention::French, false, false) => '›',
            (Convention::Swedish, true, _) => '”',
            (Convention::Swedish, false, _) => '’',
        }
    }
}
