import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The catalog is read from disk once per worker; two workers match the CI machine.
    pool: "threads",
    testTimeout: 30_000,
  },
});
