/** The media type of an Excel workbook, for uploads, downloads and the browser's file pickers. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
