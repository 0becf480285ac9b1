/** The ticket's paper forms: 维修工作单 (work order) and 投诉答复函 (written reply), A4. */
import dayjs from 'dayjs';
import type { TicketView } from '../../api/desk.ts';
import { formatDate, formatDateTime } from '../../components/labels.tsx';
import { PrintArea } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { locationOf } from '../../components/ticketLabels.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { resolvedServices, serviceLineText } from './Timeline.tsx';

function dispatchedAt(ticket: TicketView): string | null {
  const e = [...ticket.events].reverse().find((x) => x.action === 'dispatch' || x.action === 'reassign');
  return e?.at ?? null;
}

export function WorkOrderDocument({ ticket, projectName, category }: { ticket: TicketView; projectName: string; category: string }) {
  const { t } = useI18n();
  const { me } = useStaff();
  const services = resolvedServices(ticket);
  const materials = ticket.materials ?? [];
  const materialRows = Math.max(3, materials.length);
  return (
    <PrintArea name="work-order">
      <div className="gj-doc" data-testid="work-order">
        <div className="gj-doc-company">{me.companyName}</div>
        <h1>{t('workOrder.title')}</h1>
        <div className="gj-doc-sub">{t('letter.sign', { project: projectName })}</div>
        <div className="gj-doc-meta">
          <span>
            {t('workOrder.number')}：<strong>{ticket.number}</strong>
          </span>
          <span>
            {t('workOrder.priority')}：{t(`priority.${ticket.priority}`)}
            {ticket.major ? ` · ${t('ticket.major')}` : ''}
          </span>
        </div>
        <table>
          <tbody>
            <tr>
              <th>{t('workOrder.receivedAt')}</th>
              <td>{formatDateTime(ticket.receivedAt)}</td>
              <th>{t('workOrder.dispatchedAt')}</th>
              <td>{formatDateTime(dispatchedAt(ticket))}</td>
            </tr>
            <tr>
              <th>{t('workOrder.location')}</th>
              <td>{locationOf(ticket)}</td>
              <th>{t('workOrder.category')}</th>
              <td>{category}</td>
            </tr>
            <tr>
              <th>{t('workOrder.contact')}</th>
              <td>
                {ticket.contactName ?? ticket.customerName ?? '—'} {ticket.contactPhone ?? ''}
              </td>
              <th>{t('workOrder.appointment')}</th>
              <td>{ticket.appointmentAt ? formatDateTime(ticket.appointmentAt) : ''}</td>
            </tr>
            <tr>
              <th>{t('workOrder.description')}</th>
              <td colSpan={3} style={{ height: '24mm' }}>
                {ticket.description}
              </td>
            </tr>
            <tr>
              <th>{t('workOrder.assignee')}</th>
              <td>{ticket.assigneeName ?? ''}</td>
              <th>{t('workOrder.arrival')}</th>
              <td />
            </tr>
            <tr>
              <th>{t('workOrder.workDone')}</th>
              <td colSpan={3} className="gj-lines" style={{ height: '38mm' }}>
                {ticket.resolution ?? ''}
              </td>
            </tr>
          </tbody>
        </table>
        <table style={{ marginTop: -1 }}>
          <tbody>
            <tr>
              <th rowSpan={materialRows + 1}>{t('workOrder.materials')}</th>
              <th style={{ width: 'auto', textAlign: 'center' }}>{t('workOrder.materialName')}</th>
              <th style={{ width: '24mm', textAlign: 'center' }}>{t('workOrder.quantity')}</th>
              <th style={{ width: '24mm', textAlign: 'center' }}>{t('resolve.unit')}</th>
            </tr>
            {Array.from({ length: materialRows }, (_, i) => (
              <tr key={i} style={{ height: '8mm' }}>
                <td>{materials[i]?.name ?? ''}</td>
                <td style={{ textAlign: 'center' }}>{materials[i]?.quantity ?? ''}</td>
                <td style={{ textAlign: 'center' }}>{materials[i]?.unit ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table style={{ marginTop: -1 }}>
          <tbody>
            <tr>
              <th>{t('workOrder.charge')}</th>
              <td>
                {ticket.charge !== null ? `${ticket.charge.toFixed(2)} ${t('workOrder.yuan')}` : `______ ${t('workOrder.yuan')}`}
                {services.length > 0 && <div style={{ fontSize: '9pt' }}>{services.map((l) => serviceLineText(l)).join('；')}</div>}
              </td>
              <th>{t('workOrder.finish')}</th>
              <td>{ticket.resolvedAt ? formatDateTime(ticket.resolvedAt) : ''}</td>
            </tr>
            <tr>
              <th>{t('workOrder.residentOpinion')}</th>
              <td colSpan={3} style={{ height: '16mm' }}>
                <span style={{ display: 'inline-flex', gap: '8mm' }}>
                  <span>□ {t('satisfaction.satisfied')}</span>
                  <span>□ {t('satisfaction.basically_satisfied')}</span>
                  <span>□ {t('satisfaction.dissatisfied')}</span>
                </span>
              </td>
            </tr>
            <tr>
              <th>{t('workOrder.techSign')}</th>
              <td style={{ height: '16mm' }} />
              <th>{t('workOrder.residentSign')}</th>
              <td />
            </tr>
          </tbody>
        </table>
        <div className="gj-foot">
          <span>{t('workOrder.printedAt', { at: formatDateTime(new Date().toISOString()) })}</span>
          <span>{projectName}</span>
        </div>
      </div>
    </PrintArea>
  );
}

export function ReplyLetterDocument({ ticket, projectName, text }: { ticket: TicketView; projectName: string; text: string }) {
  const { t } = useI18n();
  const { me } = useStaff();
  const name = ticket.customerName ?? ticket.contactName ?? t('letter.resident');
  return (
    <PrintArea name="reply-letter">
      <div className="gj-doc gj-letter" data-testid="reply-letter">
        <div className="gj-doc-company">{me.companyName}</div>
        <h1>{t('letter.title')}</h1>
        <div className="gj-doc-sub">{t('letter.ref', { date: formatDate(ticket.receivedAt), number: ticket.number })}</div>
        <div style={{ marginBottom: '4mm' }}>
          {t('letter.dear', { name })}
          {ticket.unitCode ? `（${ticket.unitCode}）` : ''}
        </div>
        {text
          .split(/\n+/)
          .filter((p) => p.trim())
          .map((p, i) => (
            <p key={i}>{p.trim()}</p>
          ))}
        <div className="gj-sign">
          <div>{me.companyName}</div>
          <div>{t('letter.sign', { project: projectName })}</div>
          <div>{dayjs().format('YYYY-MM-DD')}</div>
        </div>
      </div>
    </PrintArea>
  );
}
