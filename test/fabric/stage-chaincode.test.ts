import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Chaincode staging (network/dist/fabric/stage-chaincode.js) on a tiny fake workspace, checked
 * without Fabric (runs under `npm test`): what the peer's Node builder and the ccaas server get
 * must run without npm, so workspace packages the chaincode depends on (as it will depend on
 * @cargotrace/model) are followed through their node_modules symlink and copied built. */
const ROOT = path.resolve(__dirname, '../../..');
const STAGE = path.join(ROOT, 'network/dist/fabric/stage-chaincode.js');

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

function writeText(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** workspace/{cc,model,node_modules/{@fake/model -> ../../model, left-pad, unused}}. */
function fakeWorkspace(root: string): void {
  writeJson(path.join(root, 'cc/package.json'), {
    name: '@fake/cc',
    main: 'dist/index.js',
    dependencies: { '@fake/model': '0.1.0' },
    devDependencies: { typescript: '5' },
  });
  writeText(path.join(root, 'cc/dist/index.js'), "module.exports = require('@fake/model');\n");
  writeText(path.join(root, 'cc/src/index.ts'), "export * from '@fake/model';\n");
  writeText(path.join(root, 'cc/tsconfig.tsbuildinfo'), '{}');
  writeJson(path.join(root, 'model/package.json'), {
    name: '@fake/model',
    main: 'dist/index.js',
    dependencies: { 'left-pad': '1' },
    devDependencies: { typescript: '5' },
  });
  writeText(path.join(root, 'model/dist/index.js'), "exports.pad = require('left-pad');\n");
  writeText(path.join(root, 'model/dist/schema/event.schema.json'), '{}');
  writeText(path.join(root, 'model/src/index.ts'), "export const pad = 'src';\n");
  writeText(path.join(root, 'model/tsconfig.json'), '{}');
  writeText(path.join(root, 'model/tsconfig.tsbuildinfo'), '{}');
  writeText(path.join(root, 'model/README.md'), '# model\n');
  mkdirSync(path.join(root, 'node_modules/@fake'), { recursive: true });
  symlinkSync('../../model', path.join(root, 'node_modules/@fake/model'));
  writeJson(path.join(root, 'node_modules/left-pad/package.json'), { name: 'left-pad', main: 'index.js' });
  writeText(path.join(root, 'node_modules/left-pad/index.js'), 'module.exports = (s) => s;\n');
  writeJson(path.join(root, 'node_modules/unused/package.json'), { name: 'unused' });
}

describe('Chaincode staging for Fabric packages', function () {
  this.timeout(30_000);
  let work: string;
  let stage: string;
  let output: string;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'cargotrace-stage-'));
    fakeWorkspace(path.join(work, 'ws'));
    stage = path.join(work, 'stage');
    output = execFileSync(process.execPath, [STAGE, path.join(work, 'ws/cc'), stage], { encoding: 'utf8' });
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('stages the chaincode built, with package.json stripped of devDependencies', () => {
    expect(readFileSync(path.join(stage, 'dist/index.js'), 'utf8')).to.include("require('@fake/model')");
    const pkg = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.name).to.equal('@fake/cc');
    expect(pkg).not.to.have.property('devDependencies');
    expect(existsSync(path.join(stage, 'src'))).to.equal(false);
    expect(existsSync(path.join(stage, 'tsconfig.tsbuildinfo'))).to.equal(false);
  });

  it('copies a symlinked workspace dependency as a real directory with its dist, without src or build state', () => {
    const model = path.join(stage, 'node_modules/@fake/model');
    expect(lstatSync(model).isSymbolicLink()).to.equal(false);
    expect(readFileSync(path.join(model, 'dist/index.js'), 'utf8')).to.include("require('left-pad')");
    expect(existsSync(path.join(model, 'dist/schema/event.schema.json'))).to.equal(true);
    expect(existsSync(path.join(model, 'README.md'))).to.equal(true);
    for (const absent of ['src', 'tsconfig.json', 'tsconfig.tsbuildinfo'])
      expect(existsSync(path.join(model, absent)), absent).to.equal(false);
    const pkg = JSON.parse(readFileSync(path.join(model, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).not.to.have.property('devDependencies');
  });

  it('follows the workspace dependency to its own dependencies, and only to what is needed', () => {
    expect(existsSync(path.join(stage, 'node_modules/left-pad/index.js'))).to.equal(true);
    expect(existsSync(path.join(stage, 'node_modules/unused'))).to.equal(false);
    expect(output).to.include('staged chaincode with 2 dependency packages');
  });

  it('loads from the stage alone, as the peer runs it', () => {
    const loaded = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(stage)}).pad)`], {
      encoding: 'utf8',
      cwd: tmpdir(),
    });
    expect(loaded).to.equal('function');
  });

  it('refuses a chaincode that has not been built', () => {
    rmSync(path.join(work, 'ws/cc/dist'), { recursive: true });
    expect(() => execFileSync(process.execPath, [STAGE, path.join(work, 'ws/cc'), path.join(work, 'stage2')], { stdio: 'pipe' })).to.throw(
      /missing: build/,
    );
  });
});
