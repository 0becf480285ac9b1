/**
 * Masking of personal numbers (seed 001 item 21). Staff see masked values unless they explicitly
 * reveal them; the masked form keeps enough to recognise a caller (first 3 and last 4 digits).
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return digits.slice(0, 1) + '*'.repeat(digits.length - 3) + digits.slice(-2);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** ID numbers keep the first and last character only: 1101**************1X → 1****************X */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length <= 2) return '*'.repeat(id.length);
  return id.slice(0, 1) + '*'.repeat(id.length - 2) + id.slice(-1);
}

/** Masks whatever looks like a phone inside free text (an emergency contact's or a contact's value). */
export function maskContactValue(kind: string, value: string): string {
  if (kind === 'mobile' || kind === 'landline') return maskPhone(value) ?? '';
  if (kind === 'email') {
    const [user, domain] = value.split('@');
    if (!domain) return maskIdNumber(value) ?? '';
    return (user.length <= 1 ? '*' : user[0] + '***') + '@' + domain;
  }
  if (kind === 'wechat') return maskIdNumber(value) ?? '';
  return value;
}

/** Mobile and landline numbers typed into free text (请回电 13812345678). */
const phoneInText = /(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/g;

/** Free text with the phone numbers in it masked (a description, a note, a log line). */
export function maskNumbersInText(text: string): string;
export function maskNumbersInText(text: string | null): string | null;
export function maskNumbersInText(text: string | null): string | null {
  return text?.replace(phoneInText, (m) => maskPhone(m) ?? m) ?? null;
}
