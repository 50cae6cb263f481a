#!/usr/bin/env node
/**
 * Offline validation of an add-in manifest (npm run validate). Exits 1 on any error, 0 otherwise.
 *
 * The official XSDs are not shipped in node_modules (office-addin-manifest validates online), so
 * this is a structural check that follows the schema for what our manifest uses
 * (OfficeAppManifestV1_1 TaskPaneApp + TaskPaneAppVersionOverridesV1_0):
 *   - well-formed XML (also `xmllint --noout` when libxml2-utils is installed);
 *   - namespaces and xsi:type of the root and of VersionOverrides;
 *   - each element's children: allowed names, required ones, their order and counts;
 *   - simple types: GUID, version, culture names, short/long string lengths, https URLs,
 *     permission names, requirement set versions, icon sizes;
 *   - every resid resolves to a resource of the right kind, ids are unique;
 *   - every URL shares one origin and lies under one base address: the folder of
 *     <DefaultSettings><SourceLocation>, or the address given with --url (or JXMB_ADDIN_URL);
 *   - every icon URL exists in the site folder as a PNG of the declared size (for a built manifest,
 *     dist/manifest.xml, the site folder is dist/addin/ and every other URL, the pages, must exist
 *     there too; for the development manifest it is the repository, whose assets/ holds the icons);
 *   - a manifest other than manifest.xml (the built one) has the same Id, Hosts and requirement
 *     sets as manifest.xml, and a warning if it still points to the development server.
 * Usage: node scripts/validate-manifest.cjs [manifest] [--url https://…/] [--site folder]
 *   manifest: default dist/manifest.xml if it exists (npm run build), otherwise manifest.xml.
 * validateManifest() is also called directly by test/addin/manifest.test.ts.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, realpathSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { ENV_VAR, devOrigin, normaliseBaseUrl } = require('./manifest-url.cjs');

const ROOT = resolve(__dirname, '..');
const DEV_MANIFEST = join(ROOT, 'manifest.xml');
/** A folder for messages: relative to the working directory when inside it. */
const show = (p) => {
  const r = relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
};

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

// per validateManifest() call
let errors = [];
let warnings = [];
/** URL-valued attributes seen: [element, value]; AppDomains apart (other origins by nature). */
let urls = [];
let appDomains = [];
const err = (el, msg) => errors.push(`${el ? `line ${el.line} <${el.qname}>: ` : ''}${msg}`);

// ---------------------------------------------------------------------------------------------
// a small, strict XML parser (elements, attributes, text, comments, CDATA, PIs, namespaces)

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s, line) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g, (m, e) => {
    if (!e) throw new Error(`line ${line}: bare "&" (use &amp;)`);
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    if (!(e in ENTITIES)) throw new Error(`line ${line}: unknown entity &${e};`);
    return ENTITIES[e];
  });
}

function parseXml(src) {
  let i = 0;
  let line = 1;
  const advance = (n) => {
    for (let k = 0; k < n; k++) if (src[i + k] === '\n') line++;
    i += n;
  };
  const root = { children: [], ns: { xml: 'http://www.w3.org/XML/1998/namespace' } };
  const stack = [root];
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  while (i < src.length) {
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0) throw new Error(`line ${line}: unterminated processing instruction`);
      advance(end + 2 - i);
    } else if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i);
      if (end < 0) throw new Error(`line ${line}: unterminated comment`);
      advance(end + 3 - i);
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0) throw new Error(`line ${line}: unterminated CDATA`);
      stack[stack.length - 1].text = (stack[stack.length - 1].text ?? '') + src.slice(i + 9, end);
      advance(end + 3 - i);
    } else if (src.startsWith('<!', i)) {
      throw new Error(`line ${line}: DOCTYPE/declarations are not allowed in a manifest`);
    } else if (src.startsWith('</', i)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(src.slice(i));
      if (!m) throw new Error(`line ${line}: malformed end tag`);
      const top = stack.pop();
      if (!top || top.qname !== m[1]) throw new Error(`line ${line}: </${m[1]}> does not match <${top?.qname ?? '(none)'}>`);
      advance(m[0].length);
    } else if (src[i] === '<') {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(src.slice(i));
      if (!m) throw new Error(`line ${line}: malformed start tag`);
      const parent = stack[stack.length - 1];
      const el = { qname: m[1], line, rawAttrs: {}, children: [], parent, ns: { ...parent.ns } };
      for (const a of m[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in el.rawAttrs) throw new Error(`line ${line}: duplicate attribute ${a[1]}`);
        el.rawAttrs[a[1]] = decode(a[2] ?? a[3], line);
      }
      for (const [k, v] of Object.entries(el.rawAttrs)) {
        if (k === 'xmlns') el.ns[''] = v;
        else if (k.startsWith('xmlns:')) el.ns[k.slice(6)] = v;
      }
      const [prefix, local] = el.qname.includes(':') ? el.qname.split(':') : ['', el.qname];
      if (!(prefix in el.ns)) throw new Error(`line ${line}: undeclared namespace prefix "${prefix}"`);
      el.uri = el.ns[prefix];
      el.name = local;
      el.attrs = {};
      for (const [k, v] of Object.entries(el.rawAttrs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
        if (k.includes(':')) {
          const [p, l] = k.split(':');
          if (!(p in el.ns)) throw new Error(`line ${line}: undeclared namespace prefix "${p}"`);
          el.attrs[`{${el.ns[p]}}${l}`] = v;
        } else el.attrs[k] = v;
      }
      parent.children.push(el);
      if (!m[3]) stack.push(el);
      advance(m[0].length);
    } else {
      const next = src.indexOf('<', i);
      const end = next < 0 ? src.length : next;
      const text = decode(src.slice(i, end), line);
      const top = stack[stack.length - 1];
      if (top === root) {
        if (text.trim()) throw new Error(`line ${line}: text outside the root element`);
      } else top.text = (top.text ?? '') + text;
      advance(end - i);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed element <${stack[stack.length - 1].qname}>`);
  if (root.children.length !== 1) throw new Error('a manifest must have exactly one root element');
  return root.children[0];
}

// ---------------------------------------------------------------------------------------------
// simple types

const GUID =
  /^(urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$|^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;
const VERSION = /^[0-9]{1,5}(\.[0-9]{1,5}){0,3}$/;
const SHORT_VERSION = /^[0-9]{1,5}\.[0-9]{1,5}$/;
const CULTURE = /^([a-zA-Z]{2,3}-[a-zA-Z0-9]{3,8}(-[a-zA-Z]{2,3})?|[a-zA-Z]{2,3}(-[a-zA-Z]{2,3}(_tradnl|\.pseudo|-[a-zA-Z]{4,8})?)?)$/;
const RESID = /^.{1,32}$/;
const ICON_SIZES = ['16', '20', '24', '32', '40', '48', '64', '80'];

const xsiType = (el) => el.attrs[`{${NS.xsi}}type`];
const text = (el) => (el.text ?? '').trim();

function checkLength(el, value, max, what) {
  if (value === undefined || value.length === 0) err(el, `${what} must not be empty`);
  else if ([...value].length > max) err(el, `${what} is ${[...value].length} characters long (at most ${max})`);
}

function checkUrl(el, value, what, list = urls) {
  if (!value) return err(el, `${what} is missing`);
  let u;
  try {
    u = new URL(value);
  } catch {
    return err(el, `${what} "${value}" is not a URL`);
  }
  if (u.protocol !== 'https:') err(el, `${what} "${value}" must use https`);
  if (value.length > 2048) err(el, `${what} is longer than 2048 characters`);
  list.push([el, value]);
}

/** Elements with DefaultValue + <Override Locale Value/> children (app namespace or bt). */
function localeAware(el, max, kind) {
  const dv = el.attrs.DefaultValue;
  if (kind === 'url') checkUrl(el, dv, 'DefaultValue');
  else checkLength(el, dv, max, 'DefaultValue');
  for (const o of el.children) {
    if (o.name !== 'Override') continue;
    if (!CULTURE.test(o.attrs.Locale ?? '')) err(o, `Locale "${o.attrs.Locale}" is not a culture name`);
    if (kind === 'url') checkUrl(o, o.attrs.Value, 'Value');
    else checkLength(o, o.attrs.Value, max, 'Value');
  }
}

// ---------------------------------------------------------------------------------------------
// content models: [localName, namespace key, min, max]

const U = Infinity;
const MODELS = {
  OfficeApp: [
    ['Id', 'app', 1, 1],
    ['AlternateId', 'app', 0, 1],
    ['Version', 'app', 1, 1],
    ['ProviderName', 'app', 1, 1],
    ['DefaultLocale', 'app', 1, 1],
    ['DisplayName', 'app', 1, 1],
    ['Description', 'app', 1, 1],
    ['IconUrl', 'app', 0, 1],
    ['HighResolutionIconUrl', 'app', 0, 1],
    ['SupportUrl', 'app', 0, 1],
    ['AppDomains', 'app', 0, 1],
    ['Hosts', 'app', 0, 1],
    ['Requirements', 'app', 0, 1],
    ['DefaultSettings', 'app', 1, 1],
    ['Permissions', 'app', 1, 1],
    ['Dictionary', 'app', 0, 1],
    ['VersionOverrides', 'ov', 0, 1],
    ['ExtendedOverrides', 'app', 0, 1],
  ],
  'app:Hosts': [['Host', 'app', 1, U]],
  'app:Requirements': [
    ['Sets', 'app', 0, 1],
    ['Methods', 'app', 0, 1],
  ],
  'app:Sets': [['Set', 'app', 1, U]],
  'app:DefaultSettings': [['SourceLocation', 'app', 1, 1]],
  'app:AppDomains': [['AppDomain', 'app', 1, U]],
  'ov:VersionOverrides': [
    ['Description', 'ov', 0, 1],
    ['Requirements', 'ov', 0, 1],
    ['Hosts', 'ov', 1, 1],
    ['Resources', 'ov', 0, 1],
    ['WebApplicationInfo', 'ov', 0, 1],
    ['EquivalentAddins', 'ov', 0, 1],
  ],
  'ov:Hosts': [['Host', 'ov', 1, U]],
  'ov:Host': [
    ['AllFormFactors', 'ov', 0, 1],
    ['DesktopFormFactor', 'ov', 0, 1],
  ],
  'ov:DesktopFormFactor': [
    ['GetStarted', 'ov', 0, 1],
    ['FunctionFile', 'ov', 1, 1],
    ['ExtensionPoint', 'ov', 1, U],
  ],
  'ov:GetStarted': [
    ['Title', 'ov', 1, 1],
    ['Description', 'ov', 1, 1],
    ['LearnMoreUrl', 'ov', 0, 1],
  ],
  'ov:ExtensionPoint': [
    ['OfficeTab', 'ov', 0, 1],
    ['CustomTab', 'ov', 0, U],
    ['OfficeMenu', 'ov', 0, U],
  ],
  'ov:OfficeTab': [['Group', 'ov', 1, U]],
  'ov:Group': [
    ['Label', 'ov', 1, 1],
    ['Icon', 'ov', 0, 1],
    ['Control', 'ov', 1, U],
  ],
  'ov:Icon': [['Image', 'bt', 1, U]],
  'ov:Control': [
    ['Label', 'ov', 1, 1],
    ['Supertip', 'ov', 1, 1],
    ['Icon', 'ov', 1, 1],
    ['Action', 'ov', 1, 1],
  ],
  'ov:Supertip': [
    ['Title', 'ov', 1, 1],
    ['Description', 'ov', 1, 1],
  ],
  'ov:Action': [
    ['TaskpaneId', 'ov', 0, 1],
    ['SourceLocation', 'ov', 1, 1],
    ['Title', 'ov', 0, 1],
    ['SupportsPinning', 'ov', 0, 1],
  ],
  'ov:Resources': [
    ['Images', 'bt', 0, 1],
    ['Urls', 'bt', 0, 1],
    ['ShortStrings', 'bt', 0, 1],
    ['LongStrings', 'bt', 0, 1],
  ],
  'bt:Images': [['Image', 'bt', 1, U]],
  'bt:Urls': [['Url', 'bt', 1, U]],
  'bt:ShortStrings': [['String', 'bt', 1, U]],
  'bt:LongStrings': [['String', 'bt', 1, U]],
  'bt:String': [['Override', 'bt', 0, U]],
  'bt:Image': [['Override', 'bt', 0, U]],
  'bt:Url': [['Override', 'bt', 0, U]],
  'app:DisplayName': [['Override', 'app', 0, U]],
  'app:Description': [['Override', 'app', 0, U]],
  'app:IconUrl': [['Override', 'app', 0, U]],
  'app:HighResolutionIconUrl': [['Override', 'app', 0, U]],
  'app:SupportUrl': [['Override', 'app', 0, U]],
  'app:SourceLocation': [['Override', 'app', 0, U]],
};
/** Elements that must not have children. */
const LEAVES = new Set([
  'app:Id',
  'app:AlternateId',
  'app:Version',
  'app:ProviderName',
  'app:DefaultLocale',
  'app:Permissions',
  'app:Host',
  'app:Set',
  'app:AppDomain',
  'app:Override',
  'bt:Override',
  'ov:FunctionFile',
  'ov:Title',
  'ov:Description',
  'ov:LearnMoreUrl',
  'ov:Label',
  'ov:TaskpaneId',
  'ov:SourceLocation',
  'ov:SupportsPinning',
]);

const keyOf = (el) => {
  const ns = Object.entries(NS).find(([, uri]) => uri === el.uri)?.[0] ?? el.uri;
  return el.parent?.qname === undefined ? el.name : `${ns}:${el.name}`;
};

/** Checks children against a content model (sequence with min/max counts). */
function checkSequence(el, model) {
  let pos = 0;
  const counts = new Map();
  for (const c of el.children) {
    const idx = model.findIndex(([n, ns]) => n === c.name && NS[ns] === c.uri);
    if (idx < 0) {
      err(c, `is not a valid child of <${el.qname}>`);
      continue;
    }
    if (idx < pos) err(c, `is out of order in <${el.qname}> (expected order: ${model.map((m) => m[0]).join(', ')})`);
    pos = Math.max(pos, idx);
    counts.set(idx, (counts.get(idx) ?? 0) + 1);
  }
  model.forEach(([n, , min, max], idx) => {
    const k = counts.get(idx) ?? 0;
    if (k < min) err(el, `missing required child <${n}>`);
    if (k > max) err(el, `<${n}> appears ${k} times (at most ${max})`);
  });
}

function walk(el, fn) {
  fn(el);
  for (const c of el.children) walk(c, fn);
}

// ---------------------------------------------------------------------------------------------

function validate(src, opts) {
  let root;
  try {
    root = parseXml(src);
  } catch (e) {
    err(null, `not well-formed XML: ${e.message}`);
    return;
  }
  if (root.name !== 'OfficeApp' || root.uri !== NS.app) return err(root, `root must be <OfficeApp xmlns="${NS.app}">`);
  if (xsiType(root) !== 'TaskPaneApp') err(root, 'xsi:type must be "TaskPaneApp"');

  walk(root, (el) => {
    const k = el === root ? 'OfficeApp' : keyOf(el);
    if (MODELS[k]) checkSequence(el, MODELS[k]);
    else if (LEAVES.has(k) && el.children.length) err(el, 'must not have child elements');
    else if (!MODELS[k] && !LEAVES.has(k)) err(el, 'is not an element this validator knows; check the schema');
  });

  const top = Object.fromEntries(root.children.map((c) => [c.name, c]));
  if (top.Id && !GUID.test(text(top.Id))) err(top.Id, `"${text(top.Id)}" is not a GUID`);
  if (top.Version && !VERSION.test(text(top.Version))) err(top.Version, 'must look like 1.0.0.0');
  if (top.ProviderName) checkLength(top.ProviderName, text(top.ProviderName), 125, 'ProviderName');
  if (top.DefaultLocale && !CULTURE.test(text(top.DefaultLocale))) err(top.DefaultLocale, 'is not a culture name');
  if (top.DisplayName) localeAware(top.DisplayName, 125);
  if (top.Description) localeAware(top.Description, 250);
  for (const n of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) if (top[n]) localeAware(top[n], 2048, 'url');
  if (
    top.Permissions &&
    !['Restricted', 'ReadDocument', 'ReadAllDocument', 'WriteDocument', 'ReadWriteDocument'].includes(text(top.Permissions))
  ) {
    err(top.Permissions, `"${text(top.Permissions)}" is not a task pane permission`);
  }
  walk(root, (el) => {
    const k = keyOf(el);
    if (k === 'app:Host' && !el.attrs.Name) err(el, 'needs a Name');
    if (k === 'app:Sets' && el.attrs.DefaultMinVersion && !SHORT_VERSION.test(el.attrs.DefaultMinVersion))
      err(el, 'DefaultMinVersion must look like 1.7');
    if (k === 'app:Set') {
      if (!el.attrs.Name) err(el, 'needs a Name');
      if (el.attrs.MinVersion && !SHORT_VERSION.test(el.attrs.MinVersion)) err(el, 'MinVersion must look like 1.7');
    }
    if (k === 'app:SourceLocation') localeAware(el, 2048, 'url');
    if (k === 'app:AppDomain') checkUrl(el, text(el), 'AppDomain', appDomains);
  });
  if (!top.Hosts?.children.some((h) => h.attrs.Name === 'Workbook')) err(top.Hosts ?? root, 'must declare <Host Name="Workbook"/> (Excel)');

  if (top.VersionOverrides) checkVersionOverrides(top.VersionOverrides);
  else err(root, 'no <VersionOverrides>: the ribbon button needs one');
  checkAddress(root, opts);
  checkFiles(opts);
  if (opts.reference !== undefined) compareWithReference(root, opts.reference);
}

/** Ribbon commands, resources and the references to them. */
function checkVersionOverrides(vo) {
  if (xsiType(vo) !== 'VersionOverridesV1_0') err(vo, 'xsi:type must be "VersionOverridesV1_0"');

  // resources and references
  const resources = { Images: new Map(), Urls: new Map(), ShortStrings: new Map(), LongStrings: new Map() };
  const allIds = new Set();
  walk(vo, (el) => {
    if (el.uri !== NS.bt || !(el.parent?.name in resources) || el.parent.uri !== NS.bt) return;
    const id = el.attrs.id;
    if (!id || !RESID.test(id)) err(el, 'id must be 1-32 characters');
    else if (allIds.has(id)) err(el, `duplicate resource id "${id}"`);
    allIds.add(id);
    resources[el.parent.name].set(id, el);
    const kind = el.parent.name;
    localeAware(
      el,
      kind === 'ShortStrings' ? 125 : kind === 'LongStrings' ? 250 : 2048,
      kind === 'Images' || kind === 'Urls' ? 'url' : undefined,
    );
  });
  const used = new Set();
  const ref = (el, kind) => {
    const id = el.attrs.resid;
    if (!id) return err(el, 'needs a resid');
    used.add(id);
    if (!resources[kind].has(id)) err(el, `resid "${id}" is not defined in <bt:${kind}>`);
  };
  const controlIds = new Set();
  walk(vo, (el) => {
    const k = keyOf(el);
    const parent = el.parent && keyOf(el.parent);
    if (k === 'ov:Host' && xsiType(el) !== 'Workbook') err(el, 'xsi:type must be "Workbook" for Excel');
    if (k === 'ov:ExtensionPoint' && !['PrimaryCommandSurface', 'ContextMenu'].includes(xsiType(el))) err(el, 'unexpected xsi:type');
    if (k === 'ov:Control' && xsiType(el) !== 'Button') err(el, 'only xsi:type="Button" is checked here');
    if (k === 'ov:Action' && xsiType(el) !== 'ShowTaskpane') err(el, 'only xsi:type="ShowTaskpane" is checked here');
    if (k === 'ov:OfficeTab' && !el.attrs.id) err(el, 'needs an id (e.g. TabHome)');
    if (k === 'ov:Group' || k === 'ov:Control') {
      const id = el.attrs.id;
      if (!id || id.length > 125) err(el, 'needs an id of at most 125 characters');
      else if (controlIds.has(id)) err(el, `duplicate id "${id}"`);
      controlIds.add(id);
    }
    if (k === 'ov:Label' || (k === 'ov:Title' && parent !== 'ov:Action')) ref(el, 'ShortStrings');
    if (k === 'ov:Title' && parent === 'ov:Action') ref(el, 'ShortStrings');
    if (k === 'ov:Description' && parent !== 'ov:VersionOverrides') ref(el, 'LongStrings');
    if (k === 'ov:SourceLocation' || k === 'ov:FunctionFile' || k === 'ov:LearnMoreUrl') ref(el, 'Urls');
    if (k === 'bt:Image' && parent === 'ov:Icon') {
      ref(el, 'Images');
      if (!ICON_SIZES.includes(el.attrs.size)) err(el, `size "${el.attrs.size}" is not one of ${ICON_SIZES.join(', ')}`);
    }
    if (k === 'ov:Icon') {
      const sizes = el.children.map((c) => c.attrs.size);
      for (const s of ['16', '32', '80']) if (!sizes.includes(s)) err(el, `needs a ${s}px image`);
      if (new Set(sizes).size !== sizes.length) err(el, 'has the same size twice');
      for (const img of el.children) {
        const url = resources.Images.get(img.attrs.resid)?.attrs.DefaultValue;
        const m = url && /\/assets\/(icon-(\d+)\.png)$/.exec(url);
        if (m && m[2] !== img.attrs.size) err(img, `size ${img.attrs.size} points to ${m[1]}`);
      }
    }
  });
  for (const kind of Object.keys(resources)) {
    for (const id of resources[kind].keys()) if (!used.has(id)) warnings.push(`resource "${id}" is never used`);
  }
}

/** The folder of <DefaultSettings><SourceLocation> (where taskpane.html is): the add-in's base address. */
function baseOf(root) {
  const settings = root.children.find((c) => c.name === 'DefaultSettings');
  const sl = settings?.children.find((c) => c.name === 'SourceLocation');
  try {
    const u = new URL(sl?.attrs.DefaultValue);
    return { el: sl, base: u.origin + u.pathname.replace(/[^/]*$/, '') };
  } catch {
    return { el: sl, base: undefined }; // reported above
  }
}

/** One origin, one base address (the given one, if any) for every URL. */
function checkAddress(root, opts) {
  const { el: sl, base: own } = baseOf(root);
  let base = own;
  if (opts.baseUrl) {
    // a different origin is reported for each URL below
    if (own !== undefined && own !== opts.baseUrl && new URL(own).origin === new URL(opts.baseUrl).origin) {
      err(sl, `SourceLocation "${sl.attrs.DefaultValue}" is not in ${opts.baseUrl} (the address given)`);
    }
    base = opts.baseUrl;
  }
  if (base === undefined) return;
  const origin = new URL(base).origin;
  opts.base = base;
  for (const [el, url] of urls) {
    let u;
    try {
      u = new URL(url);
    } catch {
      continue;
    }
    if (u.origin !== origin)
      err(
        el,
        `"${url}" is not on ${origin}: every URL must share one origin (that of ${opts.baseUrl ? 'the address given' : 'SourceLocation'})`,
      );
    else if (!(u.origin + u.pathname).startsWith(base)) err(el, `"${url}" is not under ${base}`);
  }
  if (opts.reference !== undefined) {
    let dev;
    try {
      dev = devOrigin(opts.reference);
    } catch {
      dev = undefined;
    }
    if (dev === origin) {
      warnings.push(
        `every URL still points to ${origin} (the development server); for a deployment build with npm run build -- --env url=https://…/ (or ${ENV_VAR}=https://…/)`,
      );
    } else if (dev) {
      for (const [el, url] of appDomains)
        if (url.startsWith(dev)) warnings.push(`line ${el.line} <${el.qname}>: AppDomain "${url}" is the development server`);
    }
  }
}

/** Files behind the URLs, in opts.siteDir: icons (PNG of the declared size) and, with opts.pages, the rest. */
function checkFiles(opts) {
  if (!opts.base) return;
  const siteDir = opts.siteDir ?? ROOT;
  const where = show(siteDir);
  for (const [el, url] of urls) {
    let u;
    try {
      u = new URL(url);
    } catch {
      continue;
    }
    const full = u.origin + u.pathname;
    if (!full.startsWith(opts.base)) continue; // reported by checkAddress
    let name;
    try {
      name = decodeURIComponent(full.slice(opts.base.length));
    } catch {
      err(el, `${url}: bad percent-encoding`);
      continue;
    }
    const isPng = /\.png$/i.test(name);
    if (!isPng && !opts.pages) continue;
    const path = join(siteDir, name);
    if (!name || !existsSync(path) || !statSync(path).isFile()) {
      err(el, `${url}: ${name || '(the folder itself)'} does not exist in ${where}/`);
      continue;
    }
    if (!isPng) continue;
    const png = readFileSync(path);
    if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('ascii', 12, 16) !== 'IHDR') {
      err(el, `${name} is not a PNG`);
      continue;
    }
    const w = png.readUInt32BE(16);
    const h = png.readUInt32BE(20);
    const m = /icon-(\d+)\.png$/.exec(name);
    if (w !== h || (m && Number(m[1]) !== w)) err(el, `${name} is ${w}×${h}`);
  }
}

/** What must not differ from the development manifest: the Id, the Hosts and the requirement sets. */
function compareWithReference(root, referenceSrc) {
  let ref;
  try {
    ref = parseXml(referenceSrc);
  } catch (e) {
    return err(null, `the development manifest (manifest.xml) is not well-formed XML: ${e.message}`);
  }
  const a = essentials(root);
  const b = essentials(ref);
  for (const k of Object.keys(b)) {
    if (a[k] !== b[k]) err(null, `${k} is "${a[k]}" but the development manifest (manifest.xml) has "${b[k]}"`);
  }
}

function essentials(root) {
  const top = Object.fromEntries(root.children.map((c) => [c.name, c]));
  const sets = top.Requirements?.children.find((c) => c.name === 'Sets');
  const voHosts = [];
  if (top.VersionOverrides) walk(top.VersionOverrides, (el) => el.name === 'Host' && el.uri === NS.ov && voHosts.push(xsiType(el)));
  return {
    '<Id>': top.Id ? text(top.Id) : '',
    '<Hosts>': (top.Hosts?.children ?? []).map((h) => h.attrs.Name).join(', '),
    '<Requirements>': sets
      ? [
          `DefaultMinVersion=${sets.attrs.DefaultMinVersion ?? ''}`,
          ...sets.children.map((c) => `${c.attrs.Name} ${c.attrs.MinVersion ?? ''}`.trim()),
        ].join(', ')
      : '',
    '<VersionOverrides> hosts': voHosts.join(', '),
  };
}

/**
 * Validates a manifest's text. Options:
 *   baseUrl   the address every URL must be under (normalised, see scripts/manifest-url.cjs);
 *   siteDir   folder holding the files behind the URLs (default: the repository, for manifest.xml);
 *   pages     also require the non-icon files (taskpane.html, commands.html) in siteDir;
 *   reference the development manifest's text: Id, Hosts and requirement sets must match it.
 * Returns { errors, warnings, base } (base: the base address the URLs were checked against).
 */
function validateManifest(src, options = {}) {
  errors = [];
  warnings = [];
  urls = [];
  appDomains = [];
  const opts = { ...options, base: undefined };
  if (opts.baseUrl) opts.baseUrl = normaliseBaseUrl(opts.baseUrl, 'baseUrl');
  validate(src, opts);
  const result = { errors, warnings, base: opts.base };
  errors = [];
  warnings = [];
  return result;
}

// ---------------------------------------------------------------------------------------------
// command line

const USAGE = 'usage: node scripts/validate-manifest.cjs [manifest.xml] [--url https://…/] [--site folder]';

function parseArgs(argv) {
  const args = { file: undefined, url: undefined, site: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(url|site)(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[2] ?? argv[++i];
      if (v === undefined) throw new Error(`--${m[1]} needs a value`);
      args[m[1]] = v;
    } else if (a === '-h' || a === '--help') {
      args.help = true;
    } else if (a.startsWith('-')) {
      throw new Error(`unknown option ${a}`);
    } else if (args.file === undefined) {
      args.file = a;
    } else {
      throw new Error(`one manifest at a time (${args.file}, ${a})`);
    }
  }
  return args;
}

const same = (p, q) => existsSync(p) && existsSync(q) && realpathSync(p) === realpathSync(q);

function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(`error: ${e.message}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    console.log(`${USAGE}\n  default manifest: dist/manifest.xml if it exists (npm run build), otherwise manifest.xml`);
    return 0;
  }
  const built = join(ROOT, 'dist', 'manifest.xml');
  const file = resolve(args.file ?? (existsSync(built) ? built : DEV_MANIFEST));
  if (!existsSync(file)) {
    console.error(`error: manifest not found: ${file}`);
    return 1;
  }
  const isDev = same(file, DEV_MANIFEST);
  let baseUrl;
  try {
    if (args.url !== undefined) baseUrl = normaliseBaseUrl(args.url, '--url');
    else if (!isDev && process.env[ENV_VAR]?.trim()) baseUrl = normaliseBaseUrl(process.env[ENV_VAR], ENV_VAR);
  } catch (e) {
    console.error(`error: ${e.message}`);
    return 1;
  }
  // a built manifest (dist/manifest.xml) sits next to the folder it describes (dist/addin/)
  const site =
    args.site !== undefined ? resolve(args.site) : existsSync(join(dirname(file), 'addin')) ? join(dirname(file), 'addin') : undefined;
  if (site !== undefined && !existsSync(site)) {
    console.error(`error: site folder not found: ${site}`);
    return 1;
  }
  const reference = !isDev && existsSync(DEV_MANIFEST) ? readFileSync(DEV_MANIFEST, 'utf8') : undefined;

  const r = validateManifest(readFileSync(file, 'utf8'), { baseUrl, siteDir: site, pages: site !== undefined, reference });
  try {
    execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    if (e.code !== 'ENOENT') r.errors.unshift(`xmllint: ${String(e.stderr ?? e.message).trim()}`);
  }
  for (const w of r.warnings) console.warn(`warning: ${w}`);
  if (r.errors.length) {
    for (const e of r.errors) console.error(`error: ${e}`);
    console.error(`\n${file}: ${r.errors.length} error(s)`);
    return 1;
  }
  const checked = [
    r.base && `URLs under ${r.base}${baseUrl ? ` (given${args.url === undefined ? ` by ${ENV_VAR}` : ''})` : ''}`,
    `files in ${show(site ?? ROOT)}/`,
    reference !== undefined && 'Id, Hosts and requirement sets as in manifest.xml',
  ].filter(Boolean);
  console.log(
    `${file}: valid (structural check of the TaskPaneApp schema; ${checked.join('; ')}${r.warnings.length ? `; ${r.warnings.length} warning(s)` : ''})`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { validateManifest, parseXml };
