import Schema from '@rc-component/async-validator';
import type { Rule } from 'antd/es/form';
import { describe, expect, it } from 'vitest';
import { surveyAnswerInput } from '../../shared/engagement.ts';
import { phoneNumber, projectCreate, staffCreate } from '../../shared/schemas.ts';
import { feeItemCreate, materialInput, portalRating, portalTicketCreate } from '../../shared/tickets.ts';
import { portalLimits } from '../pages/portal/limits.ts';
import { maxLengthOf, rulesFrom } from './formRules.ts';

/** What antd's form says about a value under the rules: the first message, or null when it passes. */
async function check(rules: Rule[], value: unknown): Promise<string | null> {
  try {
    await new Schema({ field: rules as never }).validate({ field: value });
    return null;
  } catch (err) {
    return (err as { errors: { message: string }[] }).errors[0].message;
  }
}

describe('form rules from the request schemas', () => {
  it('refuses in the form what the server would refuse, and accepts what it accepts', async () => {
    const code = rulesFrom(projectCreate.shape.code, { required: 'required', pattern: 'letters only' });
    expect(await check(code, '')).toBe('required');
    expect(await check(code, '   ')).toBe('required');
    expect(await check(code, 'CH 1')).toBe('letters only');
    expect(await check(code, 'x'.repeat(33))).not.toBeNull();
    expect(await check(code, 'CH-1_b')).toBeNull();
    for (const v of ['', '   ', 'CH 1', 'x'.repeat(33), 'CH-1_b'])
      expect((await check(code, v)) === null, `"${v}"`).toBe(projectCreate.shape.code.safeParse(v).success);

    // Optional and nullable: empty passes, a wrong number does not.
    const phone = rulesFrom(phoneNumber.nullish(), { pattern: 'bad phone' });
    expect(await check(phone, undefined)).toBeNull();
    expect(await check(phone, '12345')).toBe('bad phone');
    expect(await check(phone, '13800138000')).toBeNull();
  });

  it('reads lengths, numeric ranges (also exclusive) and lists', async () => {
    expect(maxLengthOf(projectCreate.shape.name)).toBe(100);
    expect(maxLengthOf(projectCreate.shape.address)).toBe(200);
    expect(maxLengthOf(staffCreate.shape.password)).toBe(256);
    expect(await check(rulesFrom(staffCreate.shape.password), 'short')).not.toBeNull();
    expect(await check(rulesFrom(staffCreate.shape.password), undefined)).toBeNull();

    const price = rulesFrom(feeItemCreate.shape.price, { required: 'required' });
    expect(await check(price, undefined)).toBe('required');
    expect(await check(price, -1)).not.toBeNull();
    expect(await check(price, 1_000_001)).not.toBeNull();
    expect(await check(price, 0)).toBeNull();

    const qty = rulesFrom(materialInput.shape.quantity, { range: 'more than 0' });
    expect(await check(qty, 0)).toBe('more than 0');
    expect(await check(qty, 0.5)).toBeNull();

    const roles = rulesFrom(staffCreate.shape.roles, { required: 'pick a role' });
    expect(await check(roles, [])).toBe('pick a role');
    expect(await check(roles, ['frontdesk'])).toBeNull();
  });
});

describe('the portal’s zod-free limits', () => {
  it('are the limits of the server’s schemas', () => {
    const lengths = (field: { toJSONSchema(): { minLength?: number; maxLength?: number } }) => {
      const { minLength, maxLength } = field.toJSONSchema();
      return { ...(minLength !== undefined && minLength > 1 && { min: minLength }), max: maxLength };
    };
    expect(portalLimits).toEqual({
      description: lengths(portalTicketCreate.shape.description),
      ratingComment: lengths(portalRating.shape.comment.unwrap()),
      surveyText: lengths(surveyAnswerInput.shape.text.unwrap()),
    });
  });
});
