import { describe, expect, it } from '@jest/globals';
import { latinWords, normaliseLatin } from './latin-normalise.js';

function sameKey(spellings: readonly string[]): Set<string> {
  return new Set(spellings.map(normaliseLatin));
}

describe(normaliseLatin.name, () => {
  it('should give Mohammed, Muhammad, Mohamed, Mohamad and Muhammed one key', () => {
    expect(sameKey(['Mohammed', 'Muhammad', 'Mohamed', 'Mohamad', 'Muhammed', 'MOHAMMAD']).size).toBe(1);
  });

  it('should give Abdullah, Abdallah and Abd Allah one key', () => {
    expect(sameKey(['Abdullah', 'Abdallah', 'Abd Allah', 'Abd-Allah', 'Abdulla']).size).toBe(1);
  });

  it('should give Abdulrahman, Abdel Rahman and Abd al-Rahman one key', () => {
    expect(sameKey(['Abdulrahman', 'Abdel Rahman', 'Abd al-Rahman', 'Abdelrahman']).size).toBe(1);
  });

  it('should fold vowel spellings: Ahmad/Ahmed, Khaled/Khalid, Yousef/Yusuf/Youssef', () => {
    expect(sameKey(['Ahmad', 'Ahmed']).size).toBe(1);
    expect(sameKey(['Khaled', 'Khalid']).size).toBe(1);
    expect(sameKey(['Yousef', 'Yusuf', 'Youssef', 'Yousif']).size).toBe(1);
    expect(sameKey(['Hussein', 'Husain', 'Hussain', 'Hosein']).size).toBe(1);
    expect(sameKey(['Mustafa', 'Moustafa', 'Mostafa', 'Moustapha']).size).toBe(1);
  });

  it('should collapse doubled consonants and read y between vowels as a vowel', () => {
    expect(sameKey(['Hassan', 'Hasan']).size).toBe(1);
    expect(sameKey(['Ziad', 'Ziyad']).size).toBe(1);
    expect(sameKey(['Walid', 'Waleed']).size).toBe(1);
  });

  it('should read ain and hamza marks as nothing', () => {
    expect(sameKey(["Sa'id", 'Said', 'Saeed', 'Saʿid']).size).toBe(1);
  });

  it('should make -a, -ah and -eh endings meet', () => {
    expect(sameKey(['Fatima', 'Fatimah', 'Fatimeh']).size).toBe(1);
    expect(sameKey(['Hamza', 'Hamzah', 'Hamzeh']).size).toBe(1);
  });

  it('should keep a final i apart from a final a', () => {
    expect(normaliseLatin('Rami')).not.toBe(normaliseLatin('Rama'));
    expect(normaliseLatin('Fadi')).toBe(normaliseLatin('Fady'));
  });

  it('should read the digraphs kh, gh, sh, th and dh as one sound each', () => {
    expect(normaliseLatin('Khalaf')).toBe('xalaf');
    expect(normaliseLatin('Ghassan')).toBe('gasan');
    expect(normaliseLatin('Shadi')).toBe(normaliseLatin('Chadi'));
    expect(normaliseLatin('Haitham')).toBe('hatam');
    expect(normaliseLatin('Nadhir')).toBe('nadar');
  });

  it('should read Kurmanji letters: ş as sh, x as kh, and drop accents', () => {
    expect(normaliseLatin('Şêxo')).toBe(normaliseLatin('Shekho'));
    expect(normaliseLatin('Xalid')).toBe(normaliseLatin('Khalid'));
    expect(normaliseLatin('Berîvan')).toBe(normaliseLatin('Berivan'));
  });

  it('should drop al-, el- and sun-letter articles, glued or not', () => {
    expect(normaliseLatin('Al-Hassan')).toBe('hasan');
    expect(normaliseLatin('El Hassan')).toBe('hasan');
    expect(normaliseLatin('AlHassan')).toBe('hasan');
    expect(normaliseLatin('Ash-Shami')).toBe(normaliseLatin('Shami'));
    expect(normaliseLatin('Ali')).toBe('ali');
    expect(normaliseLatin('Elias')).toBe('alas');
    expect(normaliseLatin('Alaa')).toBe('ala');
  });

  it('should drop the connectors bin, ibn and bint', () => {
    expect(normaliseLatin('Khalid bin Walid')).toBe(normaliseLatin('Khalid Walid'));
    expect(normaliseLatin('Fatima bint Ahmad')).toBe(normaliseLatin('Fatima Ahmad'));
  });

  it('should keep different names apart', () => {
    expect(normaliseLatin('Khaled')).not.toBe(normaliseLatin('Khalaf'));
    expect(normaliseLatin('Samer')).not.toBe(normaliseLatin('Maher'));
  });
});

describe(latinWords.name, () => {
  it('should join a second half like Eddine or el Din to the word before', () => {
    expect(latinWords('Nour Eddine Al-Ali')).toEqual(['noureddine', 'ali']);
    expect(latinWords('Salah el Din')).toEqual(['salaheldin']);
    expect(latinWords('Abu Bakr')).toEqual(['abubakr']);
  });
});
