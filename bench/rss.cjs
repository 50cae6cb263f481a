/**
 * Preload for the benchmark (`node --require bench/rss.cjs ...`): when the process exits, writes its
 * peak resident set size in KB (getrusage ru_maxrss: the whole process, worker threads included)
 * to the file named by $JXMB_RSS_OUT, then a space and the CPU time it used (user + system, µs, all
 * threads): "123456 789012".
 */
'use strict';
const fs = require('fs');
const { isMainThread } = require('worker_threads');

if (isMainThread && process.env.JXMB_RSS_OUT) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(process.env.JXMB_RSS_OUT, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  });
}
