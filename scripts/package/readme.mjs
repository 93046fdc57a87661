// The README inside the .vsix: README.user.md (the page for users; README.md is for contributors),
// without its screenshots. VS Code's extension view shows a packaged README's images only from https
// URLs (relative paths and data: URIs are dropped when installed from a .vsix), and this project has
// no public address for them yet, so the .vsix carries the text alone and not 400 KB of images it
// cannot show. Used by scripts/package.mjs and test/unit/package.test.ts.
import fs from 'node:fs';
import path from 'node:path';

export const USER_README = 'README.user.md';

/** The user README without lines that are only an image (and the blank line after each). */
export function packagedReadme(text) {
  return text.replace(/^!\[[^\]]*\]\([^)]*\)[ \t]*\n(\n)?/gm, '');
}

/** Writes the packaged README below the project (vsce reads it from there); returns its relative path. */
export function writePackagedReadme(root) {
  const rel = path.join('.cache', 'package', 'README.md');
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), packagedReadme(fs.readFileSync(path.join(root, USER_README), 'utf8')));
  return rel;
}

/** vsce options for `package` (relative links stay checked: a broken one fails packaging); `ls` takes all but the second. */
export function vsceOptions(readmePath, command = 'package') {
  return ['--no-dependencies', ...(command === 'package' ? ['--allow-missing-repository'] : []), '--readme-path', readmePath];
}
