import { HOME_KIND_LABELS, HOME_LEVEL_LABELS, HOME_STATUS_LABELS } from '../../domain/home-workflow.js';
import type { ExportColumn } from '../../server/export.js';
import type { ReferenceNames } from '../regions/service.js';
import type { listHomes } from './service.js';

type HomeItem = Awaited<ReturnType<typeof listHomes>>['items'][number];

/** The home list's columns as the list page shows them, and a few a clerk files by. */
export const homeColumns = (names: ReferenceNames): ExportColumn<HomeItem>[] => [
  { header: '名称', width: 30, value: (h) => h.name },
  { header: '类型', width: 22, value: (h) => HOME_KIND_LABELS[h.kind] },
  { header: '层级', width: 8, value: (h) => HOME_LEVEL_LABELS[h.level] },
  { header: '所属单位', width: 16, value: (h) => names.unit(h.ownerUnitId) },
  { header: '所在地', width: 22, value: (h) => h.regionName ?? (h.online ? '线上' : '') },
  { header: '品牌特色', width: 20, value: (h) => h.brand },
  { header: '负责人', width: 10, value: (h) => h.directorName },
  { header: '状态', width: 10, value: (h) => HOME_STATUS_LABELS[h.status] },
  { header: '地址', width: 30, value: (h) => h.address },
  { header: '开放时间', width: 20, value: (h) => h.openingHours },
  { header: '牌匾编号', width: 14, value: (h) => h.plaqueNo },
  { header: '授牌日期', width: 12, value: (h) => h.plaqueAwardedOn },
];
