/** Preload: makes the process believe stdout is a terminal (to see the default colours in tests). */
'use strict';
Object.defineProperty(process.stdout, 'isTTY', { value: true });
