import { GRADE_LABELS, type Grade } from '../domain/evaluation.js';
import { bilingualCertificate, type CertificateTranslation, certificateMongolian } from './certificate.js';
import { mongolianDigits } from './mongolian.js';
import { A4_LANDSCAPE, PrintDocument } from './pdf.js';

/** One commended home or member of a published evaluation. */
export interface CommendationData {
  /** stable for the round, the revision's order and the recipient */
  number: string;
  kind: 'home' | 'member';
  name: string;
  /** a home's grade */
  grade: string | null;
  year: number;
  /** the unit that ran the evaluation and commends */
  unit: string;
  publishedAt: Date | string;
}

/** The certificate's words: whom, for which year, for what. */
export function commendationText(data: CommendationData): { salutation: string; words: string } {
  if (data.kind === 'home') {
    const grade = data.grade ? GRADE_LABELS[data.grade as Grade] : null;
    return {
      salutation: `${data.name}：`,
      words: `在${data.year}年度委员之家（委员工作室）建设管理和活动开展评价中${grade && data.grade !== 'rectify' ? `获评“${grade}”等次，` : ''}成绩突出，被评为${data.year}年度先进委员之家（委员工作室）。`,
    };
  }
  return {
    salutation: `${data.name}委员：`,
    words: `在${data.year}年度委员之家（委员工作室）活动中积极履职、成效显著，被评为${data.year}年度履职优秀委员。`,
  };
}

/**
 * A commendation's words as its translators see them (print.certificates.commendation.*): the
 * Chinese with the values it is filled with marked (a home's grade is named in the Chinese only).
 */
export const COMMENDATION_CERTIFICATE = {
  title: '荣誉证书',
  home: '{{name}}：在{{year}}年度委员之家（委员工作室）建设管理和活动开展评价中成绩突出，被评为{{year}}年度先进委员之家（委员工作室）。特发此证，以资鼓励。',
  member:
    '{{name}}委员：在{{year}}年度委员之家（委员工作室）活动中积极履职、成效显著，被评为{{year}}年度履职优秀委员。特发此证，以资鼓励。',
} as const;

/** 荣誉证书: one A4 landscape page per commended home and member, the Mongolian block left of the Chinese. */
export async function commendationCertificatesPdf(
  items: CommendationData[],
  title: string,
  translations: { home: CertificateTranslation; member: CertificateTranslation } = {
    home: null,
    member: null,
  },
): Promise<Buffer> {
  const document = await PrintDocument.create({ title, author: items[0]?.unit ?? '' });
  for (const data of items) {
    const page = document.addPage(A4_LANDSCAPE);
    const { salutation, words } = commendationText(data);
    const mongolian = await certificateMongolian(translations[data.kind], {
      name: data.name,
      year: mongolianDigits(data.year),
    });
    bilingualCertificate(
      page,
      COMMENDATION_CERTIFICATE.title,
      {
        number: data.number,
        salutation,
        words,
        closing: '特发此证，以资鼓励。',
        issuer: data.unit,
        date: data.publishedAt,
      },
      mongolian,
    );
  }
  return document.save();
}
