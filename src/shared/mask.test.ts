import { describe, expect, it } from 'vitest';
import { maskContactValue, maskIdNumber, maskPhone } from './mask.ts';

describe('masking of personal numbers', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0755-86001234')).toBe('075******1234');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('123')).toBe('***');
  });
  it('keeps only the first and last character of an ID number', () => {
    expect(maskIdNumber('44030519800101123X')).toBe('4****************X');
    expect(maskIdNumber('E1')).toBe('**');
  });
  it('masks contact values by kind and leaves addresses alone', () => {
    expect(maskContactValue('mobile', '13912345678')).toBe('139****5678');
    expect(maskContactValue('email', 'zhang@example.com')).toBe('z***@example.com');
    expect(maskContactValue('address', '3栋2单元1201')).toBe('3栋2单元1201');
  });
});
