import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policies.ts';
import { contactWays, scoreCustomer, type CustomerFacts } from './completeness.ts';

const owner: CustomerFacts = {
  id: 1,
  name: '张三',
  kind: 'person',
  phone: '14012345678',
  hasIdNumber: true,
  hasOrganisationInfo: false,
  contactValues: ['14012345678', '0755-86001234', 'wx_zhang'],
  emergencyContacts: 1,
  moveInForms: 1,
  links: [{ unitId: 1, code: '1-1-101', buildingId: 1, relation: 'owner' }],
};
const policy = defaultPolicy.archive;

describe('资料完整率 of one customer', () => {
  it('gives a complete owner 100 and nothing missing', () => {
    expect(scoreCustomer(owner, policy)).toEqual({ score: 100, missing: [], contactWays: 3, requiredContactWays: 3 });
  });

  it('counts the same number entered twice as one way to be reached (seed 003: three ways)', () => {
    expect(contactWays(['140 1234 5678', '14012345678', 'WX_a', 'wx_a'])).toBe(2);
    const r = scoreCustomer({ ...owner, contactValues: ['14012345678', '140-1234-5678', 'wx_zhang'] }, policy);
    expect(r.missing).toEqual(['contactWays']);
    expect(r.score).toBe(70);
  });

  it('weighs the missing items by the policy', () => {
    const bare = { ...owner, contactValues: ['14012345678'], emergencyContacts: 0, moveInForms: 0, hasIdNumber: false };
    expect(scoreCustomer(bare, policy)).toMatchObject({
      score: 0,
      missing: ['contactWays', 'emergencyContact', 'moveInForm', 'idDocument'],
    });
    const weights = { ...policy.completenessWeights, contactWays: 0, emergencyContact: 50, moveInForm: 0, idDocument: 50 };
    expect(scoreCustomer({ ...bare, emergencyContacts: 1 }, { ...policy, completenessWeights: weights }).score).toBe(50);
  });

  it('asks a family member for one way to be reached and no move-in form; an organisation for its legal representative', () => {
    const family = {
      ...owner,
      contactValues: ['14012345678'],
      moveInForms: 0,
      links: [{ ...owner.links[0], relation: 'family' as const }],
    };
    expect(scoreCustomer(family, policy)).toMatchObject({ score: 100, requiredContactWays: 1 });
    const company = { ...owner, kind: 'organisation', emergencyContacts: 0, hasIdNumber: false, hasOrganisationInfo: false };
    expect(scoreCustomer(company, policy)).toMatchObject({ missing: ['organisationInfo'] });
  });

  it('lets a project ask for a different number of ways', () => {
    expect(scoreCustomer(owner, { ...policy, minContactWays: 4 }).missing).toEqual(['contactWays']);
  });
});
