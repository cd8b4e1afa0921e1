/**
 * Small hand-written word lists that name a feeling or a failure. Examples cannot show every word
 * customers use; a word from these lists adds a shared feature ("a negative word", "a failure
 * word"), so an unseen message with "abysmal" or "glitchy" still leans the right way.
 */
const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

export const NEGATIVE_WORDS = words(`
  bad worse worst awful terrible horrible horrendous appalling abysmal atrocious dreadful pathetic useless
  rubbish garbage trash crap crappy shit shitty sucks suck sucked joke ridiculous unacceptable disgusting
  disgraceful shameful shocking outrageous annoying annoyed annoy frustrating frustrated frustration angry
  furious livid mad upset disappointed disappointing disappointment sad unhappy fed sick tired hate hated
  hating ugh smh wtf wth ffs fml damn dammit hell bloody stupid idiotic incompetent clueless rude lazy
  scam scammed scammers thieves stealing stole ripoff rip lies lied lying liar ignored ignoring nightmare
  mess disaster shambles fiasco chaos failure fail failed failing fails poor poorly slow slowest unreliable
  broken broke glitchy buggy laggy crashing crashed crashes freezing frozen stuck dead dying useless
  worthless pointless waste wasted wasting again still never nobody nothing nowhere cancelled delayed
  missing lost ruined ruin ruining cold soggy stale gross nasty filthy dirty sucky meh bleh sigh
  embarrassing unbelievable insane absurd inexcusable unprofessional shady sneaky hidden overcharged
  overpriced expensive refuse refused refusing denied cheated screwed struggling problem problems
  issue issues error errors bug bugs complaint complain complaining 😡 😠 🤬 😤 😒 🙄 😩 😫 😭 😢 😞
  😔 👎 💀 🤦 😑 🙃 😖 😣 🤢 😾
`);

export const POSITIVE_WORDS = words(`
  good great amazing awesome excellent fantastic brilliant wonderful superb perfect perfectly lovely
  love loved loving loves adore adored best better nice beautiful gorgeous incredible impressive
  impressed outstanding phenomenal stellar fabulous fab sweet cool happy happier glad pleased delighted
  thrilled excited exciting grateful thankful thanks thank thx ty appreciate appreciated appreciation
  kudos props shoutout cheers bravo congrats congratulations legend legends hero heroes star stars
  superstar helpful friendly kind patient quick fast smooth easy effortless reliable recommend
  recommended favourite favorite fave enjoy enjoyed enjoying fun yummy delicious tasty fresh win winning
  won yay woohoo wow blessed lucky ❤ ❤️ 😍 🥰 😘 😊 😁 😀 😃 😄 🙌 👏 👍 💯 🔥 ✨ 🎉 🥳 🤩 😋 💙 💕 💖 🙏 🤗
`);

export const FAILURE_WORDS = words(`
  broken broke crash crashes crashed crashing freeze freezes froze freezing frozen stuck glitch glitches
  glitching glitchy bug bugs buggy lag lags lagging laggy error errors fail fails failed failing down
  outage offline disconnect disconnects disconnected disconnecting dropping drops dropped won't wont
  can't cant cannot doesn't doesnt isn't isnt stopped stop working dead blank black flickering
  overheating slow slower keeps keep still again unable unusable loading buffering restarting reboot
`);

export const NEGATORS = words(`not no never dont didnt isnt wasnt cant wont doesnt aint nothing hardly without`);
