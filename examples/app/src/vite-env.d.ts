// `import.meta.env` (DEV, PROD, MODE) in the sample app, as Vite defines it.
/// <reference types="vite/client" />
