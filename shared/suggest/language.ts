// A stop-word vote: enough to tell which of the languages Caredesk serves a message is in.
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

const STOP_WORDS: Record<Language, readonly string[]> = {
  en: [
    'the',
    'and',
    'is',
    'my',
    'i',
    'it',
    'to',
    'of',
    'was',
    'not',
    'you',
    'where',
    'have',
    'this',
    'with',
    'for',
    "hasn't",
    'still',
    'order',
    'please',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'y',
    'es',
    'mi',
    'que',
    'de',
    'no',
    'por',
    'pedido',
    'dónde',
    'donde',
    'todavía',
    'llegado',
    'con',
    'una',
    'para',
    'hola',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'est',
    'mon',
    'ma',
    'je',
    'pas',
    'de',
    'commande',
    'où',
    'toujours',
    'reçu',
    'avec',
    'une',
    'pour',
    'bonjour',
    'vous',
    'colis',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'mein',
    'meine',
    'ich',
    'nicht',
    'noch',
    'bestellung',
    'wo',
    'mit',
    'eine',
    'für',
    'hallo',
    'sie',
    'paket',
    'immer',
    'habe',
  ],
  pt: [
    'o',
    'a',
    'os',
    'as',
    'e',
    'é',
    'meu',
    'minha',
    'não',
    'que',
    'pedido',
    'onde',
    'ainda',
    'chegou',
    'com',
    'uma',
    'para',
    'olá',
    'você',
    'encomenda',
  ],
  it: [
    'il',
    'lo',
    'gli',
    'e',
    'è',
    'mio',
    'mia',
    'non',
    'che',
    'ordine',
    'dove',
    'ancora',
    'arrivato',
    'con',
    'una',
    'per',
    'ciao',
    'sono',
    'pacco',
    'ho',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'is',
    'mijn',
    'ik',
    'niet',
    'nog',
    'bestelling',
    'waar',
    'met',
    'voor',
    'hallo',
    'jullie',
    'pakket',
    'geen',
    'heb',
    'nu',
    'wanneer',
  ],
};

const LOOKUP = new Map<string, Language[]>();
for (const language of Object.keys(STOP_WORDS) as Language[]) {
  for (const word of STOP_WORDS[language]) LOOKUP.set(word, [...(LOOKUP.get(word) ?? []), language]);
}

/** The language with the most stop words in the text; English when nothing votes (or on a tie with it). */
export function guessLanguage(text: string): { language: Language; confidence: number } {
  const votes = new Map<Language, number>();
  let total = 0;
  for (const word of text.toLowerCase().match(/[\p{L}']+/gu) ?? []) {
    const languages = LOOKUP.get(word);
    if (!languages) continue;
    total += 1;
    // A word shared by several languages counts a share to each.
    for (const language of languages) votes.set(language, (votes.get(language) ?? 0) + 1 / languages.length);
  }
  let best: Language = 'en';
  let bestVotes = votes.get('en') ?? 0;
  for (const language of LANGUAGES) {
    const count = votes.get(language) ?? 0;
    if (count > bestVotes) {
      best = language;
      bestVotes = count;
    }
  }
  return { language: best, confidence: total === 0 ? 0 : Math.round((bestVotes / total) * 100) / 100 };
}
