// The vscode module, re-exported once for the whole bundle: esbuild.js points every `import … from 'vscode'`
// in src/ here. Otherwise each of the ~70 files that import it gets its own interop copy of the API object's
// hundreds of properties when the bundle loads (~10 ms of activation, measured).
export * from 'vscode';
