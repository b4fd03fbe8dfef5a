// Names that make duplicate detection hard, for the labelled pairs: distinct names a letter or two
// apart, masculine and feminine forms of one name, family names with and without a nisba ending, and
// compound names with the ways clerks write them. Combined at random: never a real person.
import type { NameEntry } from './name-lists.js';

function entry(ar: string, ...latin: [string, ...string[]]): NameEntry {
  return { ar, latin };
}

/** Two different names, e.g. كمال / جمال: brothers or cousins may carry them. */
export type NamePair = readonly [NameEntry, NameEntry];

export const NEAR_MALE_NAMES: readonly NamePair[] = [
  [entry('كمال', 'Kamal'), entry('جمال', 'Jamal')],
  [entry('عادل', 'Adel', 'Adil'), entry('عابد', 'Abed', 'Abid')],
  [entry('حسن', 'Hassan', 'Hasan'), entry('حسين', 'Hussein', 'Hussain')],
  [entry('محمد', 'Mohammed', 'Muhammad'), entry('محمود', 'Mahmoud', 'Mahmud')],
  [entry('حامد', 'Hamed'), entry('حمد', 'Hamad')],
  [entry('سعد', 'Saad'), entry('سعيد', 'Saeed', 'Said')],
  [entry('عمر', 'Omar', 'Umar'), entry('عمار', 'Ammar')],
  [entry('عامر', 'Amer'), entry('عمر', 'Omar')],
  [entry('سامر', 'Samer'), entry('سامي', 'Sami')],
  [entry('سمير', 'Samir'), entry('سامر', 'Samer')],
  [entry('جميل', 'Jamil', 'Jameel'), entry('جمال', 'Jamal')],
  [entry('باسل', 'Basel', 'Basil'), entry('باسم', 'Basem', 'Basim')],
  [entry('حازم', 'Hazem'), entry('حاتم', 'Hatem')],
  [entry('ناصر', 'Nasser', 'Naser'), entry('نصر', 'Nasr')],
  [entry('زياد', 'Ziad', 'Ziyad'), entry('زيد', 'Zaid', 'Zeid')],
  [entry('فراس', 'Firas', 'Feras'), entry('فارس', 'Fares', 'Faris')],
  [entry('هاني', 'Hani'), entry('هادي', 'Hadi')],
  [entry('فادي', 'Fadi'), entry('هادي', 'Hadi')],
  [entry('رامي', 'Rami'), entry('رامز', 'Ramez')],
  [entry('سليم', 'Salim', 'Saleem'), entry('سالم', 'Salem')],
  [entry('حميد', 'Hamid'), entry('حامد', 'Hamed')],
  [entry('أنس', 'Anas'), entry('أنيس', 'Anis')],
  [entry('ماجد', 'Majed', 'Majid'), entry('مجد', 'Majd')],
  [entry('وائل', 'Wael'), entry('نائل', 'Nael')],
  [entry('عبد الرحمن', 'Abdulrahman', 'Abdel Rahman', 'Abd al-Rahman'), entry('عبد الرحيم', 'Abdulrahim', 'Abdel Rahim', 'Abd al-Rahim')],
  [entry('عبد الكريم', 'Abdulkarim', 'Abdel Karim'), entry('عبد الرحيم', 'Abdulrahim', 'Abdel Rahim')],
  [entry('عبد الحميد', 'Abdulhamid', 'Abdel Hamid'), entry('عبد المجيد', 'Abdulmajid', 'Abdel Majid')],
  [entry('عبد الحكيم', 'Abdulhakim', 'Abdel Hakim'), entry('عبد الحليم', 'Abdulhalim', 'Abdel Halim')],
  [entry('عبد الله', 'Abdullah', 'Abdallah'), entry('عبد الإله', 'Abdulilah', 'Abdel Ilah')],
  [entry('نور الدين', 'Nour Eddine', 'Noureddine'), entry('عز الدين', 'Ezzeddine', 'Izz al-Din')],
  [entry('صلاح الدين', 'Salah Eddine', 'Salah al-Din'), entry('سيف الدين', 'Saif al-Din', 'Saifeddine')],
];

export const NEAR_FEMALE_NAMES: readonly NamePair[] = [
  [entry('سلمى', 'Salma'), entry('سلوى', 'Salwa')],
  [entry('هدى', 'Huda', 'Houda'), entry('هند', 'Hind')],
  [entry('ريم', 'Reem', 'Rim'), entry('ريما', 'Rima')],
  [entry('سمر', 'Samar'), entry('سحر', 'Sahar')],
  [entry('أسماء', 'Asmaa', 'Asma'), entry('إسراء', 'Israa', 'Esraa')],
  [entry('نور', 'Nour', 'Noor'), entry('نورة', 'Noura')],
  [entry('حلا', 'Hala'), entry('هلا', 'Hala')],
  [entry('رغد', 'Raghad'), entry('رهف', 'Rahaf')],
  [entry('منى', 'Mona', 'Muna'), entry('منال', 'Manal')],
  [entry('أمل', 'Amal'), entry('آمال', 'Amal', 'Amaal')],
  [entry('لين', 'Leen', 'Lin'), entry('لينا', 'Lina')],
  [entry('هبة', 'Hiba', 'Heba'), entry('هيا', 'Haya')],
  [entry('زينب', 'Zainab', 'Zeinab'), entry('زينة', 'Zeina')],
  [entry('نادية', 'Nadia'), entry('نادين', 'Nadine')],
];

/** A man's name and the woman's name made from it (سعيد / سعيدة): a brother and sister may carry them. */
export const MASCULINE_FEMININE_NAMES: readonly NamePair[] = [
  [entry('سعيد', 'Saeed', 'Said'), entry('سعيدة', 'Saeeda', 'Saida')],
  [entry('كريم', 'Karim', 'Kareem'), entry('كريمة', 'Karima', 'Kareema')],
  [entry('جميل', 'Jamil', 'Jameel'), entry('جميلة', 'Jamila', 'Jameela')],
  [entry('أمين', 'Amin', 'Ameen'), entry('أمينة', 'Amina', 'Ameena')],
  [entry('نبيل', 'Nabil'), entry('نبيلة', 'Nabila')],
  [entry('سمير', 'Samir'), entry('سميرة', 'Samira')],
  [entry('فريد', 'Farid'), entry('فريدة', 'Farida')],
  [entry('حليم', 'Halim'), entry('حليمة', 'Halima', 'Halimeh')],
  [entry('عزيز', 'Aziz'), entry('عزيزة', 'Aziza')],
  [entry('رشيد', 'Rashid'), entry('رشيدة', 'Rashida')],
  [entry('حميد', 'Hamid'), entry('حميدة', 'Hamida')],
  [entry('لطيف', 'Latif'), entry('لطيفة', 'Latifa')],
  [entry('فايز', 'Fayez'), entry('فايزة', 'Fayza')],
  [entry('نجيب', 'Najib'), entry('نجيبة', 'Najiba')],
  [entry('منير', 'Munir'), entry('منيرة', 'Munira')],
  [entry('صالح', 'Saleh'), entry('صالحة', 'Saleha')],
];

/** A family name and another family's name that is its nisba (الحسن / الحسني). */
export const NISBA_FAMILY_NAMES: readonly NamePair[] = [
  [entry('الحسن', 'Al-Hassan', 'Alhasan'), entry('الحسني', 'Al-Hassani', 'Alhasani')],
  [entry('الحسين', 'Al-Hussein'), entry('الحسيني', 'Al-Husseini')],
  [entry('العلي', 'Al-Ali', 'Alali'), entry('العلوي', 'Al-Alawi', 'Alalawi')],
  [entry('الأحمد', 'Al-Ahmad'), entry('الأحمدي', 'Al-Ahmadi')],
  [entry('المحمد', 'Al-Mohammed'), entry('المحمدي', 'Al-Mohammadi')],
  [entry('العبيد', 'Al-Obeid', 'Al Obaid'), entry('العبيدي', 'Al-Obeidi', 'Al Obaidi')],
  [entry('الجبور', 'Al-Jabour'), entry('الجبوري', 'Al-Jabouri')],
  [entry('الخليل', 'Al-Khalil'), entry('الخليلي', 'Al-Khalili')],
  [entry('الحمود', 'Al-Hamoud'), entry('الحمودي', 'Al-Hamoudi')],
  [entry('العيسى', 'Al-Issa'), entry('العيساوي', 'Al-Issawi')],
  [entry('الموسى', 'Al-Mousa'), entry('الموسوي', 'Al-Mousawi')],
  [entry('الجاسم', 'Al-Jassem'), entry('الجاسمي', 'Al-Jassemi')],
  [entry('النعيم', 'Al-Naim'), entry('النعيمي', 'Al-Naimi')],
  [entry('الخالد', 'Al-Khaled'), entry('الخالدي', 'Al-Khalidi')],
];

/** A compound given name, written apart; its joined Arabic form and its usual Latin spellings. */
export interface CompoundName {
  readonly apart: string;
  readonly joined: string;
  readonly latin: readonly [string, ...string[]];
  readonly sex: 'female' | 'male';
}

export const COMPOUND_GIVEN_NAMES: readonly CompoundName[] = [
  { apart: 'عبد الله', joined: 'عبدالله', latin: ['Abdullah', 'Abd Allah', 'Abdallah', 'Abd-Allah', 'Abdulla'], sex: 'male' },
  { apart: 'عبد الرحمن', joined: 'عبدالرحمن', latin: ['Abdulrahman', 'Abdul Rahman', 'Abd al-Rahman', 'Abdel Rahman', 'Abdurrahman', 'Abdelrahman'], sex: 'male' },
  { apart: 'عبد العزيز', joined: 'عبدالعزيز', latin: ['Abdulaziz', 'Abdul Aziz', 'Abd al-Aziz', 'Abdel Aziz', 'Abdelaziz'], sex: 'male' },
  { apart: 'عبد الكريم', joined: 'عبدالكريم', latin: ['Abdulkarim', 'Abdul Karim', 'Abd al-Karim', 'Abdel Karim'], sex: 'male' },
  { apart: 'عبد السلام', joined: 'عبدالسلام', latin: ['Abdulsalam', 'Abdul Salam', 'Abd al-Salam', 'Abdessalam', 'Abdussalam'], sex: 'male' },
  { apart: 'عبد القادر', joined: 'عبدالقادر', latin: ['Abdulqader', 'Abdul Kader', 'Abd al-Qadir', 'Abdelkader'], sex: 'male' },
  { apart: 'نور الدين', joined: 'نورالدين', latin: ['Nour Eddine', 'Noureddine', 'Nour al-Din', 'Nuraddin', 'Nour El Din'], sex: 'male' },
  { apart: 'صلاح الدين', joined: 'صلاحالدين', latin: ['Salah Eddine', 'Salaheddine', 'Salah al-Din', 'Salahuddin'], sex: 'male' },
  { apart: 'عز الدين', joined: 'عزالدين', latin: ['Ezzeddine', 'Izz al-Din', 'Ezz El Din', 'Izzeddin'], sex: 'male' },
  { apart: 'أبو بكر', joined: 'أبوبكر', latin: ['Abu Bakr', 'Abubakr', 'Abou Bakr', 'Abubakar'], sex: 'male' },
  { apart: 'جاد الله', joined: 'جادالله', latin: ['Jadallah', 'Jad Allah', 'Jadalla'], sex: 'male' },
  { apart: 'نور الهدى', joined: 'نورالهدى', latin: ['Nour al-Huda', 'Nourelhouda', 'Nour Elhuda'], sex: 'female' },
];
