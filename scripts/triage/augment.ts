import type { Sentiment } from '../../shared/triage/taxonomy';
import { pick } from '../../shared/random';

/**
 * Dresses a clean example as a channel would carry it: a post on X with handles, hashtags and a
 * shortened link; an SMS in lower case with abbreviations; a WhatsApp line with emoji; a web chat
 * opener; an email with greeting and sign-off. Then, sometimes, the noise people add: typos,
 * slang spellings, shouting, stretched punctuation. The label never changes.
 */

const BRAND_HANDLES = [
  '@BrandHelp',
  '@ShopCare',
  '@AskNorthwind',
  '@CaredeskStore',
  '@MegaMartHelp',
  '@FlyAirlines',
  '@TeleNetCares',
  '@StreamBoxSupport',
  '@GameHubSupport',
  '@BankOfAvalon',
  '@BurritoBar',
  '@QuickParcel',
  '@Harbor_Telecom',
  '@PixelPhones',
  '@AcmeSupport',
  '@TrainlineUK',
  '@ask_fresh',
];

const LINK_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const EMOJI: Record<Sentiment, string[]> = {
  negative: [
    '😡',
    '🙄',
    '😤',
    '😒',
    '🤬',
    '😩',
    '😭',
    '👎',
    '💀',
    '🤦‍♀️',
    '🤦🏽‍♂️',
    '😠',
    '😞',
    '😑',
    '🙃',
    '😫',
    '😔',
    '🤔',
  ],
  neutral: ['🙂', '🤔', '🙏', '👍', '📦', '👋', '', ''],
  positive: ['😍', '🙌', '❤️', '👏', '😊', '🙏', '🔥', '💯', '🥰', '😁', '💙', '✨', '🎉', '😋', '👌', '🤗'],
};

const HASHTAGS: Record<Sentiment, string[]> = {
  negative: ['#fail', '#customerservice', '#notimpressed', '#annoyed', '#smh', '#disappointed', '#help'],
  neutral: ['#help', '#question', '#support', '#customerservice'],
  positive: ['#love', '#happycustomer', '#thankyou', '#goodservice', '#blessed', '#winning'],
};

/**
 * Context that says nothing about intent or feeling: real messages carry plenty of it, and a model
 * that only ever saw bare requests would take any unfamiliar word as evidence.
 */
const CONTEXT_BEFORE = [
  'just landed and',
  'on my lunch break,',
  'at the airport right now,',
  'sitting in the car park,',
  'ok so',
  'so',
  'quick one:',
  'not gonna lie,',
  'honestly',
  'day 2 of this:',
  'my mum asked me to ask:',
  'me and my partner here,',
  'for the record,',
  'this morning:',
  'tonight:',
  'on behalf of my dad,',
  'writing from my work phone,',
  'second time posting this:',
  'as a student,',
  'as a customer since 2012,',
  'Re: my account -',
  'btw',
  'update:',
  'PSA:',
];

const CONTEXT_AFTER = [
  '(flight 2231)',
  'ref 88412',
  'on my iPhone',
  'on the android app',
  'using Chrome',
  'from the UK',
  'in Texas',
  'in Madrid',
  'this is my second account',
  'posting for a friend',
  '#monday',
  '#tuesdaythoughts',
  '#travel',
  '#gaming',
  '#foodie',
  '(sorry for the long post)',
  'ps. on my laptop',
  'via the website',
  'at 9am',
  'tonight',
  'this weekend',
  'for my daughter',
  'for work',
  '(order placed on the app)',
  'case ref in DM',
  'lol',
  'fyi',
  '1/2',
  '...',
];

const NAMES = ['Sam', 'Priya', 'J. Ortega', 'Tom', 'Aisha', 'Marek', 'Lucy', 'Dev', 'Chen', 'Rosa', 'K', 'Ben H.'];

const SLANG: [RegExp, string[]][] = [
  [/\byou\b/gi, ['u', 'u', 'ya']],
  [/\byour\b/gi, ['ur', 'yr']],
  [/\bplease\b/gi, ['pls', 'plz', 'plss']],
  [/\bthanks\b/gi, ['thx', 'thnx', 'ty']],
  [/\bthank you\b/gi, ['ty', 'thank u', 'thx']],
  [/\bbecause\b/gi, ['bc', 'cuz', 'coz']],
  [/\bgoing to\b/gi, ['gonna']],
  [/\bwant to\b/gi, ['wanna']],
  [/\bdon't\b/gi, ['dont', 'don’t']],
  [/\bI'm\b/g, ['im', 'Im', 'i’m']],
  [/\bcan't\b/gi, ['cant', 'can’t', 'cannot']],
  [/\bdoesn't\b/gi, ['doesnt', 'doesn’t']],
  [/\bare\b/gi, ['r']],
  [/\bwith\b/gi, ['w/', 'wit']],
  [/\btomorrow\b/gi, ['tmrw', '2moro']],
  [/\bpeople\b/gi, ['ppl']],
  [/\breally\b/gi, ['rly', 'realy']],
  [/\bmessage\b/gi, ['msg']],
  [/\bto\b/gi, ['2']],
  [/\bfor\b/gi, ['4']],
];

function shortLink(random: () => number): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += LINK_CHARS[Math.floor(random() * LINK_CHARS.length)];
  return pick(random, [`https://t.co/${id}`, `https://t.co/${id}`, `http://bit.ly/${id.slice(0, 7)}`]);
}

function customerHandle(random: () => number): string {
  return '@' + String(100000 + Math.floor(random() * 90000));
}

function typo(word: string, random: () => number): string {
  if (word.length < 4 || !/^[a-z]+$/i.test(word)) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return word.slice(0, i) + pick(random, [...'aeioustrn']) + word.slice(i + 1);
  }
}

function addTypos(text: string, random: () => number): string {
  const count = 1 + Math.floor(random() * 2);
  const words = text.split(' ');
  for (let k = 0; k < count; k++) {
    const i = Math.floor(random() * words.length);
    words[i] = typo(words[i]!, random);
  }
  return words.join(' ');
}

function slang(text: string, random: () => number): string {
  let out = text;
  for (const [pattern, options] of SLANG) {
    if (random() < 0.5) out = out.replace(pattern, () => pick(random, options));
  }
  return out;
}

function dropFinalPunctuation(text: string): string {
  return text.replace(/[.]+$/, '');
}

function feel(text: string, sentiment: Sentiment, random: () => number): string {
  const r = random();
  if (sentiment === 'negative') {
    if (r < 0.12) return text.toUpperCase();
    if (r < 0.3) return text.replace(/[.?!]*$/, pick(random, ['!!', '!!!', '?!', '??', '...', '. Unreal.', ' smh']));
  }
  if (sentiment === 'positive' && r < 0.3) return text.replace(/[.!]*$/, pick(random, ['!', '!!', '!!!', ' :)']));
  return text;
}

function emoji(sentiment: Sentiment, random: () => number): string {
  const one = pick(random, EMOJI[sentiment]);
  return random() < 0.3 ? one + one + (random() < 0.5 ? one : '') : one;
}

type Channel = 'x' | 'sms' | 'whatsapp' | 'chat' | 'email';

function channelOf(random: () => number): Channel {
  const r = random();
  if (r < 0.4) return 'x';
  if (r < 0.58) return 'sms';
  if (r < 0.73) return 'whatsapp';
  if (r < 0.9) return 'chat';
  return 'email';
}

export function augment(text: string, sentiment: Sentiment, random: () => number): string {
  let t = text;
  if (random() < 0.25) t = slang(t, random);
  if (random() < 0.25) t = addTypos(t, random);
  t = feel(t, sentiment, random);
  if (random() < 0.12) t = pick(random, CONTEXT_BEFORE) + ' ' + t;
  if (random() < 0.15) t = t + ' ' + pick(random, CONTEXT_AFTER);
  switch (channelOf(random)) {
    case 'x': {
      const brand = pick(random, BRAND_HANDLES);
      const r = random();
      if (r < 0.45) t = `${brand} ${t}`;
      else if (r < 0.65) t = `${t} ${brand}`;
      else if (r < 0.8) t = `${customerHandle(random)} ${t}`;
      else if (r < 0.9) t = `${brand} ${customerHandle(random)} ${t}`;
      if (random() < 0.25) t += ' ' + emoji(sentiment, random);
      if (random() < 0.15) t += ' ' + pick(random, HASHTAGS[sentiment]);
      if (random() < 0.2) t += ' ' + shortLink(random);
      break;
    }
    case 'sms':
      t = dropFinalPunctuation(t.toLowerCase());
      if (random() < 0.3) t = slang(t, random);
      break;
    case 'whatsapp':
      if (random() < 0.3) t = pick(random, ['Hi 👋 ', 'Hello, ', 'Hey! ', 'Hiya ']) + t;
      if (random() < 0.5) t += ' ' + emoji(sentiment, random);
      break;
    case 'chat':
      if (random() < 0.4) t = pick(random, ['hi ', 'hello ', 'Hi there, ', 'hey, ', 'Good morning, ']) + t;
      break;
    case 'email': {
      const greeting = pick(random, ['Hello,', 'Hi team,', 'Dear Customer Service,', 'Hi,', 'To whom it may concern,']);
      const closing = pick(random, ['Thanks,', 'Regards,', 'Kind regards,', 'Best,', 'Cheers,']);
      t = `${greeting}\n\n${t}\n\n${closing}\n${pick(random, NAMES)}`;
      break;
    }
  }
  return t.replace(/ {2,}/g, ' ').trim();
}
