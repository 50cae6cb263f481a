/*
 * The task pane's 帮助 page (dist/addin/help.html): the user part of docs/addin.md (everything before its
 * developers' section, "## Build and run"), rendered with marked at build time, with its own strict
 * Content-Security-Policy (no script, nothing from elsewhere). Served by the add-in's own origin: opening it
 * makes no request outside it.
 */
const { marked } = require('marked');

const DEV_SECTION = /^## Build and run/m;

function helpPage(markdown, version) {
  const cut = markdown.search(DEV_SECTION);
  const user = cut >= 0 ? markdown.slice(0, cut) : markdown;
  const body = marked.parse(user, { async: false });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>绩效目标表助手 使用说明</title>
<style>
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; line-height: 1.7; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #242424; }
img { max-width: 100%; border: 1px solid #ddd; }
code { background: #f3f3f3; padding: 0 .2em; }
footer { margin-top: 3em; color: #666; font-size: .9em; }
</style>
</head>
<body>
${body}
<footer>绩效目标表助手 ${version}</footer>
</body>
</html>
`;
}

module.exports = { helpPage };
