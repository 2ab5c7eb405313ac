import { chineseDate } from '../domain/calendar.js';
import {
  type Box,
  drawMongolian,
  type MongolianShaper,
  mongolianShaper,
  mongolianSlot,
} from './mongolian.js';
import { A3, GREY, mm, PrintDocument, type PrintPage, RED, type TextStyle } from './pdf.js';

/** 室内展板: the boards a home hangs inside (R9) — its members, and its rules — one A3 page each. */

export interface BoardMember {
  name: string;
  sector: string | null;
  /** What the member does in the home: 负责人, 副负责人, 成员. */
  role: string;
}

export interface BoardRule {
  title: string;
  body: string;
  version: string;
  /** YYYY-MM-DD */
  effectiveOn: string;
}

export interface BoardsData {
  home: string;
  unit: string;
  /** Director first, then the deputy, then the members. */
  members: BoardMember[];
  rules: BoardRule[];
  /** The headings' Mongolian (their translations), where there is one. */
  headingsMn: Partial<Record<keyof typeof BOARD_HEADINGS, { text: string; reviewed: boolean }>>;
  printedOn: Date | string;
}

type Heading = keyof typeof BOARD_HEADINGS;

/** The boards' headings, which print in Mongolian above the Chinese (their translations' keys: print.boards.*). */
export const BOARD_HEADINGS = { members: '委员信息', rules: '规章制度' } as const;

const PT = mm(1);
const MARGIN = 20;
const HEADING_SIZE = 40;
const HEADING_NOTE = { what: '蒙古文标题', rule: '展板须蒙汉两种文字并用' };

export async function boardsPdf(data: BoardsData): Promise<Buffer> {
  const document = await PrintDocument.create({ title: `${data.home}室内展板`, author: data.unit });
  const shaper = Object.keys(data.headingsMn).length > 0 ? await mongolianShaper() : null;
  membersBoard(document.addPage(A3), data, shaper);
  rulesBoard(document.addPage(A3), data, shaper);
  return document.save();
}

interface Area {
  x: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The head of a board: the Mongolian heading above the Chinese heading (each fitted to the width,
 * then the smaller size for both) or, while it has no translation, its slot; the home's name and a
 * red rule; the foot: the unit and the date. Answers the area left between.
 */
function board(page: PrintPage, which: Heading, data: BoardsData, shaper: MongolianShaper | null): Area {
  const heading = BOARD_HEADINGS[which];
  const width = page.width - MARGIN * 2;
  const translated = data.headingsMn[which];
  const mn =
    translated && shaper
      ? { shaper, block: shaper.block(translated.text, 1), reviewed: translated.reviewed }
      : null;
  const size = Math.min(
    mn ? (width / mn.block.length) * PT : HEADING_SIZE,
    page.fitSize(heading, width, HEADING_SIZE, { bold: true }),
  );
  const height = size / PT;
  const boxWidth = Math.min(width, Math.max(160, page.measure(heading, { size, bold: true }) * 2));
  const mnHeight = mn ? mn.block.thickness * height : height;
  const chinese: Box = {
    x: (page.width - boxWidth) / 2,
    top: MARGIN + mnHeight + 3,
    width: boxWidth,
    height,
  };
  const slot = mn
    ? { x: MARGIN, top: MARGIN, width, height: mnHeight, direction: 'horizontal' as const, size }
    : mongolianSlot(chinese, 'horizontal', size, 3);
  drawMongolian(page, slot, translated?.text ?? null, HEADING_NOTE, mn ?? undefined);
  page.text(MARGIN, chinese.top, heading, {
    size,
    bold: true,
    color: RED,
    width,
    align: 'center',
  });
  const homeTop = chinese.top + height + 4;
  const homeSize = page.fitSize(data.home, width, 18);
  page.text(MARGIN, homeTop, data.home, { size: homeSize, width, align: 'center' });
  const rule = homeTop + homeSize / PT + 4;
  page.line(MARGIN, rule, MARGIN + width, rule, { thickness: 0.8, color: RED });
  const foot = `${data.unit}　${chineseDate(data.printedOn)}`;
  page.text(MARGIN, page.height - MARGIN + 4, foot, {
    size: page.fitSize(foot, width, 10),
    color: GREY,
    width,
    align: 'center',
  });
  const top = rule + 8;
  return { x: MARGIN, top, width, height: page.height - MARGIN - 4 - top };
}

/** Where nothing is to be shown, say so in the middle of the area. */
function nothing(page: PrintPage, area: Area, text: string) {
  page.text(area.x, area.top + area.height / 3, text, {
    size: 20,
    color: GREY,
    width: area.width,
    align: 'center',
  });
}

// ---- 委员信息

/** A member's card, in units of its photo's width `p`: the photo (3:4), then name, sector, role. */
const CARD = { pad: 0.06, name: 0.15, small: 0.105, line: 1.3 };
const cardWidth = (p: number) => p * (1 + CARD.pad * 2);
const cardHeight = (p: number) =>
  p * (CARD.pad * 3 + 4 / 3 + CARD.name * CARD.line + CARD.small * CARD.line * 2);

/** The grid that shows `count` cards as large as the area allows (a photo no wider than 60 mm). */
export function memberGrid(count: number, area: { width: number; height: number }, gap = 5) {
  let best = { columns: 1, rows: count, photo: 0 };
  for (let columns = 1; columns <= Math.max(count, 1); columns += 1) {
    const rows = Math.ceil(count / columns);
    const byWidth = (area.width - (columns - 1) * gap) / columns / cardWidth(1);
    const byHeight = (area.height - (rows - 1) * gap) / rows / cardHeight(1);
    const photo = Math.min(byWidth, byHeight, 60);
    if (photo > best.photo) best = { columns, rows, photo };
  }
  return best;
}

function membersBoard(page: PrintPage, data: BoardsData, shaper: MongolianShaper | null) {
  const area = board(page, 'members', data, shaper);
  if (data.members.length === 0) return nothing(page, area, '暂无成员');
  const gap = 5;
  const grid = memberGrid(data.members.length, area, gap);
  const p = grid.photo;
  const width = cardWidth(p);
  const left = area.x + (area.width - (grid.columns * width + (grid.columns - 1) * gap)) / 2;
  data.members.forEach((member, index) => {
    const x = left + (index % grid.columns) * (width + gap);
    const top = area.top + Math.floor(index / grid.columns) * (cardHeight(p) + gap);
    memberCard(page, member, x, top, p);
  });
}

function memberCard(page: PrintPage, member: BoardMember, x: number, top: number, p: number) {
  const pad = p * CARD.pad;
  const width = cardWidth(p);
  page.rect(x, top, width, cardHeight(p), { thickness: 0.3, color: [0.75, 0.75, 0.75] });
  const photo = { x: x + pad, top: top + pad, width: p, height: (p * 4) / 3 };
  page.rect(photo.x, photo.top, photo.width, photo.height, {
    dash: true,
    color: GREY,
    fill: [0.96, 0.96, 0.96],
  });
  const label = Math.min(p * 0.12 * PT, 14);
  page.text(photo.x, photo.top + (photo.height - label / PT) / 2, '照片', {
    size: label,
    color: GREY,
    width: p,
    align: 'center',
  });
  const inner = width - pad * 2;
  let y = photo.top + photo.height + pad;
  const line = (text: string, size: number, style: Omit<TextStyle, 'size'> = {}) => {
    page.text(x + pad, y, text, {
      ...style,
      size: page.fitSize(text, inner, size * PT, style),
      width: inner,
      align: 'center',
    });
    y += size * CARD.line;
  };
  line(member.name, p * CARD.name, { bold: true });
  line(member.sector ? `界别：${member.sector}` : '界别：—', p * CARD.small);
  line(member.role, p * CARD.small, { color: member.role === '成员' ? GREY : RED });
}

// ---- 规章制度

const RULE_COLUMNS = 2;
const RULE_GAP = 10;
const MAX_RULE_SIZE = 14;
const MIN_RULE_SIZE = 6;
const CUT_NOTE = '……（篇幅所限，余文从略，全文见平台制度库）';

interface SetLine {
  column: number;
  top: number;
  text: string;
  style: TextStyle;
}

/** The rules' lines in two columns at body size `size` (points), or null when they do not fit. */
function setRules(
  page: PrintPage,
  rules: BoardRule[],
  area: Area,
  size: number,
  cut = false,
): SetLine[] | null {
  const width = (area.width - RULE_GAP * (RULE_COLUMNS - 1)) / RULE_COLUMNS;
  const bottom = area.top + area.height;
  const title: TextStyle = { size: size * 1.2, bold: true };
  const meta: TextStyle = { size: size * 0.85, color: GREY };
  const body: TextStyle = { size };
  const step = (style: TextStyle, lineHeight: number) => (style.size / PT) * lineHeight;
  const out: SetLine[] = [];
  let column = 0;
  let y = area.top;
  const next = () => {
    column += 1;
    y = area.top;
    return column < RULE_COLUMNS;
  };
  for (const [index, rule] of rules.entries()) {
    const head = [
      ...page
        .lines(rule.title, width, title)
        .map((text) => ({ text, style: title, step: step(title, 1.35) })),
      { text: `${rule.version}　${chineseDate(rule.effectiveOn)}起施行`, style: meta, step: step(meta, 1.6) },
    ];
    const text = page
      .lines(rule.body, width, { ...body, indent: 2 })
      .map((line) => ({ text: line, style: body, step: step(body, 1.55) }));
    if (index > 0) y += step(body, 1.2);
    // a title never stands alone at the foot of a column: it starts one with its first lines
    const keep = [...head, ...text.slice(0, 2)].reduce((sum, line) => sum + line.step, 0);
    if (y + keep > bottom && y > area.top && !next()) return cut ? cutAt(out, page, width, body) : null;
    for (const line of [...head, ...text]) {
      if (y + line.step > bottom && !next()) return cut ? cutAt(out, page, width, body) : null;
      out.push({ column, top: y, text: line.text, style: line.style });
      y += line.step;
    }
  }
  return out;
}

/** What does not fit at the smallest size is left out, and the last line says so. */
function cutAt(lines: SetLine[], page: PrintPage, width: number, body: TextStyle): SetLine[] {
  const last = lines.pop();
  if (!last) return lines;
  const size = page.fitSize(CUT_NOTE, width, body.size);
  lines.push({ ...last, text: CUT_NOTE, style: { size, color: RED } });
  return lines;
}

/** The largest body size (points, in quarter points) at which every rule fits the two columns. */
function fitRules(page: PrintPage, rules: BoardRule[], area: Area): SetLine[] {
  let low = MIN_RULE_SIZE * 4;
  let high = MAX_RULE_SIZE * 4;
  let best = setRules(page, rules, area, MIN_RULE_SIZE);
  if (!best) return setRules(page, rules, area, MIN_RULE_SIZE, true) ?? [];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const set = setRules(page, rules, area, middle / 4);
    if (set) {
      best = set;
      low = middle;
    } else high = middle - 1;
  }
  return best;
}

function rulesBoard(page: PrintPage, data: BoardsData, shaper: MongolianShaper | null) {
  const area = board(page, 'rules', data, shaper);
  if (data.rules.length === 0) return nothing(page, area, '暂无现行制度');
  const width = (area.width - RULE_GAP * (RULE_COLUMNS - 1)) / RULE_COLUMNS;
  for (const line of fitRules(page, data.rules, area)) {
    page.text(area.x + line.column * (width + RULE_GAP), line.top, line.text, { ...line.style, width });
  }
}
