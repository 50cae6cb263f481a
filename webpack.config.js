/*
 * Build of the Excel task pane. `npm run build` -> dist/addin/ and dist/manifest.xml,
 * `npm run dev-server` -> https://localhost:3000 (manifest.xml, the development manifest).
 * The deployment address: `npm run build -- --env url=https://…/` or JXMB_ADDIN_URL=https://…/
 * (see scripts/manifest-url.cjs and docs/addin.md); without it dist/manifest.xml keeps the
 * development URLs and the build warns.
 */
const fs = require('fs');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { ENV_VAR, baseUrlFromEnv, devOrigin, rewriteManifest } = require('./scripts/manifest-url.cjs');
const { helpPage } = require('./scripts/help-page.cjs');
const { version } = require('./package.json');

const OFFICE_JS = path.dirname(require.resolve('@microsoft/office-js/package.json'));
const OUT = path.resolve(__dirname, 'dist/addin');

/**
 * office.js is served from our own origin (intranets without the Microsoft CDN): office.js itself,
 * the Excel host files it loads for each platform, its string tables and its helper scripts.
 * Debug builds and the files of other Office applications are left out.
 */
const officeJsPatterns = [
  { from: 'office.js', to: 'office-js/' },
  { from: 'o15apptofilemappingtable.js', to: 'office-js/' },
  { from: 'excel*.js', to: 'office-js/', globOptions: { ignore: ['**/*.debug.js'] } },
  { from: '*/office_strings.js', to: 'office-js/' },
  { from: 'telemetry/*.js', to: 'office-js/', globOptions: { ignore: ['**/*.debug.js'] } },
].map((p) => ({ ...p, context: path.join(OFFICE_JS, 'dist'), info: { minimized: true } })); // served as shipped

/**
 * manifest.xml -> dist/manifest.xml (next to dist/addin/, not served by it), with the development
 * origin replaced by `target.url` when given; without it the URLs are kept and a warning says so.
 */
function manifestPattern(target) {
  const pattern = { from: 'manifest.xml', to: '../manifest.xml' };
  if (target) pattern.transform = { transformer: (content) => rewriteManifest(content.toString('utf8'), target.url), cache: false };
  return pattern;
}

class ManifestNotice {
  constructor(target, production) {
    this.target = target;
    this.production = production;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ManifestNotice', (compilation) => {
      const file = path.relative(process.cwd(), path.join(compiler.outputPath, '..', 'manifest.xml'));
      if (this.target) {
        compiler.getInfrastructureLogger('manifest').info(`${file}: URLs under ${this.target.url} (from ${this.target.from})`);
      } else if (this.production) {
        const dev = devOrigin(fs.readFileSync(path.join(__dirname, 'manifest.xml'), 'utf8'));
        compilation.warnings.push(
          new compiler.webpack.WebpackError(
            `${file} still points to ${dev} (the development server). For a deployment give the ` +
              `address that serves dist/addin/: npm run build -- --env url=https://…/ (or ${ENV_VAR}=https://…/), see docs/addin.md.`,
          ),
        );
      }
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const serve = Boolean(env.WEBPACK_SERVE);
  let target = null;
  if (!serve) {
    try {
      target = baseUrlFromEnv(env);
    } catch (e) {
      e.stack = `deployment address: ${e.message}`; // the build stops, with this message and no stack trace
      throw e;
    }
  }
  const config = {
    mode: dev ? 'development' : 'production',
    entry: { taskpane: './src/taskpane/index.tsx', commands: './src/taskpane/commands.ts' },
    output: {
      path: OUT,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: '',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              compilerOptions: { noEmit: false, module: 'esnext', moduleResolution: 'node', sourceMap: dev },
            },
          },
        },
      ],
    },
    devtool: dev ? 'source-map' : false,
    plugins: [
      new (require('webpack').DefinePlugin)({ __JXMB_VERSION__: JSON.stringify(version) }),
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        template: './src/taskpane/commands.html',
        filename: 'commands.html',
        chunks: ['commands'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // 帮助: the user guide, from docs/addin.md, and its picture
          { from: 'docs/addin.md', to: 'help.html', transform: (content) => helpPage(content.toString('utf8'), version) },
          { from: 'docs/taskpane.png', to: 'taskpane.png' },
          ...officeJsPatterns,
          ...(serve ? [] : [manifestPattern(target)]), // the dev server uses manifest.xml itself
        ],
      }),
      ...(serve ? [] : [new ManifestNotice(target, !dev)]),
    ],
    // budget for our own code (office.js is Microsoft's, served as shipped)
    performance: {
      hints: dev ? false : 'warning',
      maxEntrypointSize: 900 * 1024,
      maxAssetSize: 900 * 1024,
      assetFilter: (name) => name.endsWith('.js') && !name.startsWith('office-js/'),
    },
    stats: 'errors-warnings',
  };
  if (env.WEBPACK_SERVE) {
    const devCerts = require('office-addin-dev-certs');
    config.devServer = {
      port: 3000,
      host: 'localhost',
      hot: false,
      liveReload: true,
      client: { overlay: { warnings: false, errors: true } },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
      static: false,
    };
  }
  return config;
};
