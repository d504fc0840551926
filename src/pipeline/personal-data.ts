/** A column as far as telling personal data goes: its header, how many cells are filled and differ, and some of its distinct values. */
export interface ColumnEvidence {
  name: string;
  filled: number;
  distinct: number;
  /** Distinct filled values (all of them, or a sample of at least a few dozen). */
  sample: string[];
}

/** The words of a header, lower case, joined by `_` and framed by `_` ("Customer e-mail" -> `_customer_e_mail_`). */
const key = (name: string) =>
  `_${name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .filter(Boolean)
    .join('_')}_`;

// The whole header is the identifier ("Phone", "customer_email", "zip code", "Account number"), so that
// "Phone support" or "Plan name" stay questions. Chinese names match anywhere.
const WHO = '(customer|contact|respondent|home|work|mobile|cell|user|billing|shipping|primary|your|client|member|account|personal)';
const WHAT =
  '(phone|telephone|tel|mobile|cell|cellphone|fax|post_?code|zip|zip_?code|postal_?code|e_?mail|email_?address|mail|first_?name|last_?name|full_?name|sur_?name|given_?name|family_?name|name|ip|ipv4|ipv6|ip_?address|address|street|ssn|passport|national_?id)';
const PERSONAL_NAME = new RegExp(`^_(${WHO}_)?${WHAT}(_(no|number|num|nr|address|code|v4|v6))?_$|手机|电话|邮编|邮政编码|姓名|地址|邮箱|身份证|客户编号|账号`);
// Numbers that name a customer or an account rather than measure anything.
const ACCOUNT_NAME = /^_(customer|account|client|member|membership|contract|policy|order|card|loyalty)_(no|number|num|nr|id|code)_$/;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
// Written in full (seven colons) or shortened with `::`; never a time of day (12:30:45).
const IPV6 = /^(?=.*::|([^:]*:){7})[0-9a-f:.]{2,45}$/i;
// Digits with the marks phone numbers are written with: a leading +, spaces, dashes, dots, brackets.
const PHONE_SHAPE = /^\+?[\d ()./-]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
// A Chinese mobile number written as plain digits: 11 digits from 13x to 19x.
const CN_MOBILE = /^1[3-9]\d{9}$/;
const UK_POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;
const CA_POSTCODE = /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i;
const US_ZIP4 = /^\d{5}-\d{4}$/;
const CODED_ID = /^[A-Za-z]{0,4}[-_]?\d{5,}$/;

const digits = (v: string) => v.replace(/\D/g, '').length;

function phoneLike(v: string): boolean {
  if (CN_MOBILE.test(v)) return true;
  if (!PHONE_SHAPE.test(v) || ISO_DATE.test(v) || digits(v) < 7 || digits(v) > 15) return false;
  // A plain decimal number is an amount unless written with a leading zero (0612345678).
  if (DECIMAL.test(v)) return /^0\d{6,}$/.test(v);
  return v.startsWith('+') || /[ ()-]/.test(v) || (v.match(/\./g) ?? []).length >= 2;
}

/**
 * Why a column holds personal data (phone numbers, postcodes, e-mail or IP addresses, names, identifiers),
 * judged by its header and by its values; undefined when nothing says so. Ages, amounts, times and ratings
 * never match: they are written without leading zeros, marks or letters, and they repeat.
 */
export function personalData(c: ColumnEvidence): string | undefined {
  const k = key(c.name);
  if (PERSONAL_NAME.test(k) || /手机|电话|邮编|姓名|地址|邮箱|身份证/.test(c.name)) return 'named like personal data';
  if (ACCOUNT_NAME.test(k)) return 'named like a customer or account number';
  const values = c.sample.map((v) => v.trim()).filter(Boolean);
  if (!values.length) return undefined;
  const all = (test: (v: string) => boolean) => values.every(test);
  if (all((v) => EMAIL.test(v))) return 'e-mail addresses';
  if (all((v) => IPV4.test(v) || IPV6.test(v)) && values.length >= 2) return 'IP addresses';
  // Postcodes and phone numbers repeat little; a code list (regions, 01-12 months) repeats a lot.
  const varied = c.distinct >= 10 && c.distinct * 3 >= c.filled;
  if (varied && all((v) => UK_POSTCODE.test(v) || CA_POSTCODE.test(v) || US_ZIP4.test(v)) && values.some((v) => /[A-Z]/i.test(v) || v.includes('-'))) return 'postcodes';
  const width = values[0]!.length;
  if (varied && width >= 4 && width <= 6 && all((v) => /^\d+$/.test(v) && v.length === width) && values.some((v) => v.startsWith('0')))
    return 'postcodes (digits of one length, with leading zeros)';
  if (varied && all(phoneLike)) return 'phone numbers';
  // Every value different and written the same way (C-00123, 204817): an identifier.
  if (c.filled >= 20 && c.distinct === c.filled && all((v) => CODED_ID.test(v) && v.length === width && !v.startsWith('-'))) return 'a different identifier on every row';
  return undefined;
}
