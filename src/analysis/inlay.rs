//! Inlay hints: short labels shown inline after a span (the speaker after a
//! quotation, the resolved date after a relative date).

use crate::analysis::Context;

/// One inlay hint, placed at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the label goes (after this byte).
    pub offset: usize,
    pub label: String,
    /// A longer explanation shown on hover over the hint.
    pub tooltip: Option<String>,
}

/// Every inlay hint in the document, in text order.
pub fn inlay_hints(context: &Context<'_>) -> Vec<InlayHint> {
    let mut hints = Vec::new();
    if context.settings.inlay_hints.dates {
        hints.extend(crate::analysis::dates::inlay_hints(context));
    }
    if context.settings.inlay_hints.speakers {
        hints.extend(speaker_hints(context));
    }
    hints.sort_by_key(|hint| hint.offset);
    hints
}

/// `— Putin` after the closing mark of each attributed quotation.
fn speaker_hints(context: &Context<'_>) -> Vec<InlayHint> {
    let analysis = context.analysis;
    analysis
        .quotes
        .quotations
        .iter()
        .zip(&analysis.attributions)
        .filter(|(quotation, attribution)| quotation.level == 0 && attribution.is_speech)
        .filter_map(|(quotation, attribution)| {
            let speaker = attribution.speaker.as_ref()?;
            let name = crate::analysis::attribution::speaker_label(context.text, speaker);
            let written = context.text.get(speaker.span.start..speaker.span.end).unwrap_or("");
            let cue = attribution.cue.and_then(|cue| context.text.get(cue.start..cue.end));
            let mut tooltip = format!("Speaker: {name}");
            if written != name {
                tooltip.push_str(&format!(" (written “{written}”)"));
            }
            if let Some(cue) = cue {
                tooltip.push_str(&format!("; cue: “{cue}”"));
            }
            Some(InlayHint {
                offset: quotation.span.end, label: format!("— {name}"), tooltip: Some(tooltip)
            })
        })
        .collect()
}
