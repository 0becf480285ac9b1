import { Select } from 'antd';
import { useState } from 'react';
import { useUnitSearch } from '../api/hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { useDebounced } from './useDebounced.ts';

/** A unit of the project, found by typing its code (GET /api/units?q=). For use inside Form.Item. */
export function UnitPicker({
  projectId,
  value,
  onChange,
  testId = 'unit-picker',
}: {
  projectId: number;
  value?: number;
  onChange?: (id: number | undefined) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const search = useUnitSearch(projectId, q);
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const options = (search.data ?? []).map((u) => ({ value: u.id, label: `${u.code} · ${u.buildingName}` }));
  if (picked && !options.some((o) => o.value === picked.value)) options.unshift(picked);

  return (
    <Select<number>
      value={value}
      onChange={(id, option) => {
        const chosen = Array.isArray(option) ? undefined : option;
        setPicked(chosen && typeof chosen.label === 'string' ? { value: id, label: chosen.label } : null);
        onChange?.(id);
      }}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      placeholder={t('customer.unitSearch')}
      notFoundContent={q && search.isFetched && !search.isFetching ? t('property.noMatch') : null}
      loading={search.isFetching}
      options={options}
      data-testid={testId}
    />
  );
}
