/**
 * fflate for the command-line bundle, loaded on first use: `npm run build:cli` substitutes this module for
 * 'fflate' (esbuild --alias). In Node the reader inflates with zlib (./node.ts), so a plain check never needs
 * fflate, whose loading (compiling it and building its Huffman tables) costs every thread ~30 ms at start-up;
 * it is loaded when something deflates (annotated copies, the summary workbook) or zlib leaves a part to it.
 *
 * Only the functions the sources import from 'fflate' are here; a missing one fails the build.
 */
import { createRequire } from 'module';

type Fflate = typeof import('fflate');

let loaded: Fflate | null = null;
// not `require('fflate')`: the alias would turn that into this module again
const fflate = (): Fflate => (loaded ??= createRequire(__filename)('fflate') as Fflate);

export const inflateSync = ((...args: Parameters<Fflate['inflateSync']>) => fflate().inflateSync(...args)) as Fflate['inflateSync'];
export const deflateSync = ((...args: Parameters<Fflate['deflateSync']>) => fflate().deflateSync(...args)) as Fflate['deflateSync'];
