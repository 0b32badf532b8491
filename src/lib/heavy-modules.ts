// exceljs and echarts take about half a second and close to a second to import. They are loaded on
// first use, through require (their CommonJS builds load faster than the ES module graphs), so a CLI
// command or a request that never draws a chart or touches a workbook does not pay for them.
import { createRequire } from 'node:module';
import type * as ECharts from 'echarts';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | undefined;
let charts: typeof ECharts | undefined;

export function exceljs(): typeof ExcelJS {
  excel ??= require('exceljs') as typeof ExcelJS;
  return excel;
}

export function echarts(): typeof ECharts {
  charts ??= require('echarts') as typeof ECharts;
  return charts;
}
