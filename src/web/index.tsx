/**
 * Entry of the checker page. The worker's code is built into this script as a string (scripts/build-web.mjs)
 * and started from a blob: address, so the page works opened from disk (file://), where a worker script
 * file could not be loaded, and from any intranet web server.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { WebApp } from './App';
import { CheckerClient } from './client';
import { Session } from './session';

declare const __JXMB_WORKER__: string;
declare const __JXMB_VERSION__: string;

function makeWorker(): Worker {
  const url = URL.createObjectURL(new Blob([__JXMB_WORKER__], { type: 'text/javascript' }));
  const w = new Worker(url);
  // the worker has read its script by the time it answers; the address is not needed after that
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return w;
}

const client = new CheckerClient(makeWorker);
const session = new Session(client);
// the browser test drives the page through these
(window as unknown as { jxmb?: unknown }).jxmb = { session, client };

const el = document.getElementById('root');
if (el) createRoot(el).render(<WebApp session={session} client={client} version={__JXMB_VERSION__} />);
