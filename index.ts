// The package's main entry: the core and the operators. `./operators` is the operators alone.
export * from './src/index.js';
export * from './operators/index.js';
