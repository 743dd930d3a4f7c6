import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BUILT_IN_EXCLUDES } from '../../../../src/core/privacy/builtInExcludes';
import { describeRule, ExclusionPolicy, type ExclusionDecision, type ExclusionSources, type FileLocation } from '../../../../src/core/privacy/exclusion';
import { parseIgnoreFile } from '../../../../src/core/privacy/ignoreFile';

const NONE: ExclusionSources = { user: [], workspace: [], ignoreFiles: [] };

/** A file of the workspace folder /work/app, by its relative path. */
const inApp = (relative: string): FileLocation => ({ absolute: `/work/app/${relative}`, relative });

function ruleOf(decision: ExclusionDecision): string | undefined {
  return decision.excluded ? describeRule(decision.rule) : undefined;
}

describe('exclusion: the built-in list', () => {
  // At least one file per built-in pattern; the test fails if a pattern is added without one.
  const examples: Record<string, readonly string[]> = {
    '.env': ['.env', 'services/api/.env'],
    '.env.*': ['.env.local', '.env.production', 'web/.env.development.local'],
    '*.env': ['prod.env', 'docker/db.env'],
    '.envrc': ['.envrc'],
    '*.pem': ['certs/server.pem', 'privkey.PEM'],
    '*.key': ['tls/server.key'],
    '*.p12': ['signing/ios.p12'],
    '*.pfx': ['cert.pfx'],
    '*.p8': ['AuthKey_ABC123.p8'],
    '*.jks': ['android/release.jks'],
    '*.keystore': ['debug.keystore'],
    '*.ppk': ['putty/server.ppk'],
    'id_* (SSH private keys)': ['id_rsa', 'deploy/id_ed25519', 'id_ecdsa_sk', 'keys/id_github'],
    '.ssh/': ['/home/me/.ssh/config', '/home/me/.ssh/known_hosts'],
    '.gnupg/': ['/home/me/.gnupg/private-keys-v1.d/A1.key2'],
    '.npmrc': ['.npmrc', 'packages/ui/.npmrc'],
    '.yarnrc.yml': ['.yarnrc.yml'],
    '.pypirc': ['.pypirc'],
    '.netrc': ['.netrc'],
    '_netrc': ['_netrc'],
    '.pgpass': ['.pgpass'],
    '.my.cnf': ['.my.cnf'],
    '.htpasswd': ['public/.htpasswd'],
    '.git-credentials': ['.git-credentials'],
    '.vault-token': ['.vault-token'],
    '.terraformrc': ['.terraformrc'],
    'terraform.rc': ['terraform.rc'],
    '*.tfstate': ['infra/terraform.tfstate'],
    '*.tfstate.*': ['infra/terraform.tfstate.backup'],
    '*credentials*': ['credentials.json', '/home/me/.aws/credentials', 'gcp/application_default_credentials.json', 'config/credentials.yml.enc'],
    'secrets.{json,yml,yaml,toml,ini}': ['config/secrets.yml', 'secrets.json'],
    'service-account*.json': ['service-account-prod.json'],
    '.kube/config': ['/home/me/.kube/config'],
    'kubeconfig*': ['kubeconfig', 'deploy/kubeconfig-staging.yaml'],
    '*.kubeconfig': ['prod.kubeconfig'],
    '.aws/config': ['/home/me/.aws/config'],
    '.config/gcloud/': ['/home/me/.config/gcloud/access_tokens.db'],
    '.azure/': ['/home/me/.azure/msal_token_cache.json', '.azure/prod/config.json'],
    '.docker/config.json': ['/home/me/.docker/config.json'],
    '.s3cfg': ['.s3cfg'],
    '.boto': ['.boto'],
  };
  const policy = new ExclusionPolicy(NONE);

  it('has an example here for every pattern of the list', () => {
    assert.deepEqual(BUILT_IN_EXCLUDES.map((b) => b.pattern).filter((p) => !examples[p]), []);
  });

  for (const { pattern } of BUILT_IN_EXCLUDES) {
    it(`excludes by "${pattern}"`, () => {
      for (const path of examples[pattern] ?? []) {
        const file = path.startsWith('/') ? { absolute: path } : inApp(path);
        assert.equal(ruleOf(policy.check(file)), `the built-in rule "${pattern}"`, path);
      }
    });
  }

  it('leaves code, public keys and look-alike names alone', () => {
    for (const path of [
      'src/app.ts', 'README.md', 'src/environment.ts', 'src/.envelope.ts', 'env/settings.py', 'id_rsa.pub', '/home/me/keys/id_ed25519.pub',
      'src/id_generator.ts', 'src/keys.ts', 'docs/keyboard.md', 'certs/ca.crt', 'tsconfig.json', 'package.json', 'src/secretsManager.ts',
      'terraform/main.tf', 'docker-compose.yml', '.gitignore', 'kube/deployment.yaml',
    ]) {
      const file = path.startsWith('/') ? { absolute: path } : inApp(path);
      assert.equal(ruleOf(policy.check(file)), undefined, path);
    }
  });

  it('is listed in full where users read it: the setting and the README', () => {
    const setting = JSON.parse(fs.readFileSync('package.json', 'utf8')).contributes.configuration.properties['tandem.exclude'].markdownDescription as string;
    const readme = fs.readFileSync('README.md', 'utf8');
    for (const { pattern } of BUILT_IN_EXCLUDES) {
      const shown = `\`${pattern.replace(/ \(.*\)$/, '')}\``;
      assert.ok(setting.includes(shown), `tandem.exclude's description lists ${shown}`);
      assert.ok(readme.includes(shown), `the README lists ${shown}`);
    }
  });

  it('ignores case, as a case-insensitive disk does', () => {
    assert.equal(ruleOf(policy.check(inApp('Config/.ENV'))), 'the built-in rule ".env"');
    assert.equal(ruleOf(policy.check(inApp('ID_RSA'))), 'the built-in rule "id_* (SSH private keys)"');
  });

  it('knows a file outside any workspace folder by its absolute path, Windows ones too', () => {
    assert.equal(ruleOf(policy.check({ absolute: '/c:/Users/me/project/.env' })), 'the built-in rule ".env"');
    assert.equal(ruleOf(policy.check({ absolute: '/home/me/.aws/credentials' })), 'the built-in rule "*credentials*"');
  });
});

describe('exclusion: tandem.exclude', () => {
  it("adds the user's globs, matched against the workspace path and the absolute path, naming the setting", () => {
    const policy = new ExclusionPolicy({ ...NONE, user: ['secrets', 'fixtures/**/*.json', '/home/me/private/**'] });
    assert.equal(ruleOf(policy.check(inApp('config/secrets/db.ts'))), '"secrets" in tandem.exclude (user settings)', 'a name without a slash is a file or folder at any depth');
    assert.equal(ruleOf(policy.check(inApp('fixtures/users/alice.json'))), '"fixtures/**/*.json" in tandem.exclude (user settings)');
    assert.equal(ruleOf(policy.check({ absolute: '/home/me/private/notes.md' })), '"/home/me/private/**" in tandem.exclude (user settings)');
    assert.equal(ruleOf(policy.check(inApp('src/fixtures.ts'))), undefined);
  });

  it("adds the workspace's globs, naming them as the workspace's", () => {
    const policy = new ExclusionPolicy({ ...NONE, user: ['*.draft'], workspace: ['customer-data/'] });
    assert.equal(ruleOf(policy.check(inApp('customer-data/export.csv'))), '"customer-data/" in tandem.exclude (workspace settings)');
    assert.equal(ruleOf(policy.check(inApp('notes.draft'))), '"*.draft" in tandem.exclude (user settings)', "the workspace's value adds to the user's, never replaces it");
  });

  it('gives a workspace no way to remove a built-in or a user pattern: a "!" glob excludes nothing more and frees nothing', () => {
    const policy = new ExclusionPolicy({ ...NONE, user: ['*.draft'], workspace: ['!.env', '!**/*.draft', '!**'] });
    assert.equal(ruleOf(policy.check(inApp('.env'))), 'the built-in rule ".env"');
    assert.equal(ruleOf(policy.check(inApp('notes.draft'))), '"*.draft" in tandem.exclude (user settings)');
  });

  it('reports a value that is not a glob, and goes on with the rest', () => {
    const policy = new ExclusionPolicy({ ...NONE, user: [42, '', 'tmp/**'] });
    assert.deepEqual(policy.problems, ['tandem.exclude: 42 is not a glob; it is ignored.', 'tandem.exclude: "" is not a glob; it is ignored.']);
    assert.equal(ruleOf(policy.check(inApp('tmp/x.ts'))), '"tmp/**" in tandem.exclude (user settings)');
  });
});

describe('exclusion: .tandemignore', () => {
  it('reads gitignore lines: comments, blanks, trailing spaces, escapes, negation, folders, anchoring', () => {
    const lines = parseIgnoreFile('# secrets\n\n*.local   \n\\#notes.md\n\\!bang.txt\n!keep.local\nbuild/\n/top.txt\ndocs/*.md\n   \n');
    assert.deepEqual(lines.map(({ line, pattern, negated, dirOnly, glob }) => [line, pattern, negated, dirOnly, glob]), [
      [3, '*.local', false, false, '**/*.local'],
      [4, '#notes.md', false, false, '**/#notes.md'],
      [5, '!bang.txt', false, false, '**/!bang.txt'],
      [6, 'keep.local', true, false, '**/keep.local'],
      [7, 'build/', false, true, '**/build'],
      [8, '/top.txt', false, false, 'top.txt'],
      [9, 'docs/*.md', false, false, 'docs/*.md'],
    ]);
  });

  const ignore = (text: string, dir = '/work/app', path = '.tandemignore') => ({ dir, path, text });

  it('excludes what its lines match, relative to its folder, naming the file and the line', () => {
    const policy = new ExclusionPolicy({ ...NONE, ignoreFiles: [ignore('# private\ndrafts/\n/top-secret.md\nnotes/*.txt\n')] });
    assert.equal(ruleOf(policy.check(inApp('drafts/plan.ts'))), '"drafts/" in .tandemignore line 2');
    assert.equal(ruleOf(policy.check(inApp('src/drafts/plan.ts'))), '"drafts/" in .tandemignore line 2', 'no slash before the end: any depth');
    assert.equal(ruleOf(policy.check(inApp('top-secret.md'))), '"/top-secret.md" in .tandemignore line 3');
    assert.equal(ruleOf(policy.check(inApp('docs/top-secret.md'))), undefined, 'a leading slash anchors to the folder');
    assert.equal(ruleOf(policy.check(inApp('notes/a.txt'))), '"notes/*.txt" in .tandemignore line 4');
    assert.equal(ruleOf(policy.check(inApp('drafts'))), undefined, 'a trailing slash means folders only');
    assert.equal(ruleOf(policy.check({ absolute: '/work/other/drafts/plan.ts' })), undefined, 'only below its own folder');
  });

  it('lets "!" take back what an earlier .tandemignore line matched, as git does', () => {
    const policy = new ExclusionPolicy({ ...NONE, ignoreFiles: [ignore('notes/*\n!notes/README.md\n*.log\n!keep.log\n')] });
    assert.equal(ruleOf(policy.check(inApp('notes/plan.md'))), '"notes/*" in .tandemignore line 1');
    assert.equal(ruleOf(policy.check(inApp('notes/README.md'))), undefined);
    assert.equal(ruleOf(policy.check(inApp('keep.log'))), undefined);
    assert.equal(ruleOf(policy.check(inApp('other.log'))), '"*.log" in .tandemignore line 3');
  });

  it('cannot take back a file inside an excluded folder (git cannot either)', () => {
    const policy = new ExclusionPolicy({ ...NONE, ignoreFiles: [ignore('private/\n!private/ok.ts\n')] });
    assert.equal(ruleOf(policy.check(inApp('private/ok.ts'))), '"private/" in .tandemignore line 1');
  });

  it('never takes back a built-in or a tandem.exclude rule', () => {
    const policy = new ExclusionPolicy({ user: ['*.draft'], workspace: ['data/**'], ignoreFiles: [ignore('!.env\n!*.draft\n!data/**\n!**\n')] });
    assert.equal(ruleOf(policy.check(inApp('.env'))), 'the built-in rule ".env"');
    assert.equal(ruleOf(policy.check(inApp('id_rsa'))), 'the built-in rule "id_* (SSH private keys)"');
    assert.equal(ruleOf(policy.check(inApp('notes.draft'))), '"*.draft" in tandem.exclude (user settings)');
    assert.equal(ruleOf(policy.check(inApp('data/x.csv'))), '"data/**" in tandem.exclude (workspace settings)');
  });

  it("adds a nested file's lines below its folder; the deeper file wins, as in git", () => {
    const policy = new ExclusionPolicy({
      ...NONE,
      ignoreFiles: [ignore('!generated.ts\n', '/work/app/pkg', 'pkg/.tandemignore'), ignore('generated.ts\n*.sql\n')],
    });
    assert.equal(ruleOf(policy.check(inApp('src/generated.ts'))), '"generated.ts" in .tandemignore line 1');
    assert.equal(ruleOf(policy.check(inApp('pkg/generated.ts'))), undefined);
    assert.equal(ruleOf(policy.check(inApp('pkg/db/schema.sql'))), '"*.sql" in .tandemignore line 2');
  });
});
