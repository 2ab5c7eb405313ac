import ExcelJS from 'exceljs';
import { badRequest } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { managesMember } from './policy.js';
import { presentMember } from './presenter.js';
import { membersForExport, membersWithPhones, rosterUnits, upsertMembersByPhone } from './repo.js';
import {
  GENDER_LABELS,
  type ListMembersQuery,
  MEMBER_LEVEL_LABELS,
  type MemberInput,
  memberInput,
} from './schema.js';

/**
 * The roster's columns, shared by the template, the export and the import, so an exported file
 * can be edited and imported back. The mobile number (手机号) is the stable key: a row whose
 * number is already registered updates that member instead of adding another.
 */
const COLUMNS = [
  { header: '姓名', field: 'name', width: 12 },
  { header: '性别', field: 'gender', width: 6 },
  { header: '民族', field: 'ethnicity', width: 8 },
  { header: '层级', field: 'level', width: 14 },
  { header: '所属政协', field: 'orgUnitId', width: 16 },
  { header: '界别活动组', field: 'sectorGroupId', width: 22 },
  { header: '界别', field: 'sector', width: 14 },
  { header: '工作单位', field: 'employer', width: 26 },
  { header: '职务', field: 'title', width: 16 },
  { header: '专长', field: 'expertise', width: 20 },
  { header: '手机号', field: 'phone', width: 14 },
] as const;
type Field = (typeof COLUMNS)[number]['field'];
const REQUIRED: Field[] = ['name', 'gender', 'level', 'orgUnitId', 'phone'];
const HEADER_OF = Object.fromEntries(COLUMNS.map((c) => [c.field, c.header])) as Record<Field, string>;

const MAX_ROWS = 20_000;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const LEVEL_BY_LABEL: Record<string, MemberInput['level']> = {
  自治区政协委员: 'regional',
  自治区: 'regional',
  市政协委员: 'municipal',
  市: 'municipal',
  旗区政协委员: 'district',
  旗区: 'district',
};
const GENDER_BY_LABEL: Record<string, MemberInput['gender']> = { 男: 'male', 女: 'female' };

interface Units {
  byName: Map<string, { id: string; kind: string }>;
  nameOf: Map<string, string>;
}

async function loadUnits(db: Db): Promise<Units> {
  const { units, regions } = await rosterUnits(db);
  const byName = new Map<string, { id: string; kind: string }>();
  for (const u of units) byName.set(u.name, u);
  // Also accept the banner's own name (东胜区) and the short 市政协.
  for (const r of regions) {
    const unit = units.find((u) => u.kind === 'district' && u.regionCode === r.code);
    if (unit) byName.set(r.name, unit);
  }
  const municipal = units.find((u) => u.kind === 'municipal');
  if (municipal) byName.set('市政协', municipal);
  return { byName, nameOf: new Map(units.map((u) => [u.id, u.kind === 'municipal' ? '市政协' : u.name])) };
}

function sheetWithHeader(workbook: ExcelJS.Workbook, name: string) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetWithHeader(workbook, '委员名录');
  for (let row = 2; row <= 2001; row++) {
    sheet.getCell(row, 2).dataValidation = { type: 'list', allowBlank: true, formulae: ['"男,女"'] };
    sheet.getCell(row, 4).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"自治区政协委员,市政协委员,旗区政协委员"'],
    };
    sheet.getCell(row, 11).numFmt = '@';
  }
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 80 }];
  help.addRows([
    ['列', '说明'],
    ['姓名', '必填'],
    ['性别', '必填：男 或 女'],
    ['层级', '必填：自治区政协委员、市政协委员 或 旗区政协委员'],
    ['所属政协', '必填：旗区政协委员填所在旗区政协（如 东胜区政协），自治区和市政协委员填 市政协'],
    ['界别活动组', '选填：市政协界别活动组的名称'],
    ['专长', '选填：多项用顿号“、”或逗号分隔'],
    ['手机号', '必填：11 位手机号。手机号是委员的唯一标识：再次导入同一手机号会更新该委员，而不是新增'],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportMembers(
  db: Db,
  actor: Actor,
  filters: Omit<ListMembersQuery, 'page' | 'pageSize'>,
) {
  const rows = await membersForExport(db, actor, filters, MAX_ROWS);
  const units = await loadUnits(db);
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetWithHeader(workbook, '委员名录');
  for (const row of rows) {
    const m = presentMember(actor, { ...row, homeIds: [] });
    sheet.addRow({
      name: m.name,
      gender: GENDER_LABELS[m.gender],
      ethnicity: m.ethnicity,
      level: MEMBER_LEVEL_LABELS[m.level],
      orgUnitId: units.nameOf.get(m.orgUnitId),
      sectorGroupId: m.sectorGroupId ? units.nameOf.get(m.sectorGroupId) : null,
      sector: m.sector,
      employer: m.employer,
      title: m.title,
      expertise: m.expertise.join('、'),
      phone: m.phone,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

async function readRows(
  buffer: Buffer,
): Promise<Array<{ row: number; cells: Partial<Record<Field, string>> }>> {
  if (buffer.length === 0) throw badRequest('文件是空的，请选择填写好的 Excel 文件');
  if (!buffer.subarray(0, 4).equals(XLSX_MAGIC))
    throw badRequest('文件不是 Excel（.xlsx）格式，请使用导入模板');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw badRequest('无法读取该 Excel 文件，请确认文件未损坏并为 .xlsx 格式');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest('文件中没有工作表');
  const headerRow = sheet.getRow(1);
  const columnOf = new Map<Field, number>();
  headerRow.eachCell((cell, col) => {
    const header = cell.text.trim().replace(/\*$/, '');
    const column = COLUMNS.find((c) => c.header === header);
    if (column) columnOf.set(column.field, col);
  });
  const missing = REQUIRED.filter((f) => !columnOf.has(f)).map((f) => HEADER_OF[f]);
  if (missing.length) throw badRequest(`缺少必需的列：${missing.join('、')}。请使用导入模板`);

  const rows: Array<{ row: number; cells: Partial<Record<Field, string>> }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Partial<Record<Field, string>> = {};
    for (const [field, col] of columnOf) {
      const value = row.getCell(col).text.trim();
      if (value) cells[field] = value;
    }
    if (Object.keys(cells).length) rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0) throw badRequest('文件中没有数据行');
  if (rows.length > MAX_ROWS) throw badRequest(`一次最多导入 ${MAX_ROWS} 行，请拆分文件`);
  return rows;
}

/** Turns one row of text into the member input, or reports what is wrong with it. */
function parseRow(cells: Partial<Record<Field, string>>, units: Units) {
  const errors: Array<{ field: string; message: string }> = [];
  for (const f of REQUIRED)
    if (!cells[f]) errors.push({ field: HEADER_OF[f], message: `${HEADER_OF[f]}不能为空` });
  const level = cells.level ? LEVEL_BY_LABEL[cells.level] : undefined;
  if (cells.level && !level)
    errors.push({ field: '层级', message: '层级应为 自治区政协委员、市政协委员 或 旗区政协委员' });
  const gender = cells.gender ? GENDER_BY_LABEL[cells.gender] : undefined;
  if (cells.gender && !gender) errors.push({ field: '性别', message: '性别应为 男 或 女' });
  const unit = cells.orgUnitId ? units.byName.get(cells.orgUnitId) : undefined;
  if (cells.orgUnitId && !unit) errors.push({ field: '所属政协', message: `找不到“${cells.orgUnitId}”` });
  if (unit && level && unit.kind !== (level === 'district' ? 'district' : 'municipal')) {
    errors.push({
      field: '所属政协',
      message: level === 'district' ? '旗区政协委员应填所在旗区政协' : '自治区和市政协委员应填 市政协',
    });
  }
  const group = cells.sectorGroupId ? units.byName.get(cells.sectorGroupId) : undefined;
  if (cells.sectorGroupId && group?.kind !== 'sector_group') {
    errors.push({ field: '界别活动组', message: `找不到界别活动组“${cells.sectorGroupId}”` });
  }
  const candidate = {
    name: cells.name,
    gender,
    ethnicity: cells.ethnicity ?? null,
    level,
    orgUnitId: unit?.id,
    sectorGroupId: group?.id ?? null,
    sector: cells.sector ?? null,
    employer: cells.employer ?? null,
    title: cells.title ?? null,
    expertise: cells.expertise
      ? cells.expertise
          .split(/[、,，;；]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    phone: cells.phone?.replace(/\s|-/g, '') ?? null,
  };
  if (errors.length) return { errors };
  const parsed = memberInput.safeParse(candidate);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((i) => ({
        field: HEADER_OF[String(i.path[0]) as Field] ?? String(i.path[0]),
        message: i.message,
      })),
    };
  }
  return { input: parsed.data, errors: [] };
}

/**
 * Imports the roster: every row is checked before anything is written; with `partial` the good
 * rows go in and the bad ones are reported. Rows match existing members on the mobile number.
 */
export async function importMembers(db: Db, who: Who, buffer: Buffer, partial: boolean, filename: string) {
  const actor = who.actor!;
  const rows = await readRows(buffer);
  const units = await loadUnits(db);
  const errors: ImportError[] = [];
  const good: Array<{ row: number; input: MemberInput }> = [];
  const seenPhones = new Map<string, number>();
  for (const { row, cells } of rows) {
    const result = parseRow(cells, units);
    for (const e of result.errors) errors.push({ row, ...e });
    if (!result.input) continue;
    const phone = result.input.phone!;
    if (seenPhones.has(phone)) {
      errors.push({ row, field: '手机号', message: `与第 ${seenPhones.get(phone)} 行的手机号重复` });
      continue;
    }
    seenPhones.set(phone, row);
    if (!managesMember(actor, result.input)) {
      errors.push({ row, field: '所属政协', message: '无权导入该政协的委员' });
      continue;
    }
    good.push({ row, input: result.input });
  }

  // A number already registered to a member this actor does not manage cannot be taken over.
  if (good.length) {
    const existing = await membersWithPhones(
      db,
      good.map((g) => g.input.phone!),
    );
    const foreign = new Set(existing.filter((m) => !managesMember(actor, m)).map((m) => m.phone));
    for (let i = good.length - 1; i >= 0; i--) {
      if (foreign.has(good[i]!.input.phone!)) {
        errors.push({ row: good[i]!.row, field: '手机号', message: '该手机号已登记为其他政协的委员' });
        good.splice(i, 1);
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  if ((errors.length && !partial) || good.length === 0) return { created: 0, updated: 0, errors };

  return db.transaction().execute(async (trx) => {
    let created = 0;
    let updated = 0;
    for (let i = 0; i < good.length; i += 500) {
      const chunk = good.slice(i, i + 500).map(({ input }) => input);
      const result = await upsertMembersByPhone(trx, chunk);
      for (const r of result)
        if (r.inserted) created++;
        else updated++;
    }
    await recordAudit(trx, who, {
      action: 'member.import',
      objectType: 'member',
      after: { filename, rows: rows.length, created, updated, skipped: errors.length },
    });
    return { created, updated, errors };
  });
}
