// A worker's entry point must be JavaScript on Node 20 (its format is decided before any
// loader runs); this one registers the TypeScript loader and runs the worker.
import { register } from "tsx/esm/api";

register();
await import("./fuzz-worker.ts");
