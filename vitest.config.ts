import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The catalog is read from disk once per worker; two workers match the CI machine.
    pool: "threads",
    testTimeout: 30_000,
    // A developer's own catalog cache (leash catalog sync) must not change what tests see.
    env: { LEASH_NO_USER_CATALOG: "1" },
  },
});
