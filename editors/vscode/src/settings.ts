// The server's settings struct (src/analysis/settings.rs), built from the
// `copydesk.*` VS Code settings. The server rejects unknown keys, so
// editor-only settings (server.path, languages, trace) stay out of it.
import type * as vscode from 'vscode';

export interface ServerSettings {
  article_date: string | null;
  languages: string[];
  rules: Record<string, string>;
  quotes: { style: string };
  attribution: { cues: string[] };
  dates: { style: string; numeric_order: string };
  actors: { registry: string | null };
  inlay_hints: { speakers: boolean; dates: boolean };
}

export function serverSettings(config: Pick<vscode.WorkspaceConfiguration, 'get'>): ServerSettings {
  const articleDate = config.get<string | null>('article_date', null);
  const registry = config.get<string | null>('actors.registry', null);
  return {
    article_date: articleDate ? articleDate : null,
    languages: config.get<string[]>('article_languages', ['en']),
    rules: config.get<Record<string, string>>('rules', {}),
    quotes: { style: config.get<string>('quotes.style', 'auto') },
    attribution: { cues: config.get<string[]>('attribution.cues', []) },
    dates: {
      style: config.get<string>('dates.style', 'ap'),
      numeric_order: config.get<string>('dates.numeric_order', 'month-first'),
    },
    actors: { registry: registry ? registry : null },
    inlay_hints: {
      speakers: config.get<boolean>('inlay_hints.speakers', true),
      dates: config.get<boolean>('inlay_hints.dates', false),
    },
  };
}
