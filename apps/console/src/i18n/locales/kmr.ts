// Kurdiya Kurmancî, Latin script, left to right. Only strings we can write correctly are here;
// every other string falls back to English, then Arabic (see LOCALE_INFO).
import type { PartialMessages } from './en.js';

export const kmr: PartialMessages = {
  app: { tagline: 'Vegera ewle û bi dilxwazî' },
  common: { cancel: 'Betal bike', save: 'Tomar bike' },
  nav: { signOut: 'Derkeve' },
  prefs: { language: 'Ziman' },
  signIn: { title: 'Têketin', username: 'Navê bikarhêner', password: 'Şîfre', submit: 'Têkeve' },
  sex: { female: 'Jin', male: 'Mêr' },
  languages: { ar: 'Erebî', ckb: 'Kurdî (Soranî)', kmr: 'Kurdî (Kurmancî)', en: 'Îngilîzî' },
};
