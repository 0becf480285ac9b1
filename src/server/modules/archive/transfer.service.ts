/**
 * Excel in and out of a project's property and customers (SPEC §2): buildings, units, customers and
 * their links to units (入住关系), one sheet each, headed in Chinese. An import validates every row
 * of every sheet first and reports each problem by sheet, row and column; only a clean file is
 * written, in one transaction — nothing is half-imported.
 */
import ExcelJS from 'exceljs';
import type { BuildingKind, CustomerKind, Gender, IdType, OccupancyRelation, UnitState, UnitUse } from '../../../shared/enums.ts';
import type { ImportResult } from '../../../shared/archive.ts';
import { maskContactValue, maskIdNumber, maskPhone } from '../../../shared/mask.ts';
import { dateText, phoneNumber } from '../../../shared/schemas.ts';
import { insertChunks, insertPlain } from '../../db/bulk.ts';
import type { Executor } from '../../db/database.ts';
import type { NewRow } from '../../db/types.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { assertProjectAccess, requirePermission } from '../../platform/permissions.ts';
import { getPolicy } from '../policies/policies.service.ts';
import { unitCode } from '../property/property.service.ts';
import { attachmentHeader, buildWorkbook, type CellValue, type SheetSpec } from '../../platform/xlsx.ts';

// ---------- the file format ----------

/** Chinese labels of the closed lists; a cell may hold the label or the code. */
const labels = {
  buildingKind: { highrise: '高层', lowrise: '多层', villa: '别墅', office: '写字楼', commercial: '商业楼' } satisfies Record<
    BuildingKind,
    string
  >,
  unitUse: { residential: '住宅', commercial: '商业', office: '办公' } satisfies Record<UnitUse, string>,
  unitState: {
    unsold: '未售',
    vacant: '空置',
    handed_over: '已交房',
    decorating: '装修中',
    occupied: '已入住',
    rented: '出租',
  } satisfies Record<UnitState, string>,
  relation: { owner: '业主', co_owner: '共有人', tenant: '租户', family: '家庭成员', occupant: '居住人' } satisfies Record<
    OccupancyRelation,
    string
  >,
  customerKind: { person: '个人', organisation: '单位' } satisfies Record<CustomerKind, string>,
  gender: { male: '男', female: '女' } satisfies Record<Gender, string>,
  idType: {
    id_card: '居民身份证',
    passport: '护照',
    hk_macao_pass: '港澳居民来往内地通行证',
    taiwan_pass: '台湾居民来往大陆通行证',
    business_license: '营业执照',
    other: '其他证件',
  } satisfies Record<IdType, string>,
} satisfies Record<string, Record<string, string>>;

type LabelList = keyof typeof labels;

interface Column {
  header: string;
  width: number;
  required?: boolean;
  /** Explanation for the 填写说明 sheet. */
  note: string;
}

export const sheets = {
  buildings: {
    name: '楼栋',
    columns: {
      code: { header: '楼栋编号', width: 12, required: true, note: '项目内唯一，如 1、A、T2' },
      name: { header: '楼栋名称', width: 16, required: true, note: '如 1栋' },
      kind: { header: '楼栋类型', width: 12, required: true, note: Object.values(labels.buildingKind).join(' / ') },
      floors: { header: '楼层数', width: 10, required: true, note: '1–200 的整数' },
      entrances: { header: '单元', width: 14, note: '单元编号，多个用逗号分隔，如 1,2' },
    },
  },
  units: {
    name: '房屋',
    columns: {
      building: { header: '楼栋编号', width: 12, required: true, note: '本文件「楼栋」表或系统中已有的楼栋' },
      entrance: { header: '单元', width: 8, note: '该楼栋的单元编号，可空' },
      floor: { header: '楼层', width: 8, required: true, note: '整数，不高于楼层数' },
      number: { header: '房号', width: 10, required: true, note: '如 1201；同一楼栋同一单元内唯一' },
      area: { header: '建筑面积(m²)', width: 14, required: true, note: '大于 0 的数字' },
      use: { header: '用途', width: 10, required: true, note: Object.values(labels.unitUse).join(' / ') },
      state: { header: '状态', width: 10, note: `${Object.values(labels.unitState).join(' / ')}；空为空置` },
    },
  },
  customers: {
    name: '客户',
    columns: {
      key: { header: '客户编号', width: 12, required: true, note: '本文件内唯一，用于「入住关系」表，如 C0001' },
      kind: { header: '客户类型', width: 10, note: `${Object.values(labels.customerKind).join(' / ')}；空为个人` },
      name: { header: '姓名/名称', width: 18, required: true, note: '个人姓名或单位名称' },
      gender: { header: '性别', width: 6, note: '男 / 女' },
      phone: { header: '手机', width: 16, note: '11 位手机号或带区号的固定电话' },
      idType: { header: '证件类型', width: 14, note: Object.values(labels.idType).join(' / ') },
      idNumber: { header: '证件号码', width: 22, note: '居民身份证为 18 位' },
      landline: { header: '固定电话', width: 16, note: '第二种联系方式' },
      wechat: { header: '微信', width: 14, note: '第三种联系方式' },
      email: { header: '电子邮箱', width: 22, note: '' },
      address: { header: '通讯地址', width: 28, note: '' },
      legalRep: { header: '法定代表人', width: 12, note: '单位客户' },
      contactPerson: { header: '单位联系人', width: 12, note: '单位客户' },
      emergencyName: { header: '紧急联系人', width: 12, note: '' },
      emergencyRelation: { header: '紧急联系人关系', width: 14, note: '' },
      emergencyPhone: { header: '紧急联系人电话', width: 16, note: '填写紧急联系人时必填' },
      notes: { header: '备注', width: 24, note: '' },
    },
  },
  occupancies: {
    name: '入住关系',
    columns: {
      customer: { header: '客户编号', width: 12, required: true, note: '「客户」表中的客户编号' },
      building: { header: '楼栋编号', width: 12, required: true, note: '' },
      entrance: { header: '单元', width: 8, note: '' },
      number: { header: '房号', width: 10, required: true, note: '本文件「房屋」表或系统中已有的房屋' },
      relation: { header: '关系', width: 10, required: true, note: Object.values(labels.relation).join(' / ') },
      moveIn: { header: '入住日期', width: 12, note: 'YYYY-MM-DD' },
      moveOut: { header: '迁出日期', width: 12, note: 'YYYY-MM-DD，不早于入住日期' },
    },
  },
} satisfies Record<string, { name: string; columns: Record<string, Column> }>;

type SheetKey = keyof typeof sheets;
type ColumnsOf<S extends SheetKey> = keyof (typeof sheets)[S]['columns'];
type Cells<S extends SheetKey> = Record<ColumnsOf<S>, string>;

function columnList(key: SheetKey): [string, Column][] {
  return Object.entries(sheets[key].columns) as [string, Column][];
}

function specOf(key: SheetKey, rows: CellValue[][]): SheetSpec {
  return { name: sheets[key].name, columns: columnList(key).map(([, c]) => ({ header: c.header, width: c.width })), rows };
}

/** The empty workbook to fill in, with a sheet that explains every column. */
export async function importTemplate(ctx: ServiceContext) {
  requirePermission(ctx, 'archive.import');
  const help: CellValue[][] = [];
  for (const key of Object.keys(sheets) as SheetKey[]) {
    for (const [, c] of columnList(key)) help.push([sheets[key].name, c.header, c.required ? '必填' : '', c.note]);
  }
  const buffer = await buildWorkbook([
    specOf('buildings', []),
    specOf('units', []),
    specOf('customers', []),
    specOf('occupancies', []),
    {
      name: '填写说明',
      title: '导入说明：第 1 行为表头，从第 2 行起每行一条；整个文件校验通过后才会一次性导入，有任何错误则不导入任何数据。',
      columns: [
        { header: '工作表', width: 12 },
        { header: '列', width: 16 },
        { header: '必填', width: 8 },
        { header: '说明', width: 60 },
      ],
      rows: help,
    },
  ]);
  return { buffer, contentDisposition: attachmentHeader('客户档案导入模板.xlsx', 'archive-import-template.xlsx') };
}

// ---------- reading ----------

interface SheetRow<S extends SheetKey> {
  row: number;
  cells: Cells<S>;
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}

/** Whatever Excel stored in a cell, as trimmed text (dates as YYYY-MM-DD). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

class Problems {
  readonly list: FieldError[] = [];
  count = 0;
  add(sheet: SheetKey, row: number, column: string, message: string) {
    this.count += 1;
    // The report lists the first 1,000; the count says how many there are.
    if (this.list.length < 1000)
      this.list.push({ path: `${sheets[sheet].name}[${row}].${column}`, message: `第${row}行「${column}」：${message}` });
  }
}

/**
 * Reads the sheets named like the template's, mapping columns by their header text (order and extra
 * columns do not matter). The whole workbook is loaded in memory: exceljs 4.4's streaming reader
 * garbles Chinese characters that straddle a decompression chunk (个人 → ���人 every few thousand
 * rows), and a 100,000-household file loads in about 11 s.
 */
async function readWorkbook(data: Buffer, problems: Problems) {
  const found: { [S in SheetKey]: SheetRow<S>[] } = { buildings: [], units: [], customers: [], occupancies: [] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', 'is not an Excel workbook (.xlsx)');
  }
  let seen = 0;
  for (const key of Object.keys(sheets) as SheetKey[]) {
    const worksheet = workbook.getWorksheet(sheets[key].name);
    if (!worksheet) continue;
    seen += 1;
    const columns = columnList(key);
    let positions: (string | null)[] = [];
    worksheet.eachRow((row, number) => {
      const values = row.values as ExcelJS.CellValue[];
      if (number === 1) {
        const headers = Array.from(values, (v) => cellText(v));
        positions = headers.map((h) => columns.find(([, c]) => c.header === h)?.[0] ?? null);
        for (const [, c] of columns)
          if (c.required && !headers.includes(c.header)) problems.add(key, 1, c.header, '缺少此列（请使用下载的模板）');
        return;
      }
      const cells = Object.fromEntries(columns.map(([k]) => [k, ''])) as Record<string, string>;
      let any = false;
      for (let i = 1; i < values.length; i++) {
        const k = positions[i];
        if (!k) continue;
        const text = cellText(values[i]);
        if (text) any = true;
        cells[k] = text;
      }
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      if (any) (found[key] as SheetRow<any>[]).push({ row: number, cells });
    });
  }
  if (seen === 0)
    throw invalid(
      'file',
      `has none of the sheets ${Object.values(sheets)
        .map((s) => s.name)
        .join(', ')}`,
    );
  return found;
}

// ---------- validation ----------

function parseLabel<L extends LabelList>(list: L, text: string): keyof (typeof labels)[L] | null {
  const entries = Object.entries(labels[list]) as [keyof (typeof labels)[L], string][];
  const hit = entries.find(([code, label]) => label === text || code === text);
  return hit ? hit[0] : null;
}

const isPhone = (text: string) => phoneNumber.safeParse(text).success;
const validDate = (text: string) => dateText.safeParse(text).success;

interface Plan {
  buildings: { row: number; code: string; name: string; kind: string; floors: number; entrances: string[] }[];
  units: {
    row: number;
    buildingCode: string;
    entrance: string | null;
    floor: number;
    number: string;
    code: string;
    area: number;
    use: string;
    state: string;
  }[];
  customers: {
    row: number;
    key: string;
    values: Omit<NewRow<'customers'>, 'company_id' | 'project_id' | 'created_at' | 'updated_at'>;
    contacts: { kind: string; value: string; label: string }[];
    emergency: { name: string; relation: string | null; phone: string } | null;
  }[];
  occupancies: { customerKey: string; unitCode: string; relation: OccupancyRelation; moveIn: string | null; moveOut: string | null }[];
}

async function validate(
  db: Executor,
  projectId: number,
  file: Awaited<ReturnType<typeof readWorkbook>>,
  problems: Problems,
): Promise<Plan> {
  const B = sheets.buildings.columns;
  const U = sheets.units.columns;
  const C = sheets.customers.columns;
  const O = sheets.occupancies.columns;
  const [existingBuildings, existingEntrances, existingUnits] = await Promise.all([
    db.selectFrom('buildings').select(['id', 'code', 'floors']).where('project_id', '=', projectId).execute(),
    db.selectFrom('entrances').select(['building_id', 'code']).where('project_id', '=', projectId).execute(),
    db.selectFrom('units').select(['id', 'code']).where('project_id', '=', projectId).execute(),
  ]);
  const plan: Plan = { buildings: [], units: [], customers: [], occupancies: [] };

  // Buildings: code → floors and entrance codes, from the database and from the file.
  const buildingIdToCode = new Map(existingBuildings.map((b) => [b.id, b.code]));
  const buildings = new Map(existingBuildings.map((b) => [b.code, { floors: b.floors, entrances: new Set<string>() }]));
  for (const e of existingEntrances) buildings.get(buildingIdToCode.get(e.building_id)!)?.entrances.add(e.code);
  for (const { row, cells } of file.buildings) {
    const before = problems.count;
    const req = (k: keyof typeof B) => {
      if (!cells[k]) problems.add('buildings', row, B[k].header, '必填');
      return cells[k];
    };
    const code = req('code');
    const name = req('name');
    if (code.length > 20) problems.add('buildings', row, B.code.header, '不超过 20 个字符');
    else if (code && buildings.has(code)) problems.add('buildings', row, B.code.header, `楼栋 ${code} 已存在`);
    if (name.length > 50) problems.add('buildings', row, B.name.header, '不超过 50 个字符');
    const kind = req('kind') ? parseLabel('buildingKind', cells.kind) : null;
    if (cells.kind && !kind) problems.add('buildings', row, B.kind.header, `应为 ${Object.values(labels.buildingKind).join('/')}`);
    const floors = Number(req('floors'));
    if (cells.floors && !(Number.isInteger(floors) && floors >= 1 && floors <= 200))
      problems.add('buildings', row, B.floors.header, '应为 1–200 的整数');
    const entrances = [...new Set(cells.entrances.split(/[,，、\s]+/).filter(Boolean))];
    if (entrances.some((e) => e.length > 20)) problems.add('buildings', row, B.entrances.header, '单元编号不超过 20 个字符');
    if (problems.count === before) {
      buildings.set(code, { floors, entrances: new Set(entrances) });
      plan.buildings.push({ row, code, name, kind: kind as string, floors, entrances });
    }
  }

  // Units.
  const unitCodes = new Set(existingUnits.map((u) => u.code));
  for (const { row, cells } of file.units) {
    const before = problems.count;
    const req = (k: keyof typeof U) => {
      if (!cells[k]) problems.add('units', row, U[k].header, '必填');
      return cells[k];
    };
    const buildingCode = req('building');
    const building = buildingCode ? buildings.get(buildingCode) : undefined;
    if (buildingCode && !building) problems.add('units', row, U.building.header, `楼栋 ${buildingCode} 不存在`);
    const entrance = cells.entrance || null;
    if (entrance && building && !building.entrances.has(entrance))
      problems.add('units', row, U.entrance.header, `楼栋 ${buildingCode} 没有 ${entrance} 单元`);
    const floor = Number(req('floor'));
    if (cells.floor && !(Number.isInteger(floor) && floor >= -10 && floor <= 200)) problems.add('units', row, U.floor.header, '应为整数');
    else if (cells.floor && building && floor > building.floors)
      problems.add('units', row, U.floor.header, `高于楼栋的 ${building.floors} 层`);
    const number = req('number');
    if (number.length > 20) problems.add('units', row, U.number.header, '不超过 20 个字符');
    const area = Number(req('area'));
    if (cells.area && !(Number.isFinite(area) && area > 0 && area <= 100000))
      problems.add('units', row, U.area.header, '应为大于 0 的数字');
    const use = req('use') ? parseLabel('unitUse', cells.use) : null;
    if (cells.use && !use) problems.add('units', row, U.use.header, `应为 ${Object.values(labels.unitUse).join('/')}`);
    const state = cells.state ? parseLabel('unitState', cells.state) : 'vacant';
    if (!state) problems.add('units', row, U.state.header, `应为 ${Object.values(labels.unitState).join('/')}`);
    const code = unitCode(buildingCode, entrance, number);
    if (problems.count === before && unitCodes.has(code)) problems.add('units', row, U.number.header, `房屋 ${code} 已存在`);
    if (problems.count === before) {
      unitCodes.add(code);
      plan.units.push({ row, buildingCode, entrance, floor, number, code, area, use: use as string, state: state as string });
    }
  }

  // Customers.
  const customerKeys = new Set<string>();
  for (const { row, cells } of file.customers) {
    const before = problems.count;
    const key = cells.key;
    if (!key) problems.add('customers', row, C.key.header, '必填');
    else if (customerKeys.has(key)) problems.add('customers', row, C.key.header, `客户编号 ${key} 重复`);
    if (!cells.name) problems.add('customers', row, C.name.header, '必填');
    else if (cells.name.length > 100) problems.add('customers', row, C.name.header, '不超过 100 个字符');
    const kind = cells.kind ? parseLabel('customerKind', cells.kind) : 'person';
    if (!kind) problems.add('customers', row, C.kind.header, '应为 个人/单位');
    const gender = cells.gender ? parseLabel('gender', cells.gender) : null;
    if (cells.gender && !gender) problems.add('customers', row, C.gender.header, '应为 男/女');
    if (cells.phone && !isPhone(cells.phone)) problems.add('customers', row, C.phone.header, '不是有效的手机号或固定电话');
    if (cells.landline && !isPhone(cells.landline)) problems.add('customers', row, C.landline.header, '不是有效的电话号码');
    if (cells.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(cells.email))
      problems.add('customers', row, C.email.header, '不是有效的电子邮箱');
    // Without a type, a number is a resident ID card — or, for an organisation, its business licence (统一社会信用代码).
    const idType = cells.idType
      ? parseLabel('idType', cells.idType)
      : cells.idNumber
        ? kind === 'organisation'
          ? 'business_license'
          : 'id_card'
        : null;
    if (cells.idType && !idType) problems.add('customers', row, C.idType.header, `应为 ${Object.values(labels.idType).join('/')}`);
    if (idType === 'id_card' && cells.idNumber && !/^\d{17}[\dXx]$/.test(cells.idNumber))
      problems.add('customers', row, C.idNumber.header, '居民身份证号码应为 18 位');
    if (cells.idNumber.length > 40) problems.add('customers', row, C.idNumber.header, '不超过 40 个字符');
    const hasEmergency = !!(cells.emergencyName || cells.emergencyPhone || cells.emergencyRelation);
    if (hasEmergency && !cells.emergencyName) problems.add('customers', row, C.emergencyName.header, '填写紧急联系人电话时必填');
    if (hasEmergency && !cells.emergencyPhone) problems.add('customers', row, C.emergencyPhone.header, '填写紧急联系人时必填');
    else if (cells.emergencyPhone && !isPhone(cells.emergencyPhone))
      problems.add('customers', row, C.emergencyPhone.header, '不是有效的电话号码');
    for (const k of ['wechat', 'address', 'legalRep', 'contactPerson', 'emergencyName', 'emergencyRelation', 'notes'] as const)
      if (cells[k].length > (k === 'notes' || k === 'address' ? 500 : 100)) problems.add('customers', row, C[k].header, '内容过长');
    if (key) customerKeys.add(key);
    if (problems.count === before) {
      const contacts: Plan['customers'][number]['contacts'] = [];
      if (cells.phone) contacts.push({ kind: cells.phone.startsWith('1') ? 'mobile' : 'landline', value: cells.phone, label: '本人手机' });
      if (cells.landline) contacts.push({ kind: 'landline', value: cells.landline, label: '固定电话' });
      if (cells.wechat) contacts.push({ kind: 'wechat', value: cells.wechat, label: '微信' });
      if (cells.email) contacts.push({ kind: 'email', value: cells.email, label: '邮箱' });
      if (cells.address) contacts.push({ kind: 'address', value: cells.address, label: '通讯地址' });
      plan.customers.push({
        row,
        key,
        values: {
          kind: kind as string,
          name: cells.name,
          gender: (gender as string | null) ?? null,
          phone: cells.phone || null,
          id_type: (idType as string | null) ?? null,
          id_number: cells.idNumber ? cells.idNumber.toUpperCase() : null,
          org_legal_rep: cells.legalRep || null,
          org_contact_person: cells.contactPerson || null,
          notes: cells.notes || null,
        },
        contacts,
        emergency: cells.emergencyName
          ? { name: cells.emergencyName, relation: cells.emergencyRelation || null, phone: cells.emergencyPhone }
          : null,
      });
    }
  }

  // Links.
  const linked = new Set<string>();
  for (const { row, cells } of file.occupancies) {
    const before = problems.count;
    if (!cells.customer) problems.add('occupancies', row, O.customer.header, '必填');
    else if (!customerKeys.has(cells.customer))
      problems.add('occupancies', row, O.customer.header, `「客户」表中没有客户编号 ${cells.customer}`);
    if (!cells.building) problems.add('occupancies', row, O.building.header, '必填');
    if (!cells.number) problems.add('occupancies', row, O.number.header, '必填');
    const code = unitCode(cells.building, cells.entrance || null, cells.number);
    if (cells.building && cells.number && !unitCodes.has(code)) problems.add('occupancies', row, O.number.header, `房屋 ${code} 不存在`);
    const relation = cells.relation ? parseLabel('relation', cells.relation) : null;
    if (!cells.relation) problems.add('occupancies', row, O.relation.header, '必填');
    else if (!relation) problems.add('occupancies', row, O.relation.header, `应为 ${Object.values(labels.relation).join('/')}`);
    if (cells.moveIn && !validDate(cells.moveIn)) problems.add('occupancies', row, O.moveIn.header, '应为日期 YYYY-MM-DD');
    if (cells.moveOut && !validDate(cells.moveOut)) problems.add('occupancies', row, O.moveOut.header, '应为日期 YYYY-MM-DD');
    else if (cells.moveOut && cells.moveIn && cells.moveOut < cells.moveIn)
      problems.add('occupancies', row, O.moveOut.header, '不能早于入住日期');
    const pair = `${cells.customer}\u0000${code}`;
    if (problems.count === before && !cells.moveOut && linked.has(pair))
      problems.add('occupancies', row, O.number.header, '该客户与该房屋的关系重复');
    if (problems.count === before) {
      if (!cells.moveOut) linked.add(pair);
      plan.occupancies.push({
        customerKey: cells.customer,
        unitCode: code,
        relation: relation as OccupancyRelation,
        moveIn: cells.moveIn || null,
        moveOut: cells.moveOut || null,
      });
    }
  }
  return plan;
}

// ---------- import ----------

async function projectOf(ctx: ServiceContext, projectId: number) {
  const project = await ctx.db
    .selectFrom('projects')
    .select(['id', 'company_id', 'name', 'code'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project || project.company_id !== ctx.actor.companyId) throw notFound('Project');
  return project;
}

/**
 * Whether the caller may import into the project, and the largest workbook the project's policy
 * accepts: checked before the upload is read.
 */
export async function admitImport(ctx: ServiceContext, projectId: number): Promise<number> {
  const actor = requirePermission(ctx, 'archive.import');
  assertProjectAccess(actor, projectId);
  return (await getPolicy(ctx.db, actor.companyId, projectId)).archive.importMaxBytes;
}

/**
 * Validates the whole workbook, then (unless dryRun) writes it in one transaction. Any problem
 * anywhere → 400 VALIDATION_FAILED listing every problem as 「sheet[row].column」 and nothing is written.
 */
export async function importWorkbook(
  ctx: ServiceContext,
  projectId: number,
  data: Buffer,
  options: { dryRun: boolean },
): Promise<ImportResult> {
  const maxBytes = await admitImport(ctx, projectId);
  const project = await projectOf(ctx, projectId);
  if (data.length > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'file: the workbook is too large', [
      { path: 'file', message: `is larger than ${maxBytes} bytes` },
    ]);
  const problems = new Problems();
  const file = await readWorkbook(data, problems);
  const plan = await validate(ctx.db, projectId, file, problems);
  if (problems.count > 0) {
    throw new AppError('VALIDATION_FAILED', `${problems.count} problem(s) in the workbook; nothing was imported`, problems.list);
  }
  const result: ImportResult = {
    dryRun: options.dryRun,
    buildings: plan.buildings.length,
    entrances: plan.buildings.reduce((n, b) => n + b.entrances.length, 0),
    units: plan.units.length,
    customers: plan.customers.length,
    occupancies: plan.occupancies.length,
    contacts: plan.customers.reduce((n, c) => n + c.contacts.length, 0),
    emergencyContacts: plan.customers.filter((c) => c.emergency).length,
  };
  if (options.dryRun) return result;

  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const newBuildingIds = await insertChunks(
      trx,
      'buildings',
      plan.buildings.map((b) => ({ project_id: projectId, code: b.code, name: b.name, kind: b.kind, floors: b.floors, created_at: now })),
    );
    const entranceRows = plan.buildings.flatMap((b, i) =>
      b.entrances.map((code) => ({ project_id: projectId, building_id: newBuildingIds[i], code, name: `${code}单元` })),
    );
    await insertPlain(trx, 'entrances', entranceRows);
    const [buildings, entrances] = await Promise.all([
      trx.selectFrom('buildings').select(['id', 'code']).where('project_id', '=', projectId).execute(),
      trx.selectFrom('entrances').select(['id', 'building_id', 'code']).where('project_id', '=', projectId).execute(),
    ]);
    const buildingId = new Map(buildings.map((b) => [b.code, b.id]));
    const entranceId = new Map(entrances.map((e) => [`${e.building_id}\u0000${e.code}`, e.id]));
    const unitIds = await insertChunks(
      trx,
      'units',
      plan.units.map((u) => {
        const b = buildingId.get(u.buildingCode)!;
        return {
          project_id: projectId,
          building_id: b,
          entrance_id: u.entrance ? entranceId.get(`${b}\u0000${u.entrance}`)! : null,
          floor: u.floor,
          number: u.number,
          code: u.code,
          area_m2: u.area,
          use: u.use,
          state: u.state,
          created_at: now,
          updated_at: now,
        };
      }),
    );
    const unitId = new Map(plan.units.map((u, i) => [u.code, unitIds[i]]));
    const missingCodes = [...new Set(plan.occupancies.map((o) => o.unitCode).filter((c) => !unitId.has(c)))];
    for (let i = 0; i < missingCodes.length; i += 500) {
      const rows = await trx
        .selectFrom('units')
        .select(['id', 'code'])
        .where('project_id', '=', projectId)
        .where('code', 'in', missingCodes.slice(i, i + 500))
        .execute();
      for (const r of rows) unitId.set(r.code, r.id);
    }
    const customerIds = await insertChunks(
      trx,
      'customers',
      plan.customers.map((c) => ({ ...c.values, company_id: project.company_id, project_id: projectId, created_at: now, updated_at: now })),
    );
    const customerId = new Map(plan.customers.map((c, i) => [c.key, customerIds[i]]));
    await insertPlain(
      trx,
      'customer_contacts',
      plan.customers.flatMap((c, i) =>
        c.contacts.map((ct) => ({ customer_id: customerIds[i], kind: ct.kind, value: ct.value, label: ct.label })),
      ),
    );
    await insertPlain(
      trx,
      'emergency_contacts',
      plan.customers.flatMap((c, i) => (c.emergency ? [{ customer_id: customerIds[i], ...c.emergency }] : [])),
    );
    await insertPlain(
      trx,
      'occupancies',
      plan.occupancies.map((o) => ({
        project_id: projectId,
        unit_id: unitId.get(o.unitCode)!,
        customer_id: customerId.get(o.customerKey)!,
        relation: o.relation,
        move_in_date: o.moveIn,
        move_out_date: o.moveOut,
        created_at: now,
      })),
    );
    // One audit entry for the whole file: what was imported, not 100,000 copies of residents' numbers.
    await writeAudit(trx, ctx, { action: 'import', entity: 'archive_import', entityId: project.code, projectId, after: result });
  });
  return result;
}

// ---------- export ----------

/**
 * The project's buildings, units, customers and links in the import format. Numbers are masked
 * unless the caller may reveal them and asks to with a reason; that export is audited as a reveal.
 */
export async function exportWorkbook(ctx: ServiceContext, query: { projectId: number; reveal: boolean; reason?: string }) {
  const actor = requirePermission(ctx, 'archive.export');
  assertProjectAccess(actor, query.projectId);
  const project = await projectOf(ctx, query.projectId);
  if (query.reveal) {
    requirePermission(ctx, 'customer.reveal');
    if (!query.reason) throw invalid('reason', 'is required to export full numbers');
  }
  const reveal = query.reveal;
  const projectId = query.projectId;
  const [buildings, entrances, units, customers, contacts, emergency, links] = await Promise.all([
    ctx.db.selectFrom('buildings').selectAll().where('project_id', '=', projectId).orderBy('id').execute(),
    ctx.db.selectFrom('entrances').select(['building_id', 'code']).where('project_id', '=', projectId).orderBy('id').execute(),
    ctx.db
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .leftJoin('entrances', 'entrances.id', 'units.entrance_id')
      .select([
        'units.floor',
        'units.number',
        'units.area_m2',
        'units.use',
        'units.state',
        'buildings.code as building_code',
        'entrances.code as entrance_code',
      ])
      .where('units.project_id', '=', projectId)
      .orderBy('units.id')
      .execute(),
    ctx.db.selectFrom('customers').selectAll().where('project_id', '=', projectId).orderBy('id').execute(),
    ctx.db
      .selectFrom('customer_contacts')
      .innerJoin('customers', 'customers.id', 'customer_contacts.customer_id')
      .select(['customer_contacts.customer_id', 'customer_contacts.kind', 'customer_contacts.value'])
      .where('customers.project_id', '=', projectId)
      .orderBy('customer_contacts.id')
      .execute(),
    ctx.db
      .selectFrom('emergency_contacts')
      .innerJoin('customers', 'customers.id', 'emergency_contacts.customer_id')
      .select(['emergency_contacts.customer_id', 'emergency_contacts.name', 'emergency_contacts.relation', 'emergency_contacts.phone'])
      .where('customers.project_id', '=', projectId)
      .orderBy('emergency_contacts.id')
      .execute(),
    ctx.db
      .selectFrom('occupancies')
      .innerJoin('units', 'units.id', 'occupancies.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .leftJoin('entrances', 'entrances.id', 'units.entrance_id')
      .select([
        'occupancies.customer_id',
        'occupancies.relation',
        'occupancies.move_in_date',
        'occupancies.move_out_date',
        'units.number',
        'buildings.code as building_code',
        'entrances.code as entrance_code',
      ])
      .where('occupancies.project_id', '=', projectId)
      .orderBy('occupancies.id')
      .execute(),
  ]);
  const phone = (v: string | null) => (reveal ? v : maskPhone(v));
  const label = <L extends LabelList>(list: L, code: string | null) =>
    code ? ((labels[list] as Record<string, string>)[code] ?? code) : null;
  const entrancesOf = new Map<number, string[]>();
  for (const e of entrances) entrancesOf.set(e.building_id, [...(entrancesOf.get(e.building_id) ?? []), e.code]);
  const contactsOf = new Map<number, { kind: string; value: string }[]>();
  for (const c of contacts) contactsOf.set(c.customer_id, [...(contactsOf.get(c.customer_id) ?? []), c]);
  const emergencyOf = new Map<number, (typeof emergency)[number]>();
  for (const e of emergency) if (!emergencyOf.has(e.customer_id)) emergencyOf.set(e.customer_id, e);
  const key = (id: number) => `C${id}`;
  const contactValue = (id: number, kind: string) => {
    const found = contactsOf.get(id)?.find((c) => c.kind === kind);
    if (!found) return null;
    return reveal ? found.value : maskContactValue(kind, found.value);
  };

  const buffer = await buildWorkbook([
    specOf(
      'buildings',
      buildings.map((b) => [b.code, b.name, label('buildingKind', b.kind), b.floors, (entrancesOf.get(b.id) ?? []).join(',')]),
    ),
    specOf(
      'units',
      units.map((u) => [
        u.building_code,
        u.entrance_code,
        u.floor,
        u.number,
        u.area_m2,
        label('unitUse', u.use),
        label('unitState', u.state),
      ]),
    ),
    specOf(
      'customers',
      customers.map((c) => {
        const e = emergencyOf.get(c.id);
        return [
          key(c.id),
          label('customerKind', c.kind),
          c.name,
          label('gender', c.gender),
          phone(c.phone),
          label('idType', c.id_type),
          reveal ? c.id_number : maskIdNumber(c.id_number),
          contactValue(c.id, 'landline'),
          contactValue(c.id, 'wechat'),
          contactValue(c.id, 'email'),
          contactValue(c.id, 'address'),
          c.org_legal_rep,
          c.org_contact_person,
          e?.name ?? null,
          e?.relation ?? null,
          e ? phone(e.phone) : null,
          c.notes,
        ];
      }),
    ),
    specOf(
      'occupancies',
      links.map((l) => [
        key(l.customer_id),
        l.building_code,
        l.entrance_code,
        l.number,
        label('relation', l.relation),
        l.move_in_date,
        l.move_out_date,
      ]),
    ),
  ]);
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: reveal ? 'reveal' : 'export',
      entity: 'archive_export',
      entityId: project.code,
      projectId,
      reason: query.reason ?? null,
      after: { customers: customers.length, units: units.length, masked: !reveal },
    }),
  );
  return {
    buffer,
    contentDisposition: attachmentHeader(
      `客户档案_${project.name}_${ctx.clock.now().toISOString().slice(0, 10)}.xlsx`,
      `archive-${project.code}.xlsx`,
    ),
  };
}
