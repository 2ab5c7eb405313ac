import ExcelJS from 'exceljs';
import { maskPhone } from '../../domain/privacy.js';
import { readFirstSheet } from '../../lib/xlsx-read.js';
import { badRequest } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Db, Who } from '../../server/types.js';
import { fieldsOf, recordAudit } from '../audit/service.js';
import { managesMember } from './policy.js';
import { presentMember } from './presenter.js';
import {
  insertMembers,
  membersForExport,
  membersWithIds,
  membersWithPhones,
  type RosterRow,
  rosterUnits,
  updateMembers,
} from './repo.js';
import {
  GENDER_LABELS,
  type ListMembersQuery,
  MEMBER_LEVEL_LABELS,
  type MemberInput,
  memberInput,
} from './schema.js';

/**
 * The roster's columns, shared by the template, the export and the import, so an exported file
 * can be edited and imported back. The member's id (编号, written by the export, empty in the
 * template) is the stable key; a row without one matches on the mobile number (手机号): a row whose
 * number is already registered updates that member instead of adding another.
 */
const COLUMNS = [
  { header: '编号', field: 'id', width: 38 },
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
/** The headings of the columns a new roster fills in: every column but 编号. */
export const ROSTER_HEADERS: string[] = COLUMNS.filter((c) => c.field !== 'id').map((c) => c.header);
/** The columns that hold the member's data (all but the id). */
type DataField = Exclude<Field, 'id'>;
const REQUIRED: DataField[] = ['name', 'gender', 'level', 'orgUnitId', 'phone'];
const HEADER_OF = Object.fromEntries(COLUMNS.map((c) => [c.field, c.header])) as Record<Field, string>;
const columnNumber = (field: Field) => COLUMNS.findIndex((c) => c.field === field) + 1;
/** The id column reads as technical: grey, as a system's number is. */
const ID_FONT = { color: { argb: 'FF8C8C8C' } };

const MAX_ROWS = 20_000;

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
  sheet.getColumn('id').font = ID_FONT;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetWithHeader(workbook, '委员名录');
  for (let row = 2; row <= 2001; row++) {
    sheet.getCell(row, columnNumber('gender')).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"男,女"'],
    };
    sheet.getCell(row, columnNumber('level')).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"自治区政协委员,市政协委员,旗区政协委员"'],
    };
    sheet.getCell(row, columnNumber('phone')).numFmt = '@';
  }
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 80 }];
  help.addRows([
    ['列', '说明'],
    ['编号', '系统编号，新增委员留空。导出的名录每行带有编号：导入时按编号更新该委员，请勿修改'],
    ['姓名', '必填'],
    ['性别', '必填：男 或 女'],
    ['层级', '必填：自治区政协委员、市政协委员 或 旗区政协委员'],
    ['所属政协', '必填：旗区政协委员填所在旗区政协（如 东胜区政协），自治区和市政协委员填 市政协'],
    ['界别活动组', '选填：市政协界别活动组的名称'],
    ['专长', '选填：多项用顿号“、”或逗号分隔'],
    [
      '手机号',
      '必填：11 位手机号。没有编号的行按手机号识别委员：再次导入同一手机号会更新该委员，而不是新增。' +
        '导出时打码的号码（如 139****5992）原样保留即可，导入时不会修改',
    ],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The roster as a workbook; a file that gives anyone's full phone number is audited, with its count and filters. */
export async function exportMembers(db: Db, who: Who, filters: Omit<ListMembersQuery, 'page' | 'pageSize'>) {
  const actor = who.actor!;
  const rows = await membersForExport(db, actor, filters, MAX_ROWS);
  let fullPhones = 0;
  const units = await loadUnits(db);
  const workbook = new ExcelJS.Workbook();
  const sheet = sheetWithHeader(workbook, '委员名录');
  for (const row of rows) {
    const m = presentMember(actor, { ...row, homeIds: [] });
    if (m.phone && !m.phoneMasked) fullPhones += 1;
    sheet.addRow({
      id: m.id,
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
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  if (fullPhones > 0) {
    await recordAudit(db, who, {
      action: 'member.export_full_phones',
      objectType: 'member',
      after: { rows: rows.length, fullPhones, filters },
    });
  }
  return buffer;
}

export interface ImportError {
  row: number;
  field: string;
  message: string;
}

type Cells = Partial<Record<Field, string>>;

/** The header's columns by field (the header is row 1; a trailing * marks a required column). */
function headerColumns(header: string[]): Map<Field, number> {
  const columnOf = new Map<Field, number>();
  header.forEach((text, index) => {
    const column = COLUMNS.find((c) => c.header === text.replace(/\*$/, ''));
    if (column) columnOf.set(column.field, index);
  });
  const missing = REQUIRED.filter((f) => !columnOf.has(f)).map((f) => HEADER_OF[f]);
  if (missing.length) throw badRequest(`缺少必需的列：${missing.join('、')}。请使用导入模板`);
  return columnOf;
}

async function readRows(buffer: Buffer): Promise<Array<{ row: number; cells: Cells }>> {
  const rows: Array<{ row: number; cells: Cells }> = [];
  let columnOf: Map<Field, number> | undefined;
  for await (const { row, cells } of readFirstSheet(buffer, { maxRows: MAX_ROWS })) {
    if (!columnOf) {
      columnOf = headerColumns(row === 1 ? cells : []);
      if (row === 1) continue;
    }
    const values: Cells = {};
    for (const [field, index] of columnOf) {
      const value = cells[index];
      if (value) values[field] = value;
    }
    if (Object.keys(values).length) rows.push({ row, cells: values });
  }
  if (!columnOf) headerColumns([]);
  if (rows.length === 0) throw badRequest('文件中没有数据行');
  return rows;
}

/**
 * Turns one row of text into the member input, or reports what is wrong with it. Without
 * `phoneRequired` an empty phone is taken as none (the caller keeps the stored one).
 */
function parseRow(cells: Cells, units: Units, phoneRequired: boolean) {
  const errors: Array<{ field: string; message: string }> = [];
  for (const f of REQUIRED)
    if (!cells[f] && (f !== 'phone' || phoneRequired))
      errors.push({ field: HEADER_OF[f], message: `${HEADER_OF[f]}不能为空` });
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

const DATA_FIELDS = COLUMNS.map((c) => c.field).filter((f): f is DataField => f !== 'id');

/** The headers of the columns whose value in the row differs from the stored member. */
function changedFields(stored: RosterRow, input: MemberInput): DataField[] {
  const same = (f: DataField) => {
    if (f !== 'expertise') return (input[f] ?? null) === stored[f];
    const typed = input.expertise ?? [];
    return typed.length === stored.expertise.length && typed.every((e, i) => e === stored.expertise[i]);
  };
  return DATA_FIELDS.filter((f) => !same(f));
}

const changedColumns = (stored: RosterRow, input: MemberInput): string[] =>
  changedFields(stored, input).map((f) => HEADER_OF[f]);

const CHUNK = 500;
const MASKED_WITHOUT_ID = '手机号已打码，无法识别是哪位委员：请保留导出时的“编号”列，或填写完整的手机号';
const MASK_MISMATCH = '手机号已打码，但与该委员登记的号码不符：请填写完整的手机号，或保留导出时的原样';
const NOT_MANAGED = '该委员不由本级政协管理，只能查看：本行的修改未导入';

interface Candidate {
  row: number;
  input: MemberInput;
  /** the member the row's id names */
  stored: RosterRow | undefined;
  /** the phone cell was masked: `input.phone` is the stored number */
  masked: boolean;
}

/**
 * Imports the roster: every row is checked before anything is written; with `partial` the good
 * rows go in and the bad ones are reported. A row matches a member by its id (编号) when it has
 * one, else by the mobile number; a row identical to the stored member writes nothing. A phone
 * masked as the export masks it keeps the stored number. The rows of members the actor sees but
 * does not manage are read only: never written, counted as unchanged when identical, and listed as
 * warnings (without stopping the import) when they differ.
 */
export async function importMembers(db: Db, who: Who, buffer: Buffer, partial: boolean, filename: string) {
  const actor = who.actor!;
  const rows = await readRows(buffer);
  const units = await loadUnits(db);
  // the members the file names by id, as far as the actor may see them: an id outside the
  // actor's scope reads as one that does not exist
  const ids = new Set(
    rows.map((r) => r.cells.id?.toLowerCase()).filter((id): id is string => id !== undefined && isUuid(id)),
  );
  const byId = new Map((await membersWithIds(db, actor, [...ids])).map((m) => [m.id, m]));

  const errors: ImportError[] = [];
  const warnings: ImportError[] = [];
  const candidates: Candidate[] = [];
  const rowOfMember = new Map<string, number>();
  const seenPhones = new Map<string, number>();
  let unchanged = 0;
  let unchangedMasked = 0;
  for (const { row, cells } of rows) {
    let stored: RosterRow | undefined;
    if (cells.id) {
      stored = byId.get(cells.id.toLowerCase());
      if (!stored) {
        errors.push({ row, field: '编号', message: `找不到编号为“${cells.id}”的委员` });
        continue;
      }
      const first = rowOfMember.get(stored.id);
      if (first !== undefined) {
        errors.push({ row, field: '编号', message: `与第 ${first} 行的编号重复` });
        continue;
      }
      rowOfMember.set(stored.id, row);
    }
    const rowErrors: Array<{ field: string; message: string }> = [];
    const masked = cells.phone?.includes('*') ?? false;
    if (masked && !stored) rowErrors.push({ field: '手机号', message: MASKED_WITHOUT_ID });
    else if (masked && (stored?.phone == null || maskPhone(stored.phone) !== cells.phone))
      rowErrors.push({ field: '手机号', message: MASK_MISMATCH });
    const phoneRequired = !masked && (stored === undefined || stored.phone !== null);
    const parsed = parseRow(masked ? { ...cells, phone: undefined } : cells, units, phoneRequired);
    rowErrors.push(...parsed.errors);
    const input = parsed.input && {
      ...parsed.input,
      phone: masked ? (stored?.phone ?? null) : parsed.input.phone,
    };

    if (stored && !managesMember(actor, stored)) {
      // a member the actor sees but does not manage: read only, whatever the row says
      const changed =
        input && rowErrors.length === 0
          ? changedColumns(stored, input)
          : [...new Set(rowErrors.map((e) => e.field))];
      if (changed.length === 0) {
        unchanged++;
        if (masked) unchangedMasked++;
      } else warnings.push({ row, field: changed.join('、'), message: NOT_MANAGED });
      continue;
    }
    for (const e of rowErrors) errors.push({ row, ...e });
    if (!input || rowErrors.length) continue;
    if (!managesMember(actor, input)) {
      errors.push({ row, field: '所属政协', message: '无权导入该政协的委员' });
      continue;
    }
    if (!masked && input.phone) {
      const first = seenPhones.get(input.phone);
      if (first !== undefined) {
        errors.push({ row, field: '手机号', message: `与第 ${first} 行的手机号重复` });
        continue;
      }
      seenPhones.set(input.phone, row);
    }
    candidates.push({ row, input, stored, masked });
  }

  // The numbers typed in full: a number registered once, to a member this row does not name,
  // cannot be taken over; a row without an id is that member's when the actor manages them.
  const holders = new Map(
    (await membersWithPhones(db, [...seenPhones.keys()])).map((m) => [m.phone as string, m]),
  );
  const toInsert: MemberInput[] = [];
  const toUpdate: Array<{ id: string; input: MemberInput; stored: RosterRow }> = [];
  for (const { row, input, masked, ...c } of candidates) {
    const holder = !masked && input.phone ? holders.get(input.phone) : undefined;
    let stored = c.stored;
    if (stored && holder && holder.id !== stored.id) {
      errors.push({ row, field: '手机号', message: '该手机号已登记给另一位委员' });
      continue;
    }
    if (!stored && holder) {
      if (!managesMember(actor, holder)) {
        errors.push({ row, field: '手机号', message: '该手机号已登记为其他政协的委员' });
        continue;
      }
      const first = rowOfMember.get(holder.id);
      if (first !== undefined) {
        errors.push({ row, field: '手机号', message: `与第 ${first} 行是同一位委员` });
        continue;
      }
      rowOfMember.set(holder.id, row);
      stored = holder;
    }
    if (!stored) toInsert.push(input);
    else if (changedColumns(stored, input).length) toUpdate.push({ id: stored.id, input, stored });
    else unchanged++;
    if (masked) unchangedMasked++;
  }
  errors.sort((a, b) => a.row - b.row);
  if (errors.length && !partial)
    return { created: 0, updated: 0, unchanged: 0, unchangedMasked: 0, warnings, errors };

  const answer = {
    created: toInsert.length,
    updated: toUpdate.length,
    unchanged,
    unchangedMasked,
    warnings,
    errors,
  };
  // nothing differs from what is stored: nothing to write, nothing to audit
  if (toInsert.length + toUpdate.length === 0) return answer;
  return db.transaction().execute(async (trx) => {
    for (let i = 0; i < toInsert.length; i += CHUNK) await insertMembers(trx, toInsert.slice(i, i + CHUNK));
    for (let i = 0; i < toUpdate.length; i += CHUNK) await updateMembers(trx, toUpdate.slice(i, i + CHUNK));
    // each member the file changed: what it changed, before and after, on the member's own history
    for (const { id, input, stored } of toUpdate) {
      const fields = changedFields(stored, input);
      await recordAudit(trx, who, {
        action: 'member.import_update',
        objectType: 'member',
        objectId: id,
        before: fieldsOf(stored, fields),
        after: fieldsOf(input, fields),
      });
    }
    await recordAudit(trx, who, {
      action: 'member.import',
      objectType: 'member',
      after: {
        filename,
        rows: rows.length,
        created: answer.created,
        updated: answer.updated,
        unchanged,
        unchangedMasked,
        notManaged: warnings.length,
        skipped: errors.length,
      },
    });
    return answer;
  });
}
