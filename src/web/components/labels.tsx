import { Tag } from 'antd';
import type { OccupancyRelation, UnitState } from '../../shared/enums.ts';
import { useI18n } from '../i18n/index.tsx';

/** One palette for unit states: the grid, its legend, the tags and the overview chart agree. */
export const unitStateColors: Record<UnitState, { solid: string; bg: string; border: string; text: string; tag: string }> = {
  unsold: { solid: '#a3a3a3', bg: '#f5f5f5', border: '#d4d4d4', text: '#595959', tag: 'default' },
  vacant: { solid: '#4096ff', bg: '#e6f4ff', border: '#91caff', text: '#0958d9', tag: 'blue' },
  handed_over: { solid: '#9254de', bg: '#f9f0ff', border: '#d3adf7', text: '#531dab', tag: 'purple' },
  decorating: { solid: '#fa8c16', bg: '#fff7e6', border: '#ffd591', text: '#d46b08', tag: 'orange' },
  occupied: { solid: '#52c41a', bg: '#f6ffed', border: '#b7eb8f', text: '#389e0d', tag: 'green' },
  rented: { solid: '#13c2c2', bg: '#e6fffb', border: '#87e8de', text: '#08979c', tag: 'cyan' },
};

const relationColors: Record<OccupancyRelation, string> = {
  owner: 'gold',
  co_owner: 'gold',
  tenant: 'cyan',
  family: 'blue',
  occupant: 'default',
};

export function UnitStateTag({ state }: { state: UnitState }) {
  const { t } = useI18n();
  return (
    <Tag color={unitStateColors[state].tag} variant="filled" style={{ marginInlineEnd: 0 }}>
      {t(`unitState.${state}`)}
    </Tag>
  );
}

export function RelationTag({ relation }: { relation: OccupancyRelation }) {
  const { t } = useI18n();
  return (
    <Tag color={relationColors[relation]} style={{ marginInlineEnd: 4 }}>
      {t(`relation.${relation}`)}
    </Tag>
  );
}

/** Dates arrive as YYYY-MM-DD or ISO timestamps; shown as the desk writes them. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  // A timestamp is shown as the local day it fell on (a UTC slice would be the day before in the morning).
  if (value.length > 10 && value.includes('T')) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) {
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    }
  }
  return value.length >= 10 ? value.slice(0, 10) : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
