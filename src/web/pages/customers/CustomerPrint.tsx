import { archiveSections, entrySections, type CustomerArchive, type EntrySection } from '../../../shared/archive.ts';
import type { Customer } from '../../../shared/schemas.ts';
import { formatDate, formatDateTime } from '../../components/labels.tsx';
import { PrintArea } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The customer archive on A4 (客户档案表). Numbers are printed as they are on screen: masked, unless
 * this look was revealed (with its reason, audited) — paper is no way around the masking.
 */
export function CustomerPrint({
  customer: c,
  archive,
  phone,
  idNumber,
  contacts,
  emergency,
}: {
  customer: Customer;
  archive: CustomerArchive | undefined;
  phone: string | null;
  idNumber: string | null;
  contacts: Customer['contacts'];
  emergency: Customer['emergencyContacts'];
}) {
  const { t } = useI18n();
  const { me, project } = useStaff();
  const entries = (s: EntrySection) => archive?.entries.filter((e) => e.section === s) ?? [];
  return (
    <PrintArea name="customer-archive">
      <div className="gj-doc">
        <div className="gj-doc-company">{me.companyName}</div>
        <h1>{t('archive.printTitle')}</h1>
        <div className="gj-doc-meta">
          <span>{project?.name}</span>
          {archive && <span>{t('archive.printScore', { score: archive.completeness.score })}</span>}
        </div>
        <table>
          {/* The section names are long (二次装修工程档案): a wider first column than the forms' default. */}
          <colgroup>
            <col style={{ width: '36mm' }} />
            <col />
            <col style={{ width: '24mm' }} />
            <col />
          </colgroup>
          <tbody>
            <tr>
              <th>{t('customer.name')}</th>
              <td>{c.name}</td>
              <th>{t('customer.kind')}</th>
              <td>{t(`customerKind.${c.kind}`)}</td>
            </tr>
            <tr>
              <th>{t('customer.phone')}</th>
              <td data-testid="print-phone">{phone ?? '—'}</td>
              <th>{t('customer.idNumber')}</th>
              <td data-testid="print-id-number">{idNumber ?? '—'}</td>
            </tr>
            <tr>
              <th>{t('archive.section.contacts')}</th>
              <td colSpan={3} data-testid="print-contacts">
                {contacts.map((x) => `${t(`contactKind.${x.kind}`)} ${x.value}`).join('；') || '—'}
              </td>
            </tr>
            <tr>
              <th>{t('archive.section.emergency')}</th>
              <td colSpan={3}>{emergency.map((e) => `${e.name}${e.relation ? `（${e.relation}）` : ''} ${e.phone}`).join('；') || '—'}</td>
            </tr>
            <tr>
              <th>{t('customer.units')}</th>
              <td colSpan={3}>
                {c.units
                  .map(
                    (u) =>
                      `${u.unitCode} ${t(`relation.${u.relation}`)} ${formatDate(u.moveInDate)}${u.moveOutDate ? ` → ${formatDate(u.moveOutDate)}` : ''}`,
                  )
                  .join('；') || '—'}
              </td>
            </tr>
            {archiveSections
              .filter((s): s is EntrySection => (entrySections as readonly string[]).includes(s))
              .map((s) => (
                <tr key={s}>
                  <th>{t(`archive.section.${s}`)}</th>
                  <td colSpan={3}>
                    {entries(s)
                      .map((e) => `${e.date} ${e.title}${e.amount != null ? ` ${e.amount.toFixed(2)}` : ''}`)
                      .join('；') || '—'}
                  </td>
                </tr>
              ))}
            <tr>
              <th>{t('archive.section.repairs')}</th>
              <td colSpan={3}>
                {archive?.tickets
                  .filter((x) => x.type === 'repair')
                  .map((x) => x.number)
                  .join('、') || '—'}
              </td>
            </tr>
            <tr>
              <th>{t('archive.section.complaints')}</th>
              <td colSpan={3}>
                {archive?.tickets
                  .filter((x) => x.type === 'complaint')
                  .map((x) => x.number)
                  .join('、') || '—'}
              </td>
            </tr>
          </tbody>
        </table>
        <div className="gj-foot">
          <span>{t('workOrder.printedAt', { at: formatDateTime(new Date().toISOString()) })}</span>
        </div>
      </div>
    </PrintArea>
  );
}
