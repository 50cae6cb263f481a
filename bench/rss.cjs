/**
 * Preload for the benchmark (`node --require bench/rss.cjs ...`): when the process exits, writes its
 * peak resident set size in KB (getrusage ru_maxrss: the whole process, worker threads included)
 * to the file named by $JXMB_RSS_OUT.
 */
'use strict';
const fs = require('fs');
const { isMainThread } = require('worker_threads');

if (isMainThread && process.env.JXMB_RSS_OUT) {
  process.on('exit', () => {
    fs.writeFileSync(process.env.JXMB_RSS_OUT, String(process.resourceUsage().maxRSS));
  });
}
