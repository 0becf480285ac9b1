import type { Department } from '../../../shared/schemas.ts';
import type { Locale, Translate } from '../../i18n/index.tsx';

/**
 * Departments are records with a Chinese name chosen by the office; in another language the label
 * of their kind says the same thing in words the reader can read.
 */
export function departmentLabel(d: Pick<Department, 'kind' | 'name'>, t: Translate, locale: Locale): string {
  return locale === 'zh-CN' ? d.name : t(`department.${d.kind}`);
}
