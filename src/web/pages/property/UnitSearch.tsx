import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useUnitSearch } from '../../api/hooks.ts';
import { UnitStateTag } from '../../components/labels.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { useI18n } from '../../i18n/index.tsx';

/** Type a unit code, pick from the matches, land on the unit. */
export function UnitSearch({ width = 280 }: { width?: number | string }) {
  const { t } = useI18n();
  const { projectId } = useStaff();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const search = useUnitSearch(projectId, q);
  const options = q
    ? (search.data ?? []).map((u) => ({
        value: String(u.id),
        label: (
          <span data-testid={`unit-option-${u.code}`} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>
              <strong>{u.code}</strong> <span style={{ color: '#8c8c8c' }}>{u.buildingName}</span>
            </span>
            <UnitStateTag state={u.state} />
          </span>
        ),
      }))
    : [];

  return (
    <AutoComplete
      value={text}
      options={options}
      onSearch={setText}
      onSelect={(id: string) => {
        setText('');
        navigate(`/property/units/${id}?projectId=${projectId}`);
      }}
      notFoundContent={q && search.isFetched && !search.isFetching ? t('property.noMatch') : null}
      style={{ width }}
      popupMatchSelectWidth={Math.max(typeof width === 'number' ? width : 280, 280)}
    >
      <Input prefix={<SearchOutlined />} placeholder={t('property.searchUnit')} allowClear data-testid="unit-search" />
    </AutoComplete>
  );
}
