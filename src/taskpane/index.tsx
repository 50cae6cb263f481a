/** Task pane entry: waits for Office, then renders the app. */
import './csp';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { officeEnv } from '../adapters/office/workbook';
import { App } from './App';
import { currentOfficeTheme } from './theme';

function render(node: React.ReactNode): void {
  const el = document.getElementById('root');
  if (el) createRoot(el).render(node);
}

function outsideOffice(): void {
  const el = document.getElementById('boot');
  if (el) el.textContent = '请在 Excel 中打开“绩效目标表助手”（开始 → 绩效目标表助手）。';
}

if (typeof Office === 'undefined') {
  outsideOffice();
} else {
  void Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      outsideOffice();
      return;
    }
    render(<App env={officeEnv()} theme={currentOfficeTheme()} />);
  });
}
