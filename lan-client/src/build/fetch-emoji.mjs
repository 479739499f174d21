// Fetches the emoji image set from the npm registry and keeps what the client uses.
//
//   node fetch-emoji.mjs <package> <version> <download-dir> <output-dir>
//
// Output (a Maven resource directory):
//   emoji/index.tsv          one emoji per line: key, short name, category, sort order, non-qualified key
//   emoji/64/<key>.png       its 64 px image
//   emoji/LICENSE-*.txt      the package's licence, and a note on the image licence
//
// Kept: every emoji of every category except flags and the skin-tone/hair components, without skin-tone
// variants (about 1,640 images, 5 MB). Everything is taken from the package's own emoji.json, so a new
// version of the package brings new emoji without changes here. Re-running with the same version is a
// no-op, so incremental builds stay fast and work offline once the package is in npm's cache.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [pkg, version, downloadDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node fetch-emoji.mjs <package> <version> <download-dir> <output-dir>');
  process.exit(2);
}
const EXCLUDED_CATEGORIES = new Set(['Flags', 'Component']);
const emojiDir = path.join(outDir, 'emoji');
const stamp = path.join(emojiDir, 'SOURCE');
const wanted = `${pkg}@${version}`;

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === wanted) {
  process.exit(0);
}

fs.mkdirSync(downloadDir, { recursive: true });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tarball;
try {
  const out = execFileSync(npm, ['pack', wanted, '--pack-destination', downloadDir, '--prefer-offline', '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  tarball = path.join(downloadDir, JSON.parse(out)[0].filename);
} catch (e) {
  console.error(`Could not fetch ${wanted} from the npm registry (${e.message}).`);
  console.error('The client shows emoji from this image set; the build needs npm and the registry (or npm\'s cache).');
  process.exit(1);
}

const unpacked = path.join(downloadDir, 'unpacked');
fs.rmSync(unpacked, { recursive: true, force: true });
fs.mkdirSync(unpacked, { recursive: true });
const imageDir = 'package/img/google/64';
execFileSync('tar', ['xzf', tarball, '-C', unpacked, 'package/emoji.json', 'package/LICENSE', 'package/package.json',
  '--wildcards', `${imageDir}/*`], { stdio: 'inherit' });

const all = JSON.parse(fs.readFileSync(path.join(unpacked, 'package/emoji.json'), 'utf8'));
fs.rmSync(emojiDir, { recursive: true, force: true });
fs.mkdirSync(path.join(emojiDir, '64'), { recursive: true });

const lines = [];
let bytes = 0;
for (const e of all) {
  if (!e.has_img_google || EXCLUDED_CATEGORIES.has(e.category)) continue;
  const source = path.join(unpacked, imageDir, e.image);
  if (!fs.existsSync(source)) continue;
  const key = e.unified.toLowerCase();
  fs.copyFileSync(source, path.join(emojiDir, '64', `${key}.png`));
  bytes += fs.statSync(source).size;
  const nonQualified = e.non_qualified ? e.non_qualified.toLowerCase() : '';
  lines.push([key, e.short_name, e.category, e.sort_order, nonQualified].join('\t'));
}
fs.writeFileSync(path.join(emojiDir, 'index.tsv'), lines.join('\n') + '\n');
fs.copyFileSync(path.join(unpacked, 'package/LICENSE'), path.join(emojiDir, 'LICENSE-emoji-datasource.txt'));
fs.writeFileSync(path.join(emojiDir, 'LICENSE-images.txt'),
  'The emoji images are Noto Emoji by Google, licensed under the Apache License 2.0\n' +
  '(https://www.apache.org/licenses/LICENSE-2.0), as packaged in ' + wanted + ' (MIT, Cal Henderson).\n');
fs.writeFileSync(stamp, wanted + '\n');
fs.rmSync(unpacked, { recursive: true, force: true });
console.log(`emoji: ${lines.length} images (${Math.round(bytes / 1024)} KiB) from ${wanted}`);
