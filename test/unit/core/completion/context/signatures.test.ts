import assert from 'node:assert/strict';
import { signatureOutline } from '../../../../../src/core/completion/context/signatures';
import { CJS_MODULE, PY_MODULE, TS_MODULE, TS_OUTLINE } from './signatures.fixtures';

const lines = (...l: string[]): string => l.join('\n');

describe('completion context: signatureOutline', () => {
  it('outlines a realistic TypeScript module', () => {
    assert.equal(signatureOutline(TS_MODULE, 'typescript', 100), TS_OUTLINE);
  });

  it('stops at maxLines, mid-declaration if need be', () => {
    assert.equal(signatureOutline(TS_MODULE, 'typescript', 11), TS_OUTLINE.split('\n').slice(0, 11).join('\n'));
    assert.equal(signatureOutline(TS_MODULE, 'typescript', 0), '');
  });

  it('gives the same outline for the same text', () => {
    assert.equal(signatureOutline(TS_MODULE, 'typescriptreact', 40), signatureOutline(TS_MODULE, 'typescriptreact', 40));
  });

  it('outlines a CommonJS module', () => {
    assert.equal(
      signatureOutline(CJS_MODULE, 'javascript', 100),
      lines(
        'function joinParts(parts, sep = SEPARATOR) { … }',
        'const normalise = (p) => path.normalize(p);',
        'const readAsync = async function (file) { … }',
        'class Walker {',
        '  constructor(root) { … }',
        '  *walk(dir = this.root) { … }',
        '  static create(root) { … }',
        '}',
        'module.exports = { joinParts, normalise, Walker };',
        "exports.VERSION = '1.0';",
      ),
    );
  });

  it('keeps type literals in a signature and cuts only the body', () => {
    const text = lines(
      'export function pick(a: { x: number }, b: string): { y: string } {',
      '  return { y: b };',
      '}',
      'export function overload(a: string): void;',
      'export const handler = async ({ id }: { id: string }) => {',
      '  await run(id);',
      '};',
      'export function f() { return 1; }',
    );
    assert.equal(
      signatureOutline(text, 'typescript', 20),
      lines(
        'export function pick(a: { x: number }, b: string): { y: string } { … }',
        'export function overload(a: string): void;',
        'export const handler = async ({ id }: { id: string }) => { … }',
        'export function f() { … }',
      ),
    );
  });

  it('keeps destructured parameters over several lines whole', () => {
    const text = lines('export function Button({', '  label,', '  onClick,', '}: ButtonProps): JSX.Element {', '  return <button onClick={onClick}>{label}</button>;', '}');
    assert.equal(signatureOutline(text, 'typescriptreact', 20), lines('export function Button({', '  label,', '  onClick,', '}: ButtonProps): JSX.Element { … }'));
  });

  it('leaves out a long call spread over lines rather than taking it as a signature', () => {
    const body = Array.from({ length: 12 }, (_, i) => `  key${i}: ${i},`);
    const text = lines('export const store = createStore({', ...body, '});', 'export function after(): void {}');
    assert.equal(signatureOutline(text, 'typescript', 20), lines('export const store = createStore({', 'export function after(): void { … }'));
  });

  it('ignores declarations in comments and strings, and braces in strings', () => {
    const text = lines(
      '// export function commented(): void {}',
      '/*',
      'export class InBlockComment {}',
      '*/',
      "const template = `export function inTemplate() { ${'{'}`;",
      "export const open = '{';",
      'export function real(): void {}',
    );
    assert.equal(signatureOutline(text, 'typescript', 20), lines("export const open = '{';", 'export function real(): void { … }'));
  });

  it('does not outline members of classes nested in functions, nor private ones', () => {
    const text = lines(
      'export class A {',
      '  #hidden = 1;',
      '  private secret(): void {}',
      '  protected visible(): void {}',
      '  [key: string]: unknown;',
      '}',
      'function make() {',
      '  class Inner {',
      '    method() {}',
      '  }',
      '}',
    );
    assert.equal(signatureOutline(text, 'typescript', 20), lines('export class A {', '  protected visible(): void { … }', '  [key: string]: unknown;', '}', 'function make() { … }'));
  });

  it('outlines a realistic Python module', () => {
    assert.equal(
      signatureOutline(PY_MODULE, 'python', 100),
      lines(
        'class Invoice:',
        '    def total(self) -> int:',
        '    def with_amount(self, amount_cents: int) -> "Invoice":',
        'class InvoiceStore(Base, metaclass=Registry):',
        '    def __init__(self, path: str, *, create: bool = False) -> None:',
        '    async def fetch(self, number: str, default: Optional[Invoice] = None) -> Optional[Invoice]:',
        '    def label(self, sep: str = ": ") -> str:',
        'def format_cents(cents: int, currency: str = "EUR") -> str:',
        '    def pad(n):',
      ),
    );
  });

  it('caps a Python outline at maxLines', () => {
    assert.equal(signatureOutline(PY_MODULE, 'python', 2), lines('class Invoice:', '    def total(self) -> int:'));
  });

  it('joins a Python parameter list without a trailing comma, keeping nested brackets', () => {
    const text = lines('def build(', '    items: list[dict[str, int]],', '    *args,', '    **kwargs', '):', '    pass');
    assert.equal(signatureOutline(text, 'python', 5), 'def build(items: list[dict[str, int]], *args, **kwargs):');
  });

  it('outlines Go by keywords', () => {
    const text = lines(
      'package store',
      '',
      'type Store struct {',
      '\titems map[string]int // func inside a comment',
      '}',
      '',
      'func (s *Store) Get(key string) (int, bool) {',
      '\treturn s.items[key]',
      '}',
    );
    assert.equal(signatureOutline(text, 'go', 10), lines('type Store struct { … }', 'func (s *Store) Get(key string) (int, bool) { … }'));
  });

  it('outlines Rust by keywords, lifetimes included', () => {
    const text = lines(
      'pub struct Config {',
      '    pub name: String,',
      '}',
      'impl Config {',
      '    pub fn new(name: &str) -> Self {',
      '        Config { name: name.to_string() }',
      '    }',
      '}',
      "pub(crate) async fn load<'a>(path: &'a str) -> Result<Config, Error> {",
      '    todo!()',
      '}',
      'pub trait Source {',
      '    fn read(&self) -> String;',
      '}',
    );
    assert.equal(
      signatureOutline(text, 'rust', 10),
      lines(
        'pub struct Config { … }',
        'impl Config { … }',
        '    pub fn new(name: &str) -> Self { … }',
        "pub(crate) async fn load<'a>(path: &'a str) -> Result<Config, Error> { … }",
        'pub trait Source { … }',
        '    fn read(&self) -> String;',
      ),
    );
  });

  it('outlines Java public declarations and leaves private ones out', () => {
    const text = lines(
      'public class UserService {',
      '    private final UserRepository repo;',
      '    public User find(long id) {',
      '        return repo.findById(id);',
      '    }',
      '    private void audit(String message) {',
      '        log(message);',
      '    }',
      '    public static final int LIMIT = 10;',
      '}',
    );
    assert.equal(signatureOutline(text, 'java', 10), lines('public class UserService { … }', '    public User find(long id) { … }'));
  });
});
