/**
 * Browser bundle of the fake Office.js host (built with esbuild by taskpane.test.ts and injected
 * with page.addInitScript): installs Excel/Office/OfficeExtension globals backed by a workbook
 * model shipped as JSON, and exposes the host as window.__jxmbHost for assertions.
 */
import { createHost } from '../office-host';
import { type WorkbookJSON, formatSnapshot, fromJSON, valueSnapshot } from '../office-host/model';

type HostOptions = Parameters<typeof createHost>[1];

declare global {
  interface Window {
    __installFakeOffice(data: WorkbookJSON, options?: HostOptions): void;
    __jxmbHost: ReturnType<typeof createHost>;
    __jxmbFormats(): [string, string][];
    __jxmbValues(): [string, string][];
    __cspViolations: string[];
  }
}

window.__installFakeOffice = (data, options = {}) => {
  const host = createHost(fromJSON(data), options);
  host.install(window as unknown as Record<string, unknown>);
  window.__jxmbHost = host;
  window.__jxmbFormats = () => [...formatSnapshot(host.model)];
  const content = (name: string) => !name.startsWith('__jxmb') && name !== '校验报告';
  window.__jxmbValues = () => [...valueSnapshot(host.model, content)];
};

window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
