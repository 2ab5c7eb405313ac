import sharp from 'sharp';
import { escapeMarkup } from '../../lib/markup.js';
import type { Rng } from './demo-homes.js';

/**
 * Photos of a demo home's signs (标牌标识, 六有 ②): small JPEGs drawn at seed time from SVG — the
 * outdoor sign on a wall, the member board, the rules board — so the signage tab has real images.
 */

export type SignItem = 'outdoor_sign' | 'member_board' | 'rules_board';

export interface SignFacts {
  homeName: string;
  /** the unit the home belongs to, as the sign names it: 政协东胜区委员会 */
  issuer: string;
  brand: string | null;
  plaqueNo: string | null;
  members: Array<{ name: string; sector: string | null; role: string }>;
  rules: string[];
}

export const SIGN_FILENAMES: Record<SignItem, string> = {
  outdoor_sign: '户外标牌.jpg',
  member_board: '委员信息公示牌.jpg',
  rules_board: '制度牌.jpg',
};

const WIDTH = 800;
const HEIGHT = 600;
const FONT = "'Noto Sans CJK SC', 'Noto Serif CJK SC', 'WenQuanYi Micro Hei', sans-serif";
const SERIF = "'Noto Serif CJK SC', 'Noto Sans CJK SC', serif";

function text(
  x: number,
  y: number,
  content: string,
  size: number,
  fill: string,
  extra: { anchor?: 'start' | 'middle'; weight?: number; family?: string } = {},
) {
  return `<text x="${x}" y="${y}" font-family="${extra.family ?? FONT}" font-size="${size}" font-weight="${extra.weight ?? 400}" fill="${fill}" text-anchor="${extra.anchor ?? 'middle'}">${escapeMarkup(content)}</text>`;
}

/** A wall behind the sign: plaster or brick, in one of a few tones, with a skirting at its foot. */
function wall(rng: Rng): string {
  const tone = rng.pick(['#d8d2c4', '#cfc6b4', '#e2ddd3', '#c9bda8', '#d6cfc9']);
  let bricks = '';
  if (rng.chance(0.5)) {
    for (let y = 0, row = 0; y < HEIGHT; y += 30, row++) {
      bricks += `M0 ${y}H${WIDTH}`;
      for (let x = row % 2 ? 0 : 45; x < WIDTH; x += 90) bricks += `M${x} ${y}V${y + 30}`;
    }
  }
  return `<rect width="${WIDTH}" height="${HEIGHT}" fill="${tone}"/>
    ${bricks ? `<path d="${bricks}" stroke="#00000016" stroke-width="2" fill="none"/>` : ''}
    <rect y="${HEIGHT - 24}" width="${WIDTH}" height="24" fill="#00000022"/>`;
}

/** 东胜区泊尔江海子镇委员之家 → [东胜区泊尔江海子镇, 委员之家]: the kind of home on a line of its own. */
function nameLines(name: string): string[] {
  const m = /^(.+?)(委员之家|委员工作室)$/.exec(name);
  return m && m[1]!.length > 4 ? [m[1]!, m[2]!] : [name];
}

function outdoorSign(f: SignFacts, rng: Rng): string {
  const [w, h] = [600, 400];
  const [x, y] = [(WIDTH - w) / 2 + rng.int(-30, 30), (HEIGHT - h) / 2 + rng.int(-30, 20)];
  const cx = x + w / 2;
  const lines = nameLines(f.homeName);
  const main = lines[0]!;
  const size = Math.min(60, Math.floor((w - 80) / main.length));
  const body = [
    text(cx, y + 70, f.issuer, 26, '#8a1c1c', { family: SERIF }),
    `<line x1="${x + 60}" y1="${y + 92}" x2="${x + w - 60}" y2="${y + 92}" stroke="#b8860b" stroke-width="2"/>`,
    ...lines.map((line, i) =>
      text(cx, y + 175 + i * (size + 22), line, i === 0 ? size : 58, '#b3121b', {
        weight: 700,
        family: SERIF,
      }),
    ),
    f.brand ? text(cx, y + h - 78, `“${f.brand}”`, 26, '#6b4a1e', { family: SERIF }) : '',
    f.plaqueNo ? text(cx, y + h - 36, f.plaqueNo, 20, '#555555') : '',
  ];
  return `${wall(rng)}
    <rect x="${x + 10}" y="${y + 12}" width="${w}" height="${h}" fill="#00000040" rx="6"/>
    <rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#b8860b" rx="6"/>
    <rect x="${x + 10}" y="${y + 10}" width="${w - 20}" height="${h - 20}" fill="#fbf8f1" rx="3"/>
    ${body.join('')}`;
}

function board(
  title: string,
  color: string,
  f: SignFacts,
  inner: (x: number, y: number, w: number) => string[],
) {
  const [x, y, w, h] = [70, 50, 660, 500];
  return `<rect x="${x + 8}" y="${y + 10}" width="${w}" height="${h}" fill="#00000038"/>
    <rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#ffffff" stroke="${color}" stroke-width="8"/>
    <rect x="${x}" y="${y}" width="${w}" height="86" fill="${color}"/>
    ${text(WIDTH / 2, y + 56, title, 38, '#ffffff', { weight: 700 })}
    ${text(WIDTH / 2, y + 122, f.homeName, 24, '#333333')}
    ${inner(x + 30, y + 150, w - 60).join('')}`;
}

function memberBoard(f: SignFacts, rng: Rng): string {
  const people = f.members.slice(0, 8);
  return `${wall(rng)}${board('委员信息公示', '#1f4e8c', f, (x, y, w) => {
    const cols = 4;
    const cell = w / cols;
    return people.flatMap((p, i) => {
      const cx = x + cell * (i % cols) + cell / 2;
      const top = y + Math.floor(i / cols) * 170;
      return [
        `<rect x="${cx - 42}" y="${top}" width="84" height="100" fill="#e4e9f0" stroke="#9aa8bb"/>`,
        `<circle cx="${cx}" cy="${top + 38}" r="20" fill="#9aa8bb"/>`,
        `<path d="M ${cx - 34} ${top + 100} Q ${cx} ${top + 50} ${cx + 34} ${top + 100} Z" fill="#9aa8bb"/>`,
        text(cx, top + 126, p.name, 20, '#1f2d3d', { weight: 700 }),
        text(cx, top + 150, p.role === 'member' ? (p.sector ?? '委员') : p.role, 15, '#5a6b80'),
      ];
    });
  })}`;
}

function rulesBoard(f: SignFacts, rng: Rng): string {
  return `${wall(rng)}${board('规章制度', '#a31d24', f, (x, y, w) =>
    f.rules.slice(0, 6).flatMap((rule, i) => {
      const top = y + i * 56;
      return [
        text(x, top + 24, `${'一二三四五六'[i]}、${rule}`, 22, '#222222', { anchor: 'start', weight: 700 }),
        `<rect x="${x + 30}" y="${top + 36}" width="${w - 30 - rng.int(0, 200)}" height="6" fill="#d5d5d5"/>`,
      ];
    }),
  )}`;
}

const DRAW: Record<SignItem, (f: SignFacts, rng: Rng) => string> = {
  outdoor_sign: outdoorSign,
  member_board: memberBoard,
  rules_board: rulesBoard,
};

/** One photo of a sign, as an 800×600 JPEG. */
export async function signPhoto(item: SignItem, facts: SignFacts, rng: Rng): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${DRAW[item](facts, rng)}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 75, optimiseCoding: false }).toBuffer();
}
