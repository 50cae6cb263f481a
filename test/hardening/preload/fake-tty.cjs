/** Preload: makes the process believe stderr is a terminal (to see the progress line in tests). */
'use strict';
Object.defineProperty(process.stderr, 'isTTY', { value: true });
